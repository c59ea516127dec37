import { analyzePlanner } from '../storage/db.js';
import type { JobDefinition } from './scheduler.js';

/*
 * SQLite plans from the row counts ANALYZE stored; a network that grew from a few people to
 * thousands (an import, months of use) would keep being planned as the small one. At start and
 * every six hours this checks the sizes of the large tables against their statistics and, when
 * one is missing or moved by half or more, analyses the database again without STAT4 samples
 * (src/storage/db.ts, analyzePlanner): usually nothing; ~8 s at 100k people when it runs.
 * PostgreSQL's autovacuum does this on its own; there the job does nothing.
 */
export const plannerStatisticsJob: JobDefinition = {
  name: 'planner-statistics',
  everyMs: 6 * 3_600_000,
  async run({ db }) {
    await analyzePlanner(db);
    return undefined;
  },
};
