import { sql } from 'kysely';
import type { Db } from './db.js';

/** The application's tables (not Kysely's bookkeeping) with their SQL column names, on either database. */
export async function tableColumns(db: Db): Promise<Map<string, string[]>> {
  const rows =
    db.dialect === 'sqlite'
      ? (
          await sql<{ table: string; column: string }>`
            select m.name as "table", c.name as "column"
            from sqlite_master m join pragma_table_info(m.name) c
            where m.type = 'table' and m.name not like 'sqlite_%'`.execute(db.kysely)
        ).rows
      : (
          await sql<{ table: string; column: string }>`
            select table_name as "table", column_name as "column" from information_schema.columns
            where table_schema = current_schema()`.execute(db.kysely)
        ).rows;
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (r.table.startsWith('kysely_')) continue;
    out.set(r.table, [...(out.get(r.table) ?? []), r.column]);
  }
  return out;
}

export function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
