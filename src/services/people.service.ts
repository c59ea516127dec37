import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  LearningCreate,
  PeopleListQuery,
  Person,
  PersonCreate as PersonCreateSchema,
  PersonUpdate as PersonUpdateSchema,
} from '../contract/people.js';
import { fold, normaliseEmail, normalisePhone, normaliseUrl, splitName } from '../domain/text.js';
import { NotFoundError, StaleVersionError, ValidationError, VersionRequiredError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { readSettings, refreshPeople } from '../storage/repos/keep-in-touch.repo.js';
import { setPersonLabels } from '../storage/repos/labels.repo.js';
import { findPersonRow, listLearningsOf, listPeople, refreshSearchText } from '../storage/repos/people.repo.js';
import { personPageReader } from '../storage/repos/person-page.repo.js';
import { reindex } from '../storage/search/index.js';
import type { Database, PersonUpdate as PersonRowUpdate } from '../storage/schema.js';
import { type Actor, type ServiceDeps, nowIso, todayIso } from './context.js';
import { findOrCreateOrganisation } from './organisations.lookup.js';

type CreateInput = z.output<typeof PersonCreateSchema>;
type UpdateInput = z.output<typeof PersonUpdateSchema>;
type ListInput = z.output<typeof PeopleListQuery>;

export function peopleService({ db, clock }: ServiceDeps) {
  const k = db.kysely;
  const page = personPageReader(db);

  async function liveRow(trx: Kysely<Database>, actor: Actor, id: string) {
    const row = await findPersonRow(trx, actor.workspaceId, id);
    if (!row) throw NotFoundError('Person');
    if (row.deletedAt) {
      throw NotFoundError(
        'Person',
        'This person is in the trash. Restore them first (POST /api/v1/people/:id/restore).',
      );
    }
    return row;
  }

  async function checkOrganisation(trx: Kysely<Database>, actor: Actor, id: string) {
    const org = await trx
      .selectFrom('organisations')
      .select('id')
      .where('workspaceId', '=', actor.workspaceId)
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!org)
      throw ValidationError([{ path: 'body.organisationId', message: 'no such organisation in this workspace' }]);
  }

  async function checkIntroducer(trx: Kysely<Database>, actor: Actor, id: string, self?: string) {
    if (id === self)
      throw ValidationError([
        { path: 'body.howWeMet.introducedById', message: 'a person cannot introduce themselves' },
      ]);
    const row = await findPersonRow(trx, actor.workspaceId, id);
    if (!row || row.deletedAt) {
      throw ValidationError([{ path: 'body.howWeMet.introducedById', message: 'no such person in this workspace' }]);
    }
  }

  /** Resolves organisationId / organisationName to an id; undefined means "not mentioned". */
  async function resolveOrganisation(
    trx: Kysely<Database>,
    actor: Actor,
    input: { organisationId?: string | null | undefined; organisationName?: string | null | undefined },
    now: string,
  ): Promise<string | null | undefined> {
    if (input.organisationId !== undefined) {
      if (input.organisationId !== null) await checkOrganisation(trx, actor, input.organisationId);
      return input.organisationId;
    }
    if (input.organisationName !== undefined) {
      if (input.organisationName === null || input.organisationName === '') return null;
      return findOrCreateOrganisation(trx, actor.workspaceId, input.organisationName, now);
    }
    return undefined;
  }

  async function writeContactPoints(
    trx: Kysely<Database>,
    actor: Actor,
    personId: string,
    kind: 'email' | 'phone' | 'link',
    values: { value: string; label?: string | undefined; primary?: boolean | undefined }[],
  ) {
    await trx
      .deleteFrom('contactPoints')
      .where('workspaceId', '=', actor.workspaceId)
      .where('personId', '=', personId)
      .where('kind', '=', kind)
      .execute();
    if (values.length === 0) return;
    const hasPrimary = values.some((v) => v.primary);
    const norm = kind === 'email' ? normaliseEmail : kind === 'phone' ? normalisePhone : normaliseUrl;
    await trx
      .insertInto('contactPoints')
      .values(
        values.map((v, i) => ({
          id: uuidv7(),
          workspaceId: actor.workspaceId,
          personId,
          kind,
          label: v.label ?? null,
          value: v.value,
          normalized: norm(v.value),
          isPrimary: (hasPrimary ? v.primary : i === 0) ? 1 : 0,
          position: i,
        })),
      )
      .execute();
  }

  async function writeCollections(
    trx: Kysely<Database>,
    actor: Actor,
    personId: string,
    input: Partial<CreateInput>,
    now: string,
  ) {
    if (input.emails) await writeContactPoints(trx, actor, personId, 'email', input.emails);
    if (input.phones) await writeContactPoints(trx, actor, personId, 'phone', input.phones);
    if (input.links) {
      await writeContactPoints(
        trx,
        actor,
        personId,
        'link',
        input.links.map((l) => ({ value: l.url, label: l.label ?? guessLinkLabel(l.url) })),
      );
    }
    if (input.tags) await setPersonLabels(trx, 'tags', actor.workspaceId, personId, input.tags, now);
    if (input.topics) await setPersonLabels(trx, 'topics', actor.workspaceId, personId, input.topics, now);
    if (input.purposes) {
      await trx
        .deleteFrom('personPurposes')
        .where('workspaceId', '=', actor.workspaceId)
        .where('personId', '=', personId)
        .execute();
      const unique = [...new Set(input.purposes)];
      if (unique.length > 0) {
        await trx
          .insertInto('personPurposes')
          .values(unique.map((purpose) => ({ workspaceId: actor.workspaceId, personId, purpose })))
          .execute();
      }
    }
    if (input.importantDates) {
      await trx
        .deleteFrom('importantDates')
        .where('workspaceId', '=', actor.workspaceId)
        .where('personId', '=', personId)
        .execute();
      if (input.importantDates.length > 0) {
        await trx
          .insertInto('importantDates')
          .values(
            input.importantDates.map((d, i) => ({
              id: uuidv7(),
              workspaceId: actor.workspaceId,
              personId,
              kind: d.kind,
              label: d.label ?? null,
              month: d.month,
              day: d.day,
              year: d.year ?? null,
              position: i,
            })),
          )
          .execute();
      }
    }
  }

  return {
    async list(actor: Actor, query: ListInput) {
      return listPeople(k, actor.workspaceId, query);
    },

    async get(actor: Actor, id: string): Promise<Person> {
      const person = await page.read(actor.workspaceId, id, clock.now());
      if (!person) throw NotFoundError('Person');
      return person;
    },

    async create(actor: Actor, input: CreateInput): Promise<Person> {
      const id = await k.transaction().execute((trx) => this.insert(trx, actor, input));
      return this.get(actor, id);
    },

    /** Creates a person inside the caller's transaction (an event's quick add links them in the same step). */
    async insert(trx: Kysely<Database>, actor: Actor, input: CreateInput): Promise<string> {
      const now = nowIso(clock);
      const id = uuidv7();
      {
        const organisationId = (await resolveOrganisation(trx, actor, input, now)) ?? null;
        if (input.howWeMet?.introducedById) await checkIntroducer(trx, actor, input.howWeMet.introducedById);
        const split = splitName(input.fullName);
        await trx
          .insertInto('people')
          .values({
            id,
            workspaceId: actor.workspaceId,
            fullName: input.fullName,
            givenName: input.givenName ?? split.given,
            familyName: input.familyName ?? split.family,
            nickname: input.nickname ?? null,
            sortName: fold(input.fullName),
            headline: input.headline ?? null,
            roleTitle: input.roleTitle ?? null,
            organisationId,
            location: input.location ?? null,
            timeZone: input.timeZone ?? null,
            photoUrl: input.photoUrl ?? null,
            circle: input.circle ?? 'none',
            cadenceDays: input.cadenceDays ?? null,
            notes: input.notes ?? '',
            metChannel: input.howWeMet?.channel ?? null,
            metPlatform: input.howWeMet?.platform ?? null,
            metOn: input.howWeMet?.date ?? null,
            metEvent: input.howWeMet?.event ?? null,
            metContext: input.howWeMet?.context ?? null,
            introducedById: input.howWeMet?.introducedById ?? null,
            lastInteractionAt: null,
            createdAt: now,
            updatedAt: now,
            deletedAt: null,
          })
          .execute();
        if (input.roleTitle || organisationId) {
          await trx
            .insertInto('personRoles')
            .values({
              id: uuidv7(),
              workspaceId: actor.workspaceId,
              personId: id,
              title: input.roleTitle ?? null,
              organisationId,
              startedOn: null,
              endedOn: null,
              createdAt: now,
            })
            .execute();
        }
        await writeCollections(trx, actor, id, input, now);
        await refreshSearchText(trx, actor.workspaceId, [id]);
        await refreshPeople(trx, actor.workspaceId, [id], await readSettings(trx, actor.workspaceId), clock.now());
      }
      return id;
    },

    async update(actor: Actor, id: string, input: UpdateInput, ifMatch?: number): Promise<Person> {
      const now = nowIso(clock);
      await k.transaction().execute(async (trx) => {
        const row = await liveRow(trx, actor, id);
        const expected = input.version ?? ifMatch;
        if (expected === undefined) throw VersionRequiredError();
        if (expected !== row.version) throw StaleVersionError(row.version);

        const organisationId = await resolveOrganisation(trx, actor, input, now);
        if (input.howWeMet?.introducedById) await checkIntroducer(trx, actor, input.howWeMet.introducedById, id);

        const set: PersonRowUpdate = { updatedAt: now, version: row.version + 1 };
        if (input.fullName !== undefined) {
          set.fullName = input.fullName;
          set.sortName = fold(input.fullName);
        }
        const scalar = [
          'givenName',
          'familyName',
          'nickname',
          'headline',
          'roleTitle',
          'location',
          'timeZone',
          'photoUrl',
          'circle',
          'cadenceDays',
          'notes',
        ] as const;
        for (const key of scalar) {
          if (input[key] !== undefined) (set as Record<string, unknown>)[key] = input[key];
        }
        if (organisationId !== undefined) set.organisationId = organisationId;
        const m = input.howWeMet;
        if (m) {
          if (m.channel !== undefined) set.metChannel = m.channel;
          if (m.platform !== undefined) set.metPlatform = m.platform;
          if (m.date !== undefined) set.metOn = m.date;
          if (m.event !== undefined) set.metEvent = m.event;
          if (m.context !== undefined) set.metContext = m.context;
          if (m.introducedById !== undefined) set.introducedById = m.introducedById;
        }

        // A new title or employer closes the current role and opens the next: role history.
        const newTitle = input.roleTitle !== undefined ? input.roleTitle : row.roleTitle;
        const newOrg = organisationId !== undefined ? organisationId : row.organisationId;
        if (newTitle !== row.roleTitle || newOrg !== row.organisationId) {
          const today = todayIso(clock);
          await trx
            .updateTable('personRoles')
            .set({ endedOn: today })
            .where('workspaceId', '=', actor.workspaceId)
            .where('personId', '=', id)
            .where('endedOn', 'is', null)
            .execute();
          if (newTitle || newOrg) {
            await trx
              .insertInto('personRoles')
              .values({
                id: uuidv7(),
                workspaceId: actor.workspaceId,
                personId: id,
                title: newTitle,
                organisationId: newOrg,
                startedOn: today,
                endedOn: null,
                createdAt: now,
              })
              .execute();
          }
        }

        const res = await trx
          .updateTable('people')
          .set(set)
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .where('version', '=', row.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw StaleVersionError(row.version + 1);
        await writeCollections(trx, actor, id, input, now);
        await refreshSearchText(trx, actor.workspaceId, [id]);
        if (input.circle !== undefined || input.cadenceDays !== undefined) {
          // A new circle or cadence moves the due date.
          await refreshPeople(trx, actor.workspaceId, [id], await readSettings(trx, actor.workspaceId), clock.now());
        }
      });
      return this.get(actor, id);
    },

    /** Moves a person to the trash; with `ifMatch` only if nobody changed them since that version. */
    async remove(actor: Actor, id: string, ifMatch?: number): Promise<void> {
      const now = nowIso(clock);
      await k.transaction().execute(async (trx) => {
        const row = await liveRow(trx, actor, id);
        if (ifMatch !== undefined && ifMatch !== row.version) throw StaleVersionError(row.version);
        const res = await trx
          .updateTable('people')
          .set({ deletedAt: now, updatedAt: now, version: row.version + 1 })
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .where('version', '=', row.version)
          .executeTakeFirst();
        // Changed between the read and this write (PostgreSQL, read committed): with If-Match that is
        // a stale delete; without, the trash still wins, as it did before versions were checked.
        if (Number(res.numUpdatedRows) !== 1) {
          if (ifMatch !== undefined) throw StaleVersionError(row.version + 1);
          await trx
            .updateTable('people')
            .set((eb) => ({ deletedAt: now, updatedAt: now, version: eb('version', '+', 1) }))
            .where('workspaceId', '=', actor.workspaceId)
            .where('id', '=', id)
            .execute();
        }
        await reindex(trx, actor.workspaceId, 'person', [id]);
      });
    },

    async restore(actor: Actor, id: string): Promise<Person> {
      const now = nowIso(clock);
      const row = await findPersonRow(k, actor.workspaceId, id);
      if (!row) throw NotFoundError('Person');
      if (row.deletedAt) {
        await k.transaction().execute(async (trx) => {
          await trx
            .updateTable('people')
            .set({ deletedAt: null, updatedAt: now, version: row.version + 1 })
            .where('workspaceId', '=', actor.workspaceId)
            .where('id', '=', id)
            .execute();
          await reindex(trx, actor.workspaceId, 'person', [id]);
        });
      }
      return this.get(actor, id);
    },

    async listLearnings(actor: Actor, personId: string) {
      await liveRow(k, actor, personId);
      return { items: await listLearningsOf(k, actor.workspaceId, personId) };
    },

    async addLearning(actor: Actor, personId: string, input: z.output<typeof LearningCreate>) {
      await liveRow(k, actor, personId);
      const now = nowIso(clock);
      const id = uuidv7();
      await k.transaction().execute(async (trx) => {
        await trx
          .insertInto('learnings')
          .values({
            id,
            workspaceId: actor.workspaceId,
            personId,
            category: input.category,
            body: input.body,
            learnedOn: input.learnedOn ?? todayIso(clock),
            interactionId: null,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        await reindex(trx, actor.workspaceId, 'learning', [id]);
      });
      const all = await listLearningsOf(k, actor.workspaceId, personId);
      const created = all.find((l) => l.id === id);
      if (!created) throw NotFoundError('Learning');
      return created;
    },

    async removeLearning(actor: Actor, personId: string, learningId: string) {
      await k.transaction().execute(async (trx) => {
        const res = await trx
          .deleteFrom('learnings')
          .where('workspaceId', '=', actor.workspaceId)
          .where('personId', '=', personId)
          .where('id', '=', learningId)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) === 0) throw NotFoundError('Learning');
        await reindex(trx, actor.workspaceId, 'learning', [learningId]);
      });
    },
  };
}

export type PeopleService = ReturnType<typeof peopleService>;

function guessLinkLabel(url: string): string | undefined {
  const host =
    url
      .replace(/^https?:\/\//i, '')
      .split('/')[0]
      ?.toLowerCase() ?? '';
  if (host.endsWith('linkedin.com')) return 'linkedin';
  if (host.endsWith('github.com')) return 'github';
  if (host.endsWith('twitter.com') || host === 'x.com') return 'x';
  return undefined;
}
