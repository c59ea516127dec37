import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, openWatchedApp } from './helpers.js';

/*
 * Requests that arrive together, as they do from two tabs, a phone and an
 * import: every one must succeed or be refused with a 4xx, and the derived
 * numbers (counts, last contact) must equal what the rows say. SQLite runs
 * one writer at a time; PostgreSQL really runs these in parallel.
 */

const N = 6;

describe.each(DIALECTS)('concurrent requests on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    // Close first: a failed expectation must not leave the database behind.
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  /** Status of each settled client call: 'ok' or the HTTP status of the error. */
  const outcomes = async (calls: Promise<unknown>[]) =>
    (await Promise.allSettled(calls)).map((r) =>
      r.status === 'fulfilled' ? 'ok' : ((r.reason as { status?: number }).status ?? String(r.reason)),
    );
  const person = async () => (await t.client.createPerson({ body: buildPerson() })).id;

  it('counts every interaction logged at once with the same person', async () => {
    const p = await person();
    const results = await outcomes(
      Array.from({ length: N }, (_, i) =>
        t.client.createInteraction({
          body: { kind: 'call', summary: `call ${i}`, occurredAt: `2025-01-0${i + 1}T09:00:00Z`, participantIds: [p] },
        }),
      ),
    );
    expect(results).toEqual(Array(N).fill('ok'));
    const after = await t.client.getPerson({ params: { id: p } });
    expect({ count: after.interactionCount, last: after.lastInteractionAt }).toEqual({
      count: N,
      last: `2025-01-0${N}T09:00:00.000Z`,
    });
  });

  it('logs interactions that share people in different orders without deadlocking', async () => {
    const people = [await person(), await person(), await person()];
    const results = await outcomes(
      Array.from({ length: N }, (_, i) =>
        t.client.createInteraction({
          body: { kind: 'meeting', summary: `m ${i}`, participantIds: i % 2 ? [...people] : [...people].reverse() },
        }),
      ),
    );
    expect(results).toEqual(Array(N).fill('ok'));
    for (const id of people) {
      expect((await t.client.getPerson({ params: { id } })).interactionCount).toBe(N);
    }
  });

  it('creates a new tag once when several people bring it at the same time', async () => {
    const results = await outcomes(
      Array.from({ length: N }, () => t.client.createPerson({ body: buildPerson({ tags: ['arrived-together'] }) })),
    );
    expect(results).toEqual(Array(N).fill('ok'));
    const tags = (await t.client.listTags({})).items.filter((x) => x.name === 'arrived-together');
    expect(tags.map((x) => x.peopleCount)).toEqual([N]);
  });

  it('answers 409, not 500, to the losers of a race to create the same tag', async () => {
    const results = await outcomes(Array.from({ length: 3 }, () => t.client.createTag({ body: { name: 'Raced' } })));
    expect([...results].sort()).toEqual([409, 409, 'ok']);
  });

  it('creates an organisation named by several new people at once only once', async () => {
    const results = await outcomes(
      Array.from({ length: N }, () =>
        t.client.createPerson({ body: buildPerson({ organisationName: 'Together Ltd' }) }),
      ),
    );
    expect(results).toEqual(Array(N).fill('ok'));
    const orgs = await t.client.listOrganisations({ query: { q: 'together ltd' } });
    expect(orgs.items.map((o) => o.peopleCount)).toEqual([N]);
  });
});
