import { parseBirthday, parseDate } from '../dates.js';
import type { CsvRecord } from '../read.js';
import { emptyDraft, type ImportItem, type MappableField } from '../types.js';
import { canonicalLinkedIn } from './linkedin.js';
import { joinName, key, orNull, splitMulti, tableRows } from './table.js';

/*
 * Any CSV with a header row: the user maps columns to fields (the preview
 * suggests a mapping from the header names), then rows become people.
 */

export type Mapping = Record<string, MappableField>;

const GUESSES: [RegExp, MappableField][] = [
  [/^(full)?name$|^displayname$|^contact$/, 'fullName'],
  [/^(first|given)name$|^first$/, 'givenName'],
  [/^(last|family|sur)name$|^last$|^surname$/, 'familyName'],
  [/^nick(name)?$/, 'nickname'],
  [/e?mail/, 'email'],
  [/phone|mobile|tel/, 'phone'],
  [/linkedin/, 'linkedin'],
  [/website|url|homepage|webpage/, 'website'],
  [/company|organi[sz]ation|employer|org$/, 'organisation'],
  [/title|position|role|jobtitle/, 'roleTitle'],
  [/headline/, 'headline'],
  [/city|location|country|address/, 'location'],
  [/notes?|comment/, 'notes'],
  [/tags?|labels?|groups?|categor/, 'tags'],
  [/birthday|dob|birthdate/, 'birthday'],
  [/connectedon|meton|datemet|met$/, 'metOn'],
  [/howwemet|context/, 'metContext'],
];

export function suggestMapping(headers: string[]): Mapping {
  const m: Mapping = {};
  const used = new Set<MappableField>();
  for (const h of headers) {
    const k = key(h);
    const hit = GUESSES.find(([re]) => re.test(k));
    const field = hit?.[1] ?? 'ignore';
    // One column per single-valued field; emails, phones and tags may come from several.
    const multi = field === 'email' || field === 'phone' || field === 'tags' || field === 'website';
    if (field !== 'ignore' && !multi && used.has(field)) m[h] = 'ignore';
    else m[h] = field;
    used.add(field);
  }
  return m;
}

export function checkMapping(mapping: Mapping): string | null {
  const fields = new Set(Object.values(mapping));
  if (!fields.has('fullName') && !fields.has('givenName') && !fields.has('familyName')) {
    return 'Map a column to the name (fullName, or givenName and familyName).';
  }
  return null;
}

export async function* genericItems(
  file: string,
  records: AsyncIterable<CsvRecord>,
  mapping: Mapping,
): AsyncGenerator<ImportItem> {
  const byHeader = new Map(Object.entries(mapping).map(([h, f]) => [key(h), f]));
  for await (const item of tableRows(records, {
    file,
    maxPreamble: 0,
    isHeader: () => true,
    required: 'The first row must name the columns.',
  })) {
    if (item.type === 'error') {
      yield item;
      continue;
    }
    const row = item.row;
    const p = emptyDraft('');
    let given = '';
    let family = '';
    let problem: string | null = null;
    row.headers.forEach((h, i) => {
      const field = byHeader.get(key(h)) ?? 'ignore';
      const v = (row.values[i] ?? '').trim();
      if (!v || field === 'ignore') return;
      switch (field) {
        case 'fullName':
          p.fullName = v;
          break;
        case 'givenName':
          given = v;
          break;
        case 'familyName':
          family = v;
          break;
        case 'email':
          for (const e of splitMulti(v, /[;,]| ::: /)) p.emails.push({ value: e, label: null });
          break;
        case 'phone':
          for (const e of splitMulti(v, /;| ::: /)) p.phones.push({ value: e, label: null });
          break;
        case 'linkedin': {
          const u = canonicalLinkedIn(v);
          if (u) p.links.push({ url: u, label: 'LinkedIn' });
          else problem = `"${v}" is not a LinkedIn profile URL (${h})`;
          break;
        }
        case 'website':
          p.links.push({ url: /^https?:\/\//i.test(v) ? v : `https://${v}`, label: null });
          break;
        case 'tags':
          for (const t of splitMulti(v, /[;,]| ::: /)) p.tags.push(t);
          break;
        case 'metOn':
          p.metOn = parseDate(v);
          if (!p.metOn) problem = `"${v}" is not a date (${h})`;
          break;
        case 'birthday':
          p.birthday = parseBirthday(v);
          if (!p.birthday) problem = `"${v}" is not a date (${h})`;
          break;
        case 'location':
          p.location = p.location ? `${p.location}, ${v}` : v;
          break;
        default:
          p[field] = v;
      }
    });
    if (!p.fullName) p.fullName = joinName(given, family);
    p.givenName = orNull(given);
    p.familyName = orNull(family);
    if (problem) yield { type: 'error', file: row.file, line: row.line, message: problem };
    else if (!p.fullName) yield { type: 'error', file: row.file, line: row.line, message: 'no name' };
    else yield { type: 'person', file: row.file, line: row.line, person: p };
  }
}
