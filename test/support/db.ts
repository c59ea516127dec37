import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Db, type Dialect, migrateToLatest, openDb } from '../../src/storage/db.js';

/*
 * The dialect matrix: storage and HTTP suites run once per database, as
 * Kysely's own suite does. PostgreSQL gets a fresh schema per opened database,
 * dropped on close, so runs never see each other's rows.
 */

export const DIALECTS: readonly Dialect[] = (process.env.TEND_TEST_DIALECTS?.split(',') as Dialect[] | undefined) ?? [
  'sqlite',
  'postgres',
];

export const TEST_PG_URL = process.env.TEND_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb extends Db {
  url: string;
  /** PostgreSQL schema of this database, for processes that must open the same one. */
  schema?: string;
}

export async function openTestDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const db = await openDb('sqlite::memory:');
    await migrateToLatest(db);
    return { ...db, url: 'sqlite::memory:' };
  }
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const db = await openDb(TEST_PG_URL, { schema, poolSize: 4 });
  await migrateToLatest(db);
  return {
    ...db,
    url: TEST_PG_URL,
    schema,
    async close() {
      await db.close();
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
