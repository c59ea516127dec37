import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionCreate, InteractionUpdate } from '../../src/contract/interactions.js';
import { PersonCreate } from '../../src/contract/people.js';
import { uuidv7 } from '../../src/lib/ids.js';
import type { Actor } from '../../src/services/context.js';
import { type Services, createServices } from '../../src/services/index.js';
import { ensureLocalWorkspace } from '../../src/services/workspaces.service.js';
import { readSettings } from '../../src/storage/repos/keep-in-touch.repo.js';
import { personPageReader } from '../../src/storage/repos/person-page.repo.js';
import { findPersonRow, hydratePerson } from '../../src/storage/repos/people.repo.js';
import { DIALECTS, type TestDb, openTestDb } from '../support/db.js';
import { buildPerson } from '../support/factories.js';

/*
 * The person page's one-statement read (person-page.repo.ts) gives exactly what
 * hydratePerson's ten queries give: the same values, the same list order, the
 * same keys in the same order (the JSON body is compared as text).
 */

const NOW = new Date('2026-06-15T10:00:00.000Z');

describe.each(DIALECTS)('person page read on %s', (dialect) => {
  let db: TestDb;
  let s: Services;
  let A: Actor;
  let B: Actor;
  let full = '';
  let bare = '';

  const reference = async (actor: Actor, id: string) => {
    const row = await findPersonRow(db.kysely, actor.workspaceId, id);
    if (!row) return undefined;
    const settings = await readSettings(db.kysely, actor.workspaceId);
    return hydratePerson(db.kysely, row, settings.cadences, NOW);
  };

  async function interaction(personIds: string[], at: string, exchange: string | null, deleted = false) {
    const id = uuidv7();
    await db.kysely
      .insertInto('interactions')
      .values({
        id,
        workspaceId: A.workspaceId,
        kind: 'meeting',
        channel: 'in_person',
        occurredAt: at,
        summary: 'Coffee',
        exchange,
        exchangeKind: exchange ? 'other' : null,
        createdAt: at,
        updatedAt: at,
        deletedAt: deleted ? at : null,
      })
      .execute();
    await db.kysely
      .insertInto('interactionParticipants')
      .values(
        personIds.map((personId) => ({ workspaceId: A.workspaceId, interactionId: id, personId, occurredAt: at })),
      )
      .execute();
  }

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
    await s.settings.update(A, { cadences: { close: 11, inner: 5 } });

    const introducer = await s.people.create(A, PersonCreate.parse(buildPerson({ fullName: 'Ines "Intro" Silva' })));
    const p = await s.people.create(
      A,
      PersonCreate.parse(
        buildPerson({
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
          notes: '# Notes\n\nLikes **espresso** 😀 and "quotes" \\ backslashes\ttabs.',
          emails: [{ value: 'ana@example.com', label: 'work' }, { value: 'ana.home@example.org' }],
          phones: [
            { value: '+351 21 123 4567', label: 'mobile' },
            { value: '+351 91 000 0000', primary: true },
          ],
          links: [{ url: 'https://www.linkedin.com/in/ana-sousa' }, { url: 'https://ana.dev', label: 'website' }],
          tags: ['Rust', 'lisbon', 'Ápice', 'zeta'],
          topics: ['Distributed systems', 'CRDTs'],
          purposes: ['peer', 'mentor'],
          howWeMet: {
            channel: 'conference',
            date: '2024-05-17',
            event: 'Codemotion',
            context: 'Talked about CRDTs',
            introducedById: introducer.id,
          },
          importantDates: [
            { kind: 'work_anniversary', month: 9, day: 1, year: 2019, label: 'Joined Fábrica' },
            { kind: 'birthday', month: 2, day: 29 },
          ],
        }),
      ),
    );
    full = p.id;
    const org = await db.kysely
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', 'Fábrica Lda')
      .executeTakeFirstOrThrow();
    const role = (
      title: string | null,
      organisationId: string | null,
      startedOn: string | null,
      endedOn: string | null,
      createdAt: string,
    ) => ({
      id: uuidv7(),
      workspaceId: A.workspaceId,
      personId: full,
      title,
      organisationId,
      startedOn,
      endedOn,
      createdAt,
    });
    await db.kysely
      .insertInto('personRoles')
      .values([
        role('Engineer', org.id, '2015-01-01', '2018-12-31', '2026-01-01T00:00:00.000Z'),
        role('Staff Engineer', org.id, '2019-01-01', null, '2026-01-02T00:00:00.000Z'),
        role(null, null, null, '2018-12-31', '2026-01-03T00:00:00.000Z'),
        role('Advisor', uuidv7(), '2020-01-01', null, '2026-01-01T00:00:00.000Z'),
      ])
      .execute();
    await s.people.addLearning(A, full, { category: 'family', body: 'Two kids', learnedOn: '2025-01-02' });
    await s.people.addLearning(A, full, { category: 'goal', body: 'Wants to run a marathon' });
    // Inside the 12-month window: two gives (one shared with the introducer), one ask; outside it, and deleted: ignored.
    await interaction([full, introducer.id], '2026-05-01T09:00:00.000Z', 'give');
    await interaction([full], '2026-06-01T09:00:00.000Z', 'give');
    await interaction([full], '2026-03-01T09:00:00.000Z', 'ask');
    await interaction([full], '2026-06-10T09:00:00.000Z', 'ask', true);
    await interaction([full], '2025-01-01T09:00:00.000Z', 'ask');
    await interaction([full], '2026-06-02T09:00:00.000Z', null);

    bare = (await s.people.create(A, PersonCreate.parse({ fullName: 'Solo' }))).id;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives what hydratePerson gives for a person with every list filled', async () => {
    const page = await personPageReader(db).read(A.workspaceId, full, NOW);
    const ref = await reference(A, full);
    expect(JSON.stringify(page)).toBe(JSON.stringify(ref));
    // The fixture does exercise every list (a guard against comparing two empty pages).
    expect(page?.emails).toHaveLength(2);
    expect(page?.phones.map((p) => p.primary)).toEqual([false, true]);
    expect(page?.tags).toHaveLength(4);
    // The four rows above and the current role the create recorded.
    expect(page?.roles).toHaveLength(5);
    expect(page?.roles.find((r) => r.title === 'Advisor')?.organisation).toBeNull();
    expect(page?.roles.filter((r) => r.organisation?.name === 'Fábrica Lda').length).toBeGreaterThan(1);
    expect(page?.learnings).toHaveLength(2);
    expect(page?.importantDates.map((d) => d.kind)).toEqual(['work_anniversary', 'birthday']);
    expect(page?.howWeMet.introducedBy?.fullName).toBe('Ines "Intro" Silva');
    expect(page?.keepInTouch.cadenceDays).toBe(11);
    expect(page?.exchange).toMatchObject({
      gives: 2,
      asks: 1,
      lastGiveAt: '2026-06-01T09:00:00.000Z',
      lastAskAt: '2026-03-01T09:00:00.000Z',
    });
  });

  it('gives what hydratePerson gives for a person with nothing but a name', async () => {
    const page = await personPageReader(db).read(A.workspaceId, bare, NOW);
    expect(JSON.stringify(page)).toBe(JSON.stringify(await reference(A, bare)));
    expect(page?.organisation).toBeNull();
    expect(page?.exchange).toMatchObject({ gives: 0, asks: 0, lastGiveAt: null, lastAskAt: null });
  });

  it('reads a person in the trash, and nothing for an unknown id or another workspace', async () => {
    const trashed = (await s.people.create(A, PersonCreate.parse({ fullName: 'Gone' }))).id;
    await s.people.remove(A, trashed);
    const page = await personPageReader(db).read(A.workspaceId, trashed, NOW);
    expect(page?.deletedAt).not.toBeNull();
    expect(JSON.stringify(page)).toBe(JSON.stringify(await reference(A, trashed)));
    expect(await personPageReader(db).read(A.workspaceId, uuidv7(), NOW)).toBeUndefined();
    expect(await personPageReader(db).read(B.workspaceId, full, NOW)).toBeUndefined();
  });

  it('follows a change of the organisation name and of the settings', async () => {
    const reader = personPageReader(db);
    await reader.read(A.workspaceId, full, NOW);
    await db.kysely
      .updateTable('organisations')
      .set({ name: 'Fábrica SA' })
      .where('name', '=', 'Fábrica Lda')
      .execute();
    await s.settings.update(A, { cadences: { close: 12 } });
    const page = await reader.read(A.workspaceId, full, NOW);
    expect(page?.organisation?.name).toBe('Fábrica SA');
    expect(page?.keepInTouch.cadenceDays).toBe(12);
    expect(JSON.stringify(page)).toBe(JSON.stringify(await reference(A, full)));
  });

  it('counts gives and asks logged, moved, switched and deleted through the interactions service', async () => {
    const who = (await s.people.create(A, PersonCreate.parse({ fullName: 'Giver' }))).id;
    const log = (occurredAt: string, exchange: 'give' | 'ask' | null) =>
      s.interactions.create(
        A,
        InteractionCreate.parse({ kind: 'call', summary: 'Call', occurredAt, exchange, participantIds: [who] }),
      );
    const a = await log('2026-06-01T08:00:00.000Z', 'give');
    const b = await log('2026-05-01T08:00:00.000Z', 'ask');
    const c = await log('2026-04-01T08:00:00.000Z', 'give');
    await log('2026-04-02T08:00:00.000Z', null);
    const check = async () => {
      const page = await personPageReader(db).read(A.workspaceId, who, NOW);
      expect(JSON.stringify(page)).toBe(JSON.stringify(await reference(A, who)));
      return page?.exchange;
    };
    expect(await check()).toMatchObject({ gives: 2, asks: 1, lastGiveAt: '2026-06-01T08:00:00.000Z' });
    // Moved out of the window, then back in at another time.
    const move = async (id: string, body: Record<string, unknown>) => {
      const current = await db.kysely
        .selectFrom('interactions')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await s.interactions.update(A, id, InteractionUpdate.parse({ ...body, version: current.version }));
    };
    await move(a.id, { occurredAt: '2024-01-01T08:00:00.000Z' });
    expect(await check()).toMatchObject({ gives: 1, asks: 1, lastGiveAt: '2026-04-01T08:00:00.000Z' });
    await move(a.id, { occurredAt: '2026-06-03T08:00:00.000Z' });
    expect(await check()).toMatchObject({ gives: 2, asks: 1, lastGiveAt: '2026-06-03T08:00:00.000Z' });
    // An ask turned into a give; a give deleted.
    await move(b.id, { exchange: 'give' });
    await s.interactions.remove(A, c.id);
    expect(await check()).toMatchObject({ gives: 2, asks: 0, lastAskAt: null });
  });
});
