import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * PostgreSQL only: every sort of the people list reads a partial index on the live rows, and the
 * indexes of `people` that put `deleted_at` between the workspace and the sort column are gone.
 *
 * PostgreSQL does not treat `deleted_at is null` as pinning that column, so it cannot read
 * (workspace, deleted_at, sort column, id) in order for the live people. 0810 and 0920 gave the
 * strength, due and last-contact sorts (and Today's lists) partial copies; the name sort (the
 * list's default), the created and updated sorts, and a circle by name still sorted every live
 * person: at 100k people a first page by name took 200 ms (a parallel sequential scan and a
 * top-N sort), by date added 58 ms, a circle by name 41 ms. Read in order they stop at the page.
 *
 * Every index of `people` also takes a new entry whenever a log moves a person's last contact
 * and due date (issue #9, ≥ 2,000 logged interactions a second), and for every person an import
 * writes. The six older indexes the partial copies replaced (strength, due and last contact,
 * each with and without the circle, and the trend) served nothing else but reads that merely
 * pass through a (workspace, deleted_at, …) range; with those six gone, updating a person's
 * contact columns took ~28 % less time at L (3,000 updates in a rolled-back transaction, mean of
 * five: 1,167 → 845 ms). So this drops ten and adds five: the four live list sorts, and
 * `people_trash_idx` on the trashed rows for the trash list (small; sorted as read) and for the
 * search's check that a hit's person is not in the trash.
 *
 * `people_due_idx` stays: Today counts the due people from it alone (an index-only scan).
 * SQLite keeps its indexes: it treats `deleted_at is null` as an equality and reads them in order.
 */

const LIVE = sql`where deleted_at is null`;

const ADDED = [
  ['people_live_name_idx', sql`(workspace_id, sort_name, id) ${LIVE}`],
  ['people_live_circle_name_idx', sql`(workspace_id, circle, sort_name, id) ${LIVE}`],
  ['people_live_created_idx', sql`(workspace_id, created_at, id) ${LIVE}`],
  ['people_live_updated_idx', sql`(workspace_id, updated_at, id) ${LIVE}`],
  ['people_trash_idx', sql`(workspace_id, id) where deleted_at is not null`],
] as const;

const DROPPED = [
  ['people_name_idx', sql`(workspace_id, deleted_at, sort_name, id)`],
  ['people_circle_idx', sql`(workspace_id, deleted_at, circle, sort_name, id)`],
  ['people_created_idx', sql`(workspace_id, deleted_at, created_at, id)`],
  ['people_updated_idx', sql`(workspace_id, deleted_at, updated_at, id)`],
  ['people_strength_idx', sql`(workspace_id, deleted_at, strength, id)`],
  ['people_circle_strength_idx', sql`(workspace_id, deleted_at, circle, strength, id)`],
  ['people_due_sort_idx', sql`(workspace_id, deleted_at, (coalesce(next_due_on, '9999-12-31')), id)`],
  ['people_circle_due_sort_idx', sql`(workspace_id, deleted_at, circle, (coalesce(next_due_on, '9999-12-31')), id)`],
  ['people_last_contact_idx', sql`(workspace_id, deleted_at, (coalesce(last_interaction_at, '')), id)`],
  ['people_trend_idx', sql`(workspace_id, deleted_at, circle, strength_trend, strength, id)`],
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
async function create(db: Kysely<any>, indexes: typeof ADDED | typeof DROPPED): Promise<void> {
  for (const [name, definition] of indexes) {
    await sql`create index if not exists ${sql.id(name)} on people ${definition}`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see create()
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await create(db, ADDED);
  for (const [name] of DROPPED) await db.schema.dropIndex(name).ifExists().execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see create()
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await create(db, DROPPED);
  for (const [name] of ADDED) await db.schema.dropIndex(name).ifExists().execute();
}
