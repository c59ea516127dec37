import { type Insertable, type Kysely, sql } from 'kysely';
import { CO_PARTICIPATION_LIMITS, coParticipationStrength } from '../../domain/intro-paths.js';
import { uuidv7 } from '../../lib/ids.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database>;

/*
 * Co-participation edges: two people who took part in the same interaction, or
 * whom you met at the same event, know each other a little. They are
 * materialised as `connections` rows (kind 'knows', source 'interaction' or
 * 'event') so the path search and the map read one table with two index
 * lookups per frontier, instead of self-joining a million participant rows per
 * query. Every change of participants, of an interaction's trash state, of the
 * people met at an event, and every merge recounts the pairs it can have
 * changed, in the same transaction. A hand-recorded or introduction 'knows'
 * row for the pair keeps its strength and source and only carries the counts.
 */

export const AUTO_SOURCES = ['interaction', 'event'] as const;
const isAuto = (source: string) => (AUTO_SOURCES as readonly string[]).includes(source);

interface Counts {
  interactions: number;
  events: number;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const CHUNK = 400;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * How many live interactions and events each pair shared, for pairs with one
 * side in `left` (and, when `within`, the other in `left` too).
 */
async function countShared(db: Q, workspaceId: string, left: string[], within: boolean) {
  const out = new Map<string, Counts>();
  const get = (k: string) => {
    let c = out.get(k);
    if (!c) {
      c = { interactions: 0, events: 0 };
      out.set(k, c);
    }
    return c;
  };
  for (const part of chunks(left)) {
    let qi = db
      .selectFrom('interactionParticipants as a')
      .innerJoin('interactionParticipants as b', (j) =>
        j
          .onRef('b.workspaceId', '=', 'a.workspaceId')
          .onRef('b.interactionId', '=', 'a.interactionId')
          .onRef('b.personId', '<>', 'a.personId'),
      )
      .innerJoin('interactions as i', (j) =>
        j.onRef('i.workspaceId', '=', 'a.workspaceId').onRef('i.id', '=', 'a.interactionId'),
      )
      .select(['a.personId as a', 'b.personId as b', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('a.workspaceId', '=', workspaceId)
      .where('a.personId', 'in', part)
      .where('i.deletedAt', 'is', null)
      // An introduction you made is recorded by its own 'introduced' connection.
      .where('i.kind', '<>', 'introduction')
      .where(
        sql<boolean>`(select count(*) from interaction_participants c where c.workspace_id = a.workspace_id and c.interaction_id = a.interaction_id) <= ${CO_PARTICIPATION_LIMITS.interactionPeople}`,
      )
      .groupBy(['a.personId', 'b.personId']);
    if (within) qi = qi.where('b.personId', 'in', left);
    for (const r of await qi.execute()) get(pairKey(r.a, r.b)).interactions = Number(r.n);

    let qe = db
      .selectFrom('eventPeople as a')
      .innerJoin('eventPeople as b', (j) =>
        j
          .onRef('b.workspaceId', '=', 'a.workspaceId')
          .onRef('b.eventId', '=', 'a.eventId')
          .onRef('b.personId', '<>', 'a.personId'),
      )
      .select(['a.personId as a', 'b.personId as b', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('a.workspaceId', '=', workspaceId)
      .where('a.personId', 'in', part)
      .where('a.role', '=', 'met')
      .where('b.role', '=', 'met')
      .where(
        sql<boolean>`(select count(*) from event_people c where c.workspace_id = a.workspace_id and c.event_id = a.event_id and c.role = 'met') <= ${CO_PARTICIPATION_LIMITS.eventPeople}`,
      )
      .groupBy(['a.personId', 'b.personId']);
    if (within) qe = qe.where('b.personId', 'in', left);
    for (const r of await qe.execute()) get(pairKey(r.a, r.b)).events = Number(r.n);
  }
  return out;
}

/** The 'knows' rows that touch `ids` (within: both sides in `ids`). */
async function knowsRows(db: Q, workspaceId: string, ids: string[], within: boolean) {
  const rows = new Map<
    string,
    { id: string; source: string; strength: number; sharedInteractions: number; sharedEvents: number }
  >();
  for (const part of chunks(ids)) {
    for (const side of ['lowId', 'highId'] as const) {
      let q = db
        .selectFrom('connections')
        .select(['id', 'lowId', 'highId', 'source', 'strength', 'sharedInteractions', 'sharedEvents'])
        .where('workspaceId', '=', workspaceId)
        .where('kind', '=', 'knows')
        .where(side, 'in', part);
      if (within) q = q.where(side === 'lowId' ? 'highId' : 'lowId', 'in', ids);
      else {
        q = q.where((eb) =>
          eb.or([eb('source', 'in', [...AUTO_SOURCES]), eb('sharedInteractions', '>', 0), eb('sharedEvents', '>', 0)]),
        );
      }
      for (const r of await q.execute()) rows.set(`${r.lowId}|${r.highId}`, r);
    }
  }
  return rows;
}

/**
 * Recounts the co-participation of `personIds` and brings their 'knows'
 * connections in line, inside the caller's transaction. `within`: only pairs
 * of two of these people (one interaction or event changed, and these are its
 * people before and after); otherwise every pair touching one of them (a merge
 * or an import moved many rows at once).
 */
export async function refreshCoParticipation(
  db: Q,
  workspaceId: string,
  personIds: readonly string[],
  now: string,
  opts: { within: boolean },
): Promise<void> {
  const ids = [...new Set(personIds)].sort();
  if (ids.length === 0 || (opts.within && ids.length < 2)) return;
  const counts = await countShared(db, workspaceId, ids, opts.within);
  const existing = await knowsRows(db, workspaceId, ids, opts.within);
  const keys = new Set([...counts.keys(), ...existing.keys()]);
  const inserts: Insertable<Database['connections']>[] = [];
  for (const key of [...keys].sort()) {
    const c = counts.get(key) ?? { interactions: 0, events: 0 };
    const total = c.interactions + c.events;
    const row = existing.get(key);
    if (!row) {
      if (total === 0) continue;
      const [lowId, highId] = key.split('|') as [string, string];
      inserts.push({
        id: uuidv7(),
        workspaceId,
        lowId,
        highId,
        fromId: null,
        kind: 'knows',
        strength: coParticipationStrength(total),
        source: c.interactions > 0 ? 'interaction' : 'event',
        sourceId: null,
        note: '',
        sharedInteractions: c.interactions,
        sharedEvents: c.events,
        createdAt: now,
        updatedAt: now,
      });
      continue;
    }
    const same = row.sharedInteractions === c.interactions && row.sharedEvents === c.events;
    if (isAuto(row.source)) {
      if (total === 0) {
        await db.deleteFrom('connections').where('workspaceId', '=', workspaceId).where('id', '=', row.id).execute();
        continue;
      }
      const strength = coParticipationStrength(total);
      const source = c.interactions > 0 ? 'interaction' : 'event';
      if (same && row.strength === strength && row.source === source) continue;
      await db
        .updateTable('connections')
        .set({ strength, source, sharedInteractions: c.interactions, sharedEvents: c.events, updatedAt: now })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', row.id)
        .execute();
    } else if (!same) {
      // A tie recorded by hand or by an introduction keeps its strength.
      await db
        .updateTable('connections')
        .set({ sharedInteractions: c.interactions, sharedEvents: c.events })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', row.id)
        .execute();
    }
  }
  for (const part of chunks(inserts, 200)) await db.insertInto('connections').values(part).execute();
}

/** The people met at an event, for recounting their pairs after the event changes. */
export async function peopleMetAt(db: Q, workspaceId: string, eventId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('eventPeople')
    .select('personId')
    .where('workspaceId', '=', workspaceId)
    .where('eventId', '=', eventId)
    .where('role', '=', 'met')
    .execute();
  return rows.map((r) => r.personId);
}
