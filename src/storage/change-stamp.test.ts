import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { changeStampReader, sharedRead } from './change-stamp.js';
import { type Db, openDb } from './db.js';

/*
 * PostgreSQL's change stamp is read once for every request that asks in the same turn of the
 * event loop, and only by a read that goes out after each of them asked (src/storage/change-stamp.ts).
 */
describe('shared stamp reads', () => {
  it('serves every caller of one turn with one read, issued after they all asked', async () => {
    const log: string[] = [];
    let n = 0;
    const read = sharedRead(async () => {
      log.push('read');
      return `stamp ${++n}`;
    });
    const asks = [read(), read(), read()];
    log.push('asked');
    expect(await Promise.all(asks)).toEqual(['stamp 1', 'stamp 1', 'stamp 1']);
    expect(log).toEqual(['asked', 'read']);
  });

  it('gives a caller that asks after the read went out a read of its own', async () => {
    let n = 0;
    let release: () => void = () => {};
    const read = sharedRead(async () => {
      const mine = ++n;
      // The first read is slow: a caller arriving while it is on the wire must not share it.
      if (mine === 1) await new Promise<void>((r) => (release = r));
      return `stamp ${mine}`;
    });
    const first = read();
    await new Promise((r) => setImmediate(r)); // the first read is out now
    const second = read();
    release();
    expect(await first).toBe('stamp 1');
    expect(await second).toBe('stamp 2');
  });

  it('passes a failed read to each of its callers, and reads again after', async () => {
    let fail = true;
    const read = sharedRead(async () => {
      if (fail) throw new Error('connection lost');
      return 'stamp';
    });
    const asks = [read(), read()];
    await expect(asks[0]).rejects.toThrow('connection lost');
    await expect(asks[1]).rejects.toThrow('connection lost');
    fail = false;
    expect(await read()).toBe('stamp');
  });
});

/*
 * SQLite's stamp: this process's writes from a counter on its connection, read for each request;
 * other processes' commits from `pragma data_version`, a read transaction on the WAL, read once
 * for the requests of one turn.
 */
describe('the SQLite change stamp', () => {
  let dir: string;
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-stamp-'));
    const file = path.join(dir, 'stamp.db');
    db = await openDb(`sqlite:${file}`);
    await sql`create table t (x integer)`.execute(db.kysely);
    // Counts the version reads: the statements are prepared once, when the reader is made.
    const conn = db.sqlite as SQLite.Database;
    const prepare = conn.prepare.bind(conn);
    const versionReads = { n: 0 };
    conn.prepare = ((source: string) => {
      const stmt = prepare(source);
      if (/data_version/.test(source)) {
        const get = stmt.get.bind(stmt);
        stmt.get = ((...args: unknown[]) => {
          versionReads.n++;
          return get(...(args as []));
        }) as typeof stmt.get;
      }
      return stmt;
    }) as typeof conn.prepare;
    return { db, file, read: changeStampReader(db), versionReads };
  }

  it("reads other processes' version once for the requests of one turn", async () => {
    const { read, versionReads } = await open();
    const stamps = await Promise.all([read(), read(), read()]);
    expect(new Set(stamps).size).toBe(1);
    expect(versionReads.n).toBe(1);
    expect(await read()).toBe(stamps[0]);
    expect(versionReads.n).toBe(2);
  });

  it('changes with a write of this process and with a commit of another connection', async () => {
    const { db, file, read } = await open();
    const before = await read();
    await sql`insert into t values (1)`.execute(db.kysely);
    const afterOwn = await read();
    expect(afterOwn).not.toBe(before);
    const other = new SQLite(file);
    try {
      other.prepare('insert into t values (2)').run();
    } finally {
      other.close();
    }
    const afterOther = await read();
    expect(afterOther).not.toBe(afterOwn);
    expect(await read()).toBe(afterOther);
  });

  it('waits for an open transaction to end rather than count rows that may roll back', async () => {
    const { db, read } = await open();
    let ended = false;
    let inside: Promise<boolean> | undefined;
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        await sql`insert into t values (3)`.execute(trx);
        inside = read().then(() => ended);
        // Give the stamp's read every chance to go out while the transaction is open.
        await new Promise((r) => setImmediate(r));
        await new Promise((r) => setImmediate(r));
        throw new Error('roll back');
      })
      .catch(() => {
        ended = true;
      });
    expect(await inside).toBe(true);
  });
});
