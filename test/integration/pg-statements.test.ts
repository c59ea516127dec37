import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedStatementPool } from '../../src/storage/pg-statements.js';
import { DIALECTS, openTestDb, TEST_PG_URL, withDatabase } from '../support/db.js';

/*
 * PostgreSQL only (SQLite's statement cache is covered in src/storage/db.test.ts): the pool
 * wrapper sends data statements under names so each connection parses and plans them once.
 * A kept statement must read current data, survive a schema change made behind its back, stay
 * out of migrations, and a connection that collected too many must be recycled.
 */
describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL named statements', () => {
  const name = `tend_ps_${Date.now().toString(36)}`;
  const url = withDatabase(TEST_PG_URL, name);
  const admin = new pg.Client({ connectionString: TEST_PG_URL });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`create database "${name}"`);
  });
  afterAll(async () => {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  /** One connection, so what it prepared can be read back from pg_prepared_statements. */
  function onePool(maxPerConnection?: number) {
    const raw = new pg.Pool({ connectionString: url, max: 1 });
    return namedStatementPool(raw, maxPerConnection === undefined ? {} : { maxPerConnection });
  }

  async function run(pool: ReturnType<typeof onePool>, text: string, values: unknown[] = []) {
    const client = await pool.connect();
    try {
      return (await client.query<Record<string, unknown>>(text, values)).rows;
    } finally {
      client.release();
    }
  }

  it('prepares a data statement once per connection and keeps reading fresh rows', async () => {
    const pool = onePool();
    try {
      await run(pool, 'create table t1 (n integer)');
      for (let i = 0; i < 8; i++) {
        await run(pool, 'insert into t1 (n) values ($1)', [i]);
        const rows = await run(pool, 'select count(*)::int as c from t1 where n >= $1', [0]);
        expect(rows[0]?.c).toBe(i + 1);
      }
      const kept = await run(pool, 'select statement from pg_prepared_statements where statement like $1', [
        '%from t1 where n >= $1%',
      ]);
      // Parsed once, run eight times; DDL and the lookup itself aside.
      expect(kept).toHaveLength(1);
      expect(pool.counts.named).toBeGreaterThanOrEqual(17);
      expect(pool.counts.unnamed).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it('plans a full-text match every time: its best plan depends on how common the words are', async () => {
    const pool = onePool();
    try {
      for (let i = 0; i < 6; i++) {
        const rows = await run(pool, "select to_tsvector('simple', 'market day') @@ to_tsquery('simple', $1) as m", [
          'mar:*',
        ]);
        expect(rows[0]?.m).toBe(true);
      }
      const kept = await run(pool, 'select statement from pg_prepared_statements where statement like $1', [
        '%to_tsquery%',
      ]);
      expect(kept.filter((r) => String(r.statement).includes('market day'))).toEqual([]);
      expect(pool.counts.unnamed).toBe(6);
    } finally {
      await pool.end();
    }
  });

  it('answers with the new columns after another connection changes the table', async () => {
    const pool = onePool();
    try {
      await run(pool, 'create table t2 (n integer)');
      await run(pool, 'insert into t2 (n) values ($1)', [1]);
      expect(await run(pool, 'select * from t2 where n = $1', [1])).toEqual([{ n: 1 }]);
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      await other.query('alter table t2 add column m integer');
      await other.end();
      // The kept plan's result type changed: the statement is sent again unnamed, not failed.
      expect(await run(pool, 'select * from t2 where n = $1', [1])).toEqual([{ n: 1, m: null }]);
      expect(await run(pool, 'select * from t2 where n = $1', [1])).toEqual([{ n: 1, m: null }]);
    } finally {
      await pool.end();
    }
  });

  it('recycles a connection that prepared its limit of statements', async () => {
    const pool = onePool(3);
    try {
      const pid = async () => (await run(pool, 'select pg_backend_pid() as p where $1::int = 1', [1]))[0]?.p;
      const first = await pid();
      await run(pool, 'select $1::int as a', [1]);
      await run(pool, 'select $1::int as b', [1]);
      // The fourth distinct text goes out unnamed and marks the connection for closing.
      expect(await run(pool, 'select $1::int as c', [7])).toEqual([{ c: 7 }]);
      expect(pool.counts.unnamed).toBe(1);
      expect(await pid()).not.toBe(first);
    } finally {
      await pool.end();
    }
  });

  it('runs migrations unnamed, then names the application statements', async () => {
    const db = await openTestDb('postgres');
    try {
      expect(db.pgStatements).toBeDefined();
      expect(db.pgStatements?.counts.named).toBe(0);
      await db.kysely.selectFrom('workspaces').select('id').execute();
      await db.kysely.selectFrom('workspaces').select('id').execute();
      expect(db.pgStatements?.counts.named).toBe(2);
    } finally {
      await db.close();
    }
  });
});
