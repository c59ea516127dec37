import { type IsoDate, addDays, daysBetween } from './dates.js';

/*
 * Away periods: stretches the user has said they will be away (a holiday, a
 * conference trip, leave). Pure rules about where "today" stands relative to
 * them; nudges.ts uses them to bring check-ins forward before leaving, keep
 * urgency down while away, and say why after coming back.
 */

export interface AwayPeriod {
  /** First day away. */
  from: IsoDate;
  /** Last day away (inclusive). */
  to: IsoDate;
  label: string | null;
}

export const AWAY = {
  /** Check-ins that would fall due while away come up this many days before leaving. */
  leadDays: 10,
  /** In the last days before leaving (a weekend may come first) those already due are urgent. */
  lastDays: 3,
  /** After coming back, check-ins that fell due while away say so for this many days. */
  afterDays: 14,
  /** The longest period one can record (a sabbatical, not a permanent "away"). */
  maxDays: 366,
} as const;

/** The period today falls in, if any. */
export function awayOn(today: IsoDate, periods: readonly AwayPeriod[]): AwayPeriod | null {
  return periods.find((p) => p.from <= today && today <= p.to) ?? null;
}

/** The nearest period starting within AWAY.leadDays after today (not today itself). */
export function leavingSoon(today: IsoDate, periods: readonly AwayPeriod[]): AwayPeriod | null {
  let best: AwayPeriod | null = null;
  for (const p of periods) {
    const until = daysBetween(today, p.from);
    if (until < 1 || until > AWAY.leadDays) continue;
    if (!best || p.from < best.from) best = p;
  }
  return best;
}

/** The latest period that ended within AWAY.afterDays before today. */
export function backFrom(today: IsoDate, periods: readonly AwayPeriod[]): AwayPeriod | null {
  let best: AwayPeriod | null = null;
  for (const p of periods) {
    const since = daysBetween(p.to, today);
    if (since < 1 || since > AWAY.afterDays) continue;
    if (!best || p.to > best.to) best = p;
  }
  return best;
}

/**
 * In-cadence days a check-in today wins during the absence, for someone due on
 * `dueOn` during it: without it they are out from `dueOn` until the return at
 * least; with it, until `today + cadence` (or the return, whichever is first).
 * 0 when it wins nothing (they are not due while away, or the cadence is too
 * short to reach past their due date).
 */
export function daysWonBeforeLeaving(today: IsoDate, dueOn: IsoDate, cadenceDays: number, p: AwayPeriod): number {
  if (dueOn < p.from || dueOn > p.to) return 0;
  const untilCovered = daysBetween(dueOn, addDays(today, cadenceDays));
  const untilBack = daysBetween(dueOn, addDays(p.to, 1));
  return Math.max(0, Math.min(untilCovered, untilBack));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "20 Dec", as a person says a date close by. */
export function shortDate(d: IsoDate): string {
  return `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1] ?? ''}`;
}

/** "from 20 Dec (Holidays)". */
export function awayPhrase(p: AwayPeriod): string {
  return `from ${shortDate(p.from)}${p.label ? ` (${p.label})` : ''}`;
}
