import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * Search (docs/search.md). Three portable tables and one dialect-specific index:
 *
 * - search_docs: one row per searchable thing (person, note, learning,
 *   interaction, event, resource, organisation) with what a hit shows (title,
 *   subtitle, body for the snippet) and the time it ranks by. Derived data:
 *   rebuilt from the source rows by `tend search --reindex`.
 * - search_names: the folded words of names (field 'n') and of a person's or
 *   organisation's other short fields (field 'o': headline, role, organisation,
 *   location, e-mail), keyed so a 1–2 letter prefix is a btree range scan.
 * - search_state: which workspaces have a complete index (a workspace without
 *   a row is built on its first search).
 *
 * SQLite: a contentless FTS5 table (rowid = search_docs.doc_id) over the folded
 * words of title and body; prefix indexes for 2 and 3 letters.
 * PostgreSQL: a weighted tsvector ('simple' config, fed folded words) with a
 * GIN index led by workspace_id (btree_gin) where the extension can be created.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

function isPg(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Whether btree_gin is (or could be made) available, without aborting the migration's transaction. */
async function ensureBtreeGin(db: AnyDb): Promise<boolean> {
  const has = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from pg_extension where extname = 'btree_gin'`.execute(db))
      .rows[0]?.n === 1;
  if (await has()) return true;
  await sql`savepoint search_btree_gin`.execute(db);
  try {
    // In public, not the current schema: a test schema dropped with cascade must not take it away from others.
    await sql`create extension if not exists btree_gin schema public`.execute(db);
    await sql`release savepoint search_btree_gin`.execute(db);
  } catch {
    await sql`rollback to savepoint search_btree_gin`.execute(db);
  }
  return has();
}

export async function up(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  let docs: CreateTableBuilder<'search_docs', string> = db.schema.createTable('search_docs');
  if (!pg) docs = docs.addColumn('doc_id', 'integer', (c) => c.primaryKey());
  docs = docs
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subtitle', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text');
  if (pg) {
    docs = docs
      .addColumn('tsv', sql`tsvector`, (c) => c.notNull())
      .addPrimaryKeyConstraint('search_docs_pk', ['workspace_id', 'kind', 'ref_id']);
  }
  await docs.execute();
  if (!pg) {
    await db.schema
      .createIndex('search_docs_ref_idx')
      .on('search_docs')
      .columns(['workspace_id', 'kind', 'ref_id'])
      .unique()
      .execute();
    await sql`create virtual table search_fts using fts5(
      ft, fb, content='', contentless_delete=1,
      tokenize='unicode61 remove_diacritics 2', prefix='2 3')`.execute(db);
  } else if (await ensureBtreeGin(db)) {
    await sql`create index search_docs_tsv_idx on search_docs using gin (workspace_id, tsv)`.execute(db);
  } else {
    await sql`create index search_docs_tsv_idx on search_docs using gin (tsv)`.execute(db);
  }
  await db.schema
    .createIndex('search_docs_person_idx')
    .on('search_docs')
    .columns(['workspace_id', 'person_id'])
    .execute();
  await db.schema.createIndex('search_docs_at_idx').on('search_docs').columns(['workspace_id', 'at']).execute();

  await db.schema
    .createTable('search_names')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    // Binary order on PostgreSQL too, so a prefix is one btree range whatever the database's collation.
    .addColumn('token', 'text', (c) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_names_pk', ['workspace_id', 'token', 'kind', 'ref_id', 'field'])
    .execute();
  await db.schema
    .createIndex('search_names_ref_idx')
    .on('search_names')
    .columns(['workspace_id', 'ref_id', 'token'])
    .execute();

  await db.schema
    .createTable('search_state')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  const pg = isPg(db);
  if (!pg) await sql`drop table if exists search_fts`.execute(db);
  await db.schema.dropTable('search_state').execute();
  await db.schema.dropTable('search_names').execute();
  await db.schema.dropTable('search_docs').execute();
}
