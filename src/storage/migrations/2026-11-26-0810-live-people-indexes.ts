import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * PostgreSQL only: the people indexes of "strongest first" and "due first",
 * partial on the live rows. The earlier indexes put deleted_at between the
 * workspace and the sort column, and PostgreSQL does not treat `deleted_at is
 * null` as pinning that column, so it could not read them in order: at 100k
 * people it sorted every live person (or a whole circle) for a first page of
 * 20, 20–400 ms, where these are read in order and stop at the limit. SQLite
 * takes `is null` as an equality and orders by the next column already.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  if (!(await isPostgresDb(db))) return;
  const live = sql`where deleted_at is null`;
  await sql`create index people_live_strength_idx on people (workspace_id, strength, id) ${live}`.execute(db);
  await sql`create index people_live_circle_strength_idx on people (workspace_id, circle, strength, id) ${live}`.execute(
    db,
  );
  await sql`create index people_live_due_idx on people (workspace_id, (coalesce(next_due_on, '9999-12-31')), id) ${live}`.execute(
    db,
  );
  await sql`create index people_live_circle_due_idx on people (workspace_id, circle, (coalesce(next_due_on, '9999-12-31')), id) ${live}`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function isPostgresDb(db: Kysely<any>): Promise<boolean> {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'people_live_circle_due_idx',
    'people_live_due_idx',
    'people_live_circle_strength_idx',
    'people_live_strength_idx',
  ]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
