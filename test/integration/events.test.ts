import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectApiError, openWatchedApp } from './helpers.js';

/*
 * Events on both databases: create and change, plan and meet people (the quick
 * add that creates or matches a person), the follow-up checklist with its
 * rate, and "who did I meet at X" from the person.
 */

const today = () => new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)('events on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  const event = (name = 'DevConf') =>
    t.client.createEvent({
      body: {
        name,
        kind: 'conference',
        startsOn: today(),
        place: 'Brno',
        goals: 'Meet three people working on climate tech',
      },
    });

  it('creates, reads, lists and changes an event', async () => {
    const e = await event();
    expect(e).toMatchObject({
      name: 'DevConf',
      kind: 'conference',
      startsOn: today(),
      endsOn: today(),
      place: 'Brno',
      counts: { planned: 0, met: 0, followedUp: 0, followUpRate: null },
      people: [],
    });
    const changed = await t.client.updateEvent({
      params: { id: e.id },
      body: { version: e.version, endsOn: '2099-01-02', url: 'https://devconf.example/2026' },
    });
    expect(changed).toMatchObject({ endsOn: '2099-01-02', url: 'https://devconf.example/2026', version: 2 });
    const list = await t.client.listEvents({ query: { when: 'upcoming' } });
    expect(list.items.map((x) => x.id)).toContain(e.id);
    await expectApiError(
      t.client.updateEvent({ params: { id: e.id }, body: { version: 1, name: 'x' } }),
      412,
      'stale_version',
    );
    await t.client.deleteEvent({ params: { id: e.id } });
    await expectApiError(t.client.getEvent({ params: { id: e.id } }), 404, 'not_found');
  });

  it('quick-adds people met: creates the new, matches by email or LinkedIn, and links them', async () => {
    const e = await event('RustFest');
    const known = await t.client.createPerson({
      body: buildPerson({
        emails: [{ value: 'Li.Wei@example.com' }],
        links: [{ url: 'https://www.linkedin.com/in/liwei/' }],
      }),
    });
    const fresh = await t.client.metEventPerson({
      params: { id: e.id },
      body: { fullName: 'Ana Ruiz', context: 'Rust payments at Acme', linkedinUrl: 'https://linkedin.com/in/anaruiz' },
    });
    expect(fresh).toMatchObject({
      created: true,
      matchedBy: null,
      entry: { role: 'met', context: 'Rust payments at Acme' },
    });
    const ana = await t.client.getPerson({ params: { id: fresh.entry.person.id } });
    expect(ana.howWeMet).toMatchObject({
      channel: 'conference',
      event: 'RustFest',
      date: today(),
      context: 'Rust payments at Acme',
    });
    expect(ana.links[0]?.url).toBe('https://linkedin.com/in/anaruiz');
    const byEmail = await t.client.metEventPerson({
      params: { id: e.id },
      body: { fullName: 'Li W.', email: 'li.wei@EXAMPLE.com' },
    });
    expect(byEmail).toMatchObject({ created: false, matchedBy: 'email', entry: { person: { id: known.id } } });
    const byLink = await t.client.metEventPerson({
      params: { id: e.id },
      body: { fullName: 'Li', linkedinUrl: 'http://linkedin.com/in/LIWEI' },
    });
    expect(byLink).toMatchObject({ created: false, matchedBy: 'linkedin' });
    const detail = await t.client.getEvent({ params: { id: e.id } });
    expect(detail.counts).toMatchObject({ met: 2, followedUp: 0 });
    const events = await t.client.listPersonEvents({ params: { id: known.id } });
    expect(events.items).toEqual([
      expect.objectContaining({ event: expect.objectContaining({ id: e.id, name: 'RustFest' }), role: 'met' }),
    ]);
  });

  it('keeps planned apart from met, and a planned person met later becomes met', async () => {
    const e = await event('Climate meetup');
    const p = await t.client.createPerson({ body: buildPerson() });
    const planned = await t.client.planEventPerson({
      params: { id: e.id },
      body: { personId: p.id, context: 'ask about grid storage' },
    });
    expect(planned).toMatchObject({ role: 'planned', metAt: null });
    let d = await t.client.getEvent({ params: { id: e.id } });
    expect(d.counts).toMatchObject({ planned: 1, met: 0, followUpRate: null });
    await expectApiError(
      t.client.followUpEventPerson({ params: { id: e.id, personId: p.id }, body: {} }),
      409,
      'not_met',
    );
    const met = await t.client.metEventPerson({ params: { id: e.id }, body: { personId: p.id } });
    expect(met).toMatchObject({ matchedBy: 'id', entry: { role: 'met', context: 'ask about grid storage' } });
    d = await t.client.getEvent({ params: { id: e.id } });
    expect(d.counts).toMatchObject({ planned: 0, met: 1 });
    await t.client.planEventPerson({ params: { id: e.id }, body: { personId: p.id } });
    d = await t.client.getEvent({ params: { id: e.id } });
    expect(d.people[0]?.role).toBe('met');
  });

  it('keeps a follow-up checklist with its completion rate, logging an interaction or linking one', async () => {
    const e = await event('PyCon');
    const ids: string[] = [];
    for (const name of ['Ana', 'Bo', 'Cy']) {
      const r = await t.client.metEventPerson({ params: { id: e.id }, body: { fullName: `${name} Checklist` } });
      ids.push(r.entry.person.id);
    }
    const [a, b, c] = ids as [string, string, string];
    const done = await t.client.followUpEventPerson({ params: { id: e.id, personId: a }, body: {} });
    expect(done.followedUpAt).not.toBeNull();
    const logged = await t.client.getInteraction({ params: { id: done.followUpInteractionId ?? '' } });
    expect(logged).toMatchObject({ kind: 'message', summary: 'Followed up after PyCon' });
    let d = await t.client.getEvent({ params: { id: e.id } });
    expect(d.counts).toMatchObject({ met: 3, followedUp: 1, followUpRate: 0.333 });
    expect(d.people.map((p) => p.person.id).at(-1)).toBe(a);

    const own = await t.client.createInteraction({
      body: { kind: 'email', summary: 'Sent slides', participantIds: [b] },
    });
    const linked = await t.client.followUpEventPerson({
      params: { id: e.id, personId: b },
      body: { interactionId: own.id },
    });
    expect(linked.followUpInteractionId).toBe(own.id);
    const again = await t.client.followUpEventPerson({ params: { id: e.id, personId: b }, body: {} });
    expect(again.followUpInteractionId).toBe(own.id);
    const custom = await t.client.followUpEventPerson({
      params: { id: e.id, personId: c },
      body: { log: { kind: 'email', summary: 'Thanks for the chat', exchange: 'give', exchangeKind: 'shared' } },
    });
    expect((await t.client.getInteraction({ params: { id: custom.followUpInteractionId ?? '' } })).exchange).toBe(
      'give',
    );
    d = await t.client.getEvent({ params: { id: e.id } });
    expect(d.counts).toMatchObject({ followedUp: 3, followUpRate: 1 });
    const undone = await t.client.undoEventFollowUp({ params: { id: e.id, personId: c } });
    expect(undone.followedUpAt).toBeNull();
    await t.client.removeEventPerson({ params: { id: e.id, personId: c } });
    d = await t.client.getEvent({ params: { id: e.id } });
    expect(d.counts).toMatchObject({ met: 2, followedUp: 2, followUpRate: 1 });
  });

  it('refuses bad input with clear problems', async () => {
    const e = await event('Bad input');
    const before = await expectApiError(
      t.client.createEvent({ body: { name: 'Backwards', startsOn: '2026-05-02', endsOn: '2026-05-01' } }),
      400,
      'validation_failed',
    );
    expect(before.errors).toEqual([
      { path: 'body.endsOn', message: 'must be on or after the start date (2026-05-02)' },
    ]);
    const kind = await expectApiError(
      // biome-ignore lint/suspicious/noExplicitAny: a kind that does not exist, on purpose
      t.client.createEvent({ body: { name: 'x', startsOn: '2026-05-02', kind: 'rave' as any } }),
      400,
      'validation_failed',
    );
    expect(kind.errors?.[0]?.path).toBe('body.kind');
    await expectApiError(
      t.client.createEvent({ body: { name: 'x', startsOn: '2026-02-30' } }),
      400,
      'validation_failed',
    );
    await expectApiError(
      t.client.updateEvent({ params: { id: e.id }, body: { version: e.version, endsOn: '2000-01-01' } }),
      400,
      'validation_failed',
    );
    const unknown = '0192f7c4-8a1e-7c3b-9d2e-1f2a3b4c5d6e';
    const nobody = await expectApiError(
      t.client.metEventPerson({ params: { id: e.id }, body: { personId: unknown } }),
      400,
      'validation_failed',
    );
    expect(nobody.errors).toEqual([{ path: 'body.personId', message: 'no such person in this workspace' }]);
    await expectApiError(
      t.client.planEventPerson({ params: { id: e.id }, body: { personId: unknown } }),
      400,
      'validation_failed',
    );
    await expectApiError(
      t.client.metEventPerson({ params: { id: unknown }, body: { fullName: 'Ana' } }),
      404,
      'not_found',
    );
    await expectApiError(
      t.client.followUpEventPerson({ params: { id: e.id, personId: unknown }, body: {} }),
      404,
      'not_found',
    );
    await expectApiError(t.client.listPersonEvents({ params: { id: unknown } }), 404, 'not_found');
    await expectApiError(t.client.metEventPerson({ params: { id: e.id }, body: {} }), 400, 'validation_failed');
    await expectApiError(
      t.client.metEventPerson({ params: { id: e.id }, body: { fullName: 'Ana', email: 'not-an-email' } }),
      400,
      'validation_failed',
    );
    await expectApiError(
      t.client.metEventPerson({ params: { id: e.id }, body: { fullName: 'Ana', linkedinUrl: 'javascript:alert(1)' } }),
      400,
      'validation_failed',
    );
  });
});
