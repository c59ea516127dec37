import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../src/storage/db.js';
import { batchingReads, shiftParameters } from '../../src/storage/pg-batch.js';
import type { Database } from '../../src/storage/schema.js';
import { ensureLocalWorkspace } from '../../src/services/workspaces.service.js';
import { DIALECTS, openTestDb, type TestDb } from '../support/db.js';

/*
 * PostgreSQL only (SQLite has no round trips to save; Today runs its reads one by one there):
 * reads issued together through a batching handle go out as one statement, and each gets the
 * rows it would have got alone, in its own order, with its own column names.
 */

describe('shiftParameters', () => {
  it('moves $n up, and leaves quoted text and identifiers alone', () => {
    expect(shiftParameters(`select $1, $10 from t where a = '$1' and "b$2" = $2`, 3)).toBe(
      `select $4, $13 from t where a = '$1' and "b$2" = $5`,
    );
    expect(shiftParameters(`select 'it''s $1', $1`, 1)).toBe(`select 'it''s $1', $2`);
  });
});

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL batched reads', () => {
  let t: TestDb;
  let logged: Db;
  let statements: string[] = [];
  let ws: string;

  beforeAll(async () => {
    t = await openTestDb('postgres');
    ws = await ensureLocalWorkspace(t);
    await sql`create table batch_t (n integer, x double precision, note text)`.execute(t.kysely);
    await sql`insert into batch_t values (1, 0.1, 'a'), (2, 1e-7, null), (3, 2.5, 'c''d'), (4, 1/3.0, '$1')`.execute(
      t.kysely,
    );
    logged = await openDb(t.url, { poolSize: 1, onQuery: (text) => statements.push(text) });
  });
  afterAll(async () => {
    await logged?.close();
    await t?.close();
  });

  /** The reads of the tests, on any handle. */
  const reads = (k: Kysely<Database>) =>
    Promise.all([
      k.selectFrom('workspaces').select(['id', 'workspaceId']).where('id', '=', ws).execute(),
      sql<{ n: number; x: number; note: string | null }>`select n, x, note from batch_t where n >= ${2} order by n desc`
        .execute(k)
        .then((r) => r.rows),
      sql<{
        lit: string;
        five: number;
        note: string;
      }>`select '$2' as lit, ${5}::int as five, note from batch_t where note = ${'$1'}`
        .execute(k)
        .then((r) => r.rows),
      sql<{ c: string | number }>`select count(*) as c from batch_t where n > ${0}`.execute(k).then((r) => r.rows),
    ]);

  it('sends reads issued together as one statement, each with the rows it gets alone', async () => {
    const alone = await reads(t.kysely);
    statements = [];
    const batched = await logged.kysely.connection().execute((c) => reads(batchingReads(c)));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^select \(select coalesce\(json_agg\(q\)/);
    const [ws1, rows1, lit1, count1] = alone;
    const [ws2, rows2, lit2, count2] = batched;
    expect(ws2).toEqual(ws1);
    expect(ws2[0]).toHaveProperty('workspaceId', ws);
    expect(rows2).toEqual(rows1);
    expect(rows2.map((r) => r.n)).toEqual([4, 3, 2]);
    expect(lit2).toEqual(lit1);
    // count(*) is a bigint: a string from pg, a number in JSON; read through Number() either way.
    expect(Number(count2[0]?.c)).toBe(Number(count1[0]?.c));
  });

  it('sends a read alone as it is, and the reads issued after an answer in a statement of their own', async () => {
    statements = [];
    await logged.kysely.connection().execute(async (c) => {
      const b = batchingReads(c);
      const first = await b.selectFrom('workspaces').select('id').where('id', '=', ws).execute();
      expect(first).toEqual([{ id: ws }]);
      await reads(b);
    });
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^select "id" from "workspaces"/);
  });

  it('fails every read of a statement that fails', async () => {
    await logged.kysely.connection().execute(async (c) => {
      const b = batchingReads(c);
      const results = await Promise.allSettled([
        sql`select n from batch_t`.execute(b),
        sql`select n from no_such_table`.execute(b),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      // The connection is still usable.
      expect((await sql<{ one: number }>`select 1 as one`.execute(b)).rows).toEqual([{ one: 1 }]);
    });
  });
});
