import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * SQLite only: `strength_snapshots` kept in its primary key (a WITHOUT ROWID table).
 *
 * The weekly refresh writes a row per live person per week and keeps two years of them, so at
 * 100,000 people this table holds up to ~10 million rows. As a rowid table every row was stored
 * twice: in the table, and in the primary key's index (workspace, week, person) with a rowid.
 * The Insights strength comparison joins one week's snapshot with people: per person, a probe of
 * that index and then of the table for the score. Keyed by its primary key, a row is stored once
 * and found by one probe. At L (300,000 snapshot rows, a week of 100,000 compared), on a rowid
 * copy and a keyed copy alternated three times, median of seven each: the comparison 458–523 →
 * 263–287 ms, and the rows took 62.8 → 32.8 MB (table and key index → the key alone). The
 * rebuild took 1.5–2.3 s for those rows; two years of a 100,000-person network (~10 million
 * rows) would take about a minute, once, at upgrade.
 *
 * The table is rebuilt (SQLite cannot change a table's storage in place): created keyed, filled
 * in key order, the old one dropped and the new one renamed; its person index again for the
 * cascade from people. Statistics for it are taken again where the database had them.
 * PostgreSQL is unchanged: its tables are heaps, and it joins the week's snapshot by hash.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
type AnyDb = Kysely<any>;

async function rebuild(db: AnyDb, keyed: boolean): Promise<void> {
  await sql`create table strength_snapshots_next (
    workspace_id text not null,
    week text not null,
    person_id text not null,
    score double precision not null,
    constraint strength_snapshots_pk primary key (workspace_id, week, person_id),
    constraint strength_snapshots_person_fk foreign key (workspace_id, person_id)
      references people (workspace_id, id) on delete cascade
  )${keyed ? sql` without rowid` : sql``}`.execute(db);
  await sql`insert into strength_snapshots_next (workspace_id, week, person_id, score)
    select workspace_id, week, person_id, score from strength_snapshots
    order by workspace_id, week, person_id`.execute(db);
  await sql`drop table strength_snapshots`.execute(db);
  await sql`alter table strength_snapshots_next rename to strength_snapshots`.execute(db);
  await sql`create index strength_snapshots_person_idx on strength_snapshots (workspace_id, person_id)`.execute(db);
  // Statistics as the planner-statistics job keeps them (no STAT4 samples), where there were any.
  const stat1 = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(
    db,
  );
  if (Number(stat1.rows[0]?.n ?? 0) === 0) return;
  await sql`analyze strength_snapshots`.execute(db);
  const stat4 = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat4'`.execute(
    db,
  );
  if (Number(stat4.rows[0]?.n ?? 0) > 0) await sql`delete from sqlite_stat4`.execute(db);
  await sql`analyze sqlite_schema`.execute(db);
}

export async function up(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await rebuild(db, true);
}

export async function down(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await rebuild(db, false);
}
