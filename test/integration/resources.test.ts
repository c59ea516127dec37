import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectApiError, openWatchedApp } from './helpers.js';

/*
 * Resources on both databases: the library with topics, sharing that logs a
 * give per person and never sends the same thing twice, and "who should get
 * this?" that prefers people due and leaves out who already got it.
 */

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

describe.each(DIALECTS)('resources on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  let n = 0;
  const resource = (topics: string[], title = 'Async Rust in practice') =>
    t.client.createResource({ body: { url: `https://blog.example/post-${++n}`, title, kind: 'talk', topics } });
  const person = (topics: string[], circle: 'inner' | 'close' | 'wider' | 'none' = 'wider') =>
    t.client.createPerson({ body: buildPerson({ topics, circle }) });

  it('saves, lists by topic and words, finds by address, changes and deletes resources', async () => {
    const r = await t.client.createResource({
      body: { url: 'https://www.example.com/papers/crdt/', note: 'Best CRDT intro', topics: ['CRDTs', 'Local-first'] },
    });
    expect(r).toMatchObject({
      title: 'example.com/papers/crdt',
      kind: 'article',
      topics: ['CRDTs', 'Local-first'],
      shareCount: 0,
      shares: [],
    });
    const dup = await expectApiError(
      t.client.createResource({ body: { url: 'http://example.com/papers/crdt' } }),
      409,
      'resource_exists',
    );
    expect(dup.detail).toContain(r.id);
    expect((await t.client.listResources({ query: { topic: 'local-first' } })).items.map((x) => x.id)).toEqual([r.id]);
    expect((await t.client.listResources({ query: { q: 'crdt intro' } })).items.map((x) => x.id)).toEqual([r.id]);
    expect(
      (await t.client.listResources({ query: { url: 'https://example.com/papers/crdt?utm=x' } })).items,
    ).toHaveLength(1);
    const changed = await t.client.updateResource({
      params: { id: r.id },
      body: { version: r.version, title: 'CRDTs, the paper', topics: ['CRDTs'] },
    });
    expect(changed).toMatchObject({ title: 'CRDTs, the paper', topics: ['CRDTs'], version: 2 });
    await t.client.deleteResource({ params: { id: r.id } });
    await expectApiError(t.client.getResource({ params: { id: r.id } }), 404, 'not_found');
  });

  it('shares with people: one give per person, a share log, and never twice to the same person', async () => {
    const r = await resource(['Rust']);
    const ana = await person(['Rust']);
    const raj = await person(['Rust']);
    const res = await t.client.shareResource({ params: { id: r.id }, body: { personIds: [ana.id, raj.id] } });
    expect(res.shared.map((s) => s.person.id).sort()).toEqual([ana.id, raj.id].sort());
    expect(res.skipped).toEqual([]);
    const logged = await t.client.getInteraction({ params: { id: res.shared[0]?.interactionId ?? '' } });
    expect(logged).toMatchObject({
      kind: 'article_share',
      exchange: 'give',
      exchangeKind: 'shared',
      summary: 'Shared "Async Rust in practice"',
    });
    expect(logged.participants).toHaveLength(1);
    expect((await t.client.getPerson({ params: { id: ana.id } })).exchange.gives).toBe(1);

    const li = await person(['Rust']);
    const refused = await expectApiError(
      t.client.shareResource({ params: { id: r.id }, body: { personIds: [li.id, ana.id] } }),
      409,
      'already_shared',
    );
    expect(refused.detail).toContain(`${ana.fullName} already got "Async Rust in practice"`);
    // Nothing was written for Li either.
    let d = await t.client.getResource({ params: { id: r.id } });
    expect(d.shareCount).toBe(2);
    expect((await t.client.listInteractions({ query: { personId: li.id } })).items).toHaveLength(0);

    const skipped = await t.client.shareResource({
      params: { id: r.id },
      body: { personIds: [li.id, ana.id], ifShared: 'skip' },
    });
    expect(skipped.shared.map((s) => s.person.id)).toEqual([li.id]);
    expect(skipped.skipped.map((s) => s.person.id)).toEqual([ana.id]);
    d = await t.client.getResource({ params: { id: r.id } });
    expect(d.shareCount).toBe(3);
    expect(d.shares.map((s) => s.person.id).sort()).toEqual([ana.id, raj.id, li.id].sort());
    expect((await t.client.listInteractions({ query: { personId: ana.id } })).items).toHaveLength(1);
  });

  it('holds "never twice" when two shares race', async () => {
    const r = await resource(['Go']);
    const p = await person(['Go']);
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => t.client.shareResource({ params: { id: r.id }, body: { personIds: [p.id] } })),
    );
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect((await t.client.getResource({ params: { id: r.id } })).shareCount).toBe(1);
    expect((await t.client.listInteractions({ query: { personId: p.id } })).items).toHaveLength(1);
  });

  it('suggests people whose topics match, due first, without those who already got it', async () => {
    const r = await resource(['Climate', 'Energy storage']);
    const both = await person(['climate', 'Energy Storage'], 'none');
    const due = await person(['Climate'], 'inner');
    await t.client.createInteraction({
      body: { kind: 'call', summary: 'Catch-up', participantIds: [due.id], occurredAt: daysAgo(30) },
    });
    const notDue = await person(['Climate'], 'inner');
    await t.client.createInteraction({ body: { kind: 'call', summary: 'Catch-up', participantIds: [notDue.id] } });
    const unrelated = await person(['Knitting']);
    const got = await person(['Climate']);
    await t.client.shareResource({ params: { id: r.id }, body: { personIds: [got.id] } });

    const s = await t.client.suggestResourceRecipients({ params: { id: r.id }, query: {} });
    const ids = s.items.map((i) => i.person.id);
    expect(ids).not.toContain(got.id);
    expect(ids).not.toContain(unrelated.id);
    // Being overdue weighs more than a second matching topic; an extra topic beats not being due.
    expect(ids.slice(0, 3)).toEqual([due.id, both.id, notDue.id]);
    expect(s.items[1]).toMatchObject({
      matchedTopics: ['Climate', 'Energy storage'],
      reason: 'Interested in Climate and Energy storage.',
    });
    expect(s.items[0]?.reason).toMatch(/^Interested in Climate; due for a check-in \(16 days overdue\)\.$/);
    await t.client.shareResource({ params: { id: r.id }, body: { personIds: [both.id] } });
    const after = await t.client.suggestResourceRecipients({ params: { id: r.id }, query: {} });
    expect(after.items.map((i) => i.person.id)).not.toContain(both.id);
  });

  it('refuses bad input with clear problems', async () => {
    const bad = await expectApiError(
      t.client.createResource({ body: { url: 'ftp://files.example/x' } }),
      400,
      'validation_failed',
    );
    expect(bad.errors).toEqual([{ path: 'body.url', message: 'must start with http:// or https://' }]);
    await expectApiError(t.client.createResource({ body: { url: 'not a url' } }), 400, 'validation_failed');
    await expectApiError(t.client.createResource({ body: { url: 'javascript:alert(1)' } }), 400, 'validation_failed');
    const r = await resource(['X']);
    const unknown = '0192f7c4-8a1e-7c3b-9d2e-1f2a3b4c5d6e';
    const nobody = await expectApiError(
      t.client.shareResource({ params: { id: r.id }, body: { personIds: [unknown] } }),
      400,
      'validation_failed',
    );
    expect(nobody.errors).toEqual([{ path: 'body.personIds.0', message: 'no such person in this workspace' }]);
    await expectApiError(
      t.client.shareResource({ params: { id: r.id }, body: { personIds: [] } }),
      400,
      'validation_failed',
    );
    await expectApiError(
      t.client.shareResource({ params: { id: unknown }, body: { personIds: [unknown] } }),
      404,
      'not_found',
    );
    await expectApiError(t.client.suggestResourceRecipients({ params: { id: unknown }, query: {} }), 404, 'not_found');
  });
});
