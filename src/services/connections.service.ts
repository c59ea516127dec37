import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  Connection,
  ConnectionCreate,
  ConnectionKind,
  ConnectionSource,
  ConnectionUpdate,
  NetPerson,
} from '../contract/connections.js';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { AUTO_SOURCES } from '../storage/repos/co-participation.repo.js';
import { findPersonRow } from '../storage/repos/people.repo.js';
import { netPeople, personOr, requireLivePeople } from '../storage/repos/net-people.repo.js';
import type { Database } from '../storage/schema.js';
import { type Actor, type ServiceDeps, nowIso } from './context.js';

type Q = Kysely<Database>;
type Row = Awaited<ReturnType<typeof findRow>>;

/*
 * Connections are stored once per unordered pair and kind (low_id < high_id),
 * so "A knows B" and "B knows A" are the same row. reports_to is the one
 * directed kind: from_id is the person who reports.
 */

function isAutoSource(source: string): boolean {
  return (AUTO_SOURCES as readonly string[]).includes(source);
}

function pair(a: string, b: string): { lowId: string; highId: string } {
  return a < b ? { lowId: a, highId: b } : { lowId: b, highId: a };
}

async function findRow(db: Q, workspaceId: string, id: string) {
  return db
    .selectFrom('connections')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function presentConnections(db: Q, workspaceId: string, rows: NonNullable<Row>[]): Promise<Connection[]> {
  const people = await netPeople(
    db,
    workspaceId,
    rows.flatMap((r) => [r.lowId, r.highId]),
  );
  return rows.map((r) => {
    const fromId = r.fromId ?? r.lowId;
    const toId = fromId === r.lowId ? r.highId : r.lowId;
    return {
      id: r.id,
      kind: r.kind as ConnectionKind,
      strength: r.strength,
      source: r.source as ConnectionSource,
      sourceId: r.sourceId,
      note: r.note,
      sharedInteractions: r.sharedInteractions,
      sharedEvents: r.sharedEvents,
      from: personOr(people, fromId),
      to: personOr(people, toId),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  });
}

/**
 * Records a connection inside the caller's transaction, or strengthens the one
 * that exists (an introduction of two people who already know each other
 * keeps the stronger tie). Returns its id.
 */
export async function upsertConnection(
  trx: Q,
  workspaceId: string,
  c: {
    fromId: string;
    toId: string;
    kind: ConnectionKind;
    strength: number;
    source: ConnectionSource;
    sourceId: string | null;
    note: string;
  },
  now: string,
): Promise<{ id: string; created: boolean }> {
  const { lowId, highId } = pair(c.fromId, c.toId);
  const existing = await trx
    .selectFrom('connections')
    .select(['id', 'strength', 'source'])
    .where('workspaceId', '=', workspaceId)
    .where('lowId', '=', lowId)
    .where('highId', '=', highId)
    .where('kind', '=', c.kind)
    .executeTakeFirst();
  if (existing && isAutoSource(existing.source) && !isAutoSource(c.source)) {
    // A tie only inferred from shared interactions becomes one you vouch for: yours wins.
    await trx
      .updateTable('connections')
      .set({
        strength: Math.max(c.strength, existing.strength),
        source: c.source,
        sourceId: c.sourceId,
        note: c.note,
        updatedAt: now,
      })
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', existing.id)
      .execute();
    return { id: existing.id, created: true };
  }
  if (existing) return { id: existing.id, created: false };
  const id = uuidv7();
  await trx
    .insertInto('connections')
    .values({
      id,
      workspaceId,
      lowId,
      highId,
      fromId: c.kind === 'reports_to' ? c.fromId : null,
      kind: c.kind,
      strength: c.strength,
      source: c.source,
      sourceId: c.sourceId,
      note: c.note,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return { id, created: true };
}

export function connectionsService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  async function one(actor: Actor, id: string): Promise<Connection> {
    const r = await findRow(k, actor.workspaceId, id);
    if (!r) throw NotFoundError('Connection');
    const [c] = await presentConnections(k, actor.workspaceId, [r]);
    if (!c) throw NotFoundError('Connection');
    return c;
  }

  return {
    get: one,

    async listOf(actor: Actor, personId: string): Promise<{ items: Connection[] }> {
      const p = await findPersonRow(k, actor.workspaceId, personId);
      if (!p) throw NotFoundError('Person');
      const rows = await k
        .selectFrom('connections')
        .selectAll()
        .where('workspaceId', '=', actor.workspaceId)
        .where((eb) => eb.or([eb('lowId', '=', personId), eb('highId', '=', personId)]))
        .orderBy('strength', 'desc')
        .orderBy('updatedAt', 'desc')
        .limit(500)
        .execute();
      return { items: await presentConnections(k, actor.workspaceId, rows) };
    },

    async introducedPeople(actor: Actor, personId: string): Promise<{ items: NetPerson[] }> {
      const p = await findPersonRow(k, actor.workspaceId, personId);
      if (!p) throw NotFoundError('Person');
      const rows = await k
        .selectFrom('people')
        .select(['id', 'fullName', 'photoUrl', 'headline'])
        .where('workspaceId', '=', actor.workspaceId)
        .where('introducedById', '=', personId)
        .where('deletedAt', 'is', null)
        .orderBy('createdAt', 'desc')
        .limit(200)
        .execute();
      return { items: rows };
    },

    async create(actor: Actor, input: z.output<typeof ConnectionCreate>): Promise<Connection> {
      if (input.fromId === input.toId) {
        throw ValidationError([{ path: 'body.toId', message: 'a person cannot be connected to themselves' }]);
      }
      const id = await k.transaction().execute(async (trx) => {
        await requireLivePeople(trx, actor.workspaceId, { 'body.fromId': input.fromId, 'body.toId': input.toId });
        const r = await upsertConnection(
          trx,
          actor.workspaceId,
          { ...input, source: 'manual', sourceId: null, note: input.note ?? '' },
          nowIso(clock),
        );
        if (!r.created) {
          throw ConflictError(
            'connection_exists',
            'These two are already connected this way',
            `A ${input.kind.replace('_', ' ')} connection between them exists (${r.id}); change its strength with PATCH /api/v1/connections/${r.id}.`,
          );
        }
        return r.id;
      });
      return one(actor, id);
    },

    async update(actor: Actor, id: string, input: z.output<typeof ConnectionUpdate>): Promise<Connection> {
      const r = await findRow(k, actor.workspaceId, id);
      if (!r) throw NotFoundError('Connection');
      const set: { updatedAt: string; strength?: number; note?: string; source?: string } = {
        updatedAt: nowIso(clock),
      };
      if (input.strength !== undefined) set.strength = input.strength;
      // Setting the strength of an inferred tie makes it yours: recounts no longer change it.
      if (input.strength !== undefined && isAutoSource(r.source)) set.source = 'manual';
      if (input.note !== undefined) set.note = input.note;
      await k
        .updateTable('connections')
        .set(set)
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .execute();
      return one(actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const res = await k
        .deleteFrom('connections')
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw NotFoundError('Connection');
    },
  };
}
