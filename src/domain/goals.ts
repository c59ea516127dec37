import type { InteractionKind } from '../contract/common.js';
import { type IsoDate, addDays } from './dates.js';
import { isMeaningful } from './strength.js';

/*
 * The weekly consistency goal: so many meaningful touches (one per person per
 * interaction: a coffee with two people is two touches) and so many no-agenda
 * check-ins a week. A streak counts consecutive weeks that met the goal.
 */

export interface WeeklyGoal {
  touches: number;
  checkIns: number;
}

export const DEFAULT_GOAL: WeeklyGoal = { touches: 5, checkIns: 1 };

export interface WeekCounts {
  weekStart: IsoDate;
  touches: number;
  checkIns: number;
}

/** Counts of one week from (kind, participant count) rows of its live interactions. */
export function countWeek(weekStart: IsoDate, rows: readonly { kind: InteractionKind; people: number }[]): WeekCounts {
  let touches = 0;
  let checkIns = 0;
  for (const r of rows) {
    if (isMeaningful(r.kind)) touches += r.people;
    if (r.kind === 'check_in') checkIns += r.people;
  }
  return { weekStart, touches, checkIns };
}

export function metGoal(w: Pick<WeekCounts, 'touches' | 'checkIns'>, goal: WeeklyGoal): boolean {
  return w.touches >= goal.touches && w.checkIns >= goal.checkIns;
}

/**
 * Consecutive weeks meeting the goal, ending with the current week if it is
 * already met, or with last week if not (the current week can still be saved).
 */
export function streak(weeks: readonly WeekCounts[], currentWeekStart: IsoDate, goal: WeeklyGoal): number {
  const byWeek = new Map(weeks.map((w) => [w.weekStart, w]));
  const current = byWeek.get(currentWeekStart);
  let n = 0;
  let week = current && metGoal(current, goal) ? currentWeekStart : addDays(currentWeekStart, -7);
  for (;;) {
    const w = byWeek.get(week);
    if (!w || !metGoal(w, goal)) return n;
    n++;
    week = addDays(week, -7);
  }
}

/** The last `count` weeks up to the current one, oldest first, zero-filled. */
export function weekHistory(weeks: readonly WeekCounts[], currentWeekStart: IsoDate, count: number, goal: WeeklyGoal) {
  const byWeek = new Map(weeks.map((w) => [w.weekStart, w]));
  const out: (WeekCounts & { met: boolean })[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const weekStart = addDays(currentWeekStart, -7 * i);
    const w = byWeek.get(weekStart) ?? { weekStart, touches: 0, checkIns: 0 };
    out.push({ ...w, met: metGoal(w, goal) });
  }
  return out;
}
