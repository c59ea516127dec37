import type SQLite from 'better-sqlite3';
import { type Insertable, type Kysely, sql } from 'kysely';
import { type Db, isPostgres } from './db.js';
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

/**
 * Rows per INSERT statement by table, where one row per statement costs more. An INSERT into
 * `people` fires the people_counts trigger, so SQLite opens a statement journal for it (to undo
 * the statement alone if it fails half-way): the original of every page the row touches,
 * ~16 pages over the table and its indexes, past the journal's 64 KiB in memory, so SQLite
 * creates, writes and deletes a temporary file for each row. That was two thirds of a
 * person's insert (40,000 people in 5,000-row transactions: 3.5–3.9 CPU-s, 2.2 of them in
 * the kernel; without the trigger 1.1–1.3). With 250 rows per statement the journal's file
 * is made once per 250 rows and holds each page once (1.4 CPU-s). Tables without triggers
 * keep one row per statement: a multi-row INSERT there needs a statement journal of its own
 * and costs more than it saves (search_names: 4.0 → 5.3 CPU-s for 360,000 rows).
 */
const ROWS_PER_STATEMENT: Record<string, number> = { people: 250 };

/** Inserts rows (camelCase keys, all with the same keys) through cached prepared statements. */
export function sqliteBulk(raw: SQLite.Database): BulkInsert {
  const cache = new Map<string, SQLite.Statement>();
  const statement = (table: string, cols: string[], rows: number) => {
    const key = `${table}|${cols.join(',')}|${rows}`;
    let stmt = cache.get(key);
    if (!stmt) {
      const one = `(${cols.map(() => '?').join(', ')})`;
      stmt = raw.prepare(
        `insert into ${snake(table)} (${cols.map(snake).join(', ')}) values ${new Array(rows).fill(one).join(', ')}`,
      );
      cache.set(key, stmt);
    }
    return stmt;
  };
  return (table, rows) => {
    const first = rows[0];
    if (!first) return;
    const cols = Object.keys(first);
    const n = cols.length;
    let at = 0;
    // The full-size statement, then one of a tenth of it, then single rows: at most three statements per table.
    const per = ROWS_PER_STATEMENT[table] ?? 1;
    for (const size of per > 1 ? [per, Math.max(2, Math.floor(per / 10)), 1] : [1]) {
      if (rows.length - at < size) continue;
      const stmt = statement(table, cols, size);
      const values: unknown[] = new Array(n * size);
      for (; rows.length - at >= size; at += size) {
        for (let j = 0; j < size; j++) {
          const r = rows[at + j] as Record<string, unknown>;
          for (let i = 0; i < n; i++) values[j * n + i] = r[cols[i] as string] ?? null;
        }
        stmt.run(values);
      }
    }
  };
}

const perConnection = new WeakMap<SQLite.Database, BulkInsert>();

/** The connection's bulk inserter, made once per connection. */
export function bulkFor(raw: SQLite.Database): BulkInsert {
  let bulk = perConnection.get(raw);
  if (!bulk) {
    bulk = sqliteBulk(raw);
    perConnection.set(raw, bulk);
  }
  return bulk;
}

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** A prepared statement of this connection, prepared once. */
export function prepared(raw: SQLite.Database, text: string): SQLite.Statement {
  let cache = statements.get(raw);
  if (!cache) {
    cache = new Map();
    statements.set(raw, cache);
  }
  let stmt = cache.get(text);
  if (!stmt) {
    stmt = raw.prepare(text);
    cache.set(text, stmt);
  }
  return stmt;
}

const attached = new WeakMap<Kysely<Database>, SQLite.Database>();

/**
 * Within a transaction callback on SQLite: lets the write paths that know how
 * (bulk inserts, the search index, per-person updates) run prepared statements
 * on the transaction's connection instead of building a Kysely query per call.
 */
export function attachSqlite(trx: Kysely<Database>, raw: SQLite.Database | undefined | null): void {
  if (raw) attached.set(trx, raw);
}

/** The SQLite connection attached to this transaction, if any. */
export function sqliteOf(k: Kysely<Database>): SQLite.Database | undefined {
  return attached.get(k);
}

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
    bulkFor(db.sqlite)(table, rows as Record<string, unknown>[]);
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

/**
 * Updates rows of a workspace table by id, each with its own values (every row
 * the same columns): through one prepared statement on a SQLite transaction
 * with its connection attached, one `UPDATE ... FROM (VALUES ...)` per few
 * thousand rows on PostgreSQL (one round trip instead of one per row), one
 * statement per row otherwise. `pgTypes` names each column's PostgreSQL type,
 * as the VALUES list needs it.
 */
export async function updateMany(
  k: Kysely<Database>,
  table: 'people',
  workspaceId: string,
  rows: ({ id: string } & Record<string, unknown>)[],
  pgTypes: Record<string, string>,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const cols = Object.keys(first).filter((c) => c !== 'id');
  if (cols.length === 0) return;
  const raw = sqliteOf(k);
  if (raw) {
    const stmt = prepared(
      raw,
      `update ${snake(table)} set ${cols.map((c) => `${snake(c)} = ?`).join(', ')} where workspace_id = ? and id = ?`,
    );
    const values: unknown[] = new Array(cols.length + 2);
    for (const r of rows) {
      for (let i = 0; i < cols.length; i++) values[i] = r[cols[i] as string] ?? null;
      values[cols.length] = workspaceId;
      values[cols.length + 1] = r.id;
      stmt.run(values);
    }
    return;
  }
  if (isPostgres(k)) {
    const per = Math.max(1, Math.floor(30_000 / (cols.length + 1)));
    const types = cols.map((c) => {
      const t = pgTypes[c];
      if (!t || !/^[a-z ]+$/.test(t)) throw new Error(`updateMany: no PostgreSQL type for ${c}`);
      return sql.raw(t);
    });
    for (let i = 0; i < rows.length; i += per) {
      const values = rows
        .slice(i, i + per)
        .map((r) => sql`(${sql.join([sql`${r.id}::text`, ...cols.map((c, j) => sql`${r[c] ?? null}::${types[j]}`)])})`);
      await sql`update ${sql.table(snake(table))} as t
        set ${sql.join(cols.map((c) => sql`${sql.id(snake(c))} = v.${sql.id(snake(c))}`))}
        from (values ${sql.join(values)}) as v(id, ${sql.join(cols.map((c) => sql.id(snake(c))))})
        where t.workspace_id = ${workspaceId} and t.id = v.id`.execute(k);
    }
    return;
  }
  for (const { id, ...set } of rows) {
    await k
      .updateTable(table)
      .set(set as never)
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }
}
