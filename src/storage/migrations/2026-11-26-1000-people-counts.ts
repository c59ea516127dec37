import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * The number of live people per workspace, kept by triggers on `people`.
 *
 * The people list shows "N people" on its first page. Counting the live rows
 * of a 100,000-person workspace walked 100,000 index entries on every
 * unfiltered first page (8–12 ms on SQLite, more on PostgreSQL): the largest
 * part of the list's p99. A counter read by key takes microseconds.
 *
 * Triggers rather than code in the services: people are created, trashed,
 * restored and deleted by a dozen paths (the API, imports and their undo,
 * merges, CardDAV, restores, the demo and benchmark generators), and a
 * trigger cannot be forgotten by a new one. The counter moves only when a row
 * is inserted or deleted live, or when `deleted_at` turns from null to set or
 * back; other updates of people do not fire them. Trash and restore insert the
 * workspace's row when it is missing (a first person inserted already trashed,
 * as a restore can, then restored).
 *
 * SQLite has row triggers only. PostgreSQL inserts and deletes use statement
 * triggers over their transition tables, so an import of 100,000 people
 * updates the counter once per statement, not once per person; trash and
 * restore are a row trigger (transition tables cannot be combined with the
 * column list that keeps other updates from firing it).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('people_counts')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('live', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into people_counts (workspace_id, live)
    select workspace_id, count(*) from people where deleted_at is null group by workspace_id`.execute(db);

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function people_counts_inserted() returns trigger language plpgsql as $$
      begin
        insert into people_counts (workspace_id, live)
          select workspace_id, count(*) from people_inserted where deleted_at is null group by workspace_id
          on conflict (workspace_id) do update set live = people_counts.live + excluded.live;
        return null;
      end $$`.execute(db);
    await sql`create function people_counts_deleted() returns trigger language plpgsql as $$
      begin
        update people_counts c set live = c.live - d.n
          from (select workspace_id, count(*) as n from people_deleted where deleted_at is null group by workspace_id) d
          where c.workspace_id = d.workspace_id;
        return null;
      end $$`.execute(db);
    await sql`create function people_counts_trashed() returns trigger language plpgsql as $$
      begin
        insert into people_counts (workspace_id, live)
          values (new.workspace_id, case when new.deleted_at is null then 1 else -1 end)
          on conflict (workspace_id) do update set live = people_counts.live + excluded.live;
        return null;
      end $$`.execute(db);
    await sql`create trigger people_counts_insert after insert on people
      referencing new table as people_inserted for each statement execute function people_counts_inserted()`.execute(
      db,
    );
    await sql`create trigger people_counts_delete after delete on people
      referencing old table as people_deleted for each statement execute function people_counts_deleted()`.execute(db);
    await sql`create trigger people_counts_trash after update of deleted_at on people for each row
      when ((old.deleted_at is null) <> (new.deleted_at is null)) execute function people_counts_trashed()`.execute(db);
    return;
  }

  await sql`create trigger people_counts_insert after insert on people when new.deleted_at is null begin
      insert into people_counts (workspace_id, live) values (new.workspace_id, 1)
        on conflict (workspace_id) do update set live = live + 1;
    end`.execute(db);
  await sql`create trigger people_counts_delete after delete on people when old.deleted_at is null begin
      update people_counts set live = live - 1 where workspace_id = old.workspace_id;
    end`.execute(db);
  await sql`create trigger people_counts_trash after update of deleted_at on people
    when (old.deleted_at is null) <> (new.deleted_at is null) begin
      insert into people_counts (workspace_id, live)
        values (new.workspace_id, case when new.deleted_at is null then 1 else -1 end)
        on conflict (workspace_id) do update set live = live + excluded.live;
    end`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of ['people_counts_insert', 'people_counts_delete', 'people_counts_trash']) {
    await sql.raw(`drop trigger if exists ${t}${pg ? ' on people' : ''}`).execute(db);
  }
  if (pg) {
    for (const f of ['people_counts_inserted', 'people_counts_deleted', 'people_counts_trashed']) {
      await sql.raw(`drop function if exists ${f}()`).execute(db);
    }
  }
  await db.schema.dropTable('people_counts').ifExists().execute();
}
