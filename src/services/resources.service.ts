import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Circle } from '../contract/common.js';
import type {
  Resource,
  ResourceCreate,
  ResourceDetail,
  ResourceKind,
  ResourceListQuery,
  ResourceUpdate,
  ShareInput,
  ShareResult,
  SuggestionQuery,
  Suggestions,
} from '../contract/resources.js';
import { effectiveCadence } from '../domain/cadence.js';
import { localDate } from '../domain/dates.js';
import { rankRecipients } from '../domain/recipients.js';
import { escapeLike, fold, normaliseUrl, searchWords } from '../domain/text.js';
import { ConflictError, NotFoundError, StaleVersionError, VersionRequiredError } from '../lib/errors.js';
import { reindex } from '../storage/search/index.js';
import { uuidv7 } from '../lib/ids.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import { upsertLabels } from '../storage/repos/labels.repo.js';
import type { Database, ResourceRow } from '../storage/schema.js';
import { type Actor, type ServiceDeps, nowIso } from './context.js';
import { checkParticipants, insertInteraction } from './interactions.service.js';

type Q = Kysely<Database>;

/** How many people "who should get this?" considers before ranking. */
const SUGGESTION_CANDIDATES = 300;

async function topicsOf(db: Q, ws: string, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('resourceTopics as rt')
    .innerJoin('topics as t', (j) => j.onRef('t.workspaceId', '=', 'rt.workspaceId').onRef('t.id', '=', 'rt.topicId'))
    .select(['rt.resourceId', 't.name'])
    .where('rt.workspaceId', '=', ws)
    .where('rt.resourceId', 'in', ids)
    .orderBy('t.normalized')
    .execute();
  for (const r of rows) out.set(r.resourceId, [...(out.get(r.resourceId) ?? []), r.name]);
  return out;
}

async function shareStats(db: Q, ws: string, ids: string[]) {
  const out = new Map<string, { n: number; last: string | null }>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('resourceShares')
    .select((eb) => ['resourceId', eb.fn.countAll<string | number>().as('n'), eb.fn.max('sharedAt').as('last')])
    .where('workspaceId', '=', ws)
    .where('resourceId', 'in', ids)
    .groupBy('resourceId')
    .execute();
  for (const r of rows) out.set(r.resourceId, { n: Number(r.n), last: (r.last as string | null) ?? null });
  return out;
}

async function presentAll(db: Q, ws: string, rows: ResourceRow[]): Promise<Resource[]> {
  const ids = rows.map((r) => r.id);
  const [topics, stats] = await Promise.all([topicsOf(db, ws, ids), shareStats(db, ws, ids)]);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    url: r.url,
    title: r.title,
    note: r.note,
    kind: r.kind as ResourceKind,
    topics: topics.get(r.id) ?? [],
    shareCount: stats.get(r.id)?.n ?? 0,
    lastSharedAt: stats.get(r.id)?.last ?? null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

async function resourceRow(db: Q, actor: Actor, id: string) {
  const r = await db
    .selectFrom('resources')
    .selectAll()
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw NotFoundError('Resource');
  return r;
}

/** "example.com/post" from "https://www.example.com/post/": a readable default title. */
function titleFromUrl(url: string): string {
  return normaliseUrl(url).slice(0, 300) || url.slice(0, 300);
}

async function checkUrlFree(db: Q, actor: Actor, url: string, self?: string) {
  const hit = await db
    .selectFrom('resources')
    .select(['id', 'title'])
    .where('workspaceId', '=', actor.workspaceId)
    .where('urlKey', '=', normaliseUrl(url))
    .executeTakeFirst();
  if (hit && hit.id !== self) {
    throw ConflictError(
      'resource_exists',
      'Already in your library',
      `This address is already saved as "${hit.title}" (${hit.id}). Open that one to share it.`,
    );
  }
}

async function setTopics(db: Q, actor: Actor, resourceId: string, names: string[], now: string) {
  const ids = await upsertLabels(db, 'topics', actor.workspaceId, names, now);
  await db
    .deleteFrom('resourceTopics')
    .where('workspaceId', '=', actor.workspaceId)
    .where('resourceId', '=', resourceId)
    .execute();
  if (ids.length > 0) {
    await db
      .insertInto('resourceTopics')
      .values(ids.map((topicId) => ({ workspaceId: actor.workspaceId, resourceId, topicId })))
      .execute();
  }
}

export function resourcesService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  async function detail(actor: Actor, id: string): Promise<ResourceDetail> {
    const r = await resourceRow(k, actor, id);
    const [[base], shares] = await Promise.all([
      presentAll(k, actor.workspaceId, [r]),
      k
        .selectFrom('resourceShares as s')
        .innerJoin('people as p', (j) =>
          j.onRef('p.workspaceId', '=', 's.workspaceId').onRef('p.id', '=', 's.personId'),
        )
        .select(['p.id', 'p.fullName', 'p.photoUrl', 's.sharedAt', 's.interactionId'])
        .where('s.workspaceId', '=', actor.workspaceId)
        .where('s.resourceId', '=', id)
        .orderBy('s.sharedAt', 'desc')
        .orderBy('p.sortName')
        .execute(),
    ]);
    return {
      ...(base as Resource),
      shares: shares.map((s) => ({
        person: { id: s.id, fullName: s.fullName, photoUrl: s.photoUrl },
        sharedAt: s.sharedAt,
        interactionId: s.interactionId,
      })),
    };
  }

  const service = {
    async list(actor: Actor, q: z.output<typeof ResourceListQuery>) {
      let query = k.selectFrom('resources as r').selectAll('r').where('r.workspaceId', '=', actor.workspaceId);
      if (q.url) query = query.where('r.urlKey', '=', normaliseUrl(q.url));
      for (const w of searchWords(q.q)) {
        const like = `%${escapeLike(w)}%`;
        query = query.where(
          sql<boolean>`(lower(r.title) like ${like} escape '\\' or lower(r.note) like ${like} escape '\\' or r.url_key like ${like} escape '\\')`,
        );
      }
      if (q.topic) {
        const topic = fold(q.topic);
        query = query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('resourceTopics as rt')
              .innerJoin('topics as t', (j) =>
                j.onRef('t.workspaceId', '=', 'rt.workspaceId').onRef('t.id', '=', 'rt.topicId'),
              )
              .select('rt.resourceId')
              .whereRef('rt.workspaceId', '=', 'r.workspaceId')
              .whereRef('rt.resourceId', '=', 'r.id')
              .where('t.normalized', '=', topic),
          ),
        );
      }
      const rows = await query.orderBy('r.createdAt', 'desc').orderBy('r.id', 'desc').limit(q.limit).execute();
      return { items: await presentAll(k, actor.workspaceId, rows) };
    },

    get: detail,

    async create(actor: Actor, input: z.output<typeof ResourceCreate>): Promise<ResourceDetail> {
      const now = nowIso(clock);
      const id = uuidv7();
      await k.transaction().execute(async (trx) => {
        await checkUrlFree(trx, actor, input.url);
        await trx
          .insertInto('resources')
          .values({
            id,
            workspaceId: actor.workspaceId,
            url: input.url,
            urlKey: normaliseUrl(input.url),
            title: input.title ?? titleFromUrl(input.url),
            note: input.note ?? '',
            kind: input.kind,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        await setTopics(trx, actor, id, input.topics ?? [], now);
        await reindex(trx, actor.workspaceId, 'resource', [id]);
      });
      return detail(actor, id);
    },

    async update(actor: Actor, id: string, input: z.output<typeof ResourceUpdate>, ifMatch?: number) {
      const now = nowIso(clock);
      await k.transaction().execute(async (trx) => {
        const r = await resourceRow(trx, actor, id);
        const expected = input.version ?? ifMatch;
        if (expected === undefined) throw VersionRequiredError();
        if (expected !== r.version) throw StaleVersionError(r.version);
        if (input.url) await checkUrlFree(trx, actor, input.url, id);
        const res = await trx
          .updateTable('resources')
          .set({
            ...(input.url ? { url: input.url, urlKey: normaliseUrl(input.url) } : {}),
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.note !== undefined ? { note: input.note } : {}),
            ...(input.kind !== undefined ? { kind: input.kind } : {}),
            version: r.version + 1,
            updatedAt: now,
          })
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .where('version', '=', r.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw StaleVersionError(r.version + 1);
        if (input.topics) await setTopics(trx, actor, id, input.topics, now);
        await reindex(trx, actor.workspaceId, 'resource', [id]);
      });
      return detail(actor, id);
    },

    /** Deletes the resource and its share log; the interactions it logged stay on the timelines. */
    async remove(actor: Actor, id: string) {
      await resourceRow(k, actor, id);
      await k.transaction().execute(async (trx) => {
        await trx.deleteFrom('resources').where('workspaceId', '=', actor.workspaceId).where('id', '=', id).execute();
        await reindex(trx, actor.workspaceId, 'resource', [id]);
      });
    },

    /**
     * Shares with each person: an interaction (a give, kind "shared") and a row of
     * the share log, in one transaction. The log's key makes a second share to
     * the same person impossible, even for two requests racing each other.
     */
    async share(actor: Actor, id: string, input: z.output<typeof ShareInput>): Promise<ShareResult> {
      const now = nowIso(clock);
      const sharedIds: string[] = [];
      const skippedIds: string[] = [];
      await k.transaction().execute(async (trx) => {
        const r = await resourceRow(trx, actor, id);
        await checkParticipants(trx, actor, input.personIds, 'body.personIds');
        for (const personId of input.personIds) {
          const res = await trx
            .insertInto('resourceShares')
            .values({ workspaceId: actor.workspaceId, resourceId: id, personId, interactionId: null, sharedAt: now })
            .onConflict((oc) => oc.columns(['workspaceId', 'resourceId', 'personId']).doNothing())
            .executeTakeFirst();
          if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) {
            if (input.ifShared === 'skip') {
              skippedIds.push(personId);
              continue;
            }
            const who = await trx
              .selectFrom('people as p')
              .innerJoin('resourceShares as s', (j) =>
                j.onRef('s.workspaceId', '=', 'p.workspaceId').onRef('s.personId', '=', 'p.id'),
              )
              .select(['p.fullName', 's.sharedAt'])
              .where('p.workspaceId', '=', actor.workspaceId)
              .where('p.id', '=', personId)
              .where('s.resourceId', '=', id)
              .executeTakeFirst();
            throw ConflictError(
              'already_shared',
              'Already shared',
              `${who?.fullName ?? 'This person'} already got "${r.title}"${who ? ` on ${who.sharedAt.slice(0, 10)}` : ''}: nothing was shared. Leave them out, or send ifShared: "skip" to share with the others.`,
            );
          }
          const interactionId = await insertInteraction(
            trx,
            actor,
            {
              kind: 'article_share',
              summary: input.summary ?? `Shared "${r.title}"`.slice(0, 500),
              notes: r.url,
              participantIds: [personId],
              exchange: 'give',
              exchangeKind: 'shared',
              ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
            },
            clock,
            { autoFollowUps: false },
          );
          await trx
            .updateTable('resourceShares')
            .set({ interactionId })
            .where('workspaceId', '=', actor.workspaceId)
            .where('resourceId', '=', id)
            .where('personId', '=', personId)
            .execute();
          sharedIds.push(personId);
        }
      });
      const d = await detail(actor, id);
      const pick = (ids: string[]) => d.shares.filter((s) => ids.includes(s.person.id));
      return { shared: pick(sharedIds), skipped: pick(skippedIds) };
    },

    /** "Who should get this?": topic matches, due first, never someone who already got it. */
    async suggest(actor: Actor, id: string, q: z.output<typeof SuggestionQuery>): Promise<Suggestions> {
      const ws = actor.workspaceId;
      await resourceRow(k, actor, id);
      const s = await readSettings(k, ws);
      const rows = await k
        .selectFrom('resourceTopics as rt')
        .innerJoin('personTopics as pt', (j) =>
          j.onRef('pt.workspaceId', '=', 'rt.workspaceId').onRef('pt.topicId', '=', 'rt.topicId'),
        )
        .innerJoin('people as p', (j) =>
          j.onRef('p.workspaceId', '=', 'pt.workspaceId').onRef('p.id', '=', 'pt.personId'),
        )
        .innerJoin('topics as t', (j) =>
          j.onRef('t.workspaceId', '=', 'rt.workspaceId').onRef('t.id', '=', 'rt.topicId'),
        )
        .select([
          'p.id',
          'p.fullName',
          'p.photoUrl',
          'p.headline',
          'p.circle',
          'p.cadenceDays',
          'p.nextDueOn',
          'p.strength',
          't.name as topic',
        ])
        .where('rt.workspaceId', '=', ws)
        .where('rt.resourceId', '=', id)
        .where('p.deletedAt', 'is', null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('resourceShares as s')
                .select('s.personId')
                .whereRef('s.workspaceId', '=', 'p.workspaceId')
                .whereRef('s.personId', '=', 'p.id')
                .where('s.resourceId', '=', id),
            ),
          ),
        )
        .orderBy('p.id')
        .limit(SUGGESTION_CANDIDATES * 5)
        .execute();
      const byPerson = new Map<string, (typeof rows)[number] & { matchedTopics: string[] }>();
      for (const r of rows) {
        const c = byPerson.get(r.id) ?? { ...r, matchedTopics: [] };
        c.matchedTopics.push(r.topic);
        byPerson.set(r.id, c);
      }
      const today = localDate(clock.now(), s.timeZone);
      const ranked = rankRecipients(
        [...byPerson.values()].map((c) => ({
          ...c,
          matchedTopics: c.matchedTopics.sort((a, b) => a.localeCompare(b)),
          cadenceDays: effectiveCadence(c.circle as Circle, c.cadenceDays, s.cadences),
          strength: Number(c.strength),
        })),
        today,
        q.limit,
      );
      return {
        items: ranked.map((c) => ({
          person: { id: c.id, fullName: c.fullName, photoUrl: c.photoUrl, headline: c.headline },
          score: c.score,
          matchedTopics: c.matchedTopics,
          nextDueOn: c.nextDueOn,
          reason: c.reason,
        })),
      };
    },
  };
  return service;
}
