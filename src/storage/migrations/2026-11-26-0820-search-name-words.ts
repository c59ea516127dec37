import { type Kysely, sql } from 'kysely';

/*
 * The words of names alone, for the typo fallback of search: it reads the
 * distinct name words near a mistyped one (same first letter or a first-letter
 * slip). In the primary key name words are interleaved with the words of
 * roles, organisations, places and addresses (four times as many at 100k
 * people), so that read walked 100k+ entries for two letters, 300 ms on
 * PostgreSQL. This partial index holds only name words (a fifth of the rows).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index search_names_words_idx on search_names (workspace_id, token) where field = 'n'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('search_names_words_idx').ifExists().execute();
}
