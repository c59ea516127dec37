import type { Kysely } from 'kysely';
import type { BulkInsert } from '../storage/bulk-insert.js';
import type { Database } from '../storage/schema.js';

/*
 * The import's bulk path: on SQLite, the data layer's cached prepared
 * statements (src/storage/bulk-insert.ts) for the whole import, attached to
 * each chunk's transaction. PostgreSQL keeps Kysely's multi-row inserts.
 */

export { type BulkInsert, sqliteBulk } from '../storage/bulk-insert.js';

const bulkFor = new WeakMap<Kysely<Database>, BulkInsert>();

/** Within a transaction callback: lets insertChunked use the bulk path on this transaction. */
export function useBulk(trx: Kysely<Database>, bulk: BulkInsert | null): void {
  if (bulk) bulkFor.set(trx, bulk);
}

export function bulkOf(db: Kysely<Database>): BulkInsert | undefined {
  return bulkFor.get(db);
}
