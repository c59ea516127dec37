import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/*
 * A consistent copy of a SQLite database while it is in use, with SQLite's
 * online backup API (better-sqlite3's db.backup()): pages are copied in
 * steps, and a write by the server in between makes SQLite restart the copy
 * from a consistent point (see below), so the copy is one committed state. The
 * copy is written beside the target, checked (PRAGMA integrity_check), and
 * only then renamed into place, so a half-written file never has the
 * target's name.
 */

export interface OnlineCopy {
  file: string;
  bytes: number;
  /** Rows in people (trash included) in the copy, as a sanity figure. */
  people: number;
}

/**
 * Copies the database file `source` (or an open connection to it) to `dest`.
 * With a file name it opens its own read-only connection, so it works from
 * another process than the server's.
 */
export async function copySqliteOnline(source: string | SQLite.Database, dest: string): Promise<OnlineCopy> {
  const target = path.resolve(dest);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  fs.rmSync(partial, { force: true });
  const own = typeof source === 'string' ? openSource(source) : null;
  const db = own ?? (source as SQLite.Database);
  try {
    // Another connection's write restarts a stepwise copy, so with a busy server a
    // separate connection copies every page in one step, under one read
    // transaction (in WAL mode that does not block the server's writes). The
    // server's own connection copies in steps: its own writes update the copy
    // in place instead of restarting it, and requests run in between.
    await db.backup(partial, { progress: () => (own ? 0x7fffffff : 1000) });
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    own?.close();
  }
  const check = new SQLite(partial, { fileMustExist: true });
  let people = 0;
  try {
    // One self-contained file (the copy inherits WAL mode, which would leave -wal and -shm files beside it).
    check.pragma('journal_mode = DELETE');
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`the copy failed SQLite's integrity check: ${String(result)}`);
    const hasPeople = check.prepare("select 1 from sqlite_master where type = 'table' and name = 'people'").get();
    if (hasPeople) people = Number((check.prepare('select count(*) as n from people').get() as { n: number }).n);
  } catch (err) {
    check.close();
    fs.rmSync(partial, { force: true });
    throw err;
  }
  check.close();
  fs.renameSync(partial, target);
  return { file: target, bytes: fs.statSync(target).size, people };
}

/** The file of a `sqlite:` database URL, or null for memory and other databases. */
export function sqliteFileOf(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith('sqlite:')) return null;
  const file = databaseUrl.slice('sqlite:'.length);
  return file === ':memory:' || file === '' ? null : path.resolve(file);
}

/** A plain (not read-only) connection: read-only ones cannot open a WAL database whose -shm file is missing. */
function openSource(file: string): SQLite.Database {
  const db = new SQLite(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
