import { InvalidArgumentError } from 'commander';

/*
 * Option value parsers. A bad value is a usage error: commander prints it as
 * "option '--limit <n>' argument 'x' is invalid. <our reason>" and exits 2.
 */

export function integer(min: number, max: number) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`Give a whole number from ${min} to ${max}.`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`Give a whole number from ${min} to ${max}.`);
    return n;
  };
}

/** Repeatable option that also splits on commas: --tag rust --tag climate,design. */
export function collectList(value: string, previous: string[] | undefined): string[] {
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...(previous ?? []), ...parts];
}

/** Repeatable option kept whole (names may contain commas): --with "Ruiz, Ana" --with Raj. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** One of a fixed set, forgiving about case and dashes, with a suggestion for typos. */
export function oneOf<T extends string>(allowed: readonly T[]) {
  return (value: string): T => {
    const v = value.trim().toLowerCase().replace(/[- ]/g, '_');
    const hit = allowed.find((a) => a === v);
    if (hit) return hit;
    const close = closest(v, allowed);
    const list = allowed.join(', ').replace(/_/g, '-');
    throw new InvalidArgumentError(
      `${close ? `Did you mean ${close.replace(/_/g, '-')}? ` : ''}Choose one of: ${list}.`,
    );
  };
}

function closest(value: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const o of options) {
    const d = distance(value, o);
    if (d < bestDistance) {
      best = o;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(value.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

const DAY_MS = 86_400_000;

/**
 * When something happened: "now", "today", "yesterday", "3 days ago",
 * 2026-03-14 (noon, local time), "2026-03-14 09:30" (local time), or a full
 * ISO date-time with an offset. Returns an ISO-8601 UTC date-time.
 */
export function parseWhen(value: string, now: Date): string {
  const v = value.trim().toLowerCase();
  if (v === 'now' || v === 'today') return now.toISOString();
  if (v === 'yesterday') return atLocalNoon(new Date(now.getTime() - DAY_MS)).toISOString();
  if (v === 'last week' || v === 'a week ago') return atLocalNoon(new Date(now.getTime() - 7 * DAY_MS)).toISOString();
  const ago = /^(\d{1,4})\s*(d|days?|w|weeks?)\s+ago$/.exec(v);
  if (ago) {
    const n = Number(ago[1]) * (ago[2]?.startsWith('w') ? 7 : 1);
    return atLocalNoon(new Date(now.getTime() - n * DAY_MS)).toISOString();
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (date) {
    const d = localDate(Number(date[1]), Number(date[2]), Number(date[3]), 12, 0);
    if (!d) throw new InvalidArgumentError(`${value} is not a real calendar date.`);
    if (sameLocalDay(d, now)) return now.toISOString();
    return d.toISOString();
  }
  const local = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})$/.exec(v);
  if (local) {
    const d = localDate(Number(local[1]), Number(local[2]), Number(local[3]), Number(local[4]), Number(local[5]));
    if (!d) throw new InvalidArgumentError(`${value} is not a real date and time.`);
    return d.toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})$/.test(v)) {
    const d = new Date(value.trim());
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  throw new InvalidArgumentError(
    'Use a date like 2026-03-14, "2026-03-14 09:30", an ISO date-time, "yesterday" or "3 days ago".',
  );
}

/** parseWhen for things that already happened: a typo'd year should not log a coffee in 2062. */
export function parsePast(value: string, now: Date): string {
  const iso = parseWhen(value, now);
  if (Date.parse(iso) > now.getTime() + DAY_MS) {
    throw new InvalidArgumentError(`${value.trim()} is in the future; log what has already happened.`);
  }
  return iso;
}

function localDate(y: number, m: number, d: number, hh: number, mm: number): Date | undefined {
  const date = new Date(y, m - 1, d, hh, mm);
  if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return undefined;
  if (hh > 23 || mm > 59) return undefined;
  return date;
}

function atLocalNoon(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), 12, 0);
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}
