import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
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

/** The tables an import reads back while it writes them (matching, the search index, last contact). */
const READ_TABLES = [
  'people',
  'contact_points',
  'organisations',
  'tags',
  'person_tags',
  'person_roles',
  'interactions',
  'interaction_participants',
  'search_docs',
  'search_names',
];

/** The tables a LinkedIn import's messages write and read back. */
export const INTERACTION_TABLES = ['interactions', 'interaction_participants'] as const;

/**
 * PostgreSQL plans by the statistics of the last ANALYZE: a table that grew from
 * nothing within the import (autovacuum waits a minute, when it runs at all) still
 * looks empty, and the matcher's lookups become nested loops over every row
 * (seconds each, the whole import in minutes). So an import analyses the tables it
 * reads at the start and again whenever they may have doubled. SQLite's planner
 * does not need it.
 */
export async function analyze(db: Kysely<Database>, tables: readonly string[] = READ_TABLES): Promise<void> {
  await sql`analyze ${sql.join(tables.map((t) => sql.id(t)))}`.execute(db);
}

/**
 * When to analyse again while an import writes: after the first 1,000 rows, then whenever the
 * rows written since the last ANALYZE are as many as all those written before it (the tables
 * may have doubled). `wrote(n)` says whether it is time.
 */
export function analyzeCadence(): { wrote(rows: number): boolean } {
  let since = 0;
  let before = 0;
  return {
    wrote(rows) {
      since += rows;
      if (since < Math.max(1000, before)) return false;
      before += since;
      since = 0;
      return true;
    },
  };
}
