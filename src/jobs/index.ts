import type { Clock } from '../services/context.js';
import type { Db } from '../storage/db.js';
import { type JobLog, type Scheduler, createScheduler } from './scheduler.js';
import { strengthRefreshJob } from './strength-refresh.js';

export interface JobsOptions {
  db: Db;
  log: JobLog;
  clock?: Clock;
  tickMs?: number;
  instanceId?: string;
}

/** The scheduler with every job the server runs. */
export function createJobScheduler(opts: JobsOptions): Scheduler {
  return createScheduler({
    db: opts.db,
    log: opts.log,
    jobs: [strengthRefreshJob],
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.tickMs ? { tickMs: opts.tickMs } : {}),
    ...(opts.instanceId ? { instanceId: opts.instanceId } : {}),
  });
}
