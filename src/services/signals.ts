import { EventEmitter } from 'node:events';

/*
 * In-process nudges from services to the scheduler ("new webhook deliveries
 * are waiting"): the scheduler makes the job due in the shared table, so the
 * instance that runs it may be another one. Losing a signal only delays work
 * until the job's next regular run.
 */
export const jobSignals = new EventEmitter();
jobSignals.setMaxListeners(100);

export function wakeJob(name: string): void {
  jobSignals.emit('wake', name);
}

/** The job that computes the strength of people queued by logged interactions. */
export const STRENGTH_CATCH_UP_JOB = 'strength-catch-up';
/**
 * How long queued strengths wait for company: one wake (one write to the job table) and one
 * run per window, whatever the number of interactions logged in it.
 */
export const STRENGTH_CATCH_UP_DELAY_MS = 1000;
let catchUpTimer: NodeJS.Timeout | null = null;

/** Asks for a strength catch-up within about a second (at most one wake per window). */
export function queueStrengthCatchUp(): void {
  if (catchUpTimer) return;
  catchUpTimer = setTimeout(() => {
    catchUpTimer = null;
    wakeJob(STRENGTH_CATCH_UP_JOB);
  }, STRENGTH_CATCH_UP_DELAY_MS);
  catchUpTimer.unref();
}
