import type SQLite from 'better-sqlite3';
import type { Insertable, Kysely } from 'kysely';
import type { Db } from './db.js';
import type { Database } from './schema.js';

/*
 * Bulk inserts through the data layer. On SQLite, Kysely's per-statement cost
 * (building, compiling and preparing a multi-row INSERT every time) is most of
 * the cost of a bulk write, so rows go through one prepared statement per table
 * and column set, cached per connection, run on the very connection of the open
 * Kysely transaction (SQLite has one, and Kysely holds it for the transaction,
 * so the rows commit or roll back with it). PostgreSQL keeps multi-row INSERTs
 * under its 65,535-parameter limit: there the round trip is the cost.
 */

export type BulkInsert = (table: string, rows: Record<string, unknown>[]) => void;

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Inserts rows (camelCase keys, all with the same keys) through cached prepared statements. */
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
    const values: unknown[] = new Array(cols.length);
    for (const r of rows) {
      for (let i = 0; i < cols.length; i++) values[i] = r[cols[i] as string] ?? null;
      stmt.run(values);
    }
  };
}

const perConnection = new WeakMap<SQLite.Database, BulkInsert>();

/**
 * Inserts `rows` into `table` inside the transaction `trx` opened on `db`.
 * Every row must have the same keys (the first row's keys name the columns).
 */
export async function insertMany<T extends keyof Database & string>(
  db: Db,
  trx: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  if (db.sqlite) {
    let bulk = perConnection.get(db.sqlite);
    if (!bulk) {
      bulk = sqliteBulk(db.sqlite);
      perConnection.set(db.sqlite, bulk);
    }
    bulk(table, rows as Record<string, unknown>[]);
    return;
  }
  const columns = Object.keys(rows[0] as object).length || 1;
  const per = Math.max(1, Math.min(1000, Math.floor(60_000 / columns)));
  for (let i = 0; i < rows.length; i += per) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + per) as never)
      .execute();
  }
}
