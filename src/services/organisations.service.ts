import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  Organisation,
  OrganisationCreate,
  OrganisationListQuery,
  OrganisationUpdate,
} from '../contract/organisations.js';
import { escapeLike, fold, searchWords } from '../domain/text.js';
import { ConflictError, NotFoundError, StaleVersionError, VersionRequiredError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { decodeCursor, encodeCursor } from '../storage/repos/cursor.js';
import { refreshSearchText, touchPeople } from '../storage/repos/people.repo.js';
import { reindex } from '../storage/search/index.js';
import type { Database, OrganisationRow } from '../storage/schema.js';
import { type Actor, nowIso, type ServiceDeps } from './context.js';

type Q = Kysely<Database>;

async function peopleCounts(db: Q, workspaceId: string, ids: string[]) {
  const out = new Map<string, number>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('people')
    .select((eb) => ['organisationId', eb.fn.countAll<string | number>().as('n')])
    .where('workspaceId', '=', workspaceId)
    .where('organisationId', 'in', ids)
    .where('deletedAt', 'is', null)
    .groupBy('organisationId')
    .execute();
  for (const r of rows) if (r.organisationId) out.set(r.organisationId, Number(r.n));
  return out;
}

function present(r: OrganisationRow, count: number): Organisation {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    domain: r.domain,
    website: r.website,
    industry: r.industry,
    location: r.location,
    notes: r.notes,
    peopleCount: count,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    deletedAt: r.deletedAt,
  };
}

export function organisationsService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  async function row(trx: Q, actor: Actor, id: string) {
    const r = await trx
      .selectFrom('organisations')
      .selectAll()
      .where('workspaceId', '=', actor.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw NotFoundError('Organisation');
    return r;
  }

  async function ensureNameFree(trx: Q, actor: Actor, name: string, except?: string) {
    let q = trx
      .selectFrom('organisations')
      .select('id')
      .where('workspaceId', '=', actor.workspaceId)
      .where('sortName', '=', fold(name))
      .where('deletedAt', 'is', null);
    if (except) q = q.where('id', '!=', except);
    if (await q.executeTakeFirst()) {
      throw ConflictError(
        'organisation_exists',
        'An organisation with this name exists',
        `"${name}" is already in your workspace. Use it, or choose another name.`,
      );
    }
  }

  return {
    async list(actor: Actor, query: z.output<typeof OrganisationListQuery>) {
      const cursor = decodeCursor(query.cursor, 'name');
      let q = k.selectFrom('organisations as o').selectAll().where('o.workspaceId', '=', actor.workspaceId);
      q = query.deleted === 'only' ? q.where('o.deletedAt', 'is not', null) : q.where('o.deletedAt', 'is', null);
      for (const w of searchWords(query.q)) {
        q = q.where(sql<boolean>`o.sort_name like ${`%${escapeLike(w)}%`} escape '\\'`);
      }
      if (cursor) {
        q = q.where((eb) =>
          eb.or([
            eb('o.sortName', '>', cursor.k),
            eb.and([eb('o.sortName', '=', cursor.k), eb('o.id', '>', cursor.id)]),
          ]),
        );
      }
      const rows = await q
        .orderBy('o.sortName')
        .orderBy('o.id')
        .limit(query.limit + 1)
        .execute();
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      const counts = await peopleCounts(
        k,
        actor.workspaceId,
        page.map((r) => r.id),
      );
      const last = page[page.length - 1];
      return {
        items: page.map((r) => present(r, counts.get(r.id) ?? 0)),
        nextCursor: more && last ? encodeCursor({ k: last.sortName, id: last.id, s: 'name' }) : null,
      };
    },

    async get(actor: Actor, id: string) {
      const r = await row(k, actor, id);
      const counts = await peopleCounts(k, actor.workspaceId, [id]);
      return present(r, counts.get(id) ?? 0);
    },

    async create(actor: Actor, input: z.output<typeof OrganisationCreate>) {
      const now = nowIso(clock);
      const id = uuidv7();
      await k.transaction().execute(async (trx) => {
        await ensureNameFree(trx, actor, input.name);
        await trx
          .insertInto('organisations')
          .values({
            id,
            workspaceId: actor.workspaceId,
            name: input.name,
            sortName: fold(input.name),
            domain: input.domain ?? null,
            website: input.website ?? null,
            industry: input.industry ?? null,
            location: input.location ?? null,
            notes: input.notes ?? '',
            createdAt: now,
            updatedAt: now,
            deletedAt: null,
          })
          .execute();
        await reindex(trx, actor.workspaceId, 'organisation', [id]);
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, id: string, input: z.output<typeof OrganisationUpdate>, ifMatch?: number) {
      const now = nowIso(clock);
      await k.transaction().execute(async (trx) => {
        const r = await row(trx, actor, id);
        if (r.deletedAt) throw NotFoundError('Organisation', 'This organisation is in the trash. Restore it first.');
        const expected = input.version ?? ifMatch;
        if (expected === undefined) throw VersionRequiredError();
        if (expected !== r.version) throw StaleVersionError(r.version);
        const { version: _v, ...fields } = input;
        const set: Record<string, unknown> = { ...fields, updatedAt: now, version: r.version + 1 };
        if (input.name !== undefined) {
          await ensureNameFree(trx, actor, input.name, id);
          set.sortName = fold(input.name);
        }
        for (const key of Object.keys(set)) if (set[key] === undefined) delete set[key];
        const res = await trx
          .updateTable('organisations')
          .set(set)
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .where('version', '=', r.version)
          .executeTakeFirst();
        // Two writers may both have read this version; only the first UPDATE matches it.
        if (Number(res.numUpdatedRows) !== 1) throw StaleVersionError(r.version + 1);
        await reindex(trx, actor.workspaceId, 'organisation', [id]);
        if (input.name !== undefined && input.name !== r.name) {
          const people = await trx
            .selectFrom('people')
            .select('id')
            .where('workspaceId', '=', actor.workspaceId)
            .where('organisationId', '=', id)
            .execute();
          const ids = people.map((p) => p.id);
          // Their vCards' ORG is the new name.
          await touchPeople(trx, actor.workspaceId, ids, now);
          await refreshSearchText(trx, actor.workspaceId, ids);
        }
      });
      return this.get(actor, id);
    },

    async remove(actor: Actor, id: string) {
      const r = await row(k, actor, id);
      if (r.deletedAt) throw NotFoundError('Organisation', 'This organisation is already in the trash.');
      const now = nowIso(clock);
      await k.transaction().execute(async (trx) => {
        await trx
          .updateTable('organisations')
          .set({ deletedAt: now, updatedAt: now, version: r.version + 1 })
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .execute();
        await reindex(trx, actor.workspaceId, 'organisation', [id]);
      });
    },

    async restore(actor: Actor, id: string) {
      const r = await row(k, actor, id);
      if (r.deletedAt) {
        await k.transaction().execute(async (trx) => {
          await ensureNameFree(trx, actor, r.name, id);
          const now = nowIso(clock);
          await trx
            .updateTable('organisations')
            .set({ deletedAt: null, updatedAt: now, version: r.version + 1 })
            .where('workspaceId', '=', actor.workspaceId)
            .where('id', '=', id)
            .execute();
          await reindex(trx, actor.workspaceId, 'organisation', [id]);
        });
      }
      return this.get(actor, id);
    },
  };
}
