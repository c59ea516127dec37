import { type Kysely, sql } from 'kysely';
import type { Db } from './db.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/*
 * Group commit on SQLite (docs/architecture.md, "Group commit"). Writes that arrive while
 * another holds the single connection share one BEGIN … COMMIT, each inside its own
 * SAVEPOINT: a write that fails is rolled back to its savepoint and fails alone, the others
 * commit. Each caller's promise settles only after the COMMIT that holds its rows (or with
 * its own error). What is shared is the commit itself — the pages the writes have in common
 * (the end of the interactions and search tables, the full-text segment, the week's row) go to
 * the WAL once per batch instead of once per write, and SQLite's automatic checkpoints come
 * that much less often.
 *
 * PostgreSQL runs each write in its own transaction on the pool, as before: its writers run in
 * parallel already, and one transaction would serialise them on one connection.
 */

/** At most this many writes share a transaction: a batch holds the connection, and reads wait. */
export const GROUP_COMMIT_MAX = 16;

interface Pending<T> {
  work: (trx: Q) => Promise<T>;
  resolve: (value: T) => void;
  reject: (err: unknown) => void;
}

export interface GroupCommit {
  /** Runs `work` in a transaction (shared with concurrent callers on SQLite); settles after it committed. */
  run<T>(work: (trx: Q) => Promise<T>): Promise<T>;
}

const groups = new WeakMap<Q, GroupCommit>();

/** The group commit of a database (one per connection; PostgreSQL: a plain transaction each). */
export function groupCommit(db: Db): GroupCommit {
  let g = groups.get(db.kysely);
  if (!g) {
    g = db.sqlite && process.env.TEND_GROUP_COMMIT !== 'off' ? sqliteGroup(db) : plain(db.kysely);
    groups.set(db.kysely, g);
  }
  return g;
}

function plain(k: Q): GroupCommit {
  return { run: (work) => k.transaction().execute(work) };
}

function sqliteGroup(db: Db): GroupCommit {
  const k = db.kysely;
  const conn = db.sqlite as NonNullable<Db['sqlite']>;
  // biome-ignore lint/suspicious/noExplicitAny: the queue holds writes of any result type
  const queue: Pending<any>[] = [];
  let running = false;

  async function drain() {
    running = true;
    try {
      while (queue.length > 0) {
        // better-sqlite3 is synchronous: a batch runs from BEGIN to COMMIT without the event loop
        // turning, so a request whose bytes are already here would only be read after it. One
        // turn first lets every request that is readable now reach the queue and join.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await batch();
      }
    } finally {
      running = false;
    }
  }

  async function batch() {
    // biome-ignore lint/suspicious/noExplicitAny: see queue
    const done: { p: Pending<any>; value: unknown }[] = [];
    let taken = 0;
    try {
      await k.transaction().execute(async (trx) => {
        // Writes queued while this one waited for the connection, or while the ones before it
        // ran, join it, up to the cap; later ones start the next batch.
        while (queue.length > 0 && taken < GROUP_COMMIT_MAX) {
          const p = queue.shift() as Pending<unknown>;
          taken++;
          if (taken === 1) {
            // The first write needs no savepoint (nor SQLite's sub-journal of the pages it
            // changes): when it fails, the whole transaction rolls back, and it had nothing else.
            try {
              done.push({ p, value: await p.work(trx) });
            } catch (err) {
              p.reject(err);
              throw err;
            }
            continue;
          }
          await sql`savepoint tend_group_write`.execute(trx);
          try {
            const value = await p.work(trx);
            await sql`release tend_group_write`.execute(trx);
            done.push({ p, value });
          } catch (err) {
            if (!conn.inTransaction) {
              // SQLite ended the whole transaction (a full disk, an I/O error): the writes done
              // so far are gone too. They run again below, each alone.
              p.reject(err);
              throw err;
            }
            await sql`rollback to tend_group_write`.execute(trx);
            await sql`release tend_group_write`.execute(trx);
            p.reject(err);
          }
        }
      });
    } catch (err) {
      if (taken === 0) {
        // The transaction could not begin (the write lock stayed taken past the busy timeout,
        // the database was closed): every waiting write fails as a lone one would have.
        for (const p of queue.splice(0)) p.reject(err);
        return;
      }
      if (done.length === 0) return; // the first write failed alone; the queue goes on
      // Nothing of this batch committed. The writes that had succeeded in it are run once more,
      // each in a transaction of its own, so each answer is its own result or its own error.
      for (const { p } of done) {
        try {
          p.resolve(await k.transaction().execute(p.work));
        } catch (err) {
          p.reject(err);
        }
      }
      return;
    }
    for (const { p, value } of done) p.resolve(value);
  }

  return {
    run<T>(work: (trx: Q) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve, reject });
        if (!running) void drain();
      });
    },
  };
}
