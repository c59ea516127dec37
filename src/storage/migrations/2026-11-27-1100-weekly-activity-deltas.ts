import { type Kysely, sql } from 'kysely';

/*
 * Weekly counts as appended deltas on PostgreSQL (issue #9, ≥ 2,000 logged interactions a
 * second). Every log used to add itself to the single `weekly_activity` row of its workspace
 * and week: an exclusive advisory lock, then that row's lock, both held through the COMMIT and
 * its WAL flush, so concurrent logs of a workspace committed one after the other. A log now
 * appends its part here instead (a row of its own, no shared row), readers add these rows to
 * `weekly_activity` (`readWeeks`), and the strength catch-up job folds them into it
 * (`foldWeeks`). SQLite has a single writer and keeps adding to the row directly: this table
 * stays empty there.
 *
 * No key: rows are only ever appended, summed and deleted by week. The index serves the
 * readers (a workspace's weeks in a range) and the fold (one week's rows).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('weekly_activity_deltas')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('touches', 'integer', (c) => c.notNull())
    .addColumn('check_ins', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('weekly_activity_deltas_week_idx')
    .on('weekly_activity_deltas')
    .columns(['workspace_id', 'week_start'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  // What is not folded yet goes into the rows, as the job would have done.
  await sql`insert into weekly_activity (workspace_id, week_start, touches, check_ins)
    select workspace_id, week_start, sum(touches), sum(check_ins) from weekly_activity_deltas
    group by workspace_id, week_start
    on conflict (workspace_id, week_start) do update set
      touches = weekly_activity.touches + excluded.touches,
      check_ins = weekly_activity.check_ins + excluded.check_ins`.execute(db);
  await sql`delete from weekly_activity where touches <= 0 and check_ins <= 0`.execute(db);
  await db.schema.dropTable('weekly_activity_deltas').ifExists().execute();
}
