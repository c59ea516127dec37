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
