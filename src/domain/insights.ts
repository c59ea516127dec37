import { addDays, daysBetween, type IsoDate, startOfWeek } from './dates.js';

/*
 * The calendar of the insights: which months and weeks a window covers, and
 * the plain-words reason a relationship is listed as cooling. Pure; the
 * service fills these buckets from aggregate queries.
 */

export interface InsightWindow {
  months: number;
  /** First day of the first month. */
  from: IsoDate;
  /** Today. */
  to: IsoDate;
  /** YYYY-MM of every month in the window, oldest first. */
  monthList: string[];
}

/** The last `months` calendar months, the current one included, up to today. */
export function insightWindow(today: IsoDate, months: number): InsightWindow {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  const monthList: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const t = y * 12 + m - i;
    monthList.push(`${String(Math.floor(t / 12)).padStart(4, '0')}-${String((t % 12) + 1).padStart(2, '0')}`);
  }
  return { months, from: `${monthList[0]}-01`, to: today, monthList };
}

/** First days of the weeks that overlap the window, oldest first. */
export function weekList(w: InsightWindow, weekStartsOn: 0 | 1): IsoDate[] {
  const weeks: IsoDate[] = [];
  const last = startOfWeek(w.to, weekStartsOn);
  for (let d = startOfWeek(w.from, weekStartsOn); d <= last; d = addDays(d, 7)) weeks.push(d);
  return weeks;
}

export interface CoolingFacts {
  strength: number;
  strengthThen: number | null;
  drop: number;
  trend: string;
  lastContactAt: string | null;
  overdueDays: number | null;
  /** Snapshot week compared with, and today. */
  comparedWith: IsoDate | null;
  today: IsoDate;
  threshold: number;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Why a relationship is on the cooling list, in one line. */
export function coolingReason(f: CoolingFacts): string {
  const parts: string[] = [];
  const fell = f.strengthThen !== null && f.comparedWith !== null && f.drop >= f.threshold;
  const overdue = f.overdueDays !== null && f.overdueDays > 0;
  if (fell && f.strengthThen !== null && f.comparedWith !== null) {
    const weeks = Math.max(1, Math.round(daysBetween(f.comparedWith, f.today) / 7));
    parts.push(
      `Strength fell from ${Math.round(f.strengthThen)} to ${Math.round(f.strength)} in ${plural(weeks, 'week')}`,
    );
  }
  if (overdue) parts.push(`${plural(f.overdueDays ?? 0, 'day')} past due`);
  if (!fell && !overdue) parts.push('Cooling over the last 30 days');
  if (f.lastContactAt === null) parts.push('never contacted');
  else parts.push(`last contact ${plural(Math.max(0, daysBetween(f.lastContactAt.slice(0, 10), f.today)), 'day')} ago`);
  const line = parts.join(', ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}
