import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * PostgreSQL only: the workspace's interactions, newest first (GET /api/v1/interactions, the
 * CLI's `interactions list`), read from a partial index on the live rows. As with people
 * (2026-11-27-1200), PostgreSQL cannot read (workspace, deleted_at, occurred_at, id) in order
 * under `deleted_at is null`: at a million interactions the first page sorted every live one,
 * 232 ms over HTTP (760 ms in EXPLAIN: a parallel sequential scan and a top-N sort) where SQLite
 * answered in 6 ms. The older index goes: `interactions_insights_idx` starts with the same three
 * columns and serves the ranges that do not need the order (counts by week, the trash), so every
 * logged interaction still writes the same number of index entries.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create index if not exists interactions_live_when_idx on interactions (workspace_id, occurred_at, id)
    where deleted_at is null`.execute(db);
  await db.schema.dropIndex('interactions_when_idx').ifExists().execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create index if not exists interactions_when_idx on interactions (workspace_id, deleted_at, occurred_at, id)`.execute(
    db,
  );
  await db.schema.dropIndex('interactions_live_when_idx').ifExists().execute();
}
