import { upkeepTables } from '../storage/upkeep.js';
import type { JobDefinition } from './scheduler.js';

/*
 * PostgreSQL with autovacuum off: every ten minutes, vacuums and analyses the tables whose rows
 * changed enough since (src/storage/upkeep.ts). With autovacuum on, and on SQLite, it does nothing.
 */
export const tableUpkeepJob: JobDefinition = {
  name: 'table-upkeep',
  everyMs: 10 * 60_000,
  async run({ db }) {
    const tables = await upkeepTables(db);
    return tables.length > 0 ? `vacuumed and analysed ${tables.join(', ')}` : undefined;
  },
};
