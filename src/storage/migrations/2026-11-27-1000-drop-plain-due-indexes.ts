import { type Kysely, PostgresAdapter } from 'kysely';

/*
 * Drops people_circle_due_idx (both databases) and people_due_idx (SQLite), (workspace,
 * deleted_at, [circle,] next_due_on, id). Logging an interaction moves the person's next due date, so every
 * index holding it is rewritten on each log (issue #9, ≥ 2,000 logs a second): on SQLite these
 * two were ~1.5 of the ~19 WAL pages a grouped log writes, and on PostgreSQL every index of
 * people takes a new entry on such an update. The same ranges are served by the coalesce(
 * next_due_on, '9999-12-31') indexes the people list and Today already use (people_due_sort_idx
 * and people_circle_due_sort_idx; on PostgreSQL the partial people_live_due_idx and
 * people_live_circle_due_idx): the feeds, Today's due count and "due while away", and the
 * search filter by due date now compare that expression (equal to next_due_on for any date
 * before 9999-12-31, and never true for people without a cadence). PostgreSQL keeps
 * people_due_idx for Today's due count, which it answers from that index alone (an index-only
 * scan; its expression indexes cannot do that), 0.6–0.9 ms against 10–20 ms at L.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_circle_due_idx').ifExists().execute();
  if (!(db.getExecutor().adapter instanceof PostgresAdapter))
    await db.schema.dropIndex('people_due_idx').ifExists().execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('people_due_idx')
    .ifNotExists()
    .on('people')
    .columns(['workspace_id', 'deleted_at', 'next_due_on', 'id'])
    .execute();
  await db.schema
    .createIndex('people_circle_due_idx')
    .ifNotExists()
    .on('people')
    .columns(['workspace_id', 'deleted_at', 'circle', 'next_due_on', 'id'])
    .execute();
}
