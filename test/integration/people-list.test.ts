import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeopleListQuery, PeopleSort, PersonSummary } from '../../src/contract/people.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectApiError, openWatchedApp } from './helpers.js';

const SORTS: PeopleSort[] = [
  'name',
  '-name',
  'created',
  '-created',
  'updated',
  '-updated',
  'lastContact',
  '-lastContact',
];

describe.each(DIALECTS)('people list on %s', (dialect) => {
  let t: WatchedApp;
  /** Live people by role in the data set, for filter expectations. */
  const ids = { all: [] as string[], inner: [] as string[], rust: [] as string[], ml: [] as string[] };
  const ids2 = { mentors: [] as string[], atAcme: [] as string[], innerRust: [] as string[] };
  let named: Record<string, string> = {};
  let acmeId = '';

  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    const acme = await t.client.createOrganisation({ body: { name: 'Acme' } });
    acmeId = acme.id;
    const add = async (body: ReturnType<typeof buildPerson>) => {
      const p = await t.client.createPerson({ body });
      ids.all.push(p.id);
      return p;
    };
    for (let i = 0; i < 30; i++) {
      const inner = i % 4 === 0;
      const rust = i % 3 === 0;
      const p = await add(
        buildPerson({
          circle: inner ? 'inner' : i % 4 === 1 ? 'close' : 'wider',
          tags: rust ? ['rust', 'lisbon'] : ['lisbon'],
          topics: i % 5 === 0 ? ['Machine Learning'] : [],
          purposes: i % 6 === 0 ? ['mentor'] : ['peer'],
          ...(i % 7 === 0 ? { organisationId: acme.id } : {}),
        }),
      );
      if (inner) ids.inner.push(p.id);
      if (rust) ids.rust.push(p.id);
      if (inner && rust) ids2.innerRust.push(p.id);
      if (i % 5 === 0) ids.ml.push(p.id);
      if (i % 6 === 0) ids2.mentors.push(p.id);
      if (i % 7 === 0) ids2.atAcme.push(p.id);
    }
    // Same names (ties on the name key across page boundaries) and the search cases.
    for (let i = 0; i < 5; i++) await add(buildPerson({ fullName: 'Sam Lee', emails: [] }));
    named = {};
    for (const [key, body] of [
      ['jose', buildPerson({ fullName: 'José Álvarez', emails: [] })],
      ['plainJose', buildPerson({ fullName: 'Jose Plain', emails: [] })],
      ['anaLisbon', buildPerson({ fullName: 'Ana Pereira', location: 'Lisbon', emails: [] })],
      ['anaPorto', buildPerson({ fullName: 'Ana Costa', location: 'Porto', emails: [] })],
      ['underscore', buildPerson({ fullName: 'Mx x_y Under', emails: [] })],
      ['noUnderscore', buildPerson({ fullName: 'Mx xzy Other', emails: [] })],
      ['percent', buildPerson({ fullName: 'Deal a%b Percent', emails: [] })],
      ['noPercent', buildPerson({ fullName: 'Deal aqqb Other', emails: [] })],
      ['backslash', buildPerson({ fullName: 'Back\\slash Person', emails: [] })],
    ] as const) {
      named[key] = (await add(body)).id;
    }
    // Last contact: some people share one interaction (same date), others differ.
    const firstTen = ids.all.slice(0, 10);
    await t.client.createInteraction({
      body: {
        kind: 'call',
        summary: 'group call',
        occurredAt: '2025-03-01T10:00:00Z',
        participantIds: firstTen.slice(0, 4),
      },
    });
    for (const [n, id] of firstTen.slice(4).entries()) {
      await t.client.createInteraction({
        body: {
          kind: 'coffee',
          summary: 'coffee',
          occurredAt: `2025-0${(n % 3) + 4}-10T08:00:00Z`,
          participantIds: [id],
        },
      });
    }
    // Touch a few so "updated" differs from "created".
    for (const id of [ids.all[3], ids.all[20], ids.all[1]] as string[]) {
      const p = await t.client.getPerson({ params: { id } });
      await t.client.updatePerson({ params: { id }, body: { version: p.version, notes: 'touched' } });
    }
    // A trashed person never shows in the live list.
    const gone = await t.client.createPerson({ body: buildPerson({ fullName: 'Gone Person', tags: ['rust'] }) });
    await t.client.deletePerson({ params: { id: gone.id } });
  });
  afterAll(async () => {
    // Close first: a failed expectation must not leave the database behind.
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  async function walk(query: PeopleListQuery) {
    const items: PersonSummary[] = [];
    let cursor: string | undefined;
    let total: number | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await t.client.listPeople({ query: { ...query, ...(cursor ? { cursor } : {}) } });
      if (page === 0) total = res.total;
      else expect(res.total).toBeUndefined();
      expect(res.items.length).toBeLessThanOrEqual(Number(query.limit ?? 50));
      items.push(...res.items);
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    return { ids: items.map((i) => i.id), items, total };
  }
  /** Walks of the whole list by sort, limit 7: each sort is walked once and its result reused. */
  const walks = new Map<PeopleSort, Promise<Awaited<ReturnType<typeof walk>>>>();
  const walkAll = (sort: PeopleSort) => {
    if (!walks.has(sort)) walks.set(sort, walk({ sort, limit: 7 }));
    return walks.get(sort) as Promise<Awaited<ReturnType<typeof walk>>>;
  };
  const sorted = (a: string[]) => [...a].sort();
  const find = async (query: PeopleListQuery) =>
    sorted((await t.client.listPeople({ query: { limit: 500, ...query } })).items.map((i) => i.id));

  it.each(SORTS)('walks every row exactly once with sort %s', async (sort) => {
    const { ids: walked, items, total } = await walkAll(sort);
    expect(total).toBe(ids.all.length);
    expect(new Set(walked).size).toBe(walked.length);
    expect(sorted(walked)).toEqual(sorted(ids.all));
    // Paging must not change the order one big page gives.
    const onePage = await t.client.listPeople({ query: { sort, limit: 500 } });
    expect(walked).toEqual(onePage.items.map((i) => i.id));
    expect(onePage.nextCursor).toBeNull();
    // Timestamp keys are fixed-width ISO strings: the order is checkable here.
    const key = (p: PersonSummary) =>
      sort.endsWith('created') ? p.createdAt : sort.endsWith('lastContact') ? (p.lastInteractionAt ?? '') : null;
    const keys = items.map(key);
    if (keys[0] !== null) {
      const expected = [...keys].sort();
      expect(keys).toEqual(sort.startsWith('-') ? expected.reverse() : expected);
    }
  });

  it('orders descending sorts as the exact reverse of ascending ones', async () => {
    for (const sort of ['name', 'created', 'updated', 'lastContact'] as const) {
      const asc = (await walkAll(sort)).ids;
      const desc = (await walkAll(`-${sort}`)).ids;
      expect(desc, sort).toEqual([...asc].reverse());
    }
  });

  it('sorts by name with equal names next to each other and recently updated first', async () => {
    const { items } = await walkAll('name');
    const first = items.findIndex((p) => p.fullName === 'Sam Lee');
    expect(items.slice(first, first + 5).map((p) => p.fullName)).toEqual(Array(5).fill('Sam Lee'));
    const recent = await t.client.listPeople({ query: { sort: '-updated', limit: 3 } });
    expect(sorted(recent.items.map((i) => i.id))).toEqual(sorted([ids.all[3], ids.all[20], ids.all[1]] as string[]));
    const lastContact = await t.client.listPeople({ query: { sort: '-lastContact', limit: 1 } });
    expect(lastContact.items[0]?.lastInteractionAt).toBe('2025-06-10T08:00:00.000Z');
  });

  it('finds people by every word of q, without accents or case', async () => {
    expect(await find({ q: 'ana lisbon' })).toEqual([named.anaLisbon]);
    expect(await find({ q: '  LISBON   ana ' })).toEqual([named.anaLisbon]);
    // Single common words may also match generated people: only require ours.
    expect(await find({ q: 'ana' })).toEqual(expect.arrayContaining([named.anaLisbon, named.anaPorto]));
    expect(await find({ q: 'jose alvarez' })).toEqual([named.jose]);
    expect(await find({ q: 'ÁLVAREZ JOSÉ' })).toEqual([named.jose]);
    expect(await find({ q: 'josé' })).toEqual(expect.arrayContaining([named.jose, named.plainJose]));
    expect(await find({ q: 'jose plain' })).toEqual([named.plainJose]);
    expect(await find({ q: 'acme' })).toEqual(sorted(ids2.atAcme));
    expect(await find({ q: 'nobody-has-this-word' })).toEqual([]);
  });

  it('treats LIKE wildcards and backslashes in q as plain characters', async () => {
    expect(await find({ q: 'x_y' })).toEqual([named.underscore]);
    expect(await find({ q: 'a%b' })).toEqual([named.percent]);
    expect(await find({ q: '%' })).toEqual([named.percent]);
    expect(await find({ q: 'k\\s' })).toEqual([named.backslash]);
    expect(await find({ q: '\\' })).toEqual([named.backslash]);
  });

  it('filters by circle, tag, topic, purpose and organisation', async () => {
    expect(await find({ circle: 'inner' })).toEqual(sorted(ids.inner));
    expect(await find({ tag: 'rust' })).toEqual(sorted(ids.rust));
    expect(await find({ tag: 'RUST' })).toEqual(sorted(ids.rust));
    expect(await find({ tag: 'no-such-tag' })).toEqual([]);
    expect(await find({ topic: 'machine learning' })).toEqual(sorted(ids.ml));
    expect(await find({ purpose: 'mentor' })).toEqual(sorted(ids2.mentors));
    expect(await find({ organisationId: acmeId })).toEqual(sorted(ids2.atAcme));
    expect(await find({ circle: 'inner', tag: 'rust' })).toEqual(sorted(ids2.innerRust));
    expect(await find({ deleted: 'only', tag: 'rust' })).toHaveLength(1);
  });

  it('gives the total of a filtered list on its first page and walks it', async () => {
    const { ids: walked, total } = await walk({ tag: 'rust', sort: '-created', limit: 3 });
    expect(total).toBe(ids.rust.length);
    expect(sorted(walked)).toEqual(sorted(ids.rust));
    // A topic alone, and a tag with another filter, count the same way as they list.
    const ml = await walk({ topic: 'machine learning', limit: 2 });
    expect(ml.total).toBe(ids.ml.length);
    expect(sorted(ml.ids)).toEqual(sorted(ids.ml));
    expect((await walk({ tag: 'rust', circle: 'inner', limit: 1 })).total).toBe(ids2.innerRust.length);
    // A label nobody has (the list looks its id up first): nothing, and a total of none.
    const none = await walk({ tag: 'no-such-tag', limit: 2 });
    expect([none.ids, none.total]).toEqual([[], 0]);
    expect(await find({ tag: 'rust', topic: 'no-such-topic' })).toEqual([]);
  });

  it.each(SORTS)('walks a tag, and words, in the order of the whole list with sort %s', async (sort) => {
    // Filters that pass over people find the page in the sort index first, then read its rows:
    // the order must be the whole list's, pages included.
    const whole = (await walkAll(sort)).ids;
    const rust = new Set(ids.rust);
    expect((await walk({ tag: 'rust', sort, limit: 2 })).ids).toEqual(whole.filter((id) => rust.has(id)));
    const acme = new Set(ids2.atAcme);
    expect((await walk({ q: 'acme', sort, limit: 2 })).ids).toEqual(whole.filter((id) => acme.has(id)));
  });

  it('refuses a cursor from another sort and a garbage cursor', async () => {
    const page = await t.client.listPeople({ query: { sort: 'name', limit: 2 } });
    const cursor = page.nextCursor ?? '';
    expect(cursor).not.toBe('');
    await expectApiError(t.client.listPeople({ query: { sort: 'created', limit: 2, cursor } }), 400, 'invalid_cursor');
    await expectApiError(t.client.listPeople({ query: { sort: '-name', limit: 2, cursor } }), 400, 'invalid_cursor');
    for (const bad of [
      'garbage',
      '!!!',
      Buffer.from('{"k":1}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
    ]) {
      await expectApiError(t.client.listPeople({ query: { cursor: bad } }), 400, 'invalid_cursor');
    }
    await expectApiError(t.client.listPeople({ query: { cursor: 'x'.repeat(1001) } }), 400, 'validation_failed');
  });
});
