import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { type BulkInsert, attachSqlite, bulkFor, sqliteOf } from '../storage/bulk-insert.js';
import type { Database } from '../storage/schema.js';

/*
 * The import's bulk path: on SQLite, the data layer's cached prepared
 * statements (src/storage/bulk-insert.ts) for the whole import, attached to
 * each chunk's transaction. PostgreSQL keeps Kysely's multi-row inserts.
 */

export type { BulkInsert } from '../storage/bulk-insert.js';

/** Within a transaction callback: lets insertChunked (and the search index) use the bulk path on this transaction. */
export function useBulk(trx: Kysely<Database>, raw: SQLite.Database | undefined | null): void {
  attachSqlite(trx, raw);
}

export function bulkOf(db: Kysely<Database>): BulkInsert | undefined {
  const raw = sqliteOf(db);
  return raw ? bulkFor(raw) : undefined;
}
