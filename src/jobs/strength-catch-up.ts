import { foldWeeks, queuedStrengthIds, readSettings, refreshPeople } from '../storage/repos/keep-in-touch.repo.js';
import type { Db } from '../storage/db.js';
import { STRENGTH_CATCH_UP_JOB } from '../services/signals.js';
import type { JobDefinition } from './scheduler.js';

/*
 * Logging an interaction moves its people's count, last contact and due date in its own
 * transaction, but their strength and trend need two years of their history, which was most
 * of a logged interaction's cost. So the transaction queues them instead (strength_on =
 * STRENGTH_QUEUED, durable with the interaction), wakes this job, and the job recomputes
 * them with `refreshPeople` — the very computation that used to run in the transaction —
 * in batches, within a second or two. A crash in between leaves the mark in the table; the
 * job also runs at start and every minute, and the daily refresh takes queued rows first.
 */

/** People per transaction (the history of 100 people reads in one query). */
const BATCH = 100;

export async function catchUpStrengths(db: Db, now: Date = new Date()): Promise<number> {
  const k = db.kysely;
  let refreshed = 0;
  const workspaces = await k.selectFrom('workspaces').select('id').execute();
  for (const { id: workspaceId } of workspaces) {
    // PostgreSQL's logs append their weekly counts as deltas (`adjustWeeks`); fold them into the weeks.
    await foldWeeks(k, workspaceId);
    const settings = await readSettings(k, workspaceId);
    for (;;) {
      const started = performance.now();
      const done = await k.transaction().execute(async (trx) => {
        const ids = await queuedStrengthIds(trx, workspaceId, BATCH);
        if (ids.length > 0) await refreshPeople(trx, workspaceId, ids, settings, now);
        return ids.length;
      });
      refreshed += done;
      if (done < BATCH) break;
      // As the daily refresh: let requests in between batches (SQLite has one connection).
      const rest = Math.min(1000, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, rest));
    }
  }
  return refreshed;
}

/** Woken by logged interactions (`queueStrengthCatchUp`); every minute and at start as a safety net. */
export const strengthCatchUpJob: JobDefinition = {
  name: STRENGTH_CATCH_UP_JOB,
  everyMs: 60_000,
  async run({ db, now }) {
    const n = await catchUpStrengths(db, now);
    return n > 0 ? `caught up the strength of ${n} people` : undefined;
  },
};
