import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWith } from '../cli/harness.js';
import { DEFAULT_SECURITY, loadConfig } from '../../src/config.js';
import { type BackupDocument, comparableBackup } from '../../src/formats/backup.js';
import { buildApp } from '../../src/http/app.js';
import { runBackup } from '../../src/jobs/backups.js';
import { createJobScheduler } from '../../src/jobs/index.js';
import { listJobRuns } from '../../src/jobs/scheduler.js';
import { createServices } from '../../src/services/index.js';
import { migrateToLatest, openDb } from '../../src/storage/db.js';
import { copySqliteOnline } from '../../src/storage/online-backup.js';
import { injectTransport } from '../support/app.js';
import { DIALECTS } from '../support/db.js';
import { recordReliability } from '../support/reliability.js';
import { fillWorkspace } from '../support/rich-workspace.js';
import { createClient } from '../../src/contract/client.js';
import { openWatchedApp } from './helpers.js';

/*
 * Backups for operators: `tend backup --sqlite-file` copies the SQLite
 * database while a server writes to it (SQLite's online backup API), the
 * scheduler writes backups on time and keeps the newest N, and a scheduled
 * backup restores into an empty workspace as the same document.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-backup-ops-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const silentLog = { info() {}, error() {} };

describe('online copy of the SQLite database while it is written', () => {
  it('copies a consistent database with tend backup --sqlite-file during a stream of writes', async () => {
    const started = Date.now();
    const dataDir = path.join(tmp, 'live');
    const config = {
      ...loadConfig({ TEND_DATA_DIR: dataDir, TEND_BACKUP_EVERY: 'off' }),
      cliConfigDir: path.join(tmp, 'cfg'),
    };
    // The "server": its own connection to the file, writing people one after another.
    const db = await openDb(config.databaseUrl);
    await migrateToLatest(db);
    const services = createServices(db);
    const owner = await services.accounts.createUser({
      email: 'ops@example.test',
      password: 'correct horse battery staple',
      isOwner: true,
    });
    const { token } = await services.tokens.create(owner, { name: 'ops', scope: 'write' });
    const app = await buildApp({
      db,
      logLevel: 'silent',
      webRoot: null,
      security: { ...DEFAULT_SECURITY, apiPerMinute: 1_000_000 },
    });
    const client = createClient(injectTransport(app, { authorization: `Bearer ${token}` }));
    await fillWorkspace(client, 'ops');
    let writing = true;
    let writes = 0;
    const writer = (async () => {
      while (writing) {
        await client.createPerson({ body: { fullName: `Written During Copy ${writes}`, notes: 'x'.repeat(2000) } });
        writes++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const copies: { file: string; people: number }[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        while (writes < (i + 1) * 40) await new Promise((r) => setTimeout(r, 5));
        const file = path.join(tmp, `copy-${i}.db`);
        const r = await runWith(['backup', '--sqlite-file', file], { loadConfig: () => config });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toMatch(/Copied the database \(\d+ KiB, \d+ people, integrity checked\)/);
        copies.push({ file, people: Number(/(\d+) people/.exec(r.stderr)?.[1]) });
      }
    } finally {
      writing = false;
      await writer;
    }
    // Each copy is a committed state: it opens, migrates (nothing to do) and serves its people.
    let previous = 0;
    for (const c of copies) {
      expect(c.people).toBeGreaterThanOrEqual(previous);
      previous = c.people;
      const copy = await openDb(`sqlite:${c.file}`);
      try {
        expect(await migrateToLatest(copy)).toEqual([]);
        const n = await copy.kysely
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst();
        expect(Number(n?.n)).toBe(c.people);
        const copyApp = await buildApp({ db: copy, logLevel: 'silent', webRoot: null });
        const copyClient = createClient(injectTransport(copyApp, { authorization: `Bearer ${token}` }));
        const listed = await copyClient.listPeople({ query: { limit: 5 } });
        expect(listed.items.length).toBeGreaterThan(0);
        await copyApp.close();
      } finally {
        await copy.close();
      }
    }
    await app.close();
    await db.close();
    // Refuses clearly where there is no SQLite file.
    const pgConfig = { ...config, databaseUrl: 'postgres://postgres@127.0.0.1:5432/test' };
    const refused = await runWith(['backup', '--sqlite-file', path.join(tmp, 'x.db')], { loadConfig: () => pgConfig });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/copies a local SQLite database file; this Tend uses PostgreSQL/);
    recordReliability({
      id: 'backup-online-sqlite',
      area: 'data safety',
      test: 'test/integration/backup-ops.test.ts: tend backup --sqlite-file while the database is being written',
      tried: `${copies.length} online copies during ${writes} writes (one person each) in ${Math.round((Date.now() - started) / 1000)} s`,
      result: `every copy passed integrity_check, opened, needed no migration and served its ${copies.map((c) => c.people).join(', ')} people`,
      ok: true,
    });
  }, 120_000);

  it('copies from an open connection too (the scheduled job does)', async () => {
    const db = await openDb(`sqlite:${path.join(tmp, 'own', 'tend.db')}`);
    await migrateToLatest(db);
    const copy = await copySqliteOnline(db.sqlite as NonNullable<typeof db.sqlite>, path.join(tmp, 'own-copy.db'));
    expect(copy.bytes).toBeGreaterThan(0);
    expect(fs.readdirSync(tmp).filter((f) => f.includes('.partial-'))).toEqual([]);
    await db.close();
  });
});

describe.each(DIALECTS)('scheduled backups on %s', (dialect) => {
  it('runs on schedule, keeps the newest N, and a scheduled backup restores as the same document', async () => {
    const started = Date.now();
    const t = await openWatchedApp(dialect);
    const dir = path.join(tmp, `scheduled-${dialect}`);
    let now = new Date('2026-03-01T02:00:00.000Z');
    const clock = { now: () => now };
    try {
      await fillWorkspace(t.client, 'sched');
      const scheduler = createJobScheduler({
        db: t.db,
        log: silentLog,
        clock,
        backup: { every: 'daily', keep: 3, dir },
      });
      // start() registers the jobs and runs what is due (the first backup); then a tick a day.
      await scheduler.start();
      for (let day = 1; day < 6; day++) {
        // Not due again within the day.
        now = new Date(now.getTime() + 3_600_000);
        expect(await scheduler.tick()).not.toContain('backup');
        now = new Date(now.getTime() + 23 * 3_600_000);
        expect(await scheduler.tick()).toContain('backup');
      }
      await scheduler.stop();
      const job = (await listJobRuns(t.db)).find((j) => j.name === 'backup');
      expect(job?.error ?? null).toBeNull();
      const runs = job?.runs ?? 0;
      expect(runs).toBe(6);
      const folders = fs.readdirSync(dir).sort();
      expect(folders).toEqual(['tend-20260304T020000Z', 'tend-20260305T020000Z', 'tend-20260306T020000Z']);
      const latest = path.join(dir, folders[folders.length - 1] as string);
      const mine = path.join(latest, `${t.owner.user.workspaceId}.json`);
      expect(fs.existsSync(mine)).toBe(true);

      // Restore the scheduled backup into an empty workspace: the same document comes back.
      const original = JSON.parse(await t.client.backup({})) as BackupDocument;
      const target = await t.createUser();
      const restored = await target.client.restore({
        query: { dryRun: 'false' },
        body: JSON.parse(fs.readFileSync(mine, 'utf8')),
      });
      expect(restored.counts).toEqual((await t.client.backupCounts({})).counts);
      const again = JSON.parse(await target.client.backup({})) as BackupDocument;
      expect(comparableBackup(again)).toEqual(comparableBackup(original));

      // A manual run beside a scheduled one in the same second gets its own folder.
      const a = await runBackup(t.db, { dir, keep: 10 }, now);
      const b = await runBackup(t.db, { dir, keep: 10 }, now);
      expect(a.folder).not.toBe(b.folder);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
      recordReliability({
        id: `backup-scheduled-${dialect}`,
        area: 'data safety',
        test: `test/integration/backup-ops.test.ts (${dialect}): scheduled backups, rotation, restore of a scheduled backup`,
        tried: `6 daily runs on a clock, keep 3, then restore of the newest into an empty workspace, in ${Math.round((Date.now() - started) / 1000)} s`,
        result: `${runs} runs on time, ${folders.length} folders kept (the newest), restore gave back the same document (${Object.values(restored.counts).reduce((x, y) => x + y, 0)} rows)`,
        ok: true,
      });
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe('tend backup → wipe → tend restore', () => {
  it('gives back the same workspace, row for row, through the CLI on a database file', async () => {
    const started = Date.now();
    const cfg = (dir: string) => ({
      ...loadConfig({ TEND_DATA_DIR: path.join(tmp, dir), TEND_BACKUP_EVERY: 'off' }),
      cliConfigDir: path.join(tmp, 'cfg-rt'),
    });
    const first = cfg('round-trip-a');
    const cli = (config: ReturnType<typeof cfg>, ...args: string[]) => runWith(args, { loadConfig: () => config });
    for (let i = 0; i < 3; i++) {
      const r = await cli(
        first,
        'people',
        'add',
        `Round Trip ${i}`,
        '--tag',
        'rt',
        '--note',
        `note ${i} "quoted", ünïcödé`,
      );
      expect(r.code, r.stderr).toBe(0);
    }
    const file = path.join(tmp, 'round-trip.json');
    expect((await cli(first, 'backup', '--out', file)).code).toBe(0);
    // Wipe: a fresh data directory, an empty database.
    const second = cfg('round-trip-b');
    const restored = await cli(second, 'restore', file);
    expect(restored.code, restored.stderr).toBe(0);
    const again = path.join(tmp, 'round-trip-again.json');
    expect((await cli(second, 'backup', '--out', again)).code).toBe(0);
    const a = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupDocument;
    const b = JSON.parse(fs.readFileSync(again, 'utf8')) as BackupDocument;
    expect(comparableBackup(b)).toEqual(comparableBackup(a));
    const rows = Object.values(a.tables).reduce((n, t) => n + (t as unknown[]).length, 0);
    expect(rows).toBeGreaterThan(3);
    recordReliability({
      id: 'backup-restore-round-trip-cli',
      area: 'data safety',
      test: 'test/integration/backup-ops.test.ts: tend backup → fresh data directory → tend restore → tend backup',
      tried: `a workspace of ${rows} rows through the CLI on SQLite files, in ${Math.round((Date.now() - started) / 1000)} s`,
      result: 'the second backup is the same document as the first (ids, values, settings)',
      ok: true,
    });
  }, 120_000);
});
