/*
 * Calendar arithmetic on plain dates (YYYY-MM-DD) and time zones. Dates are
 * computed as UTC midnights so a DST change never shifts a day; only the
 * conversion between an instant and a local date looks at the time zone.
 */

const DAY_MS = 86_400_000;

export type IsoDate = string;

function parse(date: IsoDate): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function format(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return format(parse(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((parse(to) - parse(from)) / DAY_MS);
}

export function maxDate(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The calendar date an instant falls on in a time zone. */
export function localDate(instant: Date | string | number, timeZone: string): IsoDate {
  const t = new Date(instant).getTime();
  // The common case, without Intl (it is the slow part of Today).
  if (timeZone === 'UTC') return format(t - (((t % DAY_MS) + DAY_MS) % DAY_MS));
  const w = wallClock(t, timeZone);
  return format(Date.UTC(w.year, w.month - 1, w.day));
}

/** Offset of the zone from UTC at an instant, in ms (Lisbon in summer: +3,600,000). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a local day starts in a time zone, as an ISO UTC timestamp. When
 * midnight does not exist (a DST jump at 00:00) it is the first instant that does.
 */
export function startOfLocalDay(date: IsoDate, timeZone: string): string {
  const guess = parse(date);
  let t = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(t, timeZone);
  if (second !== t) t = Math.min(t, second);
  // If the chosen instant still falls on the previous day (midnight skipped), step to the day's first hour.
  while (localDate(t, timeZone) < date) t += 3_600_000;
  return new Date(t).toISOString();
}

/** Monday-based (weekStartsOn 1) or Sunday-based (0) start of the week containing a date. */
export function startOfWeek(date: IsoDate, weekStartsOn: 0 | 1 = 1): IsoDate {
  const dow = new Date(parse(date)).getUTCDay();
  const back = (dow - weekStartsOn + 7) % 7;
  return addDays(date, -back);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The date a yearly month/day falls on in a given year; 29 February is kept on 28 February in common years. */
export function anniversaryIn(year: number, month: number, day: number): IsoDate {
  const d = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first occurrence of a yearly month/day on or after `from`. */
export function nextAnniversary(month: number, day: number, from: IsoDate): IsoDate {
  const year = Number(from.slice(0, 4));
  const thisYear = anniversaryIn(year, month, day);
  return thisYear >= from ? thisYear : anniversaryIn(year + 1, month, day);
}

/**
 * The month/day pairs of the days from `from` to `to` inclusive, grouped by
 * month (for index range queries on (month, day)). 29 February is included
 * whenever 28 February of a common year is, because that is when it is celebrated.
 */
export function monthDayRanges(from: IsoDate, to: IsoDate): { month: number; fromDay: number; toDay: number }[] {
  const out: { month: number; fromDay: number; toDay: number }[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const month = Number(d.slice(5, 7));
    let day = Number(d.slice(8, 10));
    if (month === 2 && day === 28 && !isLeapYear(Number(d.slice(0, 4)))) day = 29;
    const last = out[out.length - 1];
    if (last && last.month === month) last.toDay = Math.max(last.toDay, day);
    else out.push({ month, fromDay: Number(d.slice(8, 10)), toDay: day });
  }
  return out;
}

/** Years completed at an anniversary (a birthday, a work anniversary), when the start year is known. */
export function yearsAt(occurrence: IsoDate, startYear: number | null): number | null {
  if (startYear === null) return null;
  const n = Number(occurrence.slice(0, 4)) - startYear;
  return n > 0 ? n : null;
}
