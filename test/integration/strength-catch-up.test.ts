import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { strengthCatchUpJob } from '../../src/jobs/strength-catch-up.js';
import { STRENGTH_QUEUED, readSettings, refreshPeople } from '../../src/storage/repos/keep-in-touch.repo.js';
import { DAY, TestClock } from '../support/clock.js';
import { derivedMismatches } from '../support/consistency.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, openWatchedApp } from './helpers.js';

/*
 * Logging an interaction keeps count, last contact, due date, weekly counts and the search
 * index exact in its transaction and queues its people's strength and trend for the catch-up
 * job. The job must bring them to exactly what the synchronous code computed at the same
 * instant, and a queue left behind (a crash before the job ran) must be durable and caught
 * up when a scheduler starts.
 */

const quiet = { info() {}, error() {} };
const COLUMNS = ['strength', 'strengthTrend', 'strengthOn', 'nextDueOn', 'lastMeaningfulAt'] as const;

describe.each(DIALECTS)('strength catch-up on %s', (dialect) => {
  let t: WatchedApp;
  const clock = new TestClock();
  beforeAll(async () => {
    t = await openWatchedApp(dialect, { clock });
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  const ago = (days: number) => new Date(clock.now().getTime() - days * DAY).toISOString();
  const rows = (ids: string[]) =>
    t.db.kysely
      .selectFrom('people')
      .select(['id', ...COLUMNS])
      .where('workspaceId', '=', t.owner.user.workspaceId)
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();

  /** What the synchronous code (refreshPeople in the logging transaction) computes now, rolled back. */
  async function synchronous(ids: string[]) {
    const ws = t.owner.user.workspaceId;
    let out: Awaited<ReturnType<typeof rows>> = [];
    await t.db.kysely
      .transaction()
      .execute(async (trx) => {
        await refreshPeople(trx, ws, ids, await readSettings(trx, ws), clock.now());
        out = await trx
          .selectFrom('people')
          .select(['id', ...COLUMNS])
          .where('workspaceId', '=', ws)
          .where('id', 'in', ids)
          .orderBy('id')
          .execute();
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
    return out;
  }

  it('queues strength with the interaction and catches up to exactly the synchronous values', async () => {
    const a = await t.client.createPerson({ body: buildPerson({ circle: 'close' }) });
    const b = await t.client.createPerson({ body: buildPerson({ circle: 'inner' }) });
    const c = await t.client.createPerson({ body: buildPerson({ circle: 'wider' }) });
    const log = (kind: 'coffee' | 'call' | 'message' | 'online_engagement', ids: string[], when: string) =>
      t.client.createInteraction({ body: { kind, summary: kind, participantIds: ids, occurredAt: when } });
    await log('coffee', [a.id, b.id], ago(40));
    await log('call', [a.id], ago(3));
    await log('online_engagement', [b.id], ago(1));
    await log('message', [c.id], ago(2000)); // beyond the strength horizon: due date only
    await log('message', [b.id, c.id], ago(10));
    const ids = [a.id, b.id, c.id];

    // Before the job: every row queued, everything but strength and trend already exact.
    expect((await rows(ids)).map((r) => r.strengthOn)).toEqual(ids.map(() => STRENGTH_QUEUED));
    const pending = await derivedMismatches(t.db, undefined, { catchUp: false });
    expect(pending.filter((m) => m.check !== 'strength queued')).toEqual([]);
    expect(pending.filter((m) => ids.includes(m.personId)).map((m) => m.check)).toEqual(
      ids.map(() => 'strength queued'),
    );

    const expected = await synchronous(ids);
    expect(expected.every((r) => r.strengthOn !== STRENGTH_QUEUED)).toBe(true);
    expect(Number(expected.find((r) => r.id === a.id)?.strength)).toBeGreaterThan(0);
    expect(await t.catchUp()).toBe(3);
    expect(await rows(ids)).toEqual(expected);
    expect(await t.catchUp()).toBe(0);
    expect(await derivedMismatches(t.db, undefined, { now: clock.now() })).toEqual([]);
  });

  it('leaves the queue in the table when nothing caught up, and a starting scheduler empties it', async () => {
    const p = await t.client.createPerson({ body: buildPerson({ circle: 'close' }) });
    await t.client.createInteraction({
      body: { kind: 'meeting', summary: 'Met', participantIds: [p.id], occurredAt: ago(5) },
    });
    // As a server killed after the commit finds it: queued, with the due date already moved.
    const [left] = await rows([p.id]);
    expect(left?.strengthOn).toBe(STRENGTH_QUEUED);
    expect(left?.lastMeaningfulAt).toBe(ago(5));
    const [want] = await synchronous([p.id]);

    const scheduler = createScheduler({
      db: t.db,
      jobs: [strengthCatchUpJob],
      log: quiet,
      clock,
      tickMs: 3_600_000,
    });
    await scheduler.start(); // a new or overdue job runs at start
    await scheduler.stop();
    expect(await rows([p.id])).toEqual([want]);
    expect(
      (await derivedMismatches(t.db, undefined, { catchUp: false, now: clock.now() })).filter((m) =>
        m.check.startsWith('strength'),
      ),
    ).toEqual([]);
  });
});
