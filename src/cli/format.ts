import type { Style } from './style.js';
import { visibleLength } from './style.js';

/* Small formatting helpers for human output: tables, relative dates, words. */

export interface Column<T> {
  header: string;
  value(row: T): string;
  /** Applied after truncation, so colour codes never get cut in half. */
  color?: (s: string, row: T) => string;
  align?: 'left' | 'right';
  /** Columns that may be shortened to fit the terminal, widest first. */
  shrink?: boolean;
}

const MIN_SHRUNK = 10;
const GAP = '  ';

/** Aligned columns with a dim header; fits `width` by shortening the shrinkable columns. */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], style: Style, width?: number): string[] {
  const cells = rows.map((r) => columns.map((c) => oneLine(c.value(r))));
  const widths = columns.map((c, i) =>
    Math.max(visibleLength(c.header), ...cells.map((row) => visibleLength(row[i] ?? ''))),
  );
  if (width !== undefined) {
    const total = () => widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
    while (total() > width) {
      let widest = -1;
      for (let i = 0; i < columns.length; i++) {
        if (!columns[i]?.shrink || (widths[i] ?? 0) <= MIN_SHRUNK) continue;
        if (widest === -1 || (widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
      }
      if (widest === -1) break;
      widths[widest] = (widths[widest] ?? 0) - 1;
    }
  }
  const render = (texts: string[], colorize: (s: string, i: number) => string) =>
    texts
      .map((t, i) => {
        const w = widths[i] ?? 0;
        const cut = truncate(t, w);
        const pad = ' '.repeat(Math.max(0, w - visibleLength(cut)));
        const coloured = colorize(cut, i);
        if (i === texts.length - 1 && columns[i]?.align !== 'right') return coloured;
        return columns[i]?.align === 'right' ? pad + coloured : coloured + pad;
      })
      .join(GAP)
      .trimEnd();
  const lines = [
    render(
      columns.map((c) => c.header),
      (s) => style.dim(s),
    ),
  ];
  cells.forEach((row, r) => {
    lines.push(
      render(row, (s, i) => {
        const color = columns[i]?.color;
        const item = rows[r];
        return color && item !== undefined && s ? color(s, item) : s;
      }),
    );
  });
  return lines;
}

export function truncate(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  if (max <= 1) return chars.slice(0, max).join('');
  return `${chars.slice(0, max - 1).join('')}…`;
}

export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

// "yesterday" and "tomorrow" for days; "1 week ago" rather than "last week", which is ambiguous.
const rtfAuto = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago", "in 2 days". */
export function relativeTime(iso: string | Date, now: Date): string {
  const t = typeof iso === 'string' ? new Date(iso) : iso;
  const seconds = Math.round((t.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  // Calendar days read better than 24-hour blocks: something at 23:00 yesterday was "yesterday".
  if (abs >= 86400 / 2 && abs < 7 * 86400) {
    const days = calendarDays(now, t);
    if (days !== 0) return rtfAuto.format(days, 'day');
  }
  for (const [unit, size] of UNITS) {
    if (abs >= size) {
      // Rounded down, so 11 months never shows as "1 year ago".
      const n = Math.floor(abs / size);
      return rtf.format(seconds < 0 ? -n : n, unit);
    }
  }
  return rtf.format(Math.round(seconds / 60), 'minute');
}

function calendarDays(from: Date, to: Date): number {
  const a = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
  const b = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
  return Math.round((b - a) / 86400000);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "14 March" or "14 March 1990". */
export function dayMonth(month: number, day: number, year?: number | null): string {
  const name = MONTHS[month - 1] ?? String(month);
  return year ? `${day} ${name} ${year}` : `${day} ${name}`;
}

/** "2026-03-14" as "14 March 2026". */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return dayMonth(Number(m[2]), Number(m[3]), Number(m[1]));
}

/** Enum values for humans: "video_call" → "video call". */
export function words(value: string): string {
  return value.replace(/_/g, ' ');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Ana", "Ana and Raj", "Ana, Raj and Li". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "Staff Engineer at Acme", "Staff Engineer", "Acme" or "". */
export function roleAt(roleTitle: string | null, organisation: { name: string } | null): string {
  if (roleTitle && organisation) return `${roleTitle} at ${organisation.name}`;
  return roleTitle ?? organisation?.name ?? '';
}
