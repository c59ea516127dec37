import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * SQLite: planner statistics without STAT4 (src/storage/db.ts, analyzeSqliteWithoutSamples). A
 * database analysed in full before (the benchmark's network; two earlier migrations analysed
 * four indexes) keeps its `sqlite_stat4` samples until they are deleted, and with them SQLite
 * prepares most statements again on every run. Where there are samples, this analyses again in
 * full, deletes them and reloads the statistics. A database created by Tend has no samples (its
 * tables were empty when analysed) and this costs it nothing.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  const stat4 = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat4'`.execute(
    db,
  );
  if (Number(stat4.rows[0]?.n ?? 0) === 0) return;
  const samples = await sql<{ n: number }>`select count(*) as n from sqlite_stat4`.execute(db);
  if (Number(samples.rows[0]?.n ?? 0) === 0) return;
  await sql`analyze`.execute(db);
  await sql`delete from sqlite_stat4`.execute(db);
  await sql`analyze sqlite_schema`.execute(db);
}

export async function down(): Promise<void> {}
