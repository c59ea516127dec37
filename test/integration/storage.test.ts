import { randomBytes } from 'node:crypto';
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, type Dialect, migrateToLatest, openDb } from '../../src/storage/db.js';
import { migrationProvider } from '../../src/storage/migrations/index.js';
import { DIALECTS, TEST_PG_URL } from '../support/db.js';

/*
 * The migrations themselves, on a database this file opens and empties: they
 * run on both dialects, run once, can be undone, and give every table (and
 * every index) the workspace_id that scopes and distributes the data.
 */

const EXPECTED_TABLES = [
  'achievements',
  'api_tokens',
  'audit_events',
  'away_periods',
  'calendar_feeds',
  'carddav_resources',
  'connections',
  'contact_points',
  'digest_deliveries',
  'digest_settings',
  'duplicate_dismissals',
  'event_people',
  'events',
  'follow_up_people',
  'follow_ups',
  'import_batches',
  'import_changes',
  'important_dates',
  'interaction_participants',
  'interactions',
  'introductions',
  'invitations',
  'learnings',
  'nudge_states',
  'opportunities',
  'opportunity_people',
  'organisations',
  'people',
  'people_counts',
  'person_merges',
  'person_purposes',
  'person_roles',
  'person_tags',
  'person_topics',
  'resource_shares',
  'resource_topics',
  'resources',
  'scheduled_jobs',
  'search_docs',
  'search_names',
  'search_state',
  'sessions',
  'strength_snapshots',
  'tags',
  'topics',
  'users',
  'webhook_deliveries',
  'webhooks',
  'weekly_activity',
  'weekly_activity_deltas',
  'workspace_members',
  'workspaces',
];

/*
 * Lookups that happen before any workspace is known: signing in by email, a
 * cookie or token by its hash, an invitation link, "which workspaces am I in".
 * docs/architecture.md ("Accounts and privacy") explains how these small
 * directory indexes are served on a distributed PostgreSQL.
 */
const GLOBAL_LOOKUPS = new Set([
  'users_email_idx',
  'users_id_idx',
  'sessions_token_idx',
  'api_tokens_hash_idx',
  'invitations_token_idx',
  'workspace_members_user_idx',
]);

async function openEmpty(dialect: Dialect): Promise<{ db: Db; schema: string | undefined; close(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const db = await openDb('sqlite::memory:');
    return { db, schema: undefined, close: () => db.close() };
  }
  const schema = `t_storage_${randomBytes(5).toString('hex')}`;
  const db = await openDb(TEST_PG_URL, { schema, poolSize: 2 });
  return {
    db,
    schema,
    async close() {
      await db.close();
      const admin = new pg.Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      try {
        await admin.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Application tables (not Kysely's own bookkeeping) with their columns. */
async function tables(db: Db): Promise<Map<string, string[]>> {
  const rows =
    db.dialect === 'sqlite'
      ? (
          await sql<{ table: string; column: string }>`
            select m.name as "table", c.name as "column"
            from sqlite_master m join pragma_table_info(m.name) c
            where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like 'search_fts%'`.execute(db.kysely)
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

/** Every index of the application tables with its first column (null for an expression). */
async function leadingColumns(db: Db): Promise<{ table: string; index: string; first: string | null }[]> {
  const rows =
    db.dialect === 'sqlite'
      ? (
          await sql<{ table: string; index: string; first: string | null }>`
            select m.name as "table", il.name as "index",
              (select ii.name from pragma_index_info(il.name) ii where ii.seqno = 0) as "first"
            from sqlite_master m join pragma_index_list(m.name) il
            where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like 'search_fts%'`.execute(db.kysely)
        ).rows
      : (
          await sql<{ table: string; index: string; first: string | null }>`
            select t.relname as "table", i.relname as "index", a.attname as "first"
            from pg_index x
            join pg_class i on i.oid = x.indexrelid
            join pg_class t on t.oid = x.indrelid
            join pg_namespace n on n.oid = t.relnamespace
            left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
            where n.nspname = current_schema()`.execute(db.kysely)
        ).rows;
  return rows.filter((r) => !r.table.startsWith('kysely_'));
}

describe.each(DIALECTS)('storage on %s', (dialect) => {
  let empty: Awaited<ReturnType<typeof openEmpty>>;
  let db: Db;
  let all: string[];

  beforeAll(async () => {
    empty = await openEmpty(dialect);
    db = empty.db;
    all = Object.keys(await migrationProvider.getMigrations()).sort();
  });
  afterAll(async () => {
    await empty?.close();
  });

  it('runs every migration on an empty database, in name order', async () => {
    expect(await migrateToLatest(db)).toEqual(all);
    expect([...(await tables(db)).keys()].sort()).toEqual(EXPECTED_TABLES);
  });

  it('does nothing when run again', async () => {
    expect(await migrateToLatest(db)).toEqual([]);
    const done = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db.kysely);
    expect(done.rows.map((r) => r.name)).toEqual(all);
  });

  it('gives every table a workspace_id column', async () => {
    const missing = [...(await tables(db))].filter(([, cols]) => !cols.includes('workspace_id')).map(([t]) => t);
    expect(missing).toEqual([]);
  });

  it('leads every index with workspace_id', async () => {
    const indexes = await leadingColumns(db);
    expect(indexes.length).toBeGreaterThan(EXPECTED_TABLES.length);
    // The workspaces table is keyed by its own id, which is its workspace_id.
    const offenders = indexes.filter(
      (i) => i.table !== 'workspaces' && i.first !== 'workspace_id' && !GLOBAL_LOOKUPS.has(i.index),
    );
    expect(offenders).toEqual([]);
  });

  it('enforces foreign keys', async () => {
    const insertOrphan = db.kysely
      .insertInto('contactPoints')
      .values({
        id: 'x',
        workspaceId: 'nowhere',
        personId: 'nobody',
        kind: 'email',
        label: null,
        value: 'a@example.com',
        normalized: 'a@example.com',
      })
      .execute();
    await expect(insertOrphan).rejects.toThrow(/foreign key/i);
  });

  it.runIf(dialect === 'postgres')('migrates a fresh schema while another schema already has its tables', async () => {
    // The database of this file is migrated: its schema holds Kysely's tables.
    const second = await openEmpty('postgres');
    try {
      expect(await migrateToLatest(second.db)).toEqual(all);
      expect([...(await tables(second.db)).keys()].sort()).toEqual(EXPECTED_TABLES);
    } finally {
      await second.close();
    }
  });

  it('can be undone and done again', async () => {
    const migrator = new Migrator({
      db: db.kysely,
      provider: migrationProvider,
      ...(empty.schema ? { migrationTableSchema: empty.schema } : {}),
    });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect([...(await tables(db)).keys()]).toEqual([]);
    expect(await migrateToLatest(db)).toEqual(all);
    expect([...(await tables(db)).keys()].sort()).toEqual(EXPECTED_TABLES);
  });
});
