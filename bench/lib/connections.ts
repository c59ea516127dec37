/*
 * Who knows whom, for benchmarks of the network map and paths: written after
 * generateNetwork() into the same workspace. Colleagues at one organisation
 * know a few of each other (worked_with, the clusters of the map); about half
 * of everyone also knows one or two people elsewhere (knows, the bridges
 * between clusters). Seeded, so the same people get the same ties.
 */
import { uuidv7 } from '../../src/lib/ids.js';
import type { Db } from '../../src/storage/db.js';
import { prng } from './dataset.js';

export async function generateConnections(
  db: Db,
  workspaceId: string,
  opts: { seed?: number; now?: Date } = {},
): Promise<number> {
  const { rand, int } = prng((opts.seed ?? 42) + 7);
  const stamp = (opts.now ?? new Date()).toISOString();
  const people = await db.kysely
    .selectFrom('people')
    .select(['id', 'organisationId'])
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null)
    .orderBy('id')
    .execute();
  const byOrg = new Map<string, string[]>();
  for (const p of people) {
    if (!p.organisationId) continue;
    const list = byOrg.get(p.organisationId) ?? [];
    list.push(p.id);
    byOrg.set(p.organisationId, list);
  }
  const seen = new Set<string>();
  const rows: Record<string, unknown>[] = [];
  const add = (a: string, b: string, kind: string, strength: number) => {
    if (a === b) return;
    const [lowId, highId] = a < b ? [a, b] : [b, a];
    const key = `${lowId}|${highId}|${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows.push({
      id: uuidv7(),
      workspaceId,
      lowId,
      highId,
      fromId: null,
      kind,
      strength,
      source: 'manual',
      sourceId: null,
      note: '',
      createdAt: stamp,
      updatedAt: stamp,
    });
  };
  for (const members of byOrg.values()) {
    if (members.length < 2) continue;
    for (const id of members) {
      const n = int(1, Math.min(3, members.length - 1));
      for (let i = 0; i < n; i++) add(id, members[int(0, members.length - 1)] as string, 'worked_with', int(2, 4));
    }
  }
  for (const p of people) {
    if (rand() < 0.5) {
      const n = int(1, 2);
      for (let i = 0; i < n; i++)
        add(p.id, (people[int(0, people.length - 1)] as { id: string }).id, 'knows', int(1, 3));
    }
  }
  // 12 columns: SQLite takes at most 32,766 bound parameters per statement.
  const size = 2000;
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += size) {
      await trx
        .insertInto('connections')
        .values(rows.slice(i, i + size) as never)
        .execute();
    }
  });
  return rows.length;
}
