import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * Indexes for the first page of the people list filtered by circle and sorted
 * by due date or strength. The list sorts "due" on coalesce(next_due_on,
 * '9999-12-31') (people without a cadence last on both databases), which the
 * plain (circle, next_due_on) index cannot order: at 100k people the
 * planner walked the whole due index checking the circle of each row.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index people_circle_due_sort_idx on people (workspace_id, deleted_at, circle, (coalesce(next_due_on, '9999-12-31')), id)`.execute(
    db,
  );
  await db.schema
    .createIndex('people_circle_strength_idx')
    .on('people')
    .columns(['workspace_id', 'deleted_at', 'circle', 'strength', 'id'])
    .execute();
  // SQLite: once ANALYZE has run, an index without statistics looks very selective to the
  // planner, which then chose these for the unfiltered list and sorted all 100k people.
  // Give them statistics now (no-op cost on a small database). PostgreSQL plans from its
  // column statistics.
  if (!(await isPostgresDb(db))) {
    await sql`analyze people_circle_due_sort_idx`.execute(db);
    await sql`analyze people_circle_strength_idx`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function isPostgresDb(db: Kysely<any>): Promise<boolean> {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_circle_strength_idx').ifExists().execute();
  await db.schema.dropIndex('people_circle_due_sort_idx').ifExists().execute();
}
