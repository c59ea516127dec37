import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * PostgreSQL only: search's full-text match returns the newest matching documents first
 * (`order by coalesce(at, '') desc limit n`). With only the GIN index, a common prefix read
 * every match and sorted it: "mar" matched 82k of 1.1M documents at L and took 0.8 s, most of it
 * reading their rows. With the documents also indexed newest first, PostgreSQL walks that index
 * for a common word and stops after n matches (10 ms), and keeps the GIN index for a rare one
 * (3–5 ms); which is which it judges from the word's statistics, so the match is planned each
 * time it runs (src/storage/pg-statements.ts). SQLite's FTS5 hands out rowids newest first already.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create index if not exists search_docs_recent_idx on search_docs (workspace_id, (coalesce(at, '')) desc)`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('search_docs_recent_idx').ifExists().execute();
}
