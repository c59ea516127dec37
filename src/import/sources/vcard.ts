import { readVcardStream, vcardToPerson } from '../../formats/vcard.js';
import { openText } from '../read.js';
import { emptyDraft, type ImportItem } from '../types.js';
import { canonicalLinkedIn } from './linkedin.js';

/*
 * vCard files (2.1, 3.0, 4.0, many cards per file) through the same
 * pipeline: src/formats/vcard.ts parses and maps each card; here the card
 * becomes a draft, with its LinkedIn link spelled as the matcher expects.
 */

export async function* vcardItems(file: { name: string; path: string }): AsyncGenerator<ImportItem> {
  const { text } = await openText(file.path);
  for await (const item of readVcardStream(text as AsyncIterable<string>)) {
    if (!item.ok) {
      yield { type: 'error', file: file.name, line: item.error.line, message: item.error.message };
      continue;
    }
    const line = item.card.line;
    const mapped = vcardToPerson(item.card);
    if (!mapped.ok) {
      yield { type: 'error', file: file.name, line, message: mapped.error };
      continue;
    }
    const p = mapped.person;
    const d = emptyDraft(p.fullName);
    d.givenName = p.givenName ?? null;
    d.familyName = p.familyName ?? null;
    d.nickname = p.nickname ?? null;
    d.headline = p.headline ?? null;
    d.roleTitle = p.roleTitle ?? null;
    d.organisation = p.organisationName ?? null;
    d.location = p.location ?? null;
    d.notes = p.notes ?? null;
    d.photoUrl = p.photoUrl ?? null;
    d.emails = (p.emails ?? []).map((e) => ({ value: e.value, label: e.label ?? null }));
    d.phones = (p.phones ?? []).map((e) => ({ value: e.value, label: e.label ?? null }));
    d.links = (p.links ?? []).map((l) => {
      const li = canonicalLinkedIn(l.url);
      return li ? { url: li, label: 'LinkedIn' } : { url: l.url, label: l.label ?? null };
    });
    d.tags = p.tags ?? [];
    const bday = (p.importantDates ?? []).find((x) => x.kind === 'birthday');
    if (bday) d.birthday = { month: bday.month, day: bday.day, year: bday.year ?? null };
    yield { type: 'person', file: file.name, line, person: d };
  }
}
