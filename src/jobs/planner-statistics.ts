import { optimizePlanner } from '../storage/db.js';
import type { JobDefinition } from './scheduler.js';

/*
 * SQLite plans from the row counts ANALYZE stored; a network that grew from a few people to
 * thousands (an import, months of use) would keep being planned as the small one. At start and
 * every six hours this runs `PRAGMA optimize`, which analyses only the tables whose size changed
 * a lot since their last analysis, each bounded by SQLITE_ANALYSIS_LIMIT rows per index
 * (src/storage/db.ts): usually nothing, at most a fraction of a second. PostgreSQL's autovacuum
 * does this on its own; there the job does nothing.
 */
export const plannerStatisticsJob: JobDefinition = {
  name: 'planner-statistics',
  everyMs: 6 * 3_600_000,
  async run({ db }) {
    await optimizePlanner(db);
    return undefined;
  },
};
