/*
 * Dates as export files write them: "15 Mar 2021" (LinkedIn connections),
 * "2023-04-05 14:03:22 UTC" (LinkedIn messages), "4/5/23, 2:03 PM"
 * (LinkedIn invitations, US order), ISO dates, "--03-14" (a birthday without
 * a year). Anything else is null and the caller reports it.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function valid(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function fullYear(y: number): number {
  return y < 100 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

/** A calendar date YYYY-MM-DD, or null. */
export function parseDate(input: string | null | undefined): string | null {
  const s = (input ?? '').trim();
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  m = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -,]+(\d{2,4})$/.exec(s);
  if (m) {
    const mo = MONTHS[(m[2] ?? '').slice(0, 3).toLowerCase()] ?? MONTHS[(m[2] ?? '').slice(0, 4).toLowerCase()];
    const y = fullYear(Number(m[3]));
    const d = Number(m[1]);
    return mo && valid(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(s);
  if (m) {
    const mo = MONTHS[(m[1] ?? '').slice(0, 3).toLowerCase()];
    const y = Number(m[3]);
    const d = Number(m[2]);
    return mo && valid(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  // US order, as LinkedIn writes invitations: 4/5/23, 2:03 PM
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})(?:,?\s.*)?$/.exec(s);
  if (m) {
    const [mo, d, y] = [Number(m[1]), Number(m[2]), fullYear(Number(m[3]))];
    return valid(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  return null;
}

/** An instant as ISO UTC, or null: ISO strings, "2023-04-05 14:03:22 UTC", "4/5/23, 2:03 PM". */
export function parseInstant(input: string | null | undefined): string | null {
  const s = (input ?? '').trim();
  if (!s) return null;
  let m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m) {
    const zone = !m[5] || m[5] === 'UTC' || m[5] === 'Z' ? 'Z' : m[5].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const t = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${zone}`);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4}),?\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?$/.exec(s);
  if (m) {
    const date = parseDate(`${m[1]}/${m[2]}/${m[3]}`);
    if (!date) return null;
    let h = Number(m[4]);
    const ap = m[6]?.toLowerCase();
    if (ap === 'pm' && h < 12) h += 12;
    if (ap === 'am' && h === 12) h = 0;
    if (h > 23 || Number(m[5]) > 59) return null;
    return new Date(`${date}T${pad(h)}:${m[5]}:00Z`).toISOString();
  }
  const d = parseDate(s);
  return d ? `${d}T12:00:00.000Z` : null;
}

/** A birthday: a full date, or month and day only ("--03-14", "03-14"). */
export function parseBirthday(
  input: string | null | undefined,
): { month: number; day: number; year: number | null } | null {
  const s = (input ?? '').trim();
  if (!s) return null;
  const m = /^-{0,2}(\d{2})-?(\d{2})$/.exec(s);
  if (m) {
    const [mo, d] = [Number(m[1]), Number(m[2])];
    return valid(2000, mo, d) ? { month: mo, day: d, year: null } : null;
  }
  const full = parseDate(s);
  if (!full) return null;
  return { year: Number(full.slice(0, 4)), month: Number(full.slice(5, 7)), day: Number(full.slice(8, 10)) };
}
