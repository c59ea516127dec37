import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/*
 * Bulk inserts on SQLite without Kysely's per-statement cost: one prepared
 * statement per table and column set, cached for the whole import, run row
 * by row on the very connection of the open Kysely transaction (SQLite has
 * one connection and Kysely holds it for the transaction, so these rows
 * commit or roll back with it). PostgreSQL keeps Kysely's multi-row inserts.
 */

export type BulkInsert = (table: string, rows: Record<string, unknown>[]) => void;

const bulkFor = new WeakMap<Kysely<Database>, BulkInsert>();

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function sqliteBulk(raw: SQLite.Database): BulkInsert {
  const cache = new Map<string, SQLite.Statement>();
  return (table, rows) => {
    const first = rows[0];
    if (!first) return;
    const cols = Object.keys(first);
    const key = `${table}|${cols.join(',')}`;
    let stmt = cache.get(key);
    if (!stmt) {
      stmt = raw.prepare(
        `insert into ${snake(table)} (${cols.map(snake).join(', ')}) values (${cols.map(() => '?').join(', ')})`,
      );
      cache.set(key, stmt);
    }
    for (const r of rows) stmt.run(cols.map((c) => r[c] ?? null));
  };
}

/** Within a transaction callback: lets insertChunked use the bulk path on this transaction. */
export function useBulk(trx: Kysely<Database>, bulk: BulkInsert | null): void {
  if (bulk) bulkFor.set(trx, bulk);
}

export function bulkOf(db: Kysely<Database>): BulkInsert | undefined {
  return bulkFor.get(db);
}
