import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/services/context.js';
import { importsService, uploadDir } from '../../src/services/imports.service.js';
import { ensureLocalWorkspace } from '../../src/services/workspaces.service.js';
import { migrateToLatest, openDb } from '../../src/storage/db.js';
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

  it('plans the reads of one connection every time after `set tend.named_statements = off`, until released', async () => {
    const pool = onePool();
    try {
      await run(pool, 'create table t3 (n integer)');
      const client = await pool.connect();
      try {
        await client.query('set tend.named_statements = off', []);
        await client.query('insert into t3 (n) values ($1)', [1]);
        const rows = await client.query<{ c: number }>('select count(*)::int as c from t3 where n >= $1', [0]);
        expect(rows.rows[0]?.c).toBe(1);
        // The write kept its name (its plan does not depend on the data); the read did not.
        expect(pool.counts).toEqual({ named: 1, unnamed: 1 });
        await client.query('set tend.named_statements = on', []);
        await client.query('select count(*)::int as c from t3 where n >= $1', [0]);
        expect(pool.counts).toEqual({ named: 2, unnamed: 1 });
        await client.query('set tend.named_statements = off', []);
      } finally {
        client.release();
      }
      // The same connection (the pool holds one), checked out again: naming is back on.
      await run(pool, 'select count(*)::int as c from t3 where n >= $1', [0]);
      expect(pool.counts).toEqual({ named: 3, unnamed: 1 });
      const kept = await run(pool, 'select statement from pg_prepared_statements where statement like $1', [
        '%from t3 where n >= $1%',
      ]);
      expect(kept).toHaveLength(1);
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

  it('leaves the connection an import planned on as it found it', async () => {
    // Two connections (an import uses a second one beside its own), both read afterwards.
    const db = await openDb(url, { poolSize: 2 });
    const file = path.join(uploadDir(), `tend-test-upload-${Date.now().toString(36)}.csv`);
    try {
      await migrateToLatest(db);
      const cost = async (k: typeof db.kysely) =>
        (await sql<{ v: string }>`select current_setting('random_page_cost') as v`.execute(k)).rows[0]?.v;
      const usual = await cost(db.kysely);
      const ws = await ensureLocalWorkspace(db);
      const actor = { workspaceId: ws, userId: null };
      const imports = importsService({ db, clock: systemClock });
      fs.writeFileSync(file, 'Name,Email\nAna Ruiz,ana@example.org\nBo Lind,bo@example.org\n');
      const batch = await imports.create(actor, {
        source: 'csv',
        mapping: { Name: 'fullName', Email: 'email' } as never,
      });
      await imports.attachFile(actor, batch.id, { name: 'people.csv', path: file, size: fs.statSync(file).size });
      await imports.preview(actor, batch.id, {});
      const before = { ...(db.pgStatements?.counts ?? { named: 0, unnamed: 0 }) };
      const applied = await imports.apply(actor, batch.id);
      expect(applied.report?.counts.created).toBe(2);
      // Within the import, reads went out unnamed (planned for the tables as they grew).
      expect(db.pgStatements?.counts.unnamed).toBeGreaterThan(before.unnamed);
      const named = db.pgStatements?.counts.named ?? 0;
      const read = async (k: typeof db.kysely) => {
        await k.selectFrom('people').select('id').where('workspaceId', '=', ws).execute();
        return cost(k);
      };
      // Both connections held at once: the pool hands out each of them.
      const settings = await db.kysely
        .connection()
        .execute(async (a) => [await read(a), await db.kysely.connection().execute(read)]);
      expect(usual).toBeDefined();
      expect(settings).toEqual([usual, usual]);
      // Four reads, all named again.
      expect(db.pgStatements?.counts.named).toBe(named + 4);
    } finally {
      fs.rmSync(file, { force: true });
      await db.close();
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
