import type { Person } from '../contract/people.js';

/*
 * People as CSV (RFC 4180: CRLF, fields quoted when they hold a comma, quote or
 * line break). A cell starting with = + - @ tab or CR, also after leading
 * spaces or in their full-width forms, is prefixed with a single quote
 * (OWASP's advice), so a spreadsheet never runs it as a formula (CSV injection).
 */

const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = neutraliseFormula(String(value));
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const PEOPLE_CSV_COLUMNS = [
  'id',
  'full_name',
  'given_name',
  'family_name',
  'nickname',
  'headline',
  'title',
  'organisation',
  'location',
  'time_zone',
  'primary_email',
  'emails',
  'phones',
  'links',
  'tags',
  'topics',
  'circle',
  'cadence_days',
  'last_contacted',
  'next_due',
  'birthday',
  'notes',
  'created_at',
  'updated_at',
] as const;

const LIST = '; ';

function labelled(value: string, label: string | null): string {
  return label ? `${value} (${label})` : value;
}

export function personCsvRow(p: Person): string {
  const bday = p.importantDates.find((d) => d.kind === 'birthday');
  const pad = (n: number) => String(n).padStart(2, '0');
  // Without a year: MM-DD (ISO's --MM-DD would start with a minus and be neutralised).
  const birthday = bday ? `${bday.year === null ? '' : `${bday.year}-`}${pad(bday.month)}-${pad(bday.day)}` : null;
  const primary = p.emails.find((e) => e.primary) ?? p.emails[0];
  return csvRow([
    p.id,
    p.fullName,
    p.givenName,
    p.familyName,
    p.nickname,
    p.headline,
    p.roleTitle,
    p.organisation?.name,
    p.location,
    p.timeZone,
    primary?.value,
    p.emails.map((e) => labelled(e.value, e.label)).join(LIST),
    p.phones.map((e) => labelled(e.value, e.label)).join(LIST),
    p.links.map((l) => labelled(l.url, l.label)).join(LIST),
    p.tags.join(LIST),
    p.topics.join(LIST),
    p.circle,
    p.cadenceDays,
    p.lastInteractionAt,
    p.keepInTouch.nextDueOn,
    birthday,
    p.notes,
    p.createdAt,
    p.updatedAt,
  ]);
}
