import { type Kysely, sql } from 'kysely';

/*
 * The people someone introduced you to (GET /api/v1/people/:id/introduced-people, on every person
 * page) by their introducer. Without an index both databases walked every live person of the
 * workspace newest first looking for the few with that introducer: at 100k people 250 ms on
 * SQLite (630 ms cold, holding its one connection) and 54 ms on PostgreSQL, per page view.
 *
 * Partial on the people who have an introducer, so it holds only those and a write of anyone
 * else (a log moving a person's due date, an imported connection) adds nothing to it; both
 * databases use it for `introduced_by_id = ?`, which implies the column is not null.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists people_introduced_by_idx on people (workspace_id, introduced_by_id, created_at)
    where introduced_by_id is not null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_introduced_by_idx').ifExists().execute();
}
