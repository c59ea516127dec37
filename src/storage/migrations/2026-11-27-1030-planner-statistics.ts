import { type Kysely, PostgresAdapter, sql } from 'kysely';

/*
 * SQLite: planner statistics without STAT4 (src/storage/db.ts, SQLITE_ANALYSIS_LIMIT). A
 * database analysed in full before (the benchmark's network; two earlier migrations analysed
 * four indexes) keeps its `sqlite_stat4` samples until they are deleted, and with them SQLite
 * prepares most statements again on every run. This deletes them and analyses again with the
 * connection's limit, so every table has row counts (`sqlite_stat1`) and none has samples; the
 * ANALYZE also makes the connection load the new statistics. A database created by Tend has
 * no samples (its tables were empty when analysed) and this costs it nothing.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type describes the tables
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  const stat4 = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat4'`.execute(
    db,
  );
  if (Number(stat4.rows[0]?.n ?? 0) > 0) await sql`delete from sqlite_stat4`.execute(db);
  await sql`analyze`.execute(db);
}

export async function down(): Promise<void> {}
