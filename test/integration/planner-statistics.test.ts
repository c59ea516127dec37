import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonCreate } from '../../src/contract/people.js';
import { createServices } from '../../src/services/index.js';
import { ensureLocalWorkspace } from '../../src/services/workspaces.service.js';
import { analyzePlanner, analyzeSqliteWithoutSamples } from '../../src/storage/db.js';
import { DIALECTS, openTestDb, type TestDb } from '../support/db.js';
import { buildPerson } from '../support/factories.js';

/*
 * Planner statistics (src/storage/db.ts): on SQLite exact row counts and no STAT4 samples, taken
 * again only when a large table has none or its size moved by half; on PostgreSQL nothing (its
 * autovacuum keeps its own). The job's threshold (1,000 rows) is lowered here to a few people.
 */

describe.each(DIALECTS)('planner statistics on %s', (dialect) => {
  let db: TestDb;
  let add: (n: number) => Promise<void>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    const s = createServices(db);
    const actor = { workspaceId: await ensureLocalWorkspace(db), userId: null };
    let made = 0;
    add = async (n) => {
      for (let i = 0; i < n; i++) {
        made += 1;
        await s.people.create(actor, PersonCreate.parse(buildPerson({ fullName: `Stat Person ${made}` })));
      }
    };
  });
  afterAll(async () => {
    await db?.close();
  });

  it('analyses where statistics are missing or a table moved by half, and never keeps samples', async () => {
    await add(4);
    if (dialect === 'postgres') {
      expect(await analyzePlanner(db, { minRows: 1 })).toBe(false);
      return;
    }
    // The table's and its full indexes' rows (a partial index counts only the rows it holds).
    const stat1 = async () =>
      (
        await sql<{ stat: string }>`select s.stat from sqlite_stat1 s left join sqlite_master m on m.name = s.idx
          where s.tbl = 'people' and coalesce(m.sql, '') not like '% where %'`.execute(db.kysely)
      ).rows;
    const samples = async () => {
      const has = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat4'`.execute(
        db.kysely,
      );
      if (Number(has.rows[0]?.n) === 0) return 0;
      return Number((await sql<{ n: number }>`select count(*) as n from sqlite_stat4`.execute(db.kysely)).rows[0]?.n);
    };
    // Below the threshold nothing is analysed.
    expect(await analyzePlanner(db)).toBe(false);
    // No statistics for people: analysed, with exact counts (4 rows) and no samples.
    expect(await analyzePlanner(db, { minRows: 1 })).toBe(true);
    expect((await stat1()).length).toBeGreaterThan(0);
    expect((await stat1()).every((r) => r.stat.startsWith('4 '))).toBe(true);
    expect(await samples()).toBe(0);
    // Unchanged sizes: nothing to do.
    expect(await analyzePlanner(db, { minRows: 1 })).toBe(false);
    // One more person is not half again; four more are.
    await add(1);
    expect(await analyzePlanner(db, { minRows: 1 })).toBe(false);
    await add(4);
    expect(await analyzePlanner(db, { minRows: 1 })).toBe(true);
    expect((await stat1()).every((r) => r.stat.startsWith('9 '))).toBe(true);
    expect(await samples()).toBe(0);
  });

  it('deletes the samples a full ANALYZE writes', async () => {
    if (dialect === 'postgres') return;
    await analyzeSqliteWithoutSamples(db.kysely);
    const has = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat4'`.execute(
      db.kysely,
    );
    if (Number(has.rows[0]?.n) > 0) {
      const n = await sql<{ n: number }>`select count(*) as n from sqlite_stat4`.execute(db.kysely);
      expect(Number(n.rows[0]?.n)).toBe(0);
    }
  });
});
