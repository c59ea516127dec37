import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackupDocument, comparableBackup } from '../../src/formats/backup.js';
import { BACKED_UP_TABLES, EXCLUDED_TABLES } from '../../src/storage/backup-tables.js';
import { tableColumns } from '../../src/storage/introspect.js';
import { DIALECTS } from '../support/db.js';
import { fillWorkspace } from '../support/rich-workspace.js';
import type { TestUser } from '../support/app.js';
import { type WatchedApp, expectApiError, openWatchedApp, send } from './helpers.js';

/*
 * Backup and restore through the API on both databases: lossless (backup →
 * restore → backup gives the same document), across databases (SQLite into
 * PostgreSQL and back), only into an empty workspace, all or nothing, and
 * clear errors on foreign, damaged or newer files.
 */

async function backupOf(user: TestUser): Promise<BackupDocument> {
  return JSON.parse(await user.client.backup({})) as BackupDocument;
}

describe('the backup registry', () => {
  it('lists every table of the schema, as backed up or as excluded with a reason', async () => {
    const t = await openWatchedApp('sqlite');
    try {
      const tables = [...(await tableColumns(t.db)).keys()].sort();
      const listed = new Set([...BACKED_UP_TABLES.map((b) => b.sql), ...Object.keys(EXCLUDED_TABLES)]);
      const unlisted = tables.filter((name) => !listed.has(name));
      expect(
        unlisted,
        'Add these tables to BACKED_UP_TABLES or EXCLUDED_TABLES in src/storage/backup-tables.ts',
      ).toEqual([]);
      const stale = [...listed].filter((name) => !tables.includes(name));
      expect(stale, 'These tables in src/storage/backup-tables.ts no longer exist').toEqual([]);
      for (const reason of Object.values(EXCLUDED_TABLES)) expect(reason.length).toBeGreaterThan(20);
    } finally {
      await t.close();
    }
  });
});

describe.each(DIALECTS)('backup and restore on %s', (dialect) => {
  let t: WatchedApp;
  let source: TestUser;
  let doc: BackupDocument;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    source = await t.createUser();
    await fillWorkspace(source.client);
    doc = await backupOf(source);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('writes every entity, settings included, and no secrets', async () => {
    expect(doc.format).toBe('tend-backup');
    expect(doc.formatVersion).toBe(1);
    const n = (name: string) => doc.tables[name]?.length ?? 0;
    expect(n('people')).toBe(3);
    expect(n('organisations')).toBe(1);
    expect(n('contactPoints')).toBe(5);
    expect(n('interactions')).toBe(1);
    expect(n('interactionParticipants')).toBe(2);
    expect(n('learnings')).toBe(1);
    expect(n('importantDates')).toBe(2);
    expect(n('followUps')).toBeGreaterThanOrEqual(1);
    expect(n('followUpPeople')).toBeGreaterThanOrEqual(2);
    expect(n('achievements')).toBe(1);
    expect(n('personTags')).toBe(3);
    expect(n('personPurposes')).toBe(1);
    expect(doc.workspace.settings).toMatchObject({ cadences: { inner: 10, close: 21, wider: 60, loose: 120 } });
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/passwordHash|tokenHash|csrfHash|argon2/);
    expect(text).not.toContain(source.user.email);
    expect(Object.keys(doc.tables)).not.toContain('users');
  });

  it('restores losslessly into an empty workspace: backup → restore → backup is the same document', async () => {
    const target = await t.createUser();
    const dry = await target.client.restore({ query: { dryRun: 'true' }, body: doc });
    expect(dry).toMatchObject({ dryRun: true, counts: { people: 3, interactions: 1 } });
    expect((await target.client.backupCounts({})).counts.people).toBe(0);
    const result = await target.client.restore({ body: doc });
    expect(result).toMatchObject({ dryRun: false, counts: { people: 3 } });
    expect(comparableBackup(await backupOf(target))).toEqual(comparableBackup(doc));
    // And the restored data works: the person reads back whole.
    const people = await target.client.listPeople({ query: { q: 'Ana' } });
    const ana = await target.client.getPerson({ params: { id: people.items[0]?.id ?? '' } });
    expect(ana.emails).toHaveLength(2);
    expect(ana.learnings).toHaveLength(1);
    expect(ana.tags).toEqual(['investor', 'lisbon']);
  });

  it('refuses a workspace that is not empty, and writes nothing', async () => {
    const problem = await expectApiError(source.client.restore({ body: doc }), 409, 'workspace_not_empty');
    expect(problem.detail).toMatch(/3 people/);
    expect((await source.client.backupCounts({})).counts.people).toBe(3);
  });

  it('explains foreign, newer and damaged files, and writes nothing', async () => {
    const target = await t.createUser();
    await expectApiError(target.client.restore({ body: { hello: 'world' } }), 400, 'not_a_backup');
    await expectApiError(target.client.restore({ body: [1, 2, 3] }), 400, 'not_a_backup');
    await expectApiError(target.client.restore({ body: { ...doc, formatVersion: 99 } }), 400, 'backup_too_new');
    await expectApiError(
      target.client.restore({ body: { ...doc, tables: { ...doc.tables, people: 'nope' } } }),
      400,
      'backup_malformed',
    );
    await expectApiError(
      target.client.restore({ body: { ...doc, tables: { ...doc.tables, secrets: [] } } }),
      400,
      'backup_malformed',
    );
    const badColumn = structuredClone(doc);
    (badColumn.tables.people?.[0] as Record<string, unknown>).favouriteColour = 'blue';
    await expectApiError(target.client.restore({ body: badColumn }), 400, 'backup_malformed');
    const truncated = await send(t.app, {
      method: 'POST',
      url: '/api/v1/restore',
      body: JSON.stringify(doc).slice(0, 500),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
    });
    expect(truncated.statusCode).toBe(400);
    expect(truncated.headers['content-type']).toMatch(/^application\/problem\+json/);
    // A row that breaks a reference fails late, after other tables went in: all of it is rolled back.
    const broken = structuredClone(doc);
    broken.tables.interactionParticipants?.push({
      interactionId: '01900000-0000-7000-8000-000000000001',
      personId: '01900000-0000-7000-8000-000000000002',
      occurredAt: '2025-01-01T00:00:00.000Z',
    });
    await expectApiError(target.client.restore({ body: broken }), 400, 'backup_inconsistent');
    expect(Object.values((await target.client.backupCounts({})).counts).every((n) => n === 0)).toBe(true);
  });

  it('backup → restore → backup is the identity on random workspaces (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            name: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => /\S/.test(s) && !/[\u0000-\u001f]/.test(s)),
            tags: fc.array(fc.constantFrom('a', 'b', 'Ç', 'd e'), { maxLength: 3 }),
            circle: fc.constantFrom('inner', 'close', 'wider', 'loose', 'none'),
            notes: fc.string({ maxLength: 60 }).map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')),
            met: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.boolean(),
        async (people, withInteraction) => {
          const from = await t.createUser();
          const ids: string[] = [];
          for (const p of people) {
            const created = await from.client.createPerson({
              body: {
                fullName: p.name,
                tags: p.tags,
                circle: p.circle as 'inner',
                notes: p.notes,
                ...(p.met ? { howWeMet: { channel: 'meetup' as const, context: p.name } } : {}),
              },
            });
            ids.push(created.id);
          }
          if (withInteraction) {
            await from.client.createInteraction({ body: { kind: 'call', summary: 'Call', participantIds: ids } });
          }
          const first = await backupOf(from);
          const into = await t.createUser();
          await into.client.restore({ body: first });
          expect(comparableBackup(await backupOf(into))).toEqual(comparableBackup(first));
        },
      ),
      { numRuns: dialect === 'sqlite' ? 8 : 4 },
    );
  });
});

describe.runIf(DIALECTS.includes('postgres') && DIALECTS.includes('sqlite'))('backup across databases', () => {
  let lite: WatchedApp;
  let pg: WatchedApp;
  beforeAll(async () => {
    lite = await openWatchedApp('sqlite');
    pg = await openWatchedApp('postgres');
  });
  afterAll(async () => {
    expect(lite.serverErrors).toEqual([]);
    expect(pg.serverErrors).toEqual([]);
    await lite.close();
    await pg.close();
  });

  it('restores a SQLite backup into PostgreSQL and back, losslessly', async () => {
    const a = await lite.createUser();
    await fillWorkspace(a.client, 'cross');
    const fromSqlite = await backupOf(a);
    const b = await pg.createUser();
    await b.client.restore({ body: fromSqlite });
    const fromPg = await backupOf(b);
    expect(comparableBackup(fromPg)).toEqual(comparableBackup(fromSqlite));
    const c = await lite.createUser();
    await c.client.restore({ body: fromPg });
    expect(comparableBackup(await backupOf(c))).toEqual(comparableBackup(fromSqlite));
  });
});
