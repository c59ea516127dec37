import type { Circle } from '../contract/common.js';
import { type IsoDate, addDays, localDate, maxDate } from './dates.js';
import { type HistoryItem, isMeaningful } from './strength.js';

/*
 * Keep-in-touch cadence: how often to be in contact with someone, from their
 * circle (workspace defaults) or their own override, and when they are next due.
 */

export type CircleCadences = Record<Exclude<Circle, 'none'>, number>;

export const DEFAULT_CADENCES: CircleCadences = { inner: 14, close: 30, wider: 90, loose: 180 };

/** Days between contacts for a person, or null when there is no cadence (circle "none" without override). */
export function effectiveCadence(circle: Circle, override: number | null, cadences: CircleCadences): number | null {
  if (override !== null && override > 0) return override;
  if (circle === 'none') return null;
  return cadences[circle];
}

export interface DueInput {
  cadenceDays: number | null;
  /** Local date of the last meaningful interaction, if any. */
  lastMeaningfulOn: IsoDate | null;
  /** Local date the person was added: someone never contacted is due one cadence after that. */
  createdOn: IsoDate;
  snoozedUntil: IsoDate | null;
}

/** The date a person becomes due, or null when they have no cadence. A snooze only ever pushes it later. */
export function nextDueOn(i: DueInput): IsoDate | null {
  if (i.cadenceDays === null) return null;
  const base = addDays(i.lastMeaningfulOn ?? i.createdOn, i.cadenceDays);
  return maxDate(base, i.snoozedUntil);
}

/** The latest meaningful interaction of a history, as a timestamp. */
export function lastMeaningful(history: readonly HistoryItem[]): string | null {
  let last: string | null = null;
  for (const h of history) {
    if (isMeaningful(h.kind) && (last === null || h.occurredAt > last)) last = h.occurredAt;
  }
  return last;
}

export function lastMeaningfulOn(history: readonly HistoryItem[], timeZone: string): IsoDate | null {
  const last = lastMeaningful(history);
  return last === null ? null : localDate(last, timeZone);
}
