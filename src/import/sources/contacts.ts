import { parseBirthday } from '../dates.js';
import type { CsvRecord } from '../read.js';
import { emptyDraft, type ImportItem, type PersonDraft } from '../types.js';
import { canonicalLinkedIn } from './linkedin.js';
import { joinName, orNull, type Row, splitMulti, tableRows } from './table.js';

const place = (...parts: string[]) => parts.filter(Boolean).join(', ');

/*
 * Address-book CSVs: Google Contacts (the current header set and the legacy
 * one, " ::: " between several values in one cell, labels) and Outlook (both
 * column orders seen in the wild, "Business Country" or "Business
 * Country/Region"). Read by column name, so order does not matter.
 */

function addLink(p: PersonDraft, raw: string, label: string | null) {
  for (const url of splitMulti(raw)) {
    const li = canonicalLinkedIn(url);
    if (li) p.links.push({ url: li, label: 'LinkedIn' });
    else if (/^(https?:\/\/|www\.)/i.test(url) || /^[\w.-]+\.[a-z]{2,}(\/.*)?$/i.test(url)) {
      p.links.push({ url: /^https?:\/\//i.test(url) ? url : `https://${url}`, label });
    }
  }
}

const GOOGLE_SYSTEM_LABELS = new Set(['mycontacts', 'starred', 'othercontacts', 'friends', 'family', 'coworkers']);

function googleTag(label: string): string | null {
  const t = label.replace(/^\*\s*/, '').trim();
  if (!t) return null;
  // "* myContacts" is every contact; "* starred" is a real choice the user made.
  if (
    label.startsWith('*') &&
    GOOGLE_SYSTEM_LABELS.has(t.toLowerCase().replace(/\s/g, '')) &&
    t.toLowerCase() !== 'starred'
  )
    return null;
  if (t === 'System Group: My Contacts') return null;
  return t.replace(/^System Group: /, '');
}

function google(row: Row): ImportItem {
  const first = row.get('First Name', 'Given Name');
  const middle = row.get('Middle Name', 'Additional Name');
  const last = row.get('Last Name', 'Family Name');
  const p = emptyDraft(
    row.get('Name') || joinName(row.get('Name Prefix'), first, middle, last, row.get('Name Suffix')),
  );
  const org = row.get('Organization Name', 'Organization 1 - Name');
  if (!p.fullName) p.fullName = org || row.get('E-mail 1 - Value').split(' ::: ')[0] || '';
  if (!p.fullName) return { type: 'error', file: row.file, line: row.line, message: 'no name, organisation or email' };
  p.givenName = orNull(first);
  p.familyName = orNull(last);
  p.nickname = orNull(row.get('Nickname'));
  p.organisation = orNull(org === p.fullName ? '' : org);
  p.roleTitle = orNull(row.get('Organization Title', 'Organization 1 - Title'));
  p.notes = orNull(row.get('Notes'));
  const bday = row.get('Birthday');
  p.birthday = parseBirthday(bday);
  if (bday && !p.birthday)
    return { type: 'error', file: row.file, line: row.line, message: `"${bday}" is not a date (Birthday)` };
  for (let i = 1; i <= 20; i++) {
    const email = row.get(`E-mail ${i} - Value`);
    if (!email && !row.has(`E-mail ${i} - Value`)) break;
    const label = row.get(`E-mail ${i} - Label`, `E-mail ${i} - Type`).replace(/^\*\s*/, '');
    for (const v of splitMulti(email)) p.emails.push({ value: v, label: orNull(label) });
  }
  for (let i = 1; i <= 20; i++) {
    const phone = row.get(`Phone ${i} - Value`);
    if (!phone && !row.has(`Phone ${i} - Value`)) break;
    const label = row.get(`Phone ${i} - Label`, `Phone ${i} - Type`).replace(/^\*\s*/, '');
    for (const v of splitMulti(phone)) p.phones.push({ value: v, label: orNull(label) });
  }
  for (let i = 1; i <= 10; i++) {
    const site = row.get(`Website ${i} - Value`);
    if (!site && !row.has(`Website ${i} - Value`)) break;
    addLink(p, site, orNull(row.get(`Website ${i} - Label`, `Website ${i} - Type`)));
  }
  p.location = orNull(
    place(row.get('Address 1 - City'), row.get('Address 1 - Country')) ||
      row.get('Address 1 - Formatted').split('\n')[0] ||
      '',
  );
  for (const l of splitMulti(row.get('Labels', 'Group Membership'))) {
    const t = googleTag(l);
    if (t) p.tags.push(t);
  }
  return { type: 'person', file: row.file, line: row.line, person: p };
}

function outlook(row: Row): ImportItem {
  const first = row.get('First Name');
  const middle = row.get('Middle Name');
  const last = row.get('Last Name');
  const company = row.get('Company');
  const p = emptyDraft(joinName(first, middle, last, row.get('Suffix')) || row.get('Display Name', 'Name'));
  if (!p.fullName) p.fullName = company || row.get('E-mail Address');
  if (!p.fullName) return { type: 'error', file: row.file, line: row.line, message: 'no name, company or email' };
  p.givenName = orNull(first);
  p.familyName = orNull(last);
  p.nickname = orNull(row.get('Nickname'));
  p.organisation = orNull(company === p.fullName ? '' : company);
  p.roleTitle = orNull(row.get('Job Title'));
  p.notes = orNull(row.get('Notes'));
  const bday = row.get('Birthday');
  // Outlook writes "0/0/00" for no birthday.
  if (bday && !/^0\/0\/0+$/.test(bday)) {
    p.birthday = parseBirthday(bday);
    if (!p.birthday)
      return { type: 'error', file: row.file, line: row.line, message: `"${bday}" is not a date (Birthday)` };
  }
  for (const [col, label] of [
    ['E-mail Address', null],
    ['E-mail 2 Address', null],
    ['E-mail 3 Address', null],
  ] as const) {
    const v = row.get(col);
    if (v) p.emails.push({ value: v, label });
  }
  for (const [col, label] of [
    ['Mobile Phone', 'mobile'],
    ['Business Phone', 'work'],
    ['Business Phone 2', 'work'],
    ['Home Phone', 'home'],
    ['Primary Phone', null],
    ['Other Phone', 'other'],
  ] as const) {
    const v = row.get(col);
    if (v && !p.phones.some((x) => x.value === v)) p.phones.push({ value: v, label });
  }
  const site = row.get('Web Page');
  if (site) addLink(p, site, null);
  p.location = orNull(
    place(row.get('Business City'), row.get('Business Country/Region', 'Business Country')) ||
      place(row.get('Home City'), row.get('Home Country/Region', 'Home Country')),
  );
  for (const c of splitMulti(row.get('Categories'), /;/)) p.tags.push(c);
  return { type: 'person', file: row.file, line: row.line, person: p };
}

export async function* googleItems(file: string, records: AsyncIterable<CsvRecord>): AsyncGenerator<ImportItem> {
  for await (const item of tableRows(records, {
    file,
    maxPreamble: 0,
    isHeader: (k) =>
      (k.has('firstname') || k.has('givenname') || k.has('name')) &&
      (k.has('email1value') || k.has('labels') || k.has('groupmembership') || k.has('lastname') || k.has('familyname')),
    required: 'A Google Contacts CSV has the columns First Name (or Name/Given Name) and E-mail 1 - Value.',
  })) {
    yield item.type === 'error' ? item : google(item.row);
  }
}

export async function* outlookItems(file: string, records: AsyncIterable<CsvRecord>): AsyncGenerator<ImportItem> {
  for await (const item of tableRows(records, {
    file,
    maxPreamble: 0,
    isHeader: (k) => k.has('firstname') && k.has('lastname') && (k.has('emailaddress') || k.has('company')),
    required: 'An Outlook CSV has the columns First Name, Last Name and E-mail Address.',
  })) {
    yield item.type === 'error' ? item : outlook(item.row);
  }
}
