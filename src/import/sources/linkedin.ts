import { parseDate, parseInstant } from '../dates.js';
import type { CsvRecord } from '../read.js';
import { emptyDraft, type ImportItem } from '../types.js';
import { joinName, orNull, type Row, tableRows } from './table.js';

/*
 * LinkedIn's "Get a copy of your data": Connections.csv (sometimes after a
 * "Notes:" preamble, with or without the URL column), Invitations.csv and
 * messages.csv. Columns are read by name since they vary between exports.
 */

export type LinkedInFile = 'connections' | 'invitations' | 'messages';

/** Which LinkedIn file a header row belongs to, if any. */
export function linkedInFileOf(keys: Set<string>): LinkedInFile | null {
  if (keys.has('firstname') && keys.has('lastname') && (keys.has('connectedon') || keys.has('company')))
    return 'connections';
  if (keys.has('sentat') && (keys.has('from') || keys.has('direction'))) return 'invitations';
  if (keys.has('conversationid') || (keys.has('from') && keys.has('to') && keys.has('content'))) return 'messages';
  return null;
}

export function linkedInFileByName(name: string): LinkedInFile | null {
  const base = (name.split('/').pop() ?? '').toLowerCase();
  if (base === 'connections.csv') return 'connections';
  if (base === 'invitations.csv') return 'invitations';
  if (base === 'messages.csv') return 'messages';
  return null;
}

/** A LinkedIn profile URL in one spelling, so the same profile always matches. */
export function canonicalLinkedIn(url: string): string | null {
  const m = /linkedin\.com\/(in|pub)\/([^/?#\s]+)/i.exec(url);
  if (!m) return null;
  return `https://www.linkedin.com/${(m[1] ?? 'in').toLowerCase()}/${decodeURIComponent(m[2] ?? '').toLowerCase()}`;
}

function connection(row: Row): ImportItem {
  const first = row.get('First Name');
  const last = row.get('Last Name');
  const rawUrl = row.get('URL', 'Profile URL');
  const url = rawUrl ? canonicalLinkedIn(rawUrl) : null;
  const email = row.get('Email Address', 'Email');
  const connectedRaw = row.get('Connected On');
  const fullName = joinName(first, last);
  if (!fullName) {
    if (!url && !email) {
      // LinkedIn leaves only the date for members who hide their profile.
      return { type: 'skip', file: row.file, line: row.line, reason: 'hidden profile: LinkedIn exported only a date' };
    }
    return { type: 'error', file: row.file, line: row.line, message: 'no first or last name' };
  }
  const metOn = parseDate(connectedRaw);
  if (connectedRaw && !metOn) {
    return { type: 'error', file: row.file, line: row.line, message: `"${connectedRaw}" is not a date (Connected On)` };
  }
  if (rawUrl && !url) {
    return { type: 'error', file: row.file, line: row.line, message: `"${rawUrl}" is not a LinkedIn profile URL` };
  }
  const p = emptyDraft(fullName);
  p.givenName = orNull(first);
  p.familyName = orNull(last);
  p.organisation = orNull(row.get('Company'));
  p.roleTitle = orNull(row.get('Position'));
  if (email) p.emails.push({ value: email, label: null });
  if (url) p.links.push({ url, label: 'LinkedIn' });
  p.metOn = metOn;
  p.metChannel = 'linkedin';
  p.metPlatform = 'LinkedIn';
  return { type: 'person', file: row.file, line: row.line, person: p };
}

function invitation(row: Row): ImportItem {
  const direction = row.get('Direction').toUpperCase();
  const incoming = direction === 'INCOMING';
  const name = incoming ? row.get('From') : row.get('To');
  const rawUrl = incoming
    ? row.get('inviterProfileUrl', 'Inviter Profile URL')
    : row.get('inviteeProfileUrl', 'Invitee Profile URL');
  const url = rawUrl ? canonicalLinkedIn(rawUrl) : null;
  if (!name && !url)
    return { type: 'error', file: row.file, line: row.line, message: 'no name or profile of the other person' };
  const sent = row.get('Sent At');
  const on = parseDate(sent);
  if (sent && !on)
    return { type: 'error', file: row.file, line: row.line, message: `"${sent}" is not a date (Sent At)` };
  const message = row.get('Message');
  const p = emptyDraft(name);
  if (url) p.links.push({ url, label: 'LinkedIn' });
  p.metOn = on;
  p.metChannel = 'linkedin';
  p.metPlatform = 'LinkedIn';
  const who = incoming ? 'They invited me' : 'I invited them';
  p.metContext = message ? `${who} on LinkedIn: “${message}”` : `${who} on LinkedIn`;
  return { type: 'person', file: row.file, line: row.line, person: p, enrichOnly: true };
}

function splitList(value: string): string[] {
  return value
    .split(/,(?![^()]*\))/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function message(row: Row): ImportItem {
  const dateRaw = row.get('DATE', 'Sent At', 'Date');
  const occurredAt = parseInstant(dateRaw);
  if (!occurredAt) {
    return {
      type: 'error',
      file: row.file,
      line: row.line,
      message: dateRaw ? `"${dateRaw}" is not a date (DATE)` : 'no DATE',
    };
  }
  const conversationId = row.get('CONVERSATION ID', 'Conversation Id') || `${row.get('FROM')}|${row.get('TO')}`;
  const refs: { name: string | null; url: string | null }[] = [];
  const from = row.get('FROM', 'Sender');
  const fromUrl = row.get('SENDER PROFILE URL', 'Sender Profile Url');
  if (from || fromUrl) refs.push({ name: orNull(from), url: fromUrl ? canonicalLinkedIn(fromUrl) : null });
  const toNames = splitList(row.get('TO', 'Recipients'));
  const toUrls = splitList(row.get('RECIPIENT PROFILE URLS', 'Recipient Profile Urls', 'RECIPIENT PROFILE URL'));
  const n = Math.max(toNames.length, toUrls.length);
  for (let i = 0; i < n; i++) {
    const u = toUrls[i];
    // Names and URLs pair up by position only when both lists are complete.
    const name = toNames.length === toUrls.length || toUrls.length === 0 ? (toNames[i] ?? null) : null;
    refs.push({ name, url: u ? canonicalLinkedIn(u) : null });
  }
  if (toUrls.length > 0 && toNames.length !== toUrls.length) {
    for (const name of toNames) refs.push({ name, url: null });
  }
  if (refs.length === 0) return { type: 'error', file: row.file, line: row.line, message: 'no sender or recipient' };
  const subject = row.get('SUBJECT', 'CONVERSATION TITLE');
  return {
    type: 'message',
    file: row.file,
    line: row.line,
    conversationId,
    occurredAt,
    refs,
    subject: orNull(subject.slice(0, 200)),
  };
}

export async function* linkedInItems(
  kind: LinkedInFile,
  file: string,
  records: AsyncIterable<CsvRecord>,
): AsyncGenerator<ImportItem> {
  const required: Record<LinkedInFile, string> = {
    connections: 'Connections.csv needs the columns First Name, Last Name and Connected On.',
    invitations: 'Invitations.csv needs the columns From, To and Sent At.',
    messages: 'messages.csv needs the columns FROM, TO and DATE.',
  };
  for await (const item of tableRows(records, {
    file,
    isHeader: (keys) => linkedInFileOf(keys) === kind,
    required: required[kind],
  })) {
    if (item.type === 'error') {
      yield item;
      continue;
    }
    yield kind === 'connections'
      ? connection(item.row)
      : kind === 'invitations'
        ? invitation(item.row)
        : message(item.row);
  }
}
