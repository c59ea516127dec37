import type { Migration, MigrationProvider } from 'kysely';
import * as core from './2026-11-26-0001-core.js';
import * as accounts from './2026-11-26-0100-accounts.js';
import * as keepInTouch from './2026-11-26-0200-keep-in-touch.js';
import * as sync from './2026-11-26-0500-sync.js';
import * as imports from './2026-11-26-0400-imports.js';
import * as dedupe from './2026-11-26-0410-dedupe.js';
import * as networking from './2026-11-26-0300-networking.js';
import * as networkingEvents from './2026-11-26-0300-networking-events.js';
import * as networkingResources from './2026-11-26-0300-networking-resources.js';
import * as networkingB from './2026-11-26-0310-networking-b.js';
import * as carddav from './2026-11-26-0510-carddav.js';
import * as insights from './2026-11-26-0630-insights.js';
import * as networkIntelligence from './2026-11-26-0610-network-intelligence.js';
import * as peopleListIndexes from './2026-11-26-0800-people-list-indexes.js';
import * as livePeopleIndexes from './2026-11-26-0810-live-people-indexes.js';
import * as searchNameWords from './2026-11-26-0820-search-name-words.js';
import * as search from './2026-11-26-0600-search.js';
import * as away from './2026-11-26-0900-away.js';
import * as searchNameRanges from './2026-11-26-0910-search-name-ranges.js';
import * as liveTodayIndexes from './2026-11-26-0920-live-today-indexes.js';
import * as peopleCounts from './2026-11-26-1000-people-counts.js';
import * as searchDocsRecent from './2026-11-27-0900-search-docs-recent.js';
import * as dropPlainDueIndexes from './2026-11-27-1000-drop-plain-due-indexes.js';
import * as plannerStatistics from './2026-11-27-1030-planner-statistics.js';
import * as weeklyActivityDeltas from './2026-11-27-1100-weekly-activity-deltas.js';
import * as livePeopleListIndexes from './2026-11-27-1200-live-people-list-indexes.js';
import * as liveInteractionsIndex from './2026-11-27-1210-live-interactions-index.js';
import * as introducedByIndex from './2026-11-27-1220-introduced-by-index.js';
import * as strengthSnapshotsKeyed from './2026-11-27-1300-strength-snapshots-keyed.js';

/*
 * Migrations are listed here rather than read from the folder, so the compiled
 * server and the tests (which run the TypeScript) see exactly the same set.
 * Names are dated and sort in the order they must run.
 */
const migrations: Record<string, Migration> = {
  '2026-11-26-0001-core': core,
  '2026-11-26-0100-accounts': accounts,
  '2026-11-26-0200-keep-in-touch': keepInTouch,
  '2026-11-26-0300-networking': networking,
  '2026-11-26-0300-networking-events': networkingEvents,
  '2026-11-26-0300-networking-resources': networkingResources,
  '2026-11-26-0310-networking-b': networkingB,
  '2026-11-26-0400-imports': imports,
  '2026-11-26-0410-dedupe': dedupe,
  '2026-11-26-0500-sync': sync,
  '2026-11-26-0510-carddav': carddav,
  '2026-11-26-0600-search': search,
  '2026-11-26-0610-network-intelligence': networkIntelligence,
  '2026-11-26-0630-insights': insights,
  '2026-11-26-0800-people-list-indexes': peopleListIndexes,
  '2026-11-26-0810-live-people-indexes': livePeopleIndexes,
  '2026-11-26-0820-search-name-words': searchNameWords,
  '2026-11-26-0900-away': away,
  '2026-11-26-0910-search-name-ranges': searchNameRanges,
  '2026-11-26-0920-live-today-indexes': liveTodayIndexes,
  '2026-11-26-1000-people-counts': peopleCounts,
  '2026-11-27-0900-search-docs-recent': searchDocsRecent,
  '2026-11-27-1000-drop-plain-due-indexes': dropPlainDueIndexes,
  '2026-11-27-1030-planner-statistics': plannerStatistics,
  '2026-11-27-1100-weekly-activity-deltas': weeklyActivityDeltas,
  '2026-11-27-1200-live-people-list-indexes': livePeopleListIndexes,
  '2026-11-27-1210-live-interactions-index': liveInteractionsIndex,
  '2026-11-27-1220-introduced-by-index': introducedByIndex,
  '2026-11-27-1300-strength-snapshots-keyed': strengthSnapshotsKeyed,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
