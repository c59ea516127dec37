import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpStrengths } from '../../src/jobs/strength-catch-up.js';
import type { BackupDocument } from '../../src/formats/backup.js';
import { readSettings, readWeeks, refreshWeeks } from '../../src/storage/repos/keep-in-touch.repo.js';
import { derivedMismatches } from '../support/consistency.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, openWatchedApp } from './helpers.js';

/*
 * The weekly counts behind the goal, the streak and the history. On PostgreSQL a log appends
 * its part to weekly_activity_deltas (no shared row: concurrent logs do not wait for each
 * other's COMMIT), readers add the deltas to the week's row, and the catch-up job folds them
 * in; on SQLite a log adds to the row. Whatever the path, the goal must read what a recount of
 * the interactions gives: after concurrent logs, before and after the fold, after a trash, a
 * restore, an edit that moves an interaction to another week, a recount of a week that still
 * has deltas, and in a backup.
 */

/** A Wednesday at noon UTC, and the Monday that starts its week (the default settings). */
const PAST = '2026-01-07T12:00:00.000Z';
const PAST_WEEK = '2026-01-05';

describe.each(DIALECTS)('weekly counts on %s', (dialect) => {
  let t: WatchedApp;
  let ws: string;
  const people: string[] = [];
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    for (let i = 0; i < 6; i++) people.push((await t.client.createPerson({ body: buildPerson() })).id);
    const row = await t.db.kysely
      .selectFrom('people')
      .select('workspaceId')
      .where('id', '=', people[0] as string)
      .executeTakeFirstOrThrow();
    ws = row.workspaceId;
  });
  afterAll(async () => {
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  const goal = () => t.client.getGoal({ query: { weeks: 104 } });
  const week = async (weekStart: string) =>
    (await readWeeks(t.db.kysely, ws, weekStart, weekStart))[0] ?? { weekStart, touches: 0, checkIns: 0 };
  const deltaRows = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('weeklyActivityDeltas')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('workspaceId', '=', ws)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const storedRow = (weekStart: string) =>
    t.db.kysely
      .selectFrom('weeklyActivity')
      .select(['touches', 'checkIns'])
      .where('workspaceId', '=', ws)
      .where('weekStart', '=', weekStart)
      .executeTakeFirst();
  const noMismatch = async (catchUp: boolean) => {
    const found = await derivedMismatches(t.db, undefined, { catchUp });
    expect(found.filter((m) => m.check !== 'strength queued')).toEqual([]);
  };

  let pastIds: string[] = [];

  it('counts concurrent logs exactly, before and after the fold', async () => {
    const before = await goal();
    const logs = [
      // This week: six coffees with one person, a check-in with two (two touches, two check-ins).
      ...people.map((id) => ({ kind: 'coffee' as const, participantIds: [id] })),
      { kind: 'check_in' as const, participantIds: people.slice(0, 2) },
      // An earlier week: six calls.
      ...people.map((id) => ({ kind: 'call' as const, participantIds: [id], occurredAt: PAST })),
    ];
    const created = await Promise.all(
      logs.map((body) => t.client.createInteraction({ body: { summary: 'Weekly', ...body } })),
    );
    pastIds = created.filter((c) => c.occurredAt.startsWith('2026-01-07')).map((c) => c.id);
    expect(pastIds).toHaveLength(6);

    const after = await goal();
    expect(after.touches - before.touches).toBe(8);
    expect(after.checkIns - before.checkIns).toBe(2);
    expect(await week(PAST_WEEK)).toEqual({ weekStart: PAST_WEEK, touches: 6, checkIns: 0 });
    if (dialect === 'postgres') {
      // Each log appended its own row; the weeks' rows were not written.
      expect(await deltaRows()).toBe(13);
      expect(await storedRow(PAST_WEEK)).toBeUndefined();
    } else {
      expect(await deltaRows()).toBe(0);
      expect(await storedRow(PAST_WEEK)).toEqual({ touches: 6, checkIns: 0 });
    }
    await noMismatch(false);

    // The catch-up job folds the deltas into the rows; what the goal reads does not move.
    await catchUpStrengths(t.db);
    expect(await deltaRows()).toBe(0);
    expect(await storedRow(PAST_WEEK)).toEqual({ touches: 6, checkIns: 0 });
    const folded = await goal();
    expect({ ...folded, history: folded.history.length }).toEqual({ ...after, history: after.history.length });
    expect(folded.history).toEqual(after.history);
    await noMismatch(true);
  });

  it('follows trash, restore and a move to another week', async () => {
    const [a, b] = pastIds as [string, string];
    await t.client.deleteInteraction({ params: { id: a } });
    expect((await week(PAST_WEEK)).touches).toBe(5);
    await noMismatch(false);
    await t.client.restoreInteraction({ params: { id: a } });
    expect((await week(PAST_WEEK)).touches).toBe(6);
    // One call moves a week later: one touch leaves its week and enters the next.
    const current = await t.client.getInteraction({ params: { id: b } });
    await t.client.updateInteraction({
      params: { id: b },
      body: { version: current.version, occurredAt: '2026-01-14T12:00:00.000Z' },
    });
    expect((await week(PAST_WEEK)).touches).toBe(5);
    expect((await week('2026-01-12')).touches).toBe(1);
    await noMismatch(false);
    // Folded into a row that is already there.
    await catchUpStrengths(t.db);
    expect(await storedRow(PAST_WEEK)).toEqual({ touches: 5, checkIns: 0 });
    expect(await storedRow('2026-01-12')).toEqual({ touches: 1, checkIns: 0 });
    await noMismatch(true);
    // Trashing every call of the earlier week leaves no week behind once folded.
    for (const id of pastIds.filter((id) => id !== b)) await t.client.deleteInteraction({ params: { id } });
    expect(await readWeeks(t.db.kysely, ws, PAST_WEEK, PAST_WEEK)).toEqual([]);
    await catchUpStrengths(t.db);
    expect(await storedRow(PAST_WEEK)).toBeUndefined();
    expect(await deltaRows()).toBe(0);
    await noMismatch(true);
  });

  it('recounts a week that still has deltas without counting them twice', async () => {
    const id = people[0] as string;
    await t.client.createInteraction({
      body: { kind: 'coffee', summary: 'Recounted', participantIds: [id], occurredAt: '2026-02-04T12:00:00.000Z' },
    });
    await t.client.createInteraction({
      body: { kind: 'coffee', summary: 'Recounted', participantIds: [id], occurredAt: '2026-02-05T12:00:00.000Z' },
    });
    if (dialect === 'postgres') expect(await deltaRows()).toBe(2);
    await t.db.kysely
      .transaction()
      .execute(async (trx) => refreshWeeks(trx, ws, ['2026-02-04T12:00:00.000Z'], await readSettings(trx, ws)));
    expect(await deltaRows()).toBe(0);
    expect(await week('2026-02-02')).toEqual({ weekStart: '2026-02-02', touches: 2, checkIns: 0 });
    await noMismatch(false);
  });

  it('writes whole weeks into a backup, deltas folded', async () => {
    await t.client.createInteraction({
      body: { kind: 'coffee', summary: 'Backed up', participantIds: people.slice(0, 3), occurredAt: PAST },
    });
    const doc = JSON.parse(await t.client.backup({})) as BackupDocument;
    const weeks = (doc.tables.weeklyActivity ?? []) as { weekStart: string; touches: number; checkIns: number }[];
    const expected = await readWeeks(t.db.kysely, ws, '0000-01-01', '9999-12-31');
    expect(weeks.map((w) => ({ weekStart: w.weekStart, touches: w.touches, checkIns: w.checkIns }))).toEqual(expected);
    expect(weeks.find((w) => w.weekStart === PAST_WEEK)?.touches).toBe(3);
    expect(await deltaRows()).toBe(0);
  });
});
