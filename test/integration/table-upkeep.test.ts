import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonCreate } from '../../src/contract/people.js';
import { tableUpkeepJob } from '../../src/jobs/table-upkeep.js';
import { createServices } from '../../src/services/index.js';
import { ensureLocalWorkspace } from '../../src/services/workspaces.service.js';
import { needsUpkeep, upkeepTables } from '../../src/storage/upkeep.js';
import { DIALECTS, openTestDb, type TestDb } from '../support/db.js';
import { buildPerson } from '../support/factories.js';

/*
 * src/storage/upkeep.ts: on PostgreSQL with autovacuum off, the tables a workspace's changes
 * touched are vacuumed and analysed; with autovacuum on, and on SQLite, nothing is.
 */

describe('when a table needs upkeep', () => {
  it('counts changes against the table size, with a base for small tables', () => {
    const quiet = { table: 'people', live: 100_000, dead: 4_000, inserted: 9_000, modified: 4_000 };
    expect(needsUpkeep(quiet)).toBe(false);
    expect(needsUpkeep({ ...quiet, dead: 5_100 })).toBe(true);
    expect(needsUpkeep({ ...quiet, inserted: 11_100 })).toBe(true);
    expect(needsUpkeep({ ...quiet, modified: 5_100 })).toBe(true);
    expect(needsUpkeep({ table: 'tags', live: 10, dead: 40, inserted: 900, modified: 40 })).toBe(false);
    expect(needsUpkeep({ table: 'tags', live: 10, dead: 60, inserted: 0, modified: 0 })).toBe(true);
  });
});

describe.each(DIALECTS)('table upkeep on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('vacuums and analyses what changed when autovacuum is off, and otherwise leaves it to autovacuum', async () => {
    const ws = await ensureLocalWorkspace(t);
    const services = createServices(t);
    const actor = { workspaceId: ws, userId: null };
    for (let i = 0; i < 120; i++) {
      await services.people.create(actor, PersonCreate.parse(buildPerson({ fullName: `Up Keep ${i}` })));
    }
    // Changes that leave dead row versions behind.
    await t.kysely.updateTable('people').set({ headline: 'changed' }).where('workspaceId', '=', ws).execute();

    if (dialect === 'sqlite') {
      expect(await upkeepTables(t)).toEqual([]);
      expect(await tableUpkeepJob.run({ db: t, now: new Date(), log: { info() {}, error() {} } })).toBeUndefined();
      return;
    }
    // Each backend reports its counts when idle, at most once a second: wait until they show.
    const changed = async () =>
      Number(
        (
          await sql<{ n: string }>`select n_mod_since_analyze as n from pg_stat_user_tables
            where schemaname = current_schema() and relname = 'people'`.execute(t.kysely)
        ).rows[0]?.n ?? 0,
      );
    for (let i = 0; i < 50 && (await changed()) < 240; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await changed()).toBeGreaterThanOrEqual(240);
    const autovacuum = (await sql<{ on: string }>`select current_setting('autovacuum') as on`.execute(t.kysely)).rows[0]
      ?.on;
    const vacuumed = await upkeepTables(t);
    if (autovacuum === 'on') {
      expect(vacuumed).toEqual([]);
      return;
    }
    expect(vacuumed).toContain('people');
    const after = await sql<{ vacuumed: string | null; analysed: string | null }>`
      select last_vacuum as vacuumed, last_analyze as analysed from pg_stat_user_tables
      where schemaname = current_schema() and relname = 'people'`.execute(t.kysely);
    expect(after.rows[0]?.vacuumed).not.toBeNull();
    expect(after.rows[0]?.analysed).not.toBeNull();
    // Nothing changed since: nothing to do.
    expect(await changed()).toBe(0);
    expect(await upkeepTables(t)).not.toContain('people');
  });
});
