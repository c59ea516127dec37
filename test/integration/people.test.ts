import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/contract/people.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, expectApiError, openWatchedApp } from './helpers.js';

describe.each(DIALECTS)('people on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    // Close first: a failed expectation must not leave the database behind.
    await t?.close();
    expect(t?.serverErrors).toEqual([]);
  });

  const create = (overrides: Parameters<typeof buildPerson>[0] = {}) =>
    t.client.createPerson({ body: buildPerson(overrides) });
  const update = (p: Pick<Person, 'id' | 'version'>, body: Record<string, unknown>) =>
    t.client.updatePerson({ params: { id: p.id }, body: { version: p.version, ...body } });

  it('creates a person with every field and reads it back', async () => {
    const introducer = await create({ fullName: 'Ines Introducer' });
    const body = buildPerson({
      fullName: 'Ana Beatriz Sousa',
      givenName: 'Ana',
      familyName: 'Sousa',
      nickname: 'Bia',
      roleTitle: 'Staff Engineer',
      organisationName: 'Fábrica Lda',
      location: 'Lisbon',
      timeZone: 'Europe/Lisbon',
      photoUrl: 'https://example.com/ana.jpg',
      circle: 'close',
      cadenceDays: 30,
      notes: '# Notes\n\nLikes **espresso**.',
      emails: [{ value: 'ana@example.com', label: 'work' }, { value: 'ana.home@example.org' }],
      phones: [{ value: '+351 21 123 4567', label: 'mobile', primary: true }],
      links: [{ url: 'https://www.linkedin.com/in/ana-sousa' }, { url: 'https://ana.dev', label: 'website' }],
      tags: ['Rust', 'Lisbon'],
      topics: ['Distributed systems'],
      purposes: ['mentor', 'peer'],
      howWeMet: {
        channel: 'conference',
        platform: null,
        date: '2024-05-17',
        event: 'Codemotion',
        context: 'Talked about CRDTs',
        introducedById: introducer.id,
      },
      importantDates: [
        { kind: 'birthday', month: 2, day: 29 },
        { kind: 'work_anniversary', month: 9, day: 1, year: 2019, label: 'Joined Fábrica' },
      ],
    });
    const p = await t.client.createPerson({ body });
    expect(p).toMatchObject({
      version: 1,
      fullName: 'Ana Beatriz Sousa',
      givenName: 'Ana',
      familyName: 'Sousa',
      nickname: 'Bia',
      headline: body.headline,
      roleTitle: 'Staff Engineer',
      organisation: { name: 'Fábrica Lda' },
      location: 'Lisbon',
      timeZone: 'Europe/Lisbon',
      photoUrl: 'https://example.com/ana.jpg',
      circle: 'close',
      cadenceDays: 30,
      notes: '# Notes\n\nLikes **espresso**.',
      emails: [
        { value: 'ana@example.com', label: 'work', primary: true },
        { value: 'ana.home@example.org', label: null, primary: false },
      ],
      phones: [{ value: '+351 21 123 4567', label: 'mobile', primary: true }],
      links: [
        { url: 'https://www.linkedin.com/in/ana-sousa', label: 'linkedin' },
        { url: 'https://ana.dev', label: 'website' },
      ],
      tags: ['Lisbon', 'Rust'],
      topics: ['Distributed systems'],
      purposes: ['mentor', 'peer'],
      howWeMet: {
        channel: 'conference',
        platform: null,
        date: '2024-05-17',
        event: 'Codemotion',
        context: 'Talked about CRDTs',
        introducedBy: { id: introducer.id, fullName: 'Ines Introducer' },
      },
      importantDates: [
        { kind: 'birthday', label: null, month: 2, day: 29, year: null },
        { kind: 'work_anniversary', label: 'Joined Fábrica', month: 9, day: 1, year: 2019 },
      ],
      learnings: [],
      lastInteractionAt: null,
      interactionCount: 0,
      deletedAt: null,
    });
    expect(p.roles).toEqual([
      { id: expect.any(String), title: 'Staff Engineer', organisation: p.organisation, startedOn: null, endedOn: null },
    ]);
    expect(await t.client.getPerson({ params: { id: p.id } })).toEqual(p);
  });

  it('reuses an organisation whatever the case and accents of its name', async () => {
    const a = await create({ organisationName: 'Café Società' });
    const b = await create({ organisationName: '  CAFE SOCIETA ' });
    const c = await create({ organisationName: 'café società' });
    expect(a.organisation?.name).toBe('Café Società');
    expect(b.organisation).toEqual(a.organisation);
    expect(c.organisation).toEqual(a.organisation);
    const orgs = await t.client.listOrganisations({ query: { q: 'societa' } });
    expect(orgs.items.map((o) => [o.name, o.peopleCount])).toEqual([['Café Società', 3]]);
  });

  it('updates each field, replaces arrays and clears with null', async () => {
    let p = await create({
      nickname: 'Nick',
      location: 'Porto',
      timeZone: 'Europe/Lisbon',
      tags: ['a', 'b'],
      topics: ['x'],
      purposes: ['client'],
      phones: [{ value: '+1 555 0100' }],
      links: [{ url: 'https://github.com/someone' }],
      importantDates: [{ kind: 'birthday', month: 1, day: 2 }],
      howWeMet: { channel: 'meetup', event: 'Rust Lisbon' },
    });
    expect(p.links).toEqual([{ url: 'https://github.com/someone', label: 'github' }]);
    const changes: [Record<string, unknown>, Partial<Person>][] = [
      [{ fullName: 'Renamed Person' }, { fullName: 'Renamed Person' }],
      [{ headline: 'CTO' }, { headline: 'CTO' }],
      [
        { circle: 'inner', cadenceDays: 7 },
        { circle: 'inner', cadenceDays: 7 },
      ],
      [{ notes: 'new notes' }, { notes: 'new notes' }],
      [
        { emails: [{ value: 'only@example.com' }] },
        { emails: [{ value: 'only@example.com', label: null, primary: true }] },
      ],
      [
        { emails: [{ value: 'one@example.com' }, { value: 'two@example.com', label: 'home', primary: true }] },
        {
          emails: [
            { value: 'one@example.com', label: null, primary: false },
            { value: 'two@example.com', label: 'home', primary: true },
          ],
        },
      ],
      [
        { givenName: 'Given', familyName: 'Family', photoUrl: 'https://example.com/p.png' },
        { givenName: 'Given', familyName: 'Family', photoUrl: 'https://example.com/p.png' },
      ],
      [
        { links: [{ url: 'https://www.linkedin.com/in/renamed' }, { url: 'https://x.com/renamed' }] },
        {
          links: [
            { url: 'https://www.linkedin.com/in/renamed', label: 'linkedin' },
            { url: 'https://x.com/renamed', label: 'x' },
          ],
        },
      ],
      [{ tags: ['c'] }, { tags: ['c'] }],
      [{ topics: [] }, { topics: [] }],
      [{ purposes: ['investor', 'friend'] }, { purposes: ['friend', 'investor'] }],
      [{ phones: [] }, { phones: [] }],
      [{ importantDates: [{ kind: 'custom', label: 'Name day', month: 6, day: 13 }] }, {}],
      [{ howWeMet: { event: null, context: 'At the meetup' } }, {}],
      [
        { nickname: null, location: null, timeZone: null, cadenceDays: null, headline: null },
        { nickname: null, location: null, timeZone: null, cadenceDays: null, headline: null },
      ],
      [
        { givenName: null, familyName: null, photoUrl: null, links: [], emails: [] },
        { givenName: null, familyName: null, photoUrl: null, links: [], emails: [] },
      ],
    ];
    for (const [body, expected] of changes) {
      const before = p.version;
      p = await update(p, body);
      expect(p.version).toBe(before + 1);
      expect(p).toMatchObject(expected);
    }
    expect(p.importantDates).toEqual([{ kind: 'custom', label: 'Name day', month: 6, day: 13, year: null }]);
    expect(p.howWeMet).toMatchObject({ channel: 'meetup', event: null, context: 'At the meetup' });
    expect(await t.client.getPerson({ params: { id: p.id } })).toEqual(p);
  });

  it('keeps a role history when the title or the organisation changes', async () => {
    let p = await create({ roleTitle: 'Engineer', organisationName: 'First Co' });
    const first = p.organisation;
    p = await update(p, { roleTitle: 'Senior Engineer' });
    p = await update(p, { organisationName: 'Second Co' });
    expect(p.organisation?.name).toBe('Second Co');
    // The current role first; ended ones (all ended today) in any order.
    const roles = p.roles.map((r) => [r.title, r.organisation?.name ?? null, r.endedOn === null]);
    expect(roles[0]).toEqual(['Senior Engineer', 'Second Co', true]);
    expect(roles.slice(1).sort()).toEqual([
      ['Engineer', 'First Co', false],
      ['Senior Engineer', 'First Co', false],
    ]);
    p = await update(p, { headline: 'unrelated change' });
    expect(p.roles).toHaveLength(3);
    p = await update(p, { organisationId: first?.id });
    expect(p.organisation).toEqual(first);
    expect(p.roles).toHaveLength(4);
    p = await update(p, { roleTitle: null, organisationId: null });
    expect(p.organisation).toBeNull();
    expect(p.roles.filter((r) => r.endedOn === null)).toEqual([]);
  });

  it('moves a person to the trash and brings them back', async () => {
    const p = await create({ fullName: 'Trashy McTrash' });
    await t.client.deletePerson({ params: { id: p.id } });
    const live = await t.client.listPeople({ query: { q: 'trashy', limit: 500 } });
    expect(live.items).toEqual([]);
    const trash = await t.client.listPeople({ query: { q: 'trashy', deleted: 'only' } });
    expect(trash.items.map((i) => i.id)).toEqual([p.id]);
    expect(trash.items[0]?.deletedAt).not.toBeNull();

    const trashed = await t.client.getPerson({ params: { id: p.id } });
    expect(trashed.deletedAt).not.toBeNull();
    await expectApiError(update(trashed, { headline: 'x' }), 404, 'not_found');
    await expectApiError(t.client.deletePerson({ params: { id: p.id } }), 404, 'not_found');

    const restored = await t.client.restorePerson({ params: { id: p.id } });
    expect(restored.deletedAt).toBeNull();
    expect(restored.version).toBe(trashed.version + 1);
    const back = await t.client.listPeople({ query: { q: 'trashy' } });
    expect(back.items.map((i) => i.id)).toEqual([p.id]);
    expect((await update(restored, { headline: 'back' })).headline).toBe('back');
  });

  it('adds, lists and deletes learnings', async () => {
    const p = await create();
    const goal = await t.client.createLearning({
      params: { id: p.id },
      body: { category: 'goal', body: 'Wants to run a marathon', learnedOn: '2025-01-10' },
    });
    expect(goal).toMatchObject({ personId: p.id, category: 'goal', learnedOn: '2025-01-10' });
    const other = await t.client.createLearning({ params: { id: p.id }, body: { body: 'Has two cats' } });
    expect(other.category).toBe('other');
    expect(other.learnedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const list = await t.client.listLearnings({ params: { id: p.id } });
    expect(list.items.map((l) => l.body)).toEqual(['Has two cats', 'Wants to run a marathon']);
    expect((await t.client.getPerson({ params: { id: p.id } })).learnings).toEqual(list.items);

    await t.client.deleteLearning({ params: { id: p.id, learningId: goal.id } });
    expect((await t.client.listLearnings({ params: { id: p.id } })).items.map((l) => l.id)).toEqual([other.id]);
    await expectApiError(t.client.deleteLearning({ params: { id: p.id, learningId: goal.id } }), 404, 'not_found');
    const someoneElse = await create();
    await expectApiError(
      t.client.deleteLearning({ params: { id: someoneElse.id, learningId: other.id } }),
      404,
      'not_found',
    );
  });
});
