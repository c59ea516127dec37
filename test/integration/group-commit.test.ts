import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openDb } from '../../src/storage/db.js';
import { groupCommit } from '../../src/storage/group-commit.js';
import { derivedMismatches } from '../support/consistency.js';
import { DIALECTS, openTestDb } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectApiError, openWatchedApp } from './helpers.js';

/*
 * Group commit (src/storage/group-commit.ts): on SQLite concurrent writes share one
 * transaction, each in a savepoint. A write that fails must fail alone — its rows rolled back,
 * the others committed and answered with their own results — and what logging derives
 * (counts, last contact, due dates, weekly counts, the search index) must stay exact.
 */

describe.each(DIALECTS)('group commit on %s', (dialect) => {
  let db: Db;
  let statements: string[] = [];
  const ws = 'group-commit-ws';
  beforeAll(async () => {
    if (dialect === 'sqlite') {
      // Its own connection, to count the transactions the writes took.
      db = await openDb('sqlite::memory:', { onQuery: (s) => statements.push(s) });
      await migrateToLatest(db);
    } else {
      db = await openTestDb(dialect);
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  const weeks = () =>
    db.kysely
      .selectFrom('weeklyActivity')
      .select(['weekStart', 'touches'])
      .where('workspaceId', '=', ws)
      .orderBy('weekStart')
      .execute();

  it('commits the writes that succeed and rolls back only the one that failed', async () => {
    const g = groupCommit(db);
    const put = (weekStart: string, fail = false) =>
      g.run(async (trx) => {
        await trx
          .insertInto('weeklyActivity')
          .values({ workspaceId: ws, weekStart, touches: 1, checkIns: 0 })
          .execute();
        if (fail) throw new Error(`refused ${weekStart}`);
        return weekStart;
      });
    statements = [];
    const results = await Promise.allSettled([
      put('2026-01-05'),
      put('2026-01-12', true), // wrote its row, then failed
      put('2026-01-19'),
      put('2026-01-05'), // the database refuses it: the week is already there
      put('2026-01-26'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : null))).toEqual([
      '2026-01-05',
      null,
      '2026-01-19',
      null,
      '2026-01-26',
    ]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain('refused 2026-01-12');
    expect(await weeks()).toEqual([
      { weekStart: '2026-01-05', touches: 1 },
      { weekStart: '2026-01-19', touches: 1 },
      { weekStart: '2026-01-26', touches: 1 },
    ]);
    if (dialect === 'sqlite') {
      // The five writes arrived together: they shared one transaction.
      expect(statements.filter((s) => s === 'begin immediate')).toHaveLength(1);
      expect(statements.filter((s) => s === 'commit')).toHaveLength(1);
    }
  });

  it('rolls back a failing first write of a batch alone', async () => {
    const g = groupCommit(db);
    const put = (weekStart: string, fail = false) =>
      g.run(async (trx) => {
        await trx
          .insertInto('weeklyActivity')
          .values({ workspaceId: ws, weekStart, touches: 3, checkIns: 0 })
          .execute();
        if (fail) throw new Error(`refused ${weekStart}`);
        return weekStart;
      });
    const results = await Promise.allSettled([put('2026-03-02', true), put('2026-03-09'), put('2026-03-16')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect((await weeks()).filter((r) => r.weekStart >= '2026-03-01')).toEqual([
      { weekStart: '2026-03-09', touches: 3 },
      { weekStart: '2026-03-16', touches: 3 },
    ]);
  });

  it('answers a write only once its transaction committed, and the next batch sees it', async () => {
    const g = groupCommit(db);
    const first = await Promise.all(
      ['2026-02-02', '2026-02-09'].map((weekStart) =>
        g.run(async (trx) => {
          await trx
            .insertInto('weeklyActivity')
            .values({ workspaceId: ws, weekStart, touches: 2, checkIns: 0 })
            .execute();
          return weekStart;
        }),
      ),
    );
    expect(first).toEqual(['2026-02-02', '2026-02-09']);
    // Read outside any transaction: committed.
    const rows = await weeks();
    expect(rows.filter((r) => r.weekStart.startsWith('2026-02'))).toEqual([
      { weekStart: '2026-02-02', touches: 2 },
      { weekStart: '2026-02-09', touches: 2 },
    ]);
  });
});

describe.each(DIALECTS)('logging interactions concurrently on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  it('keeps every log of a batch and its derived data when one of them is refused', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await t.client.createPerson({ body: buildPerson() })).id);
    const gone = (await t.client.createPerson({ body: buildPerson() })).id;
    await t.client.deletePerson({ params: { id: gone } });
    const [a] = ids as [string];
    // Twelve logs at once, two of them with the same person, one with a trashed person.
    const calls = [
      ...ids.map((id) => ({ kind: 'coffee' as const, participantIds: [id] })),
      ...ids.map((id, i) => ({ kind: 'message' as const, participantIds: i === 0 ? [id, gone] : [id, a] })),
    ].map((b) => t.client.createInteraction({ body: { summary: 'Batch', ...b } }));
    const settled = await Promise.allSettled(calls);
    const refused = settled.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    await expectApiError(calls[6] as Promise<unknown>, 400, 'validation_failed');
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(11);
    // a: its coffee and the five messages shared with the others; the others: a coffee and a message.
    const count = async (id: string) => (await t.client.getPerson({ params: { id } })).interactionCount;
    expect(await count(a)).toBe(6);
    for (const id of ids.slice(1)) expect(await count(id)).toBe(2);
    expect(await count(gone)).toBe(0);
    // Counts, last contact, due dates, weekly counts and the search index equal a recount.
    const beforeCatchUp = await derivedMismatches(t.db, undefined, { catchUp: false });
    expect(beforeCatchUp.filter((m) => m.check !== 'strength queued')).toEqual([]);
    expect(await derivedMismatches(t.db)).toEqual([]);
  });
});
