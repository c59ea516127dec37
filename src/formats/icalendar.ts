/*
 * A small iCalendar (RFC 5545) writer for the read-only feed: only what the
 * feed needs (VCALENDAR with all-day VEVENTs, yearly rules), written carefully:
 * CRLF line ends, lines folded at 75 octets without splitting a UTF-8
 * character, TEXT values escaped (backslash, semicolon, comma, newline).
 * Pure: no I/O, no clock.
 */

export interface CalendarEvent {
  /** Stable across fetches, so calendar apps update an event instead of duplicating it. */
  uid: string;
  /** YYYY-MM-DD: an all-day event (DTSTART;VALUE=DATE, DTEND the day after `endDate` or this date). */
  date: string;
  /** YYYY-MM-DD, inclusive: the last day of an event over several days. */
  endDate?: string;
  location?: string;
  summary: string;
  description?: string;
  url?: string;
  /** e.g. "FREQ=YEARLY" for birthdays. */
  rrule?: string;
  categories?: string[];
}

export interface Calendar {
  name: string;
  description?: string;
  /** IANA zone of the user, published as X-WR-TIMEZONE (all events are floating all-day dates). */
  timeZone: string;
  /** How often clients should refetch, in minutes (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
  refreshMinutes: number;
  /** DTSTAMP of every event: when the feed was generated. */
  stamp: Date;
  events: CalendarEvent[];
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line at 75 octets (§3.1); continuation lines start with a space. */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
      limit = 74; // the leading space of a continuation counts
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function basicDate(date: string): string {
  return date.replace(/-/g, '');
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function duration(minutes: number): string {
  return minutes % 60 === 0 ? `PT${minutes / 60}H` : `PT${minutes}M`;
}

/** Strips control characters a calendar line must not carry (everything but tab; newlines are escaped first). */
function clean(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

export function writeCalendar(cal: Calendar): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tend//Tend feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(clean(cal.name))}`,
    `X-WR-CALNAME:${escapeText(clean(cal.name))}`,
    ...(cal.description
      ? [`DESCRIPTION:${escapeText(clean(cal.description))}`, `X-WR-CALDESC:${escapeText(clean(cal.description))}`]
      : []),
    `X-WR-TIMEZONE:${cal.timeZone}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${duration(cal.refreshMinutes)}`,
    `X-PUBLISHED-TTL:${duration(cal.refreshMinutes)}`,
  ];
  const stamp = utcStamp(cal.stamp);
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(clean(e.uid))}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(e.date)}`,
      `DTEND;VALUE=DATE:${basicDate(nextDay(e.endDate && e.endDate > e.date ? e.endDate : e.date))}`,
    );
    if (e.rrule) lines.push(`RRULE:${e.rrule}`);
    lines.push(`SUMMARY:${escapeText(clean(e.summary))}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(clean(e.description))}`);
    if (e.location) lines.push(`LOCATION:${escapeText(clean(e.location))}`);
    if (e.url) lines.push(`URL;VALUE=URI:${clean(e.url)}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map((c) => escapeText(clean(c))).join(',')}`);
    // A free, transparent all-day entry: reminders of people, not busy time.
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
