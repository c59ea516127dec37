import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Db, type Dialect, migrateToLatest, openDb } from '../../src/storage/db.js';

/*
 * The dialect matrix: storage and HTTP suites run once per database, as
 * Kysely's own suite does. PostgreSQL gets a fresh database per opened test
 * database, dropped on close, so runs never see each other's rows. A database
 * rather than a schema: Kysely's migrator introspects every schema of its
 * database, and fails when another test file drops its schema at that moment.
 */

export const DIALECTS: readonly Dialect[] = (process.env.TEND_TEST_DIALECTS?.split(',') as Dialect[] | undefined) ?? [
  'sqlite',
  'postgres',
];

export const TEST_PG_URL = process.env.TEND_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb extends Db {
  /** Where this database is, for a second process or connection that must open the same one. */
  url: string;
}

export interface TestDbOptions {
  /** SQLite in a file of a temporary folder instead of memory, so a second connection can open it. */
  sqliteFile?: boolean;
}

export async function openTestDb(dialect: Dialect, opts: TestDbOptions = {}): Promise<TestDb> {
  if (dialect === 'sqlite') {
    if (opts.sqliteFile) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-db-'));
      const url = `sqlite:${path.join(dir, 'tend.db')}`;
      const db = await openDb(url);
      await migrateToLatest(db);
      return {
        ...db,
        url,
        async close() {
          await db.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    const db = await openDb('sqlite::memory:');
    await migrateToLatest(db);
    return { ...db, url: 'sqlite::memory:' };
  }
  const name = `tend_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin(`create database "${name}"`);
  const url = withDatabase(TEST_PG_URL, name);
  const db = await openDb(url, { poolSize: 4 });
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.close();
    await dropDatabase(name);
    throw err;
  }
  return {
    ...db,
    url,
    async close() {
      await db.close();
      await dropDatabase(name);
    },
  };
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database once its connections are gone. A closed pool's server
 * processes can linger a moment; forcing them out would make PostgreSQL send a
 * FATAL message to a client that is still closing, so wait for them instead.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(`drop database if exists "${name}"`);
      return;
    } catch (err) {
      const inUse = (err as { code?: string }).code === '55006';
      if (!inUse || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
