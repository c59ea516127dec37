import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionListQuery } from '../../src/contract/interactions.js';
import { TodayQuery } from '../../src/contract/keep-in-touch.js';
import { PeopleListQuery, PersonCreate } from '../../src/contract/people.js';
import { createServices } from '../../src/services/index.js';
import { ensureLocalWorkspace } from '../../src/services/workspaces.service.js';
import { type Db, openDb } from '../../src/storage/db.js';
import { DIALECTS, openTestDb, type TestDb } from '../support/db.js';
import { buildPerson } from '../support/factories.js';

/*
 * The indexes of `people`, and that the ordered lists can still be read in the order they show.
 * Every index of `people` takes a new entry when a log moves a person's contact columns (issue
 * #9), so none is kept that another one already serves: migration 2026-11-27-1200 gave PostgreSQL
 * partial `people_live_*` indexes for every sort of the list and dropped the ten they replaced,
 * and 1210 did the same for the workspace's interactions.
 * The second test fails if an index a list page needs goes missing: on PostgreSQL with sequential
 * scans and sorts priced out, any scan of people or interactions or sort of their rows left in a
 * plan has no index to read in order; on SQLite, a full scan or a temporary b-tree for the ORDER
 * BY. The third checks the person page's lookup of the people someone introduced (1220).
 */

const EXPECTED: Record<string, string[]> = {
  // SQLite reads (workspace, deleted_at, …) in order under `deleted_at is null`.
  sqlite: [
    'people_carddav_changes_idx',
    'people_circle_due_sort_idx',
    'people_circle_idx',
    'people_circle_strength_idx',
    'people_created_idx',
    'people_due_sort_idx',
    'people_introduced_by_idx',
    'people_joined_idx',
    'people_last_contact_idx',
    'people_name_idx',
    'people_org_idx',
    'people_strength_idx',
    'people_strength_on_idx',
    'people_trend_idx',
    'people_updated_idx',
  ],
  // PostgreSQL cannot, and reads the partial copies on the live rows instead.
  postgres: [
    'people_carddav_changes_idx',
    'people_due_idx',
    'people_introduced_by_idx',
    'people_joined_idx',
    'people_live_circle_due_idx',
    'people_live_circle_name_idx',
    'people_live_circle_strength_idx',
    'people_live_created_idx',
    'people_live_due_idx',
    'people_live_last_contact_idx',
    'people_live_name_idx',
    'people_live_strength_idx',
    'people_live_trend_idx',
    'people_live_updated_idx',
    'people_org_idx',
    'people_pk',
    'people_strength_on_idx',
    'people_trash_idx',
  ],
};

async function indexesOfPeople(db: Db): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? (
          await sql<{ name: string }>`select name from sqlite_master
            where type = 'index' and tbl_name = 'people' and name not like 'sqlite_autoindex%'`.execute(db.kysely)
        ).rows
      : (
          await sql<{ name: string }>`select indexname as name from pg_indexes
            where schemaname = current_schema() and tablename = 'people'`.execute(db.kysely)
        ).rows;
  return rows.map((r) => r.name).sort();
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const LISTED = new Set(['people', 'interactions']);

/** PostgreSQL: the plan's scans of people or interactions without an index, and its sorts of their rows. */
function unorderedReads(node: PlanNode, out: string[] = []): string[] {
  const scansListed = (n: PlanNode): boolean =>
    LISTED.has(n['Relation Name'] ?? '') || (n.Plans ?? []).some((c) => scansListed(c));
  if (node['Node Type'] === 'Seq Scan' && LISTED.has(node['Relation Name'] ?? ''))
    out.push(`Seq Scan on ${node['Relation Name']}`);
  if (/Sort$/.test(node['Node Type']) && scansListed(node)) out.push(`${node['Node Type']} of listed rows`);
  for (const c of node.Plans ?? []) unorderedReads(c, out);
  return out;
}

describe.each(DIALECTS)('the list indexes on %s', (dialect) => {
  let t: TestDb;
  let spy: Db;
  const seen: { sql: string; parameters: readonly unknown[] }[] = [];
  let workspaceId: string;
  beforeAll(async () => {
    t = await openTestDb(dialect, { sqliteFile: true });
    spy = await openDb(t.url, { poolSize: 2, onQuery: (q, _ms, parameters) => seen.push({ sql: q, parameters }) });
    workspaceId = await ensureLocalWorkspace(spy);
    const services = createServices(spy);
    const actor = { workspaceId, userId: null };
    for (const [i, circle] of (['inner', 'close', 'wider', 'close'] as const).entries()) {
      await services.people.create(actor, PersonCreate.parse(buildPerson({ fullName: `Person ${i}`, circle })));
    }
  });
  afterAll(async () => {
    await spy?.close();
    await t?.close();
  });

  /**
   * A captured statement's plan rows: on PostgreSQL `explain (format json)` with sequential scans
   * and sorts priced out (a scan or sort left in it has no index to read instead); on SQLite
   * `explain query plan`.
   */
  async function planOf(q: (typeof seen)[number]): Promise<unknown[]> {
    if (dialect === 'sqlite')
      return (await spy.kysely.executeQuery(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]))).rows;
    return spy.kysely.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_sort = off`.execute(trx);
      return (await trx.executeQuery(CompiledQuery.raw(`explain (format json) ${q.sql}`, [...q.parameters]))).rows;
    });
  }

  it('are the ones documented, none serving what another already serves', async () => {
    expect(await indexesOfPeople(spy)).toEqual([...(EXPECTED[dialect] ?? [])].sort());
  });

  it('let the people list, Today and the interactions list read live rows in order', async () => {
    const services = createServices(spy);
    const actor = { workspaceId, userId: null };
    seen.length = 0;
    for (const sort of ['name', '-name', '-strength', 'due', '-lastContact', '-created', 'updated']) {
      for (const circle of [undefined, 'close']) {
        await services.people.list(actor, PeopleListQuery.parse({ sort, limit: 20, ...(circle ? { circle } : {}) }));
      }
    }
    await services.today.today(actor, TodayQuery.parse({}));
    // The workspace's interactions, newest first (2026-11-27-1210).
    await services.interactions.list(actor, InteractionListQuery.parse({ limit: 20 }));
    await services.interactions.list(actor, InteractionListQuery.parse({ limit: 20, kind: 'meeting' }));
    const reads = seen.filter(
      (q) => /^\s*(select|with)\b/i.test(q.sql) && /\bfrom "(people|interactions)"/.test(q.sql),
    );
    expect(reads.length).toBeGreaterThan(12);

    const problems: string[] = [];
    for (const q of reads) {
      if (dialect === 'postgres') {
        const [row] = (await planOf(q)) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
        const root = row?.['QUERY PLAN'][0]?.Plan as PlanNode;
        for (const p of unorderedReads(root)) problems.push(`${p}: ${q.sql.slice(0, 160)}`);
      } else {
        for (const { detail } of (await planOf(q)) as { detail: string }[]) {
          if (/^SCAN (p|people|i|interactions)\b/.test(detail) || /TEMP B-TREE FOR ORDER BY/.test(detail))
            problems.push(`${detail}: ${q.sql.slice(0, 160)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('finds the people someone introduced by their introducer, not by walking the workspace', async () => {
    const services = createServices(spy);
    const actor = { workspaceId, userId: null };
    const introducer = await services.people.create(
      actor,
      PersonCreate.parse(buildPerson({ fullName: 'Ines Introducer' })),
    );
    const met = await services.people.create(
      actor,
      PersonCreate.parse({ ...buildPerson({ fullName: 'Mo Met' }), howWeMet: { introducedById: introducer.id } }),
    );
    seen.length = 0;
    const introduced = await services.connections.introducedPeople(actor, introducer.id);
    expect(introduced.items.map((p) => p.id)).toEqual([met.id]);
    const read = seen.find((q) => /"introduced_by_id" = /.test(q.sql));
    expect(read).toBeDefined();
    const plan = JSON.stringify(await planOf(read as (typeof seen)[number]));
    expect(plan).toContain('people_introduced_by_idx');
  });
});
