import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Db, SQLITE_WAL_AUTOCHECKPOINT_PAGES, openDb } from './db.js';

/*
 * The SQLite connection keeps prepared statements by their SQL (src/storage/db.ts).
 * A kept statement must read current data, survive a schema change, and still
 * work after a streamed read of the same SQL, finished or abandoned midway.
 */
describe('SQLite statement cache', () => {
  let db: Db | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  it('reuses statements with fresh results, across a schema change and after streamed reads', async () => {
    db = await openDb('sqlite::memory:');
    const k = db.kysely;
    await sql`create table t (n integer)`.execute(k);
    for (let i = 0; i < 5; i++) await sql`insert into t (n) values (${i})`.execute(k);
    const query = sql<{ n: number }>`select n from t order by n`;
    const read = async () => (await query.execute(k)).rows.map((r) => r.n);
    expect(await read()).toEqual([0, 1, 2, 3, 4]);
    await sql`insert into t (n) values (${5})`.execute(k);
    expect(await read()).toEqual([0, 1, 2, 3, 4, 5]);

    // A stream left after its first row, then the same SQL at once, then streamed to the end.
    const any = k as unknown as Kysely<{ t: { n: number } }>;
    const streamed = () => any.selectFrom('t').select('n').orderBy('n').stream();
    const plain = async () => (await any.selectFrom('t').select('n').orderBy('n').execute()).map((r) => r.n);
    for await (const row of streamed()) {
      expect(row.n).toBe(0);
      break;
    }
    expect(await plain()).toEqual([0, 1, 2, 3, 4, 5]);
    const all: number[] = [];
    for await (const row of streamed()) all.push(row.n);
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await plain()).toEqual([0, 1, 2, 3, 4, 5]);

    // A schema change between two runs of a kept statement: SQLite recompiles it.
    const star = async () => (await sql<Record<string, unknown>>`select * from t order by n limit 1`.execute(k)).rows;
    expect(await star()).toEqual([{ n: 0 }]);
    await sql`alter table t add column m integer`.execute(k);
    expect(await star()).toEqual([{ n: 0, m: null }]);
  });
});

/*
 * Commits copy the write-ahead log into the database file only past
 * SQLITE_WAL_AUTOCHECKPOINT_PAGES (5,000 pages), not SQLite's default of 1,000: the copy and its
 * file syncs run inside a commit, on the server's thread (docs/performance.md).
 */
describe('SQLite checkpoints', () => {
  it('leaves up to 5,000 pages in the log, and copies them once the log passes that', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-wal-'));
    const file = path.join(dir, 'tend.db');
    const db = await openDb(`sqlite:${file}`);
    try {
      const conn = db.sqlite;
      if (!conn) throw new Error('no SQLite connection');
      expect(conn.pragma('wal_autocheckpoint', { simple: true })).toBe(SQLITE_WAL_AUTOCHECKPOINT_PAGES);
      conn.exec('create table filler (id integer primary key, body blob not null)');
      conn.pragma('wal_checkpoint(TRUNCATE)');
      const insert = conn.prepare('insert into filler (body) values (?)');
      const empty = fs.statSync(file).size;
      // ~1,600 pages of 4 KiB in 100 commits: past SQLite's default, which would have copied them.
      for (let i = 0; i < 100; i++) insert.run(Buffer.alloc(64 * 1024, i));
      expect(fs.statSync(file).size).toBe(empty);
      // Past 5,000 pages: the commit that crosses the mark copies the log into the file.
      for (let i = 0; i < 250; i++) insert.run(Buffer.alloc(64 * 1024, i));
      expect(fs.statSync(file).size).toBeGreaterThan(empty + 200 * 64 * 1024);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
