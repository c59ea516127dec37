import { randomBytes } from 'node:crypto';
import { type Kysely, Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/contract/client.js';
import { buildApp } from '../../src/http/app.js';
import { createServices } from '../../src/services/index.js';
import { type Db, type Dialect, migrateToLatest, openDb } from '../../src/storage/db.js';
import { migrationProvider } from '../../src/storage/migrations/index.js';
import { injectTransport } from '../support/app.js';
import { DIALECTS, TEST_PG_URL, withDatabase } from '../support/db.js';
import { recordReliability } from '../support/reliability.js';

/*
 * Migrations run forward on a populated database from every earlier version.
 * For each migration: a fresh database is migrated up to it (Kysely's
 * migrateTo), every table that exists at that version gets a realistic row
 * (ROWS below, cut down to the columns the table has then), the database is
 * migrated to the latest version, and every row must still be there with its
 * values, and the API must serve the data (people, today, timeline, backup).
 *
 * A new table needs a row in ROWS (the test says which is missing); a new
 * column needs nothing unless it is NOT NULL without a default.
 */

const W = '01930000-0000-7000-8000-00000000000a';
const U = '01930000-0000-7000-8000-0000000000b1';
const P1 = '01930000-0000-7000-8000-0000000000c1';
const P2 = '01930000-0000-7000-8000-0000000000c2';
const O = '01930000-0000-7000-8000-0000000000d1';
const I = '01930000-0000-7000-8000-0000000000e1';
const F = '01930000-0000-7000-8000-0000000000f1';
const TAG = '01930000-0000-7000-8000-000000000101';
const TOPIC = '01930000-0000-7000-8000-000000000102';
const EV = '01930000-0000-7000-8000-000000000103';
const RES = '01930000-0000-7000-8000-000000000104';
const OPP = '01930000-0000-7000-8000-000000000105';
const IMP = '01930000-0000-7000-8000-000000000106';
const HOOK = '01930000-0000-7000-8000-000000000107';
const T0 = '2025-03-01T09:00:00.000Z';
const T1 = '2025-06-01T10:00:00.000Z';
const stamps = { created_at: T0, updated_at: T1 };
const row = (id: string, extra: Record<string, unknown>) => ({ id, workspace_id: W, ...stamps, ...extra });

/** One realistic row per table, with every column a version may require; columns a version lacks are left out. */
const ROWS: Record<string, Record<string, unknown>[]> = {
  workspaces: [{ id: W, workspace_id: W, name: 'Migrated network', kind: 'personal', settings: '{}', ...stamps }],
  users: [
    row(U, {
      email: 'owner@migrated.example',
      display_name: 'Mia Grant',
      password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo',
      is_owner: 1,
      password_changed_at: T0,
    }),
  ],
  workspace_members: [{ workspace_id: W, user_id: U, role: 'owner', ...stamps }],
  organisations: [row(O, { name: 'Acme Robotics', sort_name: 'acme robotics', website: 'https://acme.example' })],
  people: [
    row(P1, {
      full_name: 'Ana Ruiz',
      given_name: 'Ana',
      family_name: 'Ruiz',
      sort_name: 'ruiz ana',
      headline: 'Builds robots',
      role_title: 'CTO',
      organisation_id: O,
      location: 'Lisbon',
      circle: 'close',
      cadence_days: 30,
      notes: 'Met at **Web Summit**',
      met_channel: 'conference',
      met_on: '2024-11-12',
      last_interaction_at: T1,
      interaction_count: 1,
    }),
    row(P2, { full_name: 'Raj Patel', sort_name: 'patel raj', circle: 'inner', introduced_by_id: P1 }),
  ],
  contact_points: [
    {
      id: '01930000-0000-7000-8000-000000000201',
      workspace_id: W,
      person_id: P1,
      kind: 'email',
      label: 'work',
      value: 'ana@acme.example',
      normalized: 'ana@acme.example',
      is_primary: 1,
      position: 0,
    },
  ],
  person_roles: [
    {
      id: '01930000-0000-7000-8000-000000000202',
      workspace_id: W,
      person_id: P1,
      title: 'CTO',
      organisation_id: O,
      started_on: '2021-01-01',
      created_at: T0,
    },
  ],
  tags: [{ id: TAG, workspace_id: W, name: 'Investor', normalized: 'investor', created_at: T0 }],
  topics: [{ id: TOPIC, workspace_id: W, name: 'Robotics', normalized: 'robotics', created_at: T0 }],
  person_tags: [{ workspace_id: W, person_id: P1, tag_id: TAG }],
  person_topics: [{ workspace_id: W, person_id: P1, topic_id: TOPIC }],
  person_purposes: [{ workspace_id: W, person_id: P1, purpose: 'mentor' }],
  learnings: [row('01930000-0000-7000-8000-000000000203', { person_id: P1, category: 'family', body: 'Has two kids' })],
  important_dates: [
    { id: '01930000-0000-7000-8000-000000000204', workspace_id: W, person_id: P1, kind: 'birthday', month: 4, day: 15 },
  ],
  interactions: [row(I, { kind: 'coffee', channel: 'in_person', occurred_at: T1, summary: 'Coffee in Lisbon' })],
  interaction_participants: [{ workspace_id: W, interaction_id: I, person_id: P1, occurred_at: T1 }],
  follow_ups: [row(F, { kind: 'thank_you', title: 'Thank Ana for the intro', due_on: '2025-06-03', status: 'open' })],
  follow_up_people: [{ workspace_id: W, follow_up_id: F, person_id: P1 }],
  achievements: [
    row('01930000-0000-7000-8000-000000000205', {
      person_id: P1,
      kind: 'new_role',
      title: 'Became CTO',
      occurred_on: '2025-05-20',
    }),
  ],
  nudge_states: [{ workspace_id: W, nudge_key: `reconnect:${P2}`, state: 'dismissed', created_at: T1 }],
  weekly_activity: [{ workspace_id: W, week_start: '2025-05-26', touches: 3, check_ins: 1 }],
  weekly_activity_deltas: [{ workspace_id: W, week_start: '2025-05-26', touches: 1, check_ins: 0 }],
  events: [
    row(EV, {
      name: 'Web Summit',
      kind: 'conference',
      starts_on: '2025-11-10',
      ends_on: '2025-11-13',
      location: 'Lisbon',
    }),
  ],
  event_people: [{ workspace_id: W, event_id: EV, person_id: P1, role: 'met', created_at: T0 }],
  resources: [
    row(RES, {
      url: 'https://example.com/robots',
      url_key: 'example.com/robots',
      title: 'Robots at scale',
      kind: 'article',
    }),
  ],
  resource_topics: [{ workspace_id: W, resource_id: RES, topic_id: TOPIC }],
  resource_shares: [{ workspace_id: W, resource_id: RES, person_id: P1, shared_at: T1 }],
  connections: [
    row('01930000-0000-7000-8000-000000000206', { low_id: P1, high_id: P2, kind: 'colleague', source: 'manual' }),
  ],
  introductions: [
    row('01930000-0000-7000-8000-000000000207', {
      a_person_id: P1,
      b_person_id: P2,
      step: 'proposed',
      step_at: T1,
      status: 'open',
    }),
  ],
  opportunities: [
    row(OPP, { title: 'Seed round', kind: 'investment', stage: 'lead', opened_on: '2025-05-01', exchange: 'ask' }),
  ],
  opportunity_people: [{ workspace_id: W, opportunity_id: OPP, person_id: P1, role: 'contact' }],
  import_batches: [row(IMP, { source: 'csv', file_name: 'contacts.csv', status: 'applied', files: '[]' })],
  import_changes: [{ workspace_id: W, batch_id: IMP, seq: 1, entity: 'person', entity_id: P2, action: 'create' }],
  person_merges: [
    row('01930000-0000-7000-8000-000000000208', {
      survivor_id: P1,
      merged_id: '01930000-0000-7000-8000-0000000000c9',
      merged_name: 'Ana R.',
      survivor_name: 'Ana Ruiz',
      snapshot: '{}',
    }),
  ],
  duplicate_dismissals: [{ workspace_id: W, person_a: P1, person_b: P2, created_at: T0 }],
  sessions: [
    row('01930000-0000-7000-8000-000000000209', {
      user_id: U,
      token_hash: 'sessionhash',
      csrf_hash: 'csrfhash',
      last_seen_at: T1,
      expires_at: '2099-01-01T00:00:00.000Z',
    }),
  ],
  api_tokens: [
    row('01930000-0000-7000-8000-00000000020a', {
      user_id: U,
      name: 'laptop',
      prefix: 'tnd_abcd',
      token_hash: 'tokenhash',
      scope: 'read',
    }),
  ],
  invitations: [
    row('01930000-0000-7000-8000-00000000020b', {
      token_hash: 'invitehash',
      email: 'friend@example.com',
      role: 'member',
      created_by: U,
      expires_at: '2099-01-01T00:00:00.000Z',
    }),
  ],
  audit_events: [row('01930000-0000-7000-8000-00000000020c', { user_id: U, kind: 'login', ip: '127.0.0.1' })],
  scheduled_jobs: [{ workspace_id: W, name: 'migration-fixture', due_at: T1, updated_at: T1 }],
  calendar_feeds: [{ workspace_id: W, user_id: U, token_hash: 'feedhash', prefix: 'feed', created_at: T0 }],
  webhooks: [row(HOOK, { url: 'https://hooks.example/tend', secret: 'whsec', events: '["person.created"]' })],
  webhook_deliveries: [
    row('01930000-0000-7000-8000-00000000020d', {
      webhook_id: HOOK,
      event: 'person.created',
      event_key: `person.created:${P1}`,
      payload: '{}',
      status: 'delivered',
    }),
  ],
  digest_settings: [{ workspace_id: W, user_id: U, unsubscribe_key: 'unsub', frequency: 'weekly', updated_at: T1 }],
  digest_deliveries: [
    {
      workspace_id: W,
      id: '01930000-0000-7000-8000-00000000020e',
      user_id: U,
      period_key: '2025-W22',
      recipient: 'owner@migrated.example',
      status: 'sent',
      created_at: T1,
    },
  ],
  carddav_resources: [{ workspace_id: W, person_id: P1, name: 'ana.vcf', created_at: T0 }],
  strength_snapshots: [{ workspace_id: W, week: '2025-05-26', person_id: P1, score: 64.5 }],
  away_periods: [
    {
      workspace_id: W,
      id: '01930000-0000-7000-8000-000000000301',
      user_id: U,
      starts_on: '2025-07-14',
      ends_on: '2025-07-27',
      label: 'Summer',
      created_at: T0,
    },
  ],
};

/*
 * The search index is derived: rebuilt from the data on a workspace's first search,
 * so it gets no fixture row; instead the API must find the migrated people.
 */
// Derived tables the code fills from the rows above (the search index; live people counted by triggers).
const DERIVED = /^(search_|people_counts$)/;

const MIGRATIONS = Object.keys(await migrationProvider.getMigrations()).sort();

// biome-ignore lint/suspicious/noExplicitAny: raw inserts into the tables of an older version
type AnyDb = Kysely<any>;

async function columnsOf(k: AnyDb): Promise<Map<string, Map<string, { required: boolean }>>> {
  const tables = await k.introspection.getTables();
  return new Map(
    tables.map((t) => [
      t.name,
      new Map(
        t.columns.map((c) => [c.name, { required: !c.isNullable && !c.hasDefaultValue && !c.isAutoIncrementing }]),
      ),
    ]),
  );
}

/** Opens an empty database of the dialect (not migrated) and a way to drop it. */
async function openEmpty(dialect: Dialect): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const db = await openDb('sqlite::memory:');
    return { db, drop: () => db.close() };
  }
  const name = `tend_mig_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: TEST_PG_URL });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database "${name}"`);
  const db = await openDb(withDatabase(TEST_PG_URL, name), { poolSize: 2 });
  return {
    db,
    async drop() {
      await db.close();
      for (let i = 0; i < 20; i++) {
        try {
          return await admin(`drop database if exists "${name}"`);
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
  };
}

describe.each(DIALECTS)('migrations forward on a populated database on %s', (dialect) => {
  const started = Date.now();
  let versions = 0;
  let rowsChecked = 0;
  const problems: string[] = [];
  afterAll(() => {
    recordReliability({
      id: `migrations-forward-${dialect}`,
      area: 'data safety',
      test: `test/integration/migrations.test.ts (${dialect}): migrate a populated database from every earlier version to the latest`,
      tried: `${versions} starting versions (each of the ${MIGRATIONS.length} migrations), one realistic row in every table existing then, ${rowsChecked} rows checked after migrating, in ${Math.round((Date.now() - started) / 1000)} s`,
      result: problems.length === 0 ? 'every row kept with its values; the API serves the data' : problems.join('; '),
      ok: problems.length === 0 && versions === MIGRATIONS.length,
    });
  });

  it('has a fixture row for every table of the latest schema', async () => {
    const { db, drop } = await openEmpty(dialect);
    try {
      await migrateToLatest(db);
      const tables = [...(await columnsOf(db.kysely as AnyDb)).keys()].filter(
        (t) => !t.startsWith('kysely_') && !DERIVED.test(t),
      );
      expect(
        tables.filter((t) => !ROWS[t]),
        'add a row for these tables to ROWS',
      ).toEqual([]);
    } finally {
      await drop();
    }
  });

  it.each(MIGRATIONS)(
    'from %s',
    async (target) => {
      const { db, drop } = await openEmpty(dialect);
      try {
        const k = db.kysely as unknown as AnyDb;
        const migrationTableSchema =
          dialect === 'postgres'
            ? (await sql<{ s: string }>`select current_schema() as s`.execute(k)).rows[0]?.s
            : undefined;
        const migrator = new Migrator({
          db: k,
          provider: migrationProvider,
          allowUnorderedMigrations: true,
          ...(migrationTableSchema ? { migrationTableSchema } : {}),
        });
        const to = await migrator.migrateTo(target);
        expect(to.error, `migrating to ${target}`).toBeUndefined();

        // Populate every table that exists at this version, parents first (ROWS is in that order).
        const raw = k.withoutPlugins();
        const before = await columnsOf(k);
        const inserted: { table: string; values: Record<string, unknown> }[] = [];
        for (const [table, rows] of Object.entries(ROWS)) {
          const columns = before.get(table);
          if (!columns) continue;
          for (const full of rows) {
            const values = Object.fromEntries(Object.entries(full).filter(([c]) => columns.has(c)));
            const missing = [...columns].filter(([c, m]) => m.required && !(c in values)).map(([c]) => c);
            expect(missing, `ROWS.${table} lacks required columns at ${target}`).toEqual([]);
            await raw.insertInto(table).values(values).execute();
            inserted.push({ table, values });
          }
        }

        await migrateToLatest(db);

        // Every row is still there with the values it was given (columns a migration dropped aside).
        const after = await columnsOf(k);
        for (const { table, values } of inserted) {
          const columns = after.get(table);
          if (!columns) continue; // a later migration dropped the table on purpose
          const kept = Object.fromEntries(Object.entries(values).filter(([c]) => columns.has(c)));
          let q = raw.selectFrom(table).selectAll();
          for (const key of ['workspace_id', 'id', 'person_id', 'user_id', 'tag_id', 'topic_id', 'name']) {
            if (key in kept) q = q.where(key, '=', kept[key]);
          }
          const found = await q.execute();
          rowsChecked++;
          if (found.length !== 1) problems.push(`${table} row lost migrating from ${target}`);
          expect(found.length, `${table} row after migrating from ${target}`).toBe(1);
          const got = found[0] as Record<string, unknown>;
          for (const [c, v] of Object.entries(kept)) {
            const actual = typeof v === 'number' ? Number(got[c]) : got[c];
            if (actual !== v) problems.push(`${table}.${c} changed migrating from ${target}`);
            expect(actual, `${table}.${c} after migrating from ${target}`).toEqual(v);
          }
        }

        // And the data is usable through the API.
        const services = createServices(db);
        // A database from before accounts existed gets its owner the way an upgrade would.
        for (const table of ['users', 'workspace_members']) {
          const present = await raw.selectFrom(table).select(sql`count(*)`.as('n')).executeTakeFirst();
          if (Number(present?.n) > 0) continue;
          const columns = after.get(table);
          for (const full of ROWS[table] ?? []) {
            await raw
              .insertInto(table)
              .values(Object.fromEntries(Object.entries(full).filter(([c]) => columns?.has(c))))
              .execute();
          }
        }
        const user = await db.kysely.selectFrom('users').selectAll().where('id', '=', U).executeTakeFirst();
        expect(user).toBeDefined();
        if (user) {
          const { token } = await services.tokens.create(user, { name: 'migration test', scope: 'write' });
          const app = await buildApp({ db, logLevel: 'silent', webRoot: null });
          try {
            const client = createClient(injectTransport(app, { authorization: `Bearer ${token}` }));
            const people = await client.listPeople({ query: { limit: 50 } });
            expect(people.items.map((p) => p.fullName).sort()).toEqual(['Ana Ruiz', 'Raj Patel']);
            // A page shorter than the list counts from the live-people counter the migration seeded.
            expect((await client.listPeople({ query: { limit: 1 } })).total).toBe(2);
            const ana = await client.getPerson({ params: { id: P1 } });
            expect(ana).toMatchObject({ fullName: 'Ana Ruiz', roleTitle: 'CTO', circle: 'close' });
            await client.getToday({ query: {} });
            const found = await client.search({ query: { q: 'Ana' } });
            expect(found.items.map((h) => h.title)).toContain('Ana Ruiz');
            if (inserted.some((r) => r.table === 'interactions')) {
              const timeline = await client.listPersonInteractions({ params: { id: P1 }, query: {} });
              expect(timeline.items.map((i) => i.summary)).toContain('Coffee in Lisbon');
            }
            const backup = await client.backupCounts({});
            expect(backup.counts).toMatchObject({ people: 2 });
          } finally {
            await app.close();
          }
        }
        versions++;
      } finally {
        await drop();
      }
    },
    120_000,
  );
});
