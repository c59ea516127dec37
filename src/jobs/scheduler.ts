import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../services/context.js';
import { jobSignals } from '../services/signals.js';
import { systemClock } from '../services/context.js';
import type { Db } from '../storage/db.js';

/*
 * The scheduler: named jobs with a due time in the scheduled_jobs table, so
 * that
 *
 * - a job due while the server was down runs when it starts (catch-up: the
 *   first tick happens at start, and everything with due_at <= now runs);
 * - with several instances on one PostgreSQL a due job runs once. An instance
 *   claims a job in a short transaction: `SELECT … FOR UPDATE SKIP LOCKED`
 *   picks due rows nobody else is claiming right now, and the same
 *   transaction writes a lease (lease_owner, lease_until) before committing.
 *   Other instances skip a locked row, and once committed they see the lease
 *   and leave the job alone until it finishes or the lease expires (a crashed
 *   instance). We chose row claims over a session advisory lock because the
 *   claim outlives no connection, needs no dedicated client from the pool while
 *   the job runs, and the table doubles as the record `GET /api/health` shows;
 *   the UPDATE also re-checks the lease in its WHERE clause, so a claim is a
 *   compare-and-set even without the row lock;
 * - on SQLite (one process owns the file) the claim is the same conditional
 *   UPDATE, serialised by SQLite's write lock.
 *
 * Jobs must be idempotent per unit of work (a digest per user and period, a
 * webhook delivery row): a lease that expires under a very slow job, or a crash
 * after the work and before the record, then repeats nothing that was done.
 * Instance-wide jobs live under workspace_id ''.
 */

export interface JobContext {
  db: Db;
  now: Date;
  log: JobLog;
}

export interface JobLog {
  info(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

export interface JobDefinition {
  name: string;
  /** How long after a successful run the job is due again. */
  everyMs: number;
  /** Optional: a summary for the log ("sent 3 digests"). */
  run(ctx: JobContext): Promise<string | undefined>;
}

export interface SchedulerOptions {
  db: Db;
  jobs: JobDefinition[];
  log: JobLog;
  clock?: Clock;
  /** How often due jobs are looked for (default 15 s). */
  tickMs?: number;
  /** How long a claim holds before another instance may take the job over (default 10 min). */
  leaseMs?: number;
  /** Names this instance in leases (default: a random id). */
  instanceId?: string;
}

export interface JobRun {
  name: string;
  dueAt: string;
  lastRunAt: string | null;
  lastFinishedAt: string | null;
  status: string;
  attempts: number;
  runs: number;
  error: string | null;
}

export interface Scheduler {
  readonly instanceId: string;
  /** Registers the jobs and runs what is due now (catch-up), then ticks every tickMs. */
  start(): Promise<void>;
  /** Stops ticking and waits for running jobs to finish. */
  stop(): Promise<void>;
  /** Runs every due job once; returns the names this instance ran. */
  tick(): Promise<string[]>;
  /** Makes a job due now (in the table, so any instance may run it) and ticks soon. */
  wake(name: string): void;
}

const INSTANCE = '';
const MAX_BACKOFF_MS = 3_600_000;

/** The job table as `GET /api/health` shows it. */
export async function listJobRuns(db: Db): Promise<JobRun[]> {
  const rows = await db.kysely
    .selectFrom('scheduledJobs')
    .selectAll()
    .where('workspaceId', '=', INSTANCE)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    dueAt: r.dueAt,
    lastRunAt: r.lastRunAt,
    lastFinishedAt: r.lastFinishedAt,
    status: r.lastStatus,
    attempts: r.attempts,
    runs: r.runs,
    error: r.lastError,
  }));
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { db, log } = opts;
  const clock = opts.clock ?? systemClock;
  const tickMs = opts.tickMs ?? 15_000;
  const leaseMs = opts.leaseMs ?? 600_000;
  const instanceId = opts.instanceId ?? randomUUID();
  const byName = new Map(opts.jobs.map((j) => [j.name, j]));
  const k = db.kysely;
  let timer: NodeJS.Timeout | null = null;
  let soon: NodeJS.Timeout | null = null;
  let ticking: Promise<string[]> | null = null;
  let again = false;
  let stopped = true;

  async function register(): Promise<void> {
    const now = clock.now().toISOString();
    for (const job of opts.jobs) {
      // A new job is due at once; an existing one keeps its due time (which may be in the past: catch-up).
      await k
        .insertInto('scheduledJobs')
        .values({ workspaceId: INSTANCE, name: job.name, dueAt: now, updatedAt: now })
        .onConflict((oc) => oc.columns(['workspaceId', 'name']).doNothing())
        .execute();
    }
  }

  /** Claims the due jobs nobody holds; see the header for why this is safe with many instances. */
  async function claim(): Promise<string[]> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const names = [...byName.keys()];
    if (names.length === 0) return [];
    return k.transaction().execute(async (trx) => {
      let q = trx
        .selectFrom('scheduledJobs')
        .select('name')
        .where('workspaceId', '=', INSTANCE)
        .where('name', 'in', names)
        .where('dueAt', '<=', nowIso)
        .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', nowIso)]))
        .orderBy('dueAt');
      if (db.dialect === 'postgres') q = q.forUpdate().skipLocked();
      const due = await q.execute();
      const claimed: string[] = [];
      for (const { name } of due) {
        const r = await trx
          .updateTable('scheduledJobs')
          .set({
            leaseOwner: instanceId,
            leaseUntil: until,
            lastRunAt: nowIso,
            lastStatus: 'running',
            updatedAt: nowIso,
          })
          .where('workspaceId', '=', INSTANCE)
          .where('name', '=', name)
          .where('dueAt', '<=', nowIso)
          .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', nowIso)]))
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 1) claimed.push(name);
      }
      return claimed;
    });
  }

  async function runOne(job: JobDefinition): Promise<void> {
    const started = clock.now();
    try {
      const summary = await job.run({ db, now: started, log });
      const done = clock.now().toISOString();
      await k
        .updateTable('scheduledJobs')
        .set((eb) => ({
          lastStatus: 'ok',
          lastError: null,
          lastFinishedAt: done,
          attempts: 0,
          runs: eb('runs', '+', 1),
          // Woken while running (new work arrived): stay due; else due again after the period.
          dueAt: sql<string>`case when due_at > last_run_at then due_at else ${new Date(started.getTime() + job.everyMs).toISOString()} end`,
          leaseOwner: null,
          leaseUntil: null,
          updatedAt: done,
        }))
        .where('workspaceId', '=', INSTANCE)
        .where('name', '=', job.name)
        .where('leaseOwner', '=', instanceId)
        .execute();
      if (summary) log.info({ job: job.name, ms: Date.now() - started.getTime() }, summary);
    } catch (err) {
      const done = clock.now();
      const row = await k
        .selectFrom('scheduledJobs')
        .select('attempts')
        .where('workspaceId', '=', INSTANCE)
        .where('name', '=', job.name)
        .executeTakeFirst();
      const attempts = (row?.attempts ?? 0) + 1;
      // Retry sooner than the next regular run, backing off: 30 s, 1 min, 2 min … at most the period or an hour.
      const backoff = Math.min(30_000 * 2 ** (attempts - 1), job.everyMs, MAX_BACKOFF_MS);
      await k
        .updateTable('scheduledJobs')
        .set((eb) => ({
          lastStatus: 'failed',
          lastError: String((err as Error)?.message ?? err).slice(0, 500),
          lastFinishedAt: done.toISOString(),
          attempts,
          runs: eb('runs', '+', 1),
          dueAt: new Date(done.getTime() + backoff).toISOString(),
          leaseOwner: null,
          leaseUntil: null,
          updatedAt: done.toISOString(),
        }))
        .where('workspaceId', '=', INSTANCE)
        .where('name', '=', job.name)
        .where('leaseOwner', '=', instanceId)
        .execute();
      log.error({ err, job: job.name, attempts }, 'scheduled job failed');
    }
  }

  async function tickOnce(): Promise<string[]> {
    const ran: string[] = [];
    const claimed = await claim();
    for (const name of claimed) {
      const job = byName.get(name);
      if (!job) continue;
      await runOne(job);
      ran.push(name);
    }
    return ran;
  }

  function tick(): Promise<string[]> {
    if (ticking) {
      again = true;
      return ticking;
    }
    ticking = (async () => {
      const ran: string[] = [];
      try {
        do {
          again = false;
          ran.push(...(await tickOnce()));
        } while (again && !stopped);
      } catch (err) {
        log.error({ err }, 'scheduler tick failed');
      } finally {
        ticking = null;
      }
      return ran;
    })();
    return ticking;
  }

  const onSignal = (name: string) => api.wake(name);

  const api: Scheduler = {
    instanceId,
    async start() {
      stopped = false;
      await register();
      jobSignals.on('wake', onSignal);
      await tick();
      timer = setInterval(() => void tick(), tickMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      jobSignals.off('wake', onSignal);
      if (timer) clearInterval(timer);
      if (soon) clearTimeout(soon);
      timer = null;
      soon = null;
      if (ticking) await ticking;
    },
    tick,
    wake(name: string) {
      if (stopped || !byName.has(name)) return;
      const now = clock.now().toISOString();
      void k
        .updateTable('scheduledJobs')
        .set({ dueAt: now, updatedAt: now })
        .where('workspaceId', '=', INSTANCE)
        .where('name', '=', name)
        .execute()
        .then(() => {
          if (stopped || soon) return;
          soon = setTimeout(() => {
            soon = null;
            void tick();
          }, 50);
          soon.unref();
        })
        .catch((err) => log.error({ err }, 'could not wake a job'));
    },
  };
  return api;
}
