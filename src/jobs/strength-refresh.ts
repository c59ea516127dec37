import { sql } from 'kysely';
import { addDays, localDate, startOfWeek } from '../domain/dates.js';
import { pruneStrengthSnapshots, writeStrengthSnapshot } from '../storage/repos/insights.repo.js';
import { readSettings, refreshPeople, staleStrengthIds } from '../storage/repos/keep-in-touch.repo.js';
import type { Db } from '../storage/db.js';
import type { JobDefinition } from './scheduler.js';

/*
 * Strength decays with time, so a stored strength goes stale by a little each
 * day. Once a day (a scheduler job checked hourly, and at start so a missed day catches up)
 * this recomputes the rows computed before today, in small transactions.
 * Rows with no interaction in the strength horizon are marked settled and
 * skipped until an interaction changes them. On PostgreSQL each batch takes a
 * transaction-level advisory lock, so several instances never do the same work.
 *
 * The first run of each week (the workspace's week) then writes a snapshot of
 * everyone's freshly refreshed strength, which the insights compare with
 * ("strength spread now and three months ago"); two years of them are kept.
 */

/** Weeks of strength history kept. */
export const SNAPSHOT_WEEKS = 104;

/**
 * People per transaction. Small, because on SQLite a batch holds the one
 * connection (and the event loop) while it runs: a request's next query waits
 * for the whole batch. 100 people take ~30 ms at 100k people.
 */
const BATCH = 100;
const LOCK_KEY = 0x7465_6e64; // "tend"

export async function refreshStaleStrengths(db: Db, now: Date = new Date()): Promise<number> {
  const k = db.kysely;
  let refreshed = 0;
  const workspaces = await k.selectFrom('workspaces').select('id').execute();
  for (const { id: workspaceId } of workspaces) {
    const settings = await readSettings(k, workspaceId);
    const today = localDate(now, settings.timeZone);
    // Another instance is refreshing this workspace: it also writes the snapshot, from fresh values.
    let busy = false;
    for (;;) {
      const started = performance.now();
      const done = await k.transaction().execute(async (trx) => {
        if (db.dialect === 'postgres') {
          const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`.execute(trx);
          if (!got.rows[0]?.ok) return -1;
        }
        const ids = await staleStrengthIds(trx, workspaceId, today, BATCH);
        if (ids.length > 0) await refreshPeople(trx, workspaceId, ids, settings, now);
        return ids.length;
      });
      if (done < 0) busy = true;
      if (done <= 0) break;
      refreshed += done;
      // Let requests in between batches: rest as long as the batch took, so a refresh of a
      // whole network (a server started after days off) takes at most half of the database's time.
      // At start on 100k people, refreshing without rests left point reads at 67 req/s.
      const rest = Math.min(1000, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, rest));
    }
    if (busy) continue;
    const week = startOfWeek(today, settings.weekStartsOn);
    await writeStrengthSnapshot(k, workspaceId, week);
    await pruneStrengthSnapshots(k, workspaceId, addDays(week, -7 * SNAPSHOT_WEEKS));
  }
  return refreshed;
}

/** One of the scheduler's jobs: hourly, and at start so a missed day catches up. */
export const strengthRefreshJob: JobDefinition = {
  name: 'strength-refresh',
  everyMs: 3_600_000,
  async run({ db, now }) {
    const n = await refreshStaleStrengths(db, now);
    return n > 0 ? `refreshed relationship strength of ${n} people` : undefined;
  },
};
