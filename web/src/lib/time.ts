import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

export { dayjs };

/**
 * A date format made on first use. A page's first Intl object costs tens of milliseconds (the
 * locale's data is loaded then), so no module makes one when it loads: a page that shows no
 * formatted date (the people list before any hover) never pays for it.
 */
export function lazyDateFormat(options: Intl.DateTimeFormatOptions): { format(date: Date): string } {
  let made: Intl.DateTimeFormat | undefined;
  return {
    format: (date) => {
      made ??= new Intl.DateTimeFormat(undefined, options);
      return made.format(date);
    },
  };
}

const exactFormat = lazyDateFormat({ dateStyle: 'full', timeStyle: 'short' });
const dayFormat = lazyDateFormat({ day: 'numeric', month: 'short', year: 'numeric' });
const monthFormat = lazyDateFormat({ month: 'long', year: 'numeric' });

/** "Tuesday, 3 March 2026 at 14:05" in the reader's locale and time zone. */
export function exactDate(iso: string): string {
  return exactFormat.format(new Date(iso));
}

export function shortDate(iso: string): string {
  return dayFormat.format(new Date(iso));
}

export function monthLabel(iso: string): string {
  return monthFormat.format(new Date(iso));
}

/** "3 days ago", "in 2 hours"; "just now" for the last minute. */
export function relative(iso: string, now = Date.now()): string {
  const d = dayjs(iso);
  if (Math.abs(now - d.valueOf()) < 60_000) return 'just now';
  return d.from(now);
}

export function daysSince(iso: string, now = Date.now()): number {
  return Math.floor((now - new Date(iso).getTime()) / 86_400_000);
}

/** A `datetime-local` input value for a moment, in the reader's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Back from a `datetime-local` value (local time) to an ISO instant. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function greeting(date = new Date()): string {
  const h = date.getHours();
  if (h < 5) return 'Good evening';
  if (h < 12) return 'Good morning';
  if (h < 18) return 'Good afternoon';
  return 'Good evening';
}

/** "now", "5m", "3h", "2d", "3w", "6mo", "2y": for tight spaces such as phone lists. */
export function compactRelative(iso: string, now = Date.now()): string {
  const s = Math.max(0, (now - new Date(iso).getTime()) / 1000);
  if (s < 60) return 'now';
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  const d = Math.floor(s / 86_400);
  if (d < 14) return `${d}d`;
  if (d < 60) return `${Math.floor(d / 7)}w`;
  if (d < 365) return `${Math.floor(d / 30)}mo`;
  return `${Math.floor(d / 365)}y`;
}
