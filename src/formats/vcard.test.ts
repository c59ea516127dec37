import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Person } from '../contract/people.js';
import {
  emptyVcard,
  foldLine,
  parseVcards,
  personToVcard,
  readVcardStream,
  type Vcard,
  vcardToPerson,
  writeVcard,
} from './vcard.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/vcard/${name}`, import.meta.url), 'utf8');
const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function one(text: string): Vcard {
  const { cards, errors } = parseVcards(text);
  expect(errors).toEqual([]);
  expect(cards).toHaveLength(1);
  return cards[0] as Vcard;
}

/**
 * The card without what a writer legitimately adds or changes: the source line,
 * the declared version, an FN made from N (both versions require FN) and an
 * empty N (3.0 requires N).
 */
function comparable(card: Vcard) {
  const n = card.name;
  const fromN = n ? [n.prefix, n.given, n.additional, n.family, n.suffix].filter((x) => x !== '').join(' ') : '';
  const emptyName = n !== null && Object.values(n).every((x) => x === '');
  return { ...card, line: 0, version: null, fn: card.fn ?? fromN, name: emptyName ? null : n };
}

describe('vCard 2.1', () => {
  const card = one(fixture('v21-quoted-printable.vcf'));

  it('decodes quoted-printable in its charset, across soft line breaks', () => {
    expect(card.version).toBe('2.1');
    expect(card.name).toEqual({ family: 'Müller', given: 'Jürgen', additional: '', prefix: 'Dr.', suffix: '' });
    expect(card.fn).toBe('Dr. Jürgen Müller');
    expect(card.org).toEqual({ name: 'Müller & Söhne', units: [] });
    expect(card.note).toBe('Met at the Berlin meetup.\nLikes long walks and strong coffee ☕.');
    expect(card.addresses[0]).toMatchObject({ street: 'Hauptstraße 1', locality: 'Berlin', country: 'Germany' });
    expect(card.addresses[0]?.types).toEqual(['work']);
  });

  it('reads bare type parameters', () => {
    expect(card.phones).toEqual([
      { value: '+49 30 1234567', types: ['home', 'voice'], label: null, pref: false },
      { value: '+49 170 7654321', types: ['cell'], label: null, pref: false },
      { value: '+49 30 7654321', types: ['work', 'fax'], label: null, pref: false },
    ]);
    expect(card.emails).toEqual([{ value: 'juergen@example.de', types: [], label: null, pref: true }]);
  });

  it('reads a base64 photo continued on indented lines, and keeps unknown properties', () => {
    expect(card.photo?.mediaType).toBe('image/png');
    expect(Buffer.from(card.photo?.data ?? [])).toEqual(PNG_BYTES);
    expect(card.birthday).toEqual({ year: 1970, month: 1, day: 2, text: null });
    expect(card.extras).toEqual([{ group: null, name: 'X-MS-OL-DEFAULT-POSTAL-ADDRESS', params: [], value: '2' }]);
  });
});

describe('vCard 3.0 from Apple', () => {
  const card = one(fixture('v30-apple.vcf'));

  it('labels grouped properties with X-ABLabel', () => {
    expect(card.emails).toEqual([
      { value: 'ana@acme.example', types: [], label: 'Work', pref: true },
      { value: 'ana.personal@example.org', types: [], label: 'Personal', pref: false },
    ]);
    expect(card.phones[1]).toEqual({ value: '+351 21 000 0000', types: [], label: 'Studio', pref: false });
    expect(card.urls).toEqual([{ value: 'https://ana.example.org', types: [], label: 'HomePage', pref: true }]);
  });

  it('reads names, organisation units, escapes, dates without a year and the photo', () => {
    expect(card.name?.additional).toBe('Sofia');
    expect(card.nicknames).toEqual(['Aninhas']);
    expect(card.org).toEqual({ name: 'Acme Robotics', units: ['Platform Team'] });
    expect(card.note).toBe('Loves robotics, coffee; and long walks.\nSecond line.');
    expect(card.addresses[0]?.street).toBe('Rua Augusta 12\n3º Esq');
    expect(card.birthday).toEqual({ year: null, month: 4, day: 15, text: null });
    expect(card.anniversary).toEqual({ year: 2015, month: 6, day: 20, text: null });
    expect(card.categories).toEqual(['Friends', 'Work']);
    expect(Buffer.from(card.photo?.data ?? [])).toEqual(PNG_BYTES);
    expect(card.photo?.mediaType).toBe('image/png');
    expect(card.uid).toBe('6A1B2C3D-0000-4000-8000-ABCDEF012345');
    expect(card.rev).toBe('2025-11-01T10:00:00Z');
  });

  it('keeps unknown properties verbatim, groups and quoted parameters included', () => {
    const names = card.extras.map((e) => `${e.group ?? ''}.${e.name}`);
    expect(names).toEqual(
      expect.arrayContaining(['item4.X-ABADR', '.X-SOCIALPROFILE', 'item7.X-ABRELATEDNAMES', 'item7.X-ABLABEL']),
    );
    const unknown = card.extras.find((e) => e.name === 'X-UNKNOWN-APPLE');
    expect(unknown).toEqual({
      group: null,
      name: 'X-UNKNOWN-APPLE',
      params: [{ name: 'X-PARAM', values: ['a:b;c'] }],
      value: 'keeps;this\\, verbatim',
    });
  });
});

describe('vCard 4.0', () => {
  const card = one(fixture('v40-data-uri.vcf'));

  it('reads a data URI photo, folded multi-byte text and partial dates', () => {
    expect(Buffer.from(card.photo?.data ?? [])).toEqual(PNG_BYTES);
    expect(card.photo?.mediaType).toBe('image/png');
    expect(card.note).toBe(
      'Ünïcödé note that is long enough to be folded across several lines: 日本語のテキストも含まれています。 Emoji 🎉🎉🎉 too.',
    );
    expect(card.birthday).toEqual({ year: null, month: 4, day: 15, text: null });
    expect(card.anniversary).toEqual({ year: 2010, month: 6, day: 12, text: null });
    expect(card.timeZone).toBe('Europe/London');
  });

  it('reads quoted multi-valued parameters, PREF, tel: URIs and escaped structured values', () => {
    expect(card.emails).toEqual([
      { value: 'zoe@example.com', types: ['work'], label: null, pref: true },
      { value: 'zoe.home@example.com', types: ['home', 'other'], label: null, pref: false },
    ]);
    expect(card.phones[0]).toMatchObject({ value: '+44-20-7946-0958', types: ['voice', 'cell'] });
    expect(card.urls[0]?.value).toBe('https://zoe.example.com/a;b?c=d,e');
    expect(card.org).toEqual({ name: 'Example, Ltd.', units: ['Research'] });
    expect(card.categories).toEqual(['climbing', 'tea, green']);
    const custom = card.extras.find((e) => e.name === 'X-CUSTOM');
    expect(custom?.params).toEqual([{ name: 'LABEL', values: ['Line one\nline "two"'] }]);
  });
});

describe('files with many cards, junk and broken cards', () => {
  it('reads every card of a multi-contact file, ignoring text between cards', () => {
    const { cards, errors } = parseVcards(fixture('multi.vcf'));
    expect(errors).toEqual([]);
    expect(cards.map((c) => c.fn ?? `${c.name?.given} ${c.name?.family}`)).toEqual([
      'Alice Example',
      'Bob Sample',
      'Carol Third',
    ]);
    expect(cards.map((c) => c.line)).toEqual([3, 10, 15]);
  });

  it('reports each bad card with its line and keeps the good ones', () => {
    const { cards, errors } = parseVcards(fixture('malformed.vcf'));
    expect(cards.map((c) => c.fn)).toEqual(['Good One', 'Good Two']);
    expect(errors).toEqual([
      { line: 8, message: expect.stringContaining('line 8') },
      { line: 14, message: expect.stringContaining('base64') },
      { line: 16, message: expect.stringContaining('no END:VCARD') },
      { line: 23, message: expect.stringContaining('no END:VCARD') },
    ]);
  });

  it('never throws on random or truncated input', () => {
    const samples = ['v21-quoted-printable.vcf', 'v30-apple.vcf', 'v40-data-uri.vcf', 'multi.vcf'].map(fixture);
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        parseVcards(`BEGIN:VCARD\n${s}\nEND:VCARD`);
        parseVcards(s);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.nat(), (text, cut) => {
        parseVcards(text.slice(0, cut % (text.length + 1)));
      }),
    );
  });

  it('streams: the same cards and line numbers whatever the chunking', async () => {
    const text = fixture('multi.vcf') + fixture('malformed.vcf') + fixture('v30-apple.vcf');
    const whole = parseVcards(text);
    for (const size of [1, 7, 64, 100_000]) {
      const chunks: Buffer[] = [];
      const bytes = Buffer.from(text, 'utf8');
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const cards: Vcard[] = [];
      const errors: unknown[] = [];
      for await (const item of readVcardStream(Readable.from(chunks))) {
        if (item.ok) cards.push(item.card);
        else errors.push(item.error);
      }
      expect(cards).toEqual(whole.cards);
      expect(errors).toEqual(whole.errors);
    }
  });
});

describe('writing', () => {
  it('folds at 75 octets without splitting a UTF-8 sequence', () => {
    const line = `NOTE:${'é'.repeat(50)}${'🎉'.repeat(30)}${'a'.repeat(100)}`;
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n')) expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });

  it('writes CRLF, VERSION second, escapes text', () => {
    const card = emptyVcard();
    card.fn = 'A, B; C\\D\nE';
    const out = writeVcard(card, { version: '4.0' });
    expect(out.split('\r\n').slice(0, 2)).toEqual(['BEGIN:VCARD', 'VERSION:4.0']);
    expect(out).toContain('FN:A\\, B\\; C\\\\D\\nE\r\n');
    expect(out.endsWith('END:VCARD\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  for (const name of ['v21-quoted-printable.vcf', 'v30-apple.vcf', 'v40-data-uri.vcf', 'multi.vcf']) {
    for (const version of ['4.0', '3.0'] as const) {
      it(`round-trips ${name} through vCard ${version} without losing anything`, () => {
        const { cards } = parseVcards(fixture(name));
        const written = cards.map((c) => writeVcard(c, { version })).join('');
        const again = parseVcards(written);
        expect(again.errors).toEqual([]);
        expect(again.cards.map(comparable)).toEqual(cards.map(comparable));
        expect(again.cards.every((c) => c.version === version)).toBe(true);
      });
    }
  }

  it('round-trips arbitrary text values through both versions', () => {
    const textArb = fc.string({ maxLength: 120 }).map((s) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''));
    fc.assert(
      fc.property(
        textArb,
        textArb,
        fc.array(
          textArb.filter((s) => s.trim() !== ''),
          { maxLength: 3 },
        ),
        (fn, note, cats) => {
          const card = emptyVcard();
          card.fn = fn.trim();
          card.note = note === '' ? null : note.replace(/\r\n?/g, '\n');
          card.categories = [...new Set(cats.map((c) => c.trim()))];
          for (const version of ['4.0', '3.0'] as const) {
            const again = parseVcards(writeVcard(card, { version }));
            expect(again.errors).toEqual([]);
            const back = again.cards[0] as Vcard;
            expect(back.fn).toBe(card.fn);
            expect(back.note).toBe(card.note);
            expect(back.categories).toEqual(card.categories);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('mapping to and from a Tend person', () => {
  it('maps an Apple card to a new person', () => {
    const result = vcardToPerson(one(fixture('v30-apple.vcf')));
    if (!result.ok) throw new Error(result.error);
    expect(result.person).toMatchObject({
      fullName: 'Ana Sofia Oliveira',
      givenName: 'Ana',
      familyName: 'Oliveira',
      nickname: 'Aninhas',
      roleTitle: 'Staff Engineer',
      organisationName: 'Acme Robotics',
      location: 'Lisboa, Portugal',
      notes: 'Loves robotics, coffee; and long walks.\nSecond line.',
      tags: ['Friends', 'Work'],
      emails: [
        { value: 'ana@acme.example', label: 'Work', primary: true },
        { value: 'ana.personal@example.org', label: 'Personal' },
      ],
      phones: [
        { value: '+351 912 345 678', label: 'mobile', primary: true },
        { value: '+351 21 000 0000', label: 'Studio' },
      ],
      links: [
        { url: 'https://ana.example.org', label: 'HomePage' },
        { url: 'https://www.linkedin.com/in/anaoliveira', label: 'linkedin' },
      ],
      importantDates: [
        { kind: 'birthday', month: 4, day: 15 },
        { kind: 'custom', label: 'Anniversary', month: 6, day: 20, year: 2015 },
      ],
    });
    expect(result.photo?.mediaType).toBe('image/png');
  });

  it('drops values Tend would refuse, with a warning, and refuses a card with no name at all', () => {
    const card = emptyVcard();
    card.fn = 'Someone';
    card.emails = [{ value: 'not-an-email', types: [], label: null, pref: false }];
    const r = vcardToPerson(card);
    expect(r.ok && r.person.emails).toEqual([]);
    expect(r.ok && r.warnings).toEqual(['email "not-an-email" is not an email address']);
    expect(vcardToPerson(emptyVcard())).toEqual({ ok: false, error: expect.stringContaining('no name') });
  });

  it('a person survives person → vCard (4.0 and 3.0) → person, Tend-only fields via X-TEND-*', () => {
    const person: Person = {
      id: '0192f7c4-8a1e-7c3b-9d2e-1f2a3b4c5d6e',
      version: 3,
      fullName: 'Zoë Brennan',
      givenName: 'Zoë',
      familyName: 'Brennan',
      nickname: 'Z',
      headline: 'Builds robots; drinks tea',
      roleTitle: 'CTO',
      organisation: { id: '0192f7c4-8a1e-7c3b-9d2e-1f2a3b4c5d6f', name: 'Brennan, Ltd.' },
      location: 'Dublin, Ireland',
      timeZone: 'Europe/Dublin',
      photoUrl: 'https://example.com/z.jpg',
      circle: 'close',
      cadenceDays: 45,
      notes: 'First line\nsecond; line, with commas',
      emails: [
        { value: 'zoe@brennan.example', label: 'work', primary: true },
        { value: 'z@home.example', label: 'Side project', primary: false },
      ],
      phones: [{ value: '+353 1 234 5678', label: 'mobile', primary: true }],
      links: [{ url: 'https://www.linkedin.com/in/zoe', label: 'linkedin' }],
      tags: ['investor', 'dublin'],
      topics: ['robotics', 'tea, green'],
      purposes: [],
      howWeMet: { channel: null, platform: null, date: null, event: null, context: null, introducedBy: null },
      roles: [],
      importantDates: [
        { kind: 'birthday', label: null, month: 2, day: 29, year: null },
        { kind: 'work_anniversary', label: null, month: 9, day: 1, year: 2019 },
        { kind: 'custom', label: 'Name day', month: 7, day: 22, year: null },
      ],
      learnings: [],
      visibility: 'private',
      lastInteractionAt: null,
      interactionCount: 0,
      keepInTouch: {
        cadenceDays: 45,
        nextDueOn: null,
        snoozedUntil: null,
        lastMeaningfulAt: null,
        strength: 0,
        trend: 'steady',
      },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-02-03T04:05:06.789Z',
      deletedAt: null,
    };
    for (const version of ['4.0', '3.0'] as const) {
      const text = writeVcard(personToVcard(person), { version });
      const back = vcardToPerson(one(text));
      if (!back.ok) throw new Error(back.error);
      expect(back.tendId).toBe(person.id);
      expect(back.warnings).toEqual([]);
      expect(back.person).toEqual({
        fullName: 'Zoë Brennan',
        givenName: 'Zoë',
        familyName: 'Brennan',
        nickname: 'Z',
        headline: 'Builds robots; drinks tea',
        roleTitle: 'CTO',
        organisationName: 'Brennan, Ltd.',
        location: 'Dublin, Ireland',
        timeZone: 'Europe/Dublin',
        photoUrl: 'https://example.com/z.jpg',
        circle: 'close',
        cadenceDays: 45,
        notes: 'First line\nsecond; line, with commas',
        emails: [
          { value: 'zoe@brennan.example', label: 'work', primary: true },
          { value: 'z@home.example', label: 'Side project', primary: undefined },
        ],
        phones: [{ value: '+353 1 234 5678', label: 'mobile', primary: true }],
        links: [{ url: 'https://www.linkedin.com/in/zoe', label: 'linkedin' }],
        tags: ['investor', 'dublin'],
        topics: ['robotics', 'tea, green'],
        importantDates: [
          { kind: 'birthday', month: 2, day: 29 },
          { kind: 'work_anniversary', month: 9, day: 1, year: 2019 },
          { kind: 'custom', label: 'Name day', month: 7, day: 22 },
        ],
      });
      expect(text).toContain('X-TEND-ID:0192f7c4-8a1e-7c3b-9d2e-1f2a3b4c5d6e');
      expect(text).toContain('REV:20260203T040506Z');
    }
  });
});
