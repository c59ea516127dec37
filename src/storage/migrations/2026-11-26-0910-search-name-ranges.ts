import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * Name lookups of search answered from indexes alone. A name prefix read the
 * words index (workspace_id, token) and then each row of search_names for its
 * ref_id: at 100k people a two-letter prefix ('ma', 7,800 names) took 28 ms on
 * SQLite, where the same range from an index that holds kind and ref_id takes
 * 5 ms. The narrow words index stays for the typo fallback, which reads distinct
 * words only and reads them twice as fast from it. The check of a further word
 * ('Mar Co': does this person have a name word starting with 'co'?) read the ref
 * index and then the row for its field; with the field in the index it is one
 * seek, so the ref index is replaced by one that holds it.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index search_names_word_refs_idx on search_names (workspace_id, token, kind, ref_id) where field = 'n'`.execute(
    db,
  );
  await db.schema.dropIndex('search_names_ref_idx').ifExists().execute();
  await db.schema
    .createIndex('search_names_ref_idx')
    .on('search_names')
    .columns(['workspace_id', 'ref_id', 'field', 'token'])
    .execute();
  // SQLite: statistics for the new indexes (see 2026-11-26-0800), once ANALYZE has run on a database.
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await sql`analyze search_names_word_refs_idx`.execute(db);
    await sql`analyze search_names_ref_idx`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('search_names_ref_idx').ifExists().execute();
  await db.schema
    .createIndex('search_names_ref_idx')
    .on('search_names')
    .columns(['workspace_id', 'ref_id', 'token'])
    .execute();
  await db.schema.dropIndex('search_names_word_refs_idx').ifExists().execute();
}
