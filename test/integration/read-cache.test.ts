import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/contract/client.js';
import { type Db, openDb } from '../../src/storage/db.js';
import { type TestApp, injectTransport, openTestApp } from '../support/app.js';
import { Browser } from '../support/browser.js';
import { DAY, MINUTE, TestClock } from '../support/clock.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { expectApiError } from './helpers.js';

/*
 * The read cache (src/http/read-cache.ts) serves the person page and Today
 * again while the database's change stamp is unchanged. Each test reads twice
 * (the second read must come from the cache: the hit counter says so), changes
 * something, and reads again: the answer must be the new one.
 */
describe.each(DIALECTS)('read cache on %s', (dialect) => {
  let t: TestApp;
  /** A second connection to the same database, as the CLI or another instance has. */
  let other: Db;
  const clock = new TestClock(Date.parse('2026-11-26T23:50:00.000Z'));

  beforeAll(async () => {
    t = await openTestApp(dialect, { clock, sqliteFile: true });
    other = await openDb(t.db.url);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  const hits = () => t.app.readCache.stats.hits;
  /**
   * Reads the person until a read is a cache hit, so that a cached body exists for the next
   * write to make stale. On SQLite the second read is one. PostgreSQL's stamp is the cluster's
   * snapshot, which other databases' transactions (other test files) also move: try a few times.
   */
  async function readTwice(id: string) {
    return readUntilCached(() => t.client.getPerson({ params: { id } }));
  }
  async function readUntilCached<T>(read: () => Promise<T>): Promise<T> {
    const first = await read();
    for (let attempt = 0; attempt < (dialect === 'sqlite' ? 1 : 50); attempt++) {
      const before = hits();
      const again = await read();
      expect(again).toEqual(first);
      if (hits() === before + 1) return again;
    }
    throw new Error('no read came from the cache');
  }

  it('is on, and answers a repeated read with the same body and ETag', async () => {
    const p = await t.client.createPerson({ body: buildPerson({ fullName: 'Cached Carla' }) });
    await readTwice(p.id);
    const a = await t.app.inject({ method: 'GET', url: `/api/v1/people/${p.id}` });
    const b = await t.app.inject({ method: 'GET', url: `/api/v1/people/${p.id}` });
    expect(b.statusCode).toBe(200);
    expect(b.headers.etag).toBe('"1"');
    expect(b.headers['content-type']).toBe(a.headers['content-type']);
    expect(b.body).toBe(a.body);
  });

  it('shows every write made through the API at once', async () => {
    const p = await t.client.createPerson({ body: buildPerson({ fullName: 'Before Rename' }) });
    await readTwice(p.id);
    const renamed = await t.client.updatePerson({
      params: { id: p.id },
      body: { version: 1, fullName: 'After Rename' },
    });
    expect((await readTwice(p.id)).fullName).toBe('After Rename');

    // A write to another table than people: the person's interactions.
    await t.client.createInteraction({ body: { kind: 'call', summary: 'Caught up', participantIds: [p.id] } });
    expect((await readTwice(p.id)).interactionCount).toBe(1);

    await t.client.updatePerson({
      params: { id: p.id },
      body: { version: renamed.version, tags: ['cached-tag'] },
    });
    expect((await readTwice(p.id)).tags).toEqual(['cached-tag']);

    await t.client.deletePerson({ params: { id: p.id } });
    expect((await readTwice(p.id)).deletedAt).not.toBeNull();
  });

  it('serves the insights and the duplicate suggestions again, and recomputes them after a write', async () => {
    const email = 'twice.cached@example.test';
    const a = await t.client.createPerson({
      body: buildPerson({ fullName: 'Twice Cached', emails: [{ value: email }] }),
    });
    const b = await t.client.createPerson({
      body: buildPerson({ fullName: 'Twice Kached', emails: [{ value: email }] }),
    });
    const duplicates = () => t.client.listDuplicates({ query: {} });
    const pairOf = (list: Awaited<ReturnType<typeof duplicates>>) =>
      list.items.filter((s) => [s.a.id, s.b.id].sort().join() === [a.id, b.id].sort().join());
    expect(pairOf(await readUntilCached(duplicates))).toHaveLength(1);
    await t.client.dismissDuplicate({ body: { a: a.id, b: b.id } });
    expect(pairOf(await readUntilCached(duplicates))).toHaveLength(0);

    const weeklyRead = () => t.client.weeklyInsights({ query: {} });
    const others: (() => Promise<unknown>)[] = [
      () => t.client.growthInsights({ query: {} }),
      () => t.client.channelInsights({ query: {} }),
      () => t.client.strengthInsights({ query: {} }),
      () => t.client.coolingInsights({ query: {} }),
      () => t.client.opportunityInsights({ query: {} }),
    ];
    for (const read of others) await readUntilCached(read);
    const weekly = await readUntilCached(weeklyRead);
    await t.client.createInteraction({ body: { kind: 'call', summary: 'Counted at once', participantIds: [a.id] } });
    expect((await readUntilCached(weeklyRead)).total).toBe(weekly.total + 1);
  });

  it('shows a write made by another connection to the same database (the CLI, another instance)', async () => {
    const p = await t.client.createPerson({ body: buildPerson({ fullName: 'Outside Otto' }) });
    await readTwice(p.id);
    await other.kysely
      .updateTable('people')
      .set({ fullName: 'Changed Elsewhere' })
      .where('workspaceId', '=', t.owner.user.workspaceId)
      .where('id', '=', p.id)
      .execute();
    expect((await t.client.getPerson({ params: { id: p.id } })).fullName).toBe('Changed Elsewhere');

    const today = await t.client.getToday({ query: {} });
    await t.client.getToday({ query: {} });
    await other.kysely
      .insertInto('people')
      .values({
        ...(await t.db.kysely.selectFrom('people').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow()),
        id: '01900000-0000-7000-8000-00000000c0de',
        fullName: 'Due Elsewhere',
        circle: 'inner',
        nextDueOn: '2026-01-01',
        deletedAt: null,
      })
      .execute();
    const after = await t.client.getToday({ query: {} });
    expect(after.due.total).toBe(today.due.total + 1);
    expect(after.due.items.map((d) => d.fullName)).toContain('Due Elsewhere');
  });

  it('never answers with a transaction that was rolled back', async () => {
    const p = await t.client.createPerson({ body: buildPerson({ fullName: 'Steady Stella' }) });
    await readTwice(p.id);
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let entered: () => void = () => {};
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    const tx = t.db.kysely
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('people')
          .set({ fullName: 'Never Committed' })
          .where('workspaceId', '=', t.owner.user.workspaceId)
          .where('id', '=', p.id)
          .execute();
        entered();
        await held;
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await inside;
    const during = t.client.getPerson({ params: { id: p.id } });
    await new Promise((r) => setTimeout(r, 20));
    release();
    await tx;
    expect((await during).fullName).toBe('Steady Stella');
    expect((await t.client.getPerson({ params: { id: p.id } })).fullName).toBe('Steady Stella');
  });

  it('gives one user nothing of another user’s cached answers', async () => {
    const b = await t.createUser();
    const p = await t.client.createPerson({ body: buildPerson({ fullName: 'Private Paula' }) });
    await readTwice(p.id);
    await expectApiError(b.client.getPerson({ params: { id: p.id } }), 404, 'not_found');
    const mine = await t.client.getToday({ query: {} });
    await t.client.getToday({ query: {} });
    const theirs = await b.client.getToday({ query: {} });
    expect(theirs.due.total).toBe(0);
    expect(mine.due.total).toBeGreaterThan(0);
    expect(JSON.stringify(theirs)).not.toContain('Private Paula');
  });

  it('refuses a revoked token at once, through the API and from another connection', async () => {
    const p = await t.client.createPerson({ body: buildPerson() });
    const as = (token: string) => createClient(injectTransport(t.app, { authorization: `Bearer ${token}` }));
    const one = await t.client.createToken({ body: { name: 'Revoked by the API', scope: 'read' } });
    await as(one.token).getPerson({ params: { id: p.id } });
    await as(one.token).getPerson({ params: { id: p.id } });
    await t.client.revokeToken({ params: { id: one.id } });
    await expectApiError(as(one.token).getPerson({ params: { id: p.id } }), 401, 'invalid_token');

    const two = await t.client.createToken({ body: { name: 'Revoked elsewhere', scope: 'read' } });
    await as(two.token).getPerson({ params: { id: p.id } });
    await as(two.token).getPerson({ params: { id: p.id } });
    await other.kysely
      .updateTable('apiTokens')
      .set({ revokedAt: clock.now().toISOString() })
      .where('id', '=', two.id)
      .execute();
    await expectApiError(as(two.token).getPerson({ params: { id: p.id } }), 401, 'invalid_token');

    // Writes read the token and its user in one statement, without the cache: the same at once.
    const three = await t.client.createToken({ body: { name: 'Writes, then revoked', scope: 'write' } });
    const logged = await as(three.token).createInteraction({
      body: { kind: 'message', summary: 'Written with a token', participantIds: [p.id] },
    });
    expect(logged.participants.map((x) => x.id)).toEqual([p.id]);
    expect(await as(three.token).getMe({})).toEqual(await t.client.getMe({}));
    await other.kysely
      .updateTable('apiTokens')
      .set({ revokedAt: clock.now().toISOString() })
      .where('id', '=', three.id)
      .execute();
    await expectApiError(
      as(three.token).createInteraction({ body: { kind: 'message', summary: 'Refused', participantIds: [p.id] } }),
      401,
      'invalid_token',
    );
  });

  it('ends a session at once when it is signed out, or ended by another connection', async () => {
    const p = await t.client.createPerson({ body: buildPerson() });
    const url = `/api/v1/people/${p.id}`;
    const browser = new Browser(t.anonymousApp);
    expect((await browser.login(t.owner.user.email, t.owner.password)).statusCode).toBe(200);
    expect((await browser.request('GET', url)).statusCode).toBe(200);
    expect((await browser.request('GET', url)).statusCode).toBe(200);
    const jar = new Map(browser.cookies);
    expect((await browser.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    const replay = new Browser(t.anonymousApp);
    for (const [k, v] of jar) replay.cookies.set(k, v);
    expect((await replay.request('GET', url)).statusCode).toBe(401);

    const second = new Browser(t.anonymousApp);
    await second.login(t.owner.user.email, t.owner.password);
    expect((await second.request('GET', url)).statusCode).toBe(200);
    expect((await second.request('GET', url)).statusCode).toBe(200);
    await other.kysely.updateTable('sessions').set({ revokedAt: clock.now().toISOString() }).execute();
    expect((await second.request('GET', url)).statusCode).toBe(401);
  });

  it('moves Today to the next day when the clock does, with nothing written', async () => {
    const before = await t.client.getToday({ query: {} });
    expect((await t.client.getToday({ query: {} })).date).toBe(before.date);
    clock.advance(15 * MINUTE);
    const after = await t.client.getToday({ query: {} });
    expect(before.date).toBe('2026-11-26');
    expect(after.date).toBe('2026-11-27');
    clock.advance(DAY);
    expect((await t.client.getToday({ query: {} })).date).toBe('2026-11-28');
  });

  it('stays correct while reads and writes interleave', async () => {
    const p = await t.client.createPerson({ body: buildPerson({ fullName: 'Busy Bea' }) });
    const reads: Promise<unknown>[] = [];
    for (let i = 1; i <= 20; i++) {
      reads.push(t.client.getPerson({ params: { id: p.id } }));
      await t.client.createInteraction({ body: { kind: 'message', summary: `note ${i}`, participantIds: [p.id] } });
      reads.push(t.client.getPerson({ params: { id: p.id } }));
    }
    await Promise.all(reads);
    expect((await t.client.getPerson({ params: { id: p.id } })).interactionCount).toBe(20);
    const total = await sql<{
      n: number | string;
    }>`select count(*) as n from interaction_participants where person_id = ${p.id}`.execute(t.db.kysely);
    expect(Number(total.rows[0]?.n)).toBe(20);
  });
});
