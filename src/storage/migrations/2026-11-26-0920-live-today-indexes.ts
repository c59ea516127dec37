import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * PostgreSQL only, as 0810: partial indexes on the live people for the two
 * Today lists that still sorted. PostgreSQL cannot read (workspace_id,
 * deleted_at, …) in order under `deleted_at is null`, so at 100k people
 * "dormant strong ties" (by last contact, newest first) sorted 24k rows
 * (118 ms) and "cooling" per circle (by strength) walked a circle's strongest
 * looking for the cooling ones (74 ms). Read in order they take 0.1–0.2 ms.
 * The last-contact index also serves the people list sorted by last contact.
 * SQLite orders by the column after `deleted_at is null` already.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const live = sql`where deleted_at is null`;
  await sql`create index people_live_last_contact_idx on people (workspace_id, (coalesce(last_interaction_at, '')), id) ${live}`.execute(
    db,
  );
  await sql`create index people_live_trend_idx on people (workspace_id, circle, strength_trend, strength, id) ${live}`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['people_live_trend_idx', 'people_live_last_contact_idx']) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
