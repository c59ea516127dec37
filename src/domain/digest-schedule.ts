import { addDays, localDate, startOfLocalDay } from './dates.js';

/*
 * When a digest is due: at a local hour every day, or every week on a chosen
 * weekday. The most recent occurrence that has passed names the period
 * ("daily:2026-11-26"), so a digest goes out once per period even with several
 * instances, and a server that was down sends the missed one when it starts.
 */

export type DigestFrequency = 'daily' | 'weekly';

export interface DigestSchedule {
  frequency: DigestFrequency;
  /** 0-23, local. */
  hour: number;
  /** Weekly only: 0 Sunday … 6 Saturday. */
  weekday: number;
  timeZone: string;
}

export interface Occurrence {
  /** The local date of the occurrence. */
  date: string;
  /** The instant it fell due (the start of the local hour; on a DST change day the hour may shift by one). */
  at: Date;
  period: string;
}

export function lastOccurrence(s: DigestSchedule, now: Date): Occurrence | null {
  const today = localDate(now, s.timeZone);
  for (let i = 0; i <= 8; i++) {
    const date = addDays(today, -i);
    if (s.frequency === 'weekly' && new Date(`${date}T00:00:00Z`).getUTCDay() !== s.weekday) continue;
    const at = new Date(Date.parse(startOfLocalDay(date, s.timeZone)) + s.hour * 3_600_000);
    if (at.getTime() <= now.getTime()) return { date, at, period: `${s.frequency}:${date}` };
  }
  return null;
}
