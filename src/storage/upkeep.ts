import { sql } from 'kysely';
import type { Db } from './db.js';

/*
 * PostgreSQL with autovacuum turned off: Tend's tables kept as autovacuum would keep them.
 *
 * Every log updates a person's row, and an update leaves the old version behind until a VACUUM
 * clears it and marks the page all-visible again. Without that, index-only scans fetch the table
 * rows after all, and the planner's statistics drift from the data. Measured at L on a server
 * with autovacuum off, after one benchmark run had logged and removed 1,561 notes (160,000 dead
 * interaction rows, 4,892 dead people rows, none ever vacuumed): a search by full name took a
 * median 16 ms at the index and 25 ms in the service; after `vacuum analyze`, 3.8 ms and 12.7 ms.
 *
 * Autovacuum is on by default and is the right tool; when it is on this does nothing. When it is
 * off (some test and appliance set-ups turn it off), the upkeep job (src/jobs/table-upkeep.ts)
 * runs this every ten minutes: each table of Tend's schema whose rows changed past the thresholds
 * below — a twentieth of the table in updates or deletes, a tenth in inserts since its last
 * vacuum, a twentieth in changes since its statistics, each plus autovacuum's own base count —
 * is vacuumed and analysed. VACUUM (not FULL) takes no lock that blocks reads or writes.
 */

interface TableActivity {
  table: string;
  live: number;
  dead: number;
  inserted: number;
  modified: number;
}

/** Whether a table's changes since its last vacuum and analyse call for both again. */
export function needsUpkeep(t: TableActivity): boolean {
  return t.dead > 50 + 0.05 * t.live || t.inserted > 1000 + 0.1 * t.live || t.modified > 50 + 0.05 * t.live;
}

/**
 * Vacuums and analyses the tables that need it when the server's autovacuum is off; returns their
 * names (none on SQLite, or when autovacuum is on).
 */
export async function upkeepTables(db: Db): Promise<string[]> {
  if (db.dialect !== 'postgres') return [];
  const setting = await sql<{ on: string }>`select current_setting('autovacuum') as on`.execute(db.kysely);
  if (setting.rows[0]?.on !== 'off') return [];
  const rows = await sql<{ table: string; live: string; dead: string; inserted: string; modified: string }>`
    select relname as table, n_live_tup as live, n_dead_tup as dead,
      n_ins_since_vacuum as inserted, n_mod_since_analyze as modified
    from pg_stat_user_tables where schemaname = current_schema() and relname not like 'kysely_%'
    order by relname`.execute(db.kysely);
  const due = rows.rows
    .map((r) => ({
      table: r.table,
      live: Number(r.live),
      dead: Number(r.dead),
      inserted: Number(r.inserted),
      modified: Number(r.modified),
    }))
    .filter(needsUpkeep)
    .map((t) => t.table);
  const vacuum = async () => {
    // VACUUM cannot run in a transaction block; each goes out as a statement of its own.
    for (const table of due) await sql`vacuum (analyze) ${sql.id(table)}`.execute(db.kysely);
  };
  await (db.pgStatements ? db.pgStatements.unnamed(vacuum) : vacuum());
  return due;
}
