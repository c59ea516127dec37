import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../src/contract/search.js';
import { derivedMismatches } from '../support/consistency.js';
import { DIALECTS } from '../support/db.js';
import { type WatchedApp, expectProblem, openWatchedApp, send } from './helpers.js';

/*
 * Search on both databases: prefixes, several words, ranking, typos in names,
 * every filter, snippets, an index that follows every change, workspace
 * isolation, and hostile input that must never be query syntax or a 500.
 */

const HOSTILE = [
  '"',
  "'",
  '""',
  '"unbalanced',
  '*',
  '**',
  'ana*',
  '*ana',
  'NEAR',
  'NEAR(ana silva)',
  'ana NEAR/2 silva',
  'AND',
  'OR',
  'NOT',
  'ana OR silva',
  'ana AND NOT silva',
  '-',
  '-ana',
  'ana -silva',
  '(',
  ')',
  '((ana',
  'ana))',
  '{ft}: ana',
  'ft:ana',
  'ana:*',
  "'ana':* & !silva",
  '!',
  '&',
  '|',
  '<->',
  '^ana',
  '\\',
  '\\"',
  '%',
  '_',
  "'; drop table people; --",
  '😀',
  '🧑‍💻 ana',
  'ana😀silva',
  '𝔄𝔫𝔞',
  'ǅ',
  '\u200b',
  '\u0301',
  '\u0000',
  '\u0007bell',
  ' ',
  '',
  'a'.repeat(500),
  'ana '.repeat(125),
];

describe.each(DIALECTS)('search on %s', (dialect) => {
  let t: WatchedApp;
  const ids: Record<string, string> = {};

  const search = (q: string, extra: Record<string, string> = {}) =>
    t.client.search({ query: { q, ...extra } as { q: string } });
  const titles = (items: SearchHit[]) => items.map((i) => `${i.type}:${i.title}`);

  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    const c = t.client;
    const acme = await c.createOrganisation({ body: { name: 'Acme Robotics', industry: 'Robotics' } });
    ids.acme = acme.id;
    const ana = await c.createPerson({
      body: {
        fullName: 'Ana Silva',
        roleTitle: 'CTO',
        organisationId: acme.id,
        circle: 'inner',
        tags: ['investor'],
        topics: ['Rust'],
        purposes: ['mentor'],
        notes: 'Loves sailing and kombucha. Knows everybody in the Lisbon startup scene.',
        emails: [{ value: 'ana@acme.example' }],
      },
    });
    ids.ana = ana.id;
    const anabel = await c.createPerson({ body: { fullName: 'Anabel Østergård', circle: 'loose' } });
    ids.anabel = anabel.id;
    const jonathan = await c.createPerson({ body: { fullName: 'Jonathan Meyer', circle: 'close', cadenceDays: 1 } });
    ids.jonathan = jonathan.id;
    const li = await c.createPerson({ body: { fullName: 'Li Wei', headline: 'Payments in Rust' } });
    ids.li = li.id;
    await c.createLearning({
      params: { id: li.id },
      body: { body: 'Training for the Berlin marathon in April', category: 'interest' },
    });
    const i = await c.createInteraction({
      body: {
        kind: 'coffee',
        summary: 'Coffee about distributed payments',
        notes: 'She recommended the book "Designing Data-Intensive Applications".',
        participantIds: [ana.id],
        occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      },
    });
    ids.coffee = i.id;
    // Many interactions make Ana's relationship strong, so she outranks Anabel.
    for (let n = 0; n < 4; n++) {
      await c.createInteraction({
        body: {
          kind: 'call',
          summary: `Call ${n}`,
          participantIds: [ana.id],
          occurredAt: new Date(Date.now() - (10 + n * 7) * 86_400_000).toISOString(),
        },
      });
    }
    const ev = await c.createEvent({
      body: { name: 'RustConf Lisbon', kind: 'conference', startsOn: '2026-09-10', place: 'Lisbon' },
    });
    ids.event = ev.id;
    await c.metEventPerson({ params: { id: ev.id }, body: { personId: li.id } });
    const r = await c.createResource({
      body: {
        url: 'https://example.org/zero-copy',
        title: 'Zero-copy parsing in Rust',
        kind: 'article',
        topics: ['Rust'],
      },
    });
    ids.resource = r.id;
    // Strength (a ranking key) follows logged interactions through the catch-up job.
    await t.catchUp();
  });

  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('finds people by one- and two-letter prefixes, names first', async () => {
    const r = await search('a');
    expect(r.items[0]?.type).toBe('person');
    expect(titles(r.items)).toEqual(expect.arrayContaining(['person:Ana Silva', 'person:Anabel Østergård']));
    expect(titles(r.items)).toContain('organisation:Acme Robotics');
    const two = await search('an');
    expect(titles(two.items).slice(0, 2)).toEqual(['person:Ana Silva', 'person:Anabel Østergård']);
  });

  it('ranks name matches before cutting the page, and checks every word of a name', async () => {
    // The strongest of the 'an' names comes first even when only one is shown.
    const one = await search('an', { limit: '1' });
    expect(titles(one.items)).toEqual(['person:Ana Silva']);
    // Any word may be the rarer one that drives the lookup; the matches are the same.
    for (const q of ['ana sil', 'sil ana', 'a s', 's a', 'si an']) {
      const r = await search(q);
      expect(r.items[0]).toMatchObject({ id: ids.ana, type: 'person' });
      expect(r.items.some((i) => i.id === ids.anabel)).toBe(false);
    }
    const both = await search('a ø');
    expect(titles(both.items)).toEqual(['person:Anabel Østergård']);
  });

  it('ranks an exact name first, then strong relationships', async () => {
    const r = await search('ana');
    expect(r.items[0]).toMatchObject({ type: 'person', id: ids.ana, match: 'exact-name' });
    expect(r.items[0]?.titleHighlights).toEqual([{ start: 0, end: 3 }]);
    const anabel = r.items.findIndex((i) => i.id === ids.anabel);
    expect(anabel).toBeGreaterThan(0);
  });

  it('folds accents and case on both sides', async () => {
    const r = await search('OSTERGARD');
    expect(r.items[0]).toMatchObject({ id: ids.anabel });
    const r2 = await search('østergård');
    expect(r2.items[0]).toMatchObject({ id: ids.anabel });
  });

  it('matches several words across fields', async () => {
    const r = await search('ana acme');
    expect(r.items[0]).toMatchObject({ id: ids.ana, type: 'person' });
    const r2 = await search('distributed pay');
    expect(r2.items[0]).toMatchObject({ type: 'interaction', id: ids.coffee, personId: ids.ana });
    expect(r2.items[0]?.titleHighlights).toHaveLength(2);
    const book = await search('intensive');
    expect(book.items[0]?.snippet?.text).toContain('Designing Data-Intensive Applications');
  });

  it('reads a typo in a name', async () => {
    const r = await search('jonatan');
    expect(r.items[0]).toMatchObject({ id: ids.jonathan, match: 'typo' });
    expect(r.corrections).toContain('jonathan');
    const swapped = await search('jonahtan meyer');
    expect(swapped.items[0]).toMatchObject({ id: ids.jonathan });
  });

  it('finds notes, things learned, events and resources with highlighted snippets', async () => {
    const notes = await search('kombucha');
    expect(notes.items[0]).toMatchObject({ type: 'note', id: ids.ana, personId: ids.ana });
    const s = notes.items[0]?.snippet;
    expect(s?.text.slice(s.highlights[0]?.start, s.highlights[0]?.end)).toBe('kombucha');
    const learned = await search('marathon');
    expect(learned.items[0]).toMatchObject({ type: 'learning', personId: ids.li });
    const ev = await search('rustconf');
    expect(ev.items[0]).toMatchObject({ type: 'event', id: ids.event });
    const res = await search('zero copy', { types: 'resource' });
    expect(res.items.map((i) => i.id)).toEqual([ids.resource]);
    const book = await search('"Designing Data-Intensive"');
    expect(book.items[0]).toMatchObject({ type: 'interaction', id: ids.coffee });
  });

  it('applies every filter', async () => {
    const only = async (q: string, f: Record<string, string>) => (await search(q, f)).items.map((i) => i.id);
    expect(await only('a', { tag: 'Investor' })).toEqual([ids.ana]);
    expect(await only('an', { circle: 'loose' })).toEqual([ids.anabel]);
    expect(await only('ana', { organisationId: ids.acme as string, types: 'person' })).toEqual([ids.ana]);
    expect(await only('ana', { purpose: 'mentor' })).toEqual([ids.ana]);
    expect(await only('rust', { topic: 'rust', types: 'person,resource' })).toEqual(
      expect.arrayContaining([ids.ana, ids.resource]),
    );
    expect(await only('li', { metAtEventId: ids.event as string })).toEqual([ids.li]);
    expect(await only('jo', { due: 'week' })).toEqual([ids.jonathan]);
    expect(await only('ana', { due: 'overdue', types: 'person' })).toEqual([]);
    expect(await only('coffee', { tag: 'investor', types: 'interaction' })).toEqual([ids.coffee]);
    expect(await only('coffee', { circle: 'loose', types: 'interaction' })).toEqual([]);
  });

  it('refuses unknown types and long queries with a clear 400', async () => {
    const bad = await send(t.app, { method: 'GET', url: '/api/v1/search?q=ana&types=person,planet' });
    expect(expectProblem(bad, 400, 'validation_failed').errors?.[0]?.message).toContain('planet');
    const long = await send(t.app, { method: 'GET', url: `/api/v1/search?q=${'x'.repeat(10_240)}` });
    expect(expectProblem(long, 400, 'validation_failed').errors?.[0]?.message).toContain('500');
  });

  it('treats every hostile string as plain words', async () => {
    for (const q of HOSTILE) {
      const res = await send(t.app, { method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, `${JSON.stringify(q)}: ${res.body.slice(0, 200)}`).toBe(200);
    }
    // Operators are separators or words: these are all "ana silva" (or "ana").
    for (const q of ['"ana silva"', '(ana silva', 'ana* silva*', 'ana -silva', "'ana':*"]) {
      expect((await search(q)).items[0], q).toMatchObject({ id: ids.ana });
    }
    // NEAR is a word like any other: nobody is called Near.
    expect((await search('NEAR(ana silva)')).items).toEqual([]);
  });

  it('never fails on random input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), async (q) => {
        const res = await send(t.app, { method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}` });
        expect(res.statusCode, `${JSON.stringify(q)}: ${res.body.slice(0, 200)}`).toBe(200);
      }),
      { numRuns: 40 },
    );
  }, 180_000);

  it('follows updates, trash, restores and deletions', async () => {
    const c = t.client;
    const p = await c.createPerson({ body: { fullName: 'Quentin Zuckerwatte' } });
    expect((await search('zuckerw')).items[0]).toMatchObject({ id: p.id });
    const changed = await c.updatePerson({
      params: { id: p.id },
      body: { version: p.version, fullName: 'Quentin Blake' },
    });
    expect((await search('zuckerw')).items).toEqual([]);
    expect((await search('quentin bl')).items[0]).toMatchObject({ id: p.id });
    await c.deletePerson({ params: { id: p.id } });
    expect((await search('quentin')).items).toEqual([]);
    await c.restorePerson({ params: { id: p.id } });
    expect((await search('quentin')).items[0]).toMatchObject({ id: changed.id });
    const i = await c.createInteraction({
      body: { kind: 'call', summary: 'Xylophone lessons', participantIds: [p.id] },
    });
    expect((await search('xylophone')).items[0]).toMatchObject({ id: i.id });
    await c.updateInteraction({ params: { id: i.id }, body: { version: i.version, summary: 'Piano lessons' } });
    expect((await search('xylophone')).items).toEqual([]);
    await c.deleteInteraction({ params: { id: i.id } });
    expect((await search('piano')).items).toEqual([]);
    const o = await c.createOrganisation({ body: { name: 'Vexillology Ltd' } });
    expect((await search('vexil')).items[0]).toMatchObject({ type: 'organisation', id: o.id });
    await c.deleteOrganisation({ params: { id: o.id } });
    expect((await search('vexil')).items).toEqual([]);
    const ev = await c.createEvent({ body: { name: 'Quokka Summit', kind: 'meetup', startsOn: '2026-10-01' } });
    await c.deleteEvent({ params: { id: ev.id } });
    expect((await search('quokka')).items).toEqual([]);
  });

  it('keeps the name words of edited people and organisations as a rebuild would', async () => {
    // Reindexing keeps the words that stay and changes only the others: what it leaves must be
    // exactly what a rebuild from the source rows writes (checked before any search runs).
    const c = t.client;
    const org = await c.createOrganisation({ body: { name: 'Heliotrope Labs' } });
    const p = await c.createPerson({
      body: {
        fullName: 'Ottilie Brandt',
        headline: 'Glassblower',
        organisationId: org.id,
        emails: [{ value: 'ottilie@heliotrope.example' }],
        tags: ['lampwork'],
      },
    });
    await c.updatePerson({
      params: { id: p.id },
      body: {
        version: p.version,
        fullName: 'Ottilie Brandt-Nagy',
        headline: 'Glass artist',
        emails: [{ value: 'o.nagy@studio.example' }],
      },
    });
    await c.updateOrganisation({ params: { id: org.id }, body: { version: org.version, name: 'Heliotrope Studio' } });
    const tag = (await c.listTags({})).items.find((x) => x.name === 'lampwork');
    await c.updateTag({ params: { id: tag?.id ?? '' }, body: { name: 'Flamework' } });
    const words = await t.db.kysely
      .selectFrom('searchNames')
      .select(['token', 'field'])
      .where('refId', '=', p.id)
      .orderBy('token')
      .execute();
    expect(words.map((w) => `${w.field}:${w.token}`)).toEqual([
      'o:artist',
      'n:brandt',
      'o:example',
      'o:glass',
      'o:heliotrope',
      'n:nagy',
      'o:o',
      'n:ottilie',
      'o:studio',
    ]);
    expect((await derivedMismatches(t.db)).filter((m) => m.check === 'search index')).toEqual([]);
    expect((await search('glassblower')).items).toEqual([]);
    expect((await search('nagy')).items[0]).toMatchObject({ id: p.id });
  });

  it('follows a merge: the survivor holds what the merged person had', async () => {
    const c = t.client;
    const a = await c.createPerson({ body: { fullName: 'Wilhelmina Frost' } });
    const b = await c.createPerson({ body: { fullName: 'Mina Frost' } });
    await c.createLearning({ params: { id: b.id }, body: { body: 'Collects vintage theremins' } });
    await c.mergePeople({ body: { survivorId: a.id, mergedId: b.id } });
    const r = await search('theremins');
    expect(r.items[0]).toMatchObject({ type: 'learning', personId: a.id });
    expect((await search('mina frost')).items.map((i) => i.id)).not.toContain(b.id);
  });

  it('indexes imported people', async () => {
    const c = t.client;
    const batch = await c.createImport({ body: { source: 'csv' } });
    await c.uploadImportFile({
      params: { id: batch.id, name: 'people.csv' },
      raw: { contentType: 'text/csv', body: 'Name,Email\nGottfried Imported,gi@example.org\n' },
    });
    await c.previewImport({ params: { id: batch.id }, body: {} });
    await c.applyImport({ params: { id: batch.id } });
    expect((await search('gottfr')).items[0]).toMatchObject({ type: 'person', title: 'Gottfried Imported' });
    const list = await c.listPeople({ query: { q: 'gottfried' } });
    expect(list.items.map((p) => p.fullName)).toEqual(['Gottfried Imported']);
  });

  it("never shows another user's data", async () => {
    const other = await t.createUser();
    await other.client.createPerson({ body: { fullName: 'Ana Secret', notes: 'kombucha recipe' } });
    const mine = await search('ana');
    expect(mine.items.map((i) => i.title)).not.toContain('Ana Secret');
    const theirs = await other.client.search({ query: { q: 'kombucha' } });
    expect(theirs.items.map((i) => i.title)).toEqual(['Ana Secret']);
    const theirs2 = await other.client.search({ query: { q: 'a' } });
    expect(theirs2.items.map((i) => i.title)).toEqual(['Ana Secret']);
  });

  it('rebuilds the index on demand with the same results', async () => {
    const before = await search('ana');
    const r = await t.client.reindexSearch({});
    expect(r.indexed).toBeGreaterThan(5);
    const after = await search('ana');
    expect(after.items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
  });
});
