/*
 * The who-knows-whom layer on top of a generated network (dataset.ts): typed
 * connections between people (colleagues at the same organisation worked
 * together, some report to others, a few are family, everyone knows a couple
 * of people anywhere) and group interactions: a share of the interactions gets
 * a second or third participant, and the co-participation connections those
 * imply are written exactly as the services keep them (same strength rule,
 * same size cap, a hand-made 'knows' row keeps its strength and carries the
 * counts). Deterministic for a seed, like the rest of the dataset.
 */
import { CO_PARTICIPATION_LIMITS, coParticipationStrength } from '../../src/domain/intro-paths.js';
import { uuidv7 } from '../../src/lib/ids.js';
import type { Db } from '../../src/storage/db.js';
import { prng } from './dataset.js';

export interface GraphShape {
  /** Random 'knows' ties per person (on average). */
  knowsPerPerson: number;
  /** Share of interactions that get more participants. */
  groupShare: number;
}

export const DEFAULT_GRAPH: GraphShape = { knowsPerPerson: 2, groupShare: 0.05 };

async function insertChunks(db: Db, table: 'connections' | 'interactionParticipants', rows: object[]) {
  const columns = Object.keys(rows[0] ?? {}).length || 1;
  // SQLite binds at most 32,766 parameters per statement, PostgreSQL 65,535.
  const size = Math.floor(30_000 / columns);
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += size) {
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + size) as never)
        .execute();
    }
  });
}

export async function generateGraph(
  db: Db,
  workspaceId: string,
  shape: GraphShape = DEFAULT_GRAPH,
  opts: { seed?: number; log?: (line: string) => void } = {},
): Promise<{ connections: number; groupInteractions: number }> {
  const { rand, int } = prng((opts.seed ?? 42) + 7);
  const log = opts.log ?? (() => {});
  const now = new Date().toISOString();
  const people = await db.kysely
    .selectFrom('people')
    .select(['id', 'organisationId'])
    .where('workspaceId', '=', workspaceId)
    .orderBy('id')
    .execute();
  const ids = people.map((p) => p.id);
  const byOrg = new Map<string, string[]>();
  for (const p of people) {
    if (!p.organisationId) continue;
    const list = byOrg.get(p.organisationId) ?? [];
    list.push(p.id);
    byOrg.set(p.organisationId, list);
  }
  const conns = new Map<string, Record<string, unknown>>();
  const add = (x: string, y: string, kind: string, strength: number) => {
    if (x === y) return;
    const [lowId, highId] = x < y ? [x, y] : [y, x];
    const key = `${lowId}|${highId}|${kind}`;
    if (conns.has(key)) return;
    conns.set(key, {
      id: uuidv7(),
      workspaceId,
      lowId,
      highId,
      fromId: kind === 'reports_to' ? x : null,
      kind,
      strength,
      source: 'manual',
      sourceId: null,
      note: '',
      sharedInteractions: 0,
      sharedEvents: 0,
      createdAt: now,
      updatedAt: now,
    });
  };
  for (const p of people) {
    const colleagues = p.organisationId ? (byOrg.get(p.organisationId) ?? []) : [];
    if (colleagues.length > 1) {
      if (rand() < 0.6) add(p.id, colleagues[int(0, colleagues.length - 1)] as string, 'worked_with', int(2, 5));
      if (rand() < 0.1) add(p.id, colleagues[int(0, colleagues.length - 1)] as string, 'reports_to', int(3, 5));
    }
    if (rand() < 0.03) add(p.id, ids[int(0, ids.length - 1)] as string, 'family', 5);
    const n = Math.floor(shape.knowsPerPerson * 2 * rand() + 0.5);
    for (let i = 0; i < n; i++) add(p.id, ids[int(0, ids.length - 1)] as string, 'knows', int(1, 4));
  }

  // Group interactions: page through the participant rows in key order, pick a share.
  const extra: { workspaceId: string; interactionId: string; personId: string; occurredAt: string }[] = [];
  const shared = new Map<string, number>();
  let after: string | null = null;
  for (;;) {
    let q = db.kysely
      .selectFrom('interactionParticipants')
      .select(['interactionId', 'personId', 'occurredAt'])
      .where('workspaceId', '=', workspaceId)
      .orderBy('interactionId')
      .limit(50_000);
    if (after) q = q.where('interactionId', '>', after);
    const page = await q.execute();
    if (page.length === 0) break;
    after = (page[page.length - 1] as { interactionId: string }).interactionId;
    for (const r of page) {
      if (rand() >= shape.groupShare) continue;
      const group = [r.personId];
      const more = int(1, 2);
      for (let i = 0; i < more; i++) {
        const other = ids[int(0, ids.length - 1)] as string;
        if (group.includes(other)) continue;
        group.push(other);
        extra.push({ workspaceId, interactionId: r.interactionId, personId: other, occurredAt: r.occurredAt });
      }
      if (group.length > CO_PARTICIPATION_LIMITS.interactionPeople) continue;
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const a = group[i] as string;
          const b = group[j] as string;
          const key = a < b ? `${a}|${b}` : `${b}|${a}`;
          shared.set(key, (shared.get(key) ?? 0) + 1);
        }
      }
    }
  }
  for (const [pair, n] of shared) {
    const row = conns.get(`${pair}|knows`);
    if (row) {
      row.sharedInteractions = n;
      continue;
    }
    const [lowId, highId] = pair.split('|') as [string, string];
    conns.set(`${pair}|knows`, {
      id: uuidv7(),
      workspaceId,
      lowId,
      highId,
      fromId: null,
      kind: 'knows',
      strength: coParticipationStrength(n),
      source: 'interaction',
      sourceId: null,
      note: '',
      sharedInteractions: n,
      sharedEvents: 0,
      createdAt: now,
      updatedAt: now,
    });
  }
  log(`graph: ${conns.size} connections, ${extra.length} extra participants; inserting…`);
  await insertChunks(db, 'interactionParticipants', extra);
  await insertChunks(db, 'connections', [...conns.values()]);
  return { connections: conns.size, groupInteractions: shared.size };
}
