import type { Clock } from '../services/context.js';
import type { Db } from '../storage/db.js';
import { type JobLog, type Scheduler, createScheduler } from './scheduler.js';
import { type BackupSchedule, backupJobs } from './backups.js';
import { digestJob } from './digests.js';
import type { Mailer } from './mailer.js';
import { plannerStatisticsJob } from './planner-statistics.js';
import { strengthCatchUpJob } from './strength-catch-up.js';
import { strengthRefreshJob } from './strength-refresh.js';
import { tableUpkeepJob } from './table-upkeep.js';
import { webhookJobs } from './webhooks.js';

export interface JobsOptions {
  db: Db;
  log: JobLog;
  clock?: Clock;
  tickMs?: number;
  instanceId?: string;
  /** Sends digests; null or absent: no digests (no SMTP settings). */
  mailer?: Mailer | null;
  /** Links in digests point here. */
  appUrl?: string;
  /** Scheduled backups with rotation; absent or every 'off': none. */
  backup?: BackupSchedule;
}

/** The scheduler with every job the server runs. */
export function createJobScheduler(opts: JobsOptions): Scheduler {
  return createScheduler({
    db: opts.db,
    log: opts.log,
    jobs: [
      strengthRefreshJob,
      strengthCatchUpJob,
      ...webhookJobs(),
      digestJob({ mailer: opts.mailer ?? null, appUrl: opts.appUrl ?? 'http://localhost:4000' }),
      ...backupJobs(opts.backup),
      plannerStatisticsJob,
      tableUpkeepJob,
    ],
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.tickMs ? { tickMs: opts.tickMs } : {}),
    ...(opts.instanceId ? { instanceId: opts.instanceId } : {}),
  });
}
