import { lazyDateFormat } from '../../lib/time';

const dayMonth = lazyDateFormat({ day: 'numeric', month: 'short', timeZone: 'UTC' });
const full = lazyDateFormat({ weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

/** "12 Dec" for a calendar date (YYYY-MM-DD), never shifted by the reader's time zone. */
export function shortDay(date: string): string {
  return dayMonth.format(new Date(`${date}T00:00:00Z`));
}

export function fullDay(date: string): string {
  return full.format(new Date(`${date}T00:00:00Z`));
}

export function addDaysIso(days: number, from = new Date()): string {
  return shortDay(new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10));
}

/** "today", "tomorrow", "in 3 days", "2 days ago", "yesterday". */
export function inDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export function daysFrom(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
