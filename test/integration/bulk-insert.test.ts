import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/lib/ids.js';
import { insertMany } from '../../src/storage/bulk-insert.js';
import { ensureLocalWorkspace } from '../../src/services/workspaces.service.js';
import { DIALECTS, type TestDb, openTestDb } from '../support/db.js';

/*
 * Bulk inserts of people: on SQLite they go 250 rows per statement, then 25,
 * then one (src/storage/bulk-insert.ts). 278 rows take every size; each row
 * must land once with its own values, fire the live-count trigger once, and
 * leave nothing behind when the transaction rolls back.
 */

const N = 278;

function people(workspaceId: string, prefix: string) {
  const now = new Date().toISOString();
  return Array.from({ length: N }, (_, i) => ({
    id: uuidv7(),
    workspaceId,
    fullName: `${prefix} ${i}`,
    sortName: `${prefix.toLowerCase()} ${String(i).padStart(3, '0')}`,
    notes: i % 2 === 0 ? '' : `note ${i}`,
    createdAt: now,
    updatedAt: now,
  }));
}

async function live(db: TestDb, workspaceId: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('peopleCounts')
    .select('live')
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.live ?? 0);
}

describe.each(DIALECTS)('bulk inserts of people on %s', (dialect) => {
  let db: TestDb;
  let ws: string;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    ws = await ensureLocalWorkspace(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('writes every row once with its own values and counts each', async () => {
    const rows = people(ws, 'Bulk');
    await db.kysely.transaction().execute((trx) => insertMany(db, trx, 'people', rows));
    const stored = await db.kysely
      .selectFrom('people')
      .select(['id', 'fullName', 'notes'])
      .where('workspaceId', '=', ws)
      .where('fullName', 'like', 'Bulk %')
      .orderBy('sortName')
      .execute();
    expect(stored).toEqual(rows.map((r) => ({ id: r.id, fullName: r.fullName, notes: r.notes })));
    expect(await live(db, ws)).toBe(N);
  });

  it('leaves nothing when the transaction rolls back', async () => {
    const before = await live(db, ws);
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await insertMany(db, trx, 'people', people(ws, 'Gone'));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const left = await db.kysely
      .selectFrom('people')
      .select('id')
      .where('workspaceId', '=', ws)
      .where('fullName', 'like', 'Gone %')
      .execute();
    expect(left).toEqual([]);
    expect(await live(db, ws)).toBe(before);
  });
});
