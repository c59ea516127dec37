import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionCreate, InteractionListQuery } from '../../src/contract/interactions.js';
import { OrganisationListQuery } from '../../src/contract/organisations.js';
import { LearningCreate, PeopleListQuery, PersonCreate, PersonUpdate } from '../../src/contract/people.js';
import { AppError } from '../../src/lib/errors.js';
import { uuidv7 } from '../../src/lib/ids.js';
import type { Actor } from '../../src/services/context.js';
import { type Services, createServices } from '../../src/services/index.js';
import { ensureLocalWorkspace } from '../../src/services/workspaces.service.js';
import { DIALECTS, type TestDb, openTestDb } from '../support/db.js';
import { buildPerson } from '../support/factories.js';

/*
 * Two workspaces in one database, called through the services as accounts
 * will call them: nothing of workspace A can be read, changed, listed or
 * linked from workspace B, and an id from A behaves as an unknown id in B.
 */

async function expectKind(call: Promise<unknown>, kind: AppError['kind'], label: string) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${label} should fail`).toBeInstanceOf(AppError);
  expect((error as AppError).kind, label).toBe(kind);
  return error as AppError;
}

describe.each(DIALECTS)('workspace boundary on %s', (dialect) => {
  let db: TestDb;
  let s: Services;
  let A: Actor;
  let B: Actor;
  const a = {
    person: '',
    trashed: '',
    learning: '',
    interaction: '',
    trashedInteraction: '',
    org: '',
    tag: '',
    topic: '',
  };
  let bPerson = '';

  const person = (overrides: Parameters<typeof buildPerson>[0] = {}) => PersonCreate.parse(buildPerson(overrides));
  const interaction = (participantIds: string[]) =>
    InteractionCreate.parse({ kind: 'meeting', summary: 'Planning', participantIds });

  beforeAll(async () => {
    db = await openTestDb(dialect);
    s = createServices(db);
    const now = new Date().toISOString();
    const other = uuidv7();
    await db.kysely
      .insertInto('workspaces')
      .values({ id: other, workspaceId: other, name: 'Second', createdAt: now, updatedAt: now })
      .execute();
    A = { workspaceId: await ensureLocalWorkspace(db), userId: null };
    B = { workspaceId: other, userId: null };
    expect(A.workspaceId).not.toBe(B.workspaceId);

    const p = await s.people.create(
      A,
      person({ fullName: 'Alice Secret', organisationName: 'Alpha Org', tags: ['alpha-tag'], topics: ['alpha-topic'] }),
    );
    a.person = p.id;
    a.org = p.organisation?.id ?? '';
    a.trashed = (await s.people.create(A, person({ fullName: 'Alice Trashed' }))).id;
    await s.people.remove(A, a.trashed);
    a.learning = (await s.people.addLearning(A, a.person, LearningCreate.parse({ body: 'secret' }))).id;
    a.interaction = (await s.interactions.create(A, interaction([a.person]))).id;
    a.trashedInteraction = (await s.interactions.create(A, interaction([a.person]))).id;
    await s.interactions.remove(A, a.trashedInteraction);
    a.tag = (await s.tags.list(A)).items[0]?.id ?? '';
    a.topic = (await s.topics.list(A)).items[0]?.id ?? '';
    bPerson = (await s.people.create(B, person({ fullName: 'Bob Own', tags: ['bravo-tag'] }))).id;
  });
  afterAll(async () => {
    await db?.close();
  });

  it("answers not found for every id of A's resources asked from B", async () => {
    const before = await s.people.get(A, a.person);
    const calls: [string, () => Promise<unknown>][] = [
      ['people.get', () => s.people.get(B, a.person)],
      ['people.update', () => s.people.update(B, a.person, PersonUpdate.parse({ version: 1, notes: 'x' }))],
      ['people.update via If-Match', () => s.people.update(B, a.person, PersonUpdate.parse({ notes: 'x' }), 1)],
      ['people.remove', () => s.people.remove(B, a.person)],
      ['people.restore', () => s.people.restore(B, a.trashed)],
      ['people.listLearnings', () => s.people.listLearnings(B, a.person)],
      ['people.addLearning', () => s.people.addLearning(B, a.person, LearningCreate.parse({ body: 'x' }))],
      ['people.removeLearning', () => s.people.removeLearning(B, a.person, a.learning)],
      ['people.removeLearning of own person', () => s.people.removeLearning(B, bPerson, a.learning)],
      ['interactions.get', () => s.interactions.get(B, a.interaction)],
      ['interactions.update', () => s.interactions.update(B, a.interaction, { version: 1, summary: 'x' })],
      ['interactions.remove', () => s.interactions.remove(B, a.interaction)],
      ['interactions.restore', () => s.interactions.restore(B, a.trashedInteraction)],
      ['interactions.listForPerson', () => s.interactions.listForPerson(B, a.person, InteractionListQuery.parse({}))],
      ['organisations.get', () => s.organisations.get(B, a.org)],
      ['organisations.update', () => s.organisations.update(B, a.org, { version: 1, name: 'Taken' })],
      ['organisations.remove', () => s.organisations.remove(B, a.org)],
      ['organisations.restore', () => s.organisations.restore(B, a.org)],
      ['tags.update', () => s.tags.update(B, a.tag, { name: 'renamed' })],
      ['tags.remove', () => s.tags.remove(B, a.tag)],
      ['topics.update', () => s.topics.update(B, a.topic, { name: 'renamed' })],
      ['topics.remove', () => s.topics.remove(B, a.topic)],
    ];
    for (const [label, call] of calls) await expectKind(call(), 'not_found', label);

    // And nothing of A moved.
    expect(await s.people.get(A, a.person)).toEqual(before);
    expect((await s.people.get(A, a.trashed)).deletedAt).not.toBeNull();
    expect((await s.interactions.get(A, a.trashedInteraction)).deletedAt).not.toBeNull();
    expect((await s.interactions.get(A, a.interaction)).version).toBe(1);
    expect((await s.organisations.get(A, a.org)).version).toBe(1);
    expect((await s.tags.list(A)).items.map((l) => l.name)).toEqual(['alpha-tag']);
    expect((await s.topics.list(A)).items.map((l) => l.name)).toEqual(['alpha-topic']);
  });

  it("never lists A's rows in B's lists, whatever the filter", async () => {
    const people = async (actor: Actor, q: Record<string, unknown> = {}) =>
      (await s.people.list(actor, PeopleListQuery.parse(q))).items.map((p) => p.fullName);
    expect(await people(B)).toEqual(['Bob Own']);
    expect(await people(B, { deleted: 'only' })).toEqual([]);
    expect(await people(B, { q: 'alice' })).toEqual([]);
    expect(await people(B, { tag: 'alpha-tag' })).toEqual([]);
    expect(await people(B, { topic: 'alpha-topic' })).toEqual([]);
    expect(await people(B, { organisationId: a.org })).toEqual([]);
    expect((await s.people.list(B, PeopleListQuery.parse({}))).total).toBe(1);
    expect(await people(A)).toEqual(['Alice Secret']);

    const interactions = await s.interactions.list(B, InteractionListQuery.parse({}));
    expect(interactions.items).toEqual([]);
    expect((await s.interactions.list(B, InteractionListQuery.parse({ personId: a.person }))).items).toEqual([]);
    expect((await s.interactions.list(B, InteractionListQuery.parse({ deleted: 'only' }))).items).toEqual([]);
    expect((await s.organisations.list(B, OrganisationListQuery.parse({}))).items).toEqual([]);
    expect((await s.organisations.list(B, OrganisationListQuery.parse({ deleted: 'only' }))).items).toEqual([]);
    expect((await s.tags.list(B)).items.map((l) => l.name)).toEqual(['bravo-tag']);
    expect((await s.topics.list(B)).items).toEqual([]);
  });

  it("refuses A's people and organisations as links from B", async () => {
    const expectField = async (call: Promise<unknown>, path: string) => {
      const e = await expectKind(call, 'bad_request', path);
      expect(e.code).toBe('validation_failed');
      expect(e.errors?.map((x) => x.path)).toEqual([path]);
    };
    await expectField(s.interactions.create(B, interaction([a.person])), 'body.participantIds.0');
    await expectField(s.interactions.create(B, interaction([bPerson, a.person])), 'body.participantIds.1');
    await expectField(
      s.people.create(B, person({ howWeMet: { introducedById: a.person } })),
      'body.howWeMet.introducedById',
    );
    await expectField(s.people.create(B, person({ organisationId: a.org })), 'body.organisationId');

    const own = await s.people.get(B, bPerson);
    await expectField(
      s.people.update(B, bPerson, PersonUpdate.parse({ version: own.version, organisationId: a.org })),
      'body.organisationId',
    );
    await expectField(
      s.people.update(B, bPerson, PersonUpdate.parse({ version: own.version, howWeMet: { introducedById: a.person } })),
      'body.howWeMet.introducedById',
    );
    const mine = await s.interactions.create(B, interaction([bPerson]));
    await expectField(
      s.interactions.update(B, mine.id, { version: mine.version, participantIds: [a.person] }),
      'body.participantIds.0',
    );
    // A's counters did not move.
    const alice = await s.people.get(A, a.person);
    expect(alice.interactionCount).toBe(1);
    expect((await s.people.list(B, PeopleListQuery.parse({}))).total).toBe(1);
  });

  it("does not see A's names: same names are free in B and never reuse A's rows", async () => {
    const tag = await s.tags.create(B, { name: 'alpha-tag' });
    expect(tag.id).not.toBe(a.tag);
    const org = await s.organisations.create(B, { name: 'Beta Org' });
    const sameName = await s.organisations.create(B, { name: 'alpha org' });
    expect(sameName.id).not.toBe(a.org);
    const p = await s.people.create(B, person({ organisationName: 'Alpha Org', topics: ['alpha-topic'] }));
    expect(p.organisation?.id).toBe(sameName.id);
    expect(p.organisation?.id).not.toBe(org.id);
    expect((await s.topics.list(B)).items.map((x) => x.id)).not.toContain(a.topic);
    expect((await s.organisations.get(A, a.org)).peopleCount).toBe(1);
    expect((await s.tags.list(A)).items).toEqual([{ id: a.tag, name: 'alpha-tag', color: null, peopleCount: 1 }]);
  });
});
