import { sql } from 'kysely';
import type { Db } from './db.js';

/**
 * A change stamp: a value of the database that is equal at two moments only
 * when nothing was committed in between. A response computed after reading
 * stamp S may be served again while the stamp still reads S (src/http/read-cache.ts).
 * `null` means "cannot tell now": the caller must not cache.
 *
 * SQLite: `total_changes()` counts the rows this connection inserted, updated or
 * deleted (every write of this process goes through Kysely's one connection),
 * and `data_version` changes when another connection or process (the CLI, a
 * second server) commits to the file. Both only grow, so an equal pair means no
 * write at all in between. Responses are computed through Kysely, whose
 * SqliteDriver holds its one connection behind a mutex from BEGIN to COMMIT or
 * ROLLBACK, so they never see another request's uncommitted rows. The stamp is
 * read on the raw connection (cached statements, no round through Kysely)
 * only while no transaction is open on it; otherwise it is read through
 * Kysely's connection once the transaction has ended, so a stamp never counts
 * rows that may still roll back. `data_version` opens a read transaction on the
 * WAL (two file locks and a stat: system calls, costly in a virtual machine), so like
 * PostgreSQL's snapshot it is read once for the requests of one turn, after they
 * all asked; `total_changes()` costs nothing and is read for each request. At L
 * on a 2-core VM this took cached GETs from ~8.5k to ~13–17k req/s (Today) and
 * ~8–14k to ~14–21k (a person).
 *
 * PostgreSQL: `pg_current_snapshot()` (xmin:xmax:in-progress xids). A transaction
 * that commits between two reads either was in progress at the first (it leaves the
 * list) or started after it (xmax grows past it), so equal snapshots mean that
 * no transaction of the cluster committed in between, and every statement run in
 * between saw the same data. Sequences are not involved: a nextval is not a commit.
 * Writes to other databases of the cluster also change it (a miss, never stale data).
 *
 * On both, the requests of one turn of the event loop share one read of what other
 * processes committed (`sharedRead`), issued after all of them asked.
 */
export type ChangeStamp = string;

export function changeStampReader(db: Db): () => Promise<ChangeStamp | null> {
  const conn = db.sqlite;
  if (conn) {
    const changes = conn.prepare('select total_changes()').raw();
    const version = conn.prepare('pragma data_version').raw();
    const ownWrites = () => (changes.get() as [number | bigint])[0];
    // Outside a transaction only: inside one, the version is the transaction's and its rows may roll back.
    const whenIdle = <T>(read: () => T): Promise<T> | T =>
      conn.inTransaction ? db.kysely.connection().execute(async () => read()) : read();
    const foreign = sharedRead(async () => whenIdle(() => (version.get() as [number | bigint])[0]));
    return async () => {
      const v = await foreign();
      const c = await whenIdle(ownWrites);
      return `${c}:${v}`;
    };
  }
  return sharedRead(async () => {
    const r = await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(db.kysely);
    return r.rows[0]?.s ?? null;
  });
}

/**
 * PostgreSQL: one read of the stamp for every request that asks in the same turn of the event
 * loop. The read goes out in the next turn (setImmediate), and a request joins only a read that
 * has not gone out yet, so the snapshot is always taken after the request arrived: it counts
 * every commit the request could know of (its own earlier writes included). Under load a round
 * trip per cached GET becomes one per batch of requests the server read together.
 */
export function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        pending = null; // later callers arrived after this read went out: they need their own
        read().then(resolve, reject);
      });
    });
    return pending;
  };
}
