import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  Achievement,
  AchievementCreate,
  AchievementListQuery,
  AchievementUpdate,
} from '../contract/keep-in-touch.js';
import { localDate } from '../domain/dates.js';
import { NotFoundError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import { findPersonRow } from '../storage/repos/people.repo.js';
import type { AchievementRow, Database } from '../storage/schema.js';
import { type Actor, type ServiceDeps, nowIso } from './context.js';

type Q = Kysely<Database>;

async function present(db: Q, workspaceId: string, rows: readonly AchievementRow[]): Promise<Achievement[]> {
  const ids = [...new Set(rows.map((r) => r.personId))];
  const people =
    ids.length === 0
      ? []
      : await db
          .selectFrom('people')
          .select(['id', 'fullName', 'photoUrl'])
          .where('workspaceId', '=', workspaceId)
          .where('id', 'in', ids)
          .execute();
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => ({
    id: r.id,
    person: byId.get(r.personId) ?? { id: r.personId, fullName: '', photoUrl: null },
    kind: r.kind as Achievement['kind'],
    title: r.title,
    occurredOn: r.occurredOn,
    url: r.url,
    notes: r.notes,
    congratulatedAt: r.congratulatedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

export function achievementsService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  async function livePerson(actor: Actor, personId: string) {
    const p = await findPersonRow(k, actor.workspaceId, personId);
    if (!p || p.deletedAt) throw NotFoundError('Person');
    return p;
  }

  async function row(actor: Actor, id: string) {
    const r = await k
      .selectFrom('achievements')
      .selectAll()
      .where('workspaceId', '=', actor.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw NotFoundError('Achievement');
    return r;
  }

  const service = {
    async get(actor: Actor, id: string): Promise<Achievement> {
      const [a] = await present(k, actor.workspaceId, [await row(actor, id)]);
      if (!a) throw NotFoundError('Achievement');
      return a;
    },

    async listForPerson(actor: Actor, personId: string) {
      await livePerson(actor, personId);
      const rows = await k
        .selectFrom('achievements')
        .selectAll()
        .where('workspaceId', '=', actor.workspaceId)
        .where('personId', '=', personId)
        .orderBy('occurredOn', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return { items: await present(k, actor.workspaceId, rows) };
    },

    /** The newest achievements across the network. */
    async list(actor: Actor, q: z.output<typeof AchievementListQuery>) {
      let query = k.selectFrom('achievements').selectAll().where('workspaceId', '=', actor.workspaceId);
      if (q.since) query = query.where('occurredOn', '>=', q.since);
      const rows = await query.orderBy('occurredOn', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
      return { items: await present(k, actor.workspaceId, rows) };
    },

    async create(actor: Actor, personId: string, input: z.output<typeof AchievementCreate>): Promise<Achievement> {
      await livePerson(actor, personId);
      const settings = await readSettings(k, actor.workspaceId);
      const now = nowIso(clock);
      const id = uuidv7();
      await k
        .insertInto('achievements')
        .values({
          id,
          workspaceId: actor.workspaceId,
          personId,
          kind: input.kind,
          title: input.title,
          occurredOn: input.occurredOn ?? localDate(clock.now(), settings.timeZone),
          url: input.url ?? null,
          notes: input.notes ?? '',
          congratulatedAt: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      return service.get(actor, id);
    },

    async update(actor: Actor, id: string, input: z.output<typeof AchievementUpdate>): Promise<Achievement> {
      const r = await row(actor, id);
      const now = nowIso(clock);
      const set: Record<string, unknown> = { updatedAt: now };
      for (const key of ['kind', 'title', 'occurredOn', 'url', 'notes'] as const) {
        if (input[key] !== undefined) set[key] = input[key];
      }
      if (input.congratulated !== undefined)
        set.congratulatedAt = input.congratulated ? (r.congratulatedAt ?? now) : null;
      await k
        .updateTable('achievements')
        .set(set)
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .execute();
      return service.get(actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const res = await k
        .deleteFrom('achievements')
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw NotFoundError('Achievement');
    },
  };
  return service;
}
