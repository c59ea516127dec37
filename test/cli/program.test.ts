import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFlags, redactUrl } from '../../src/cli/context.js';
import { loadConfig } from '../../src/config.js';
import { openDb, SQLITE_CACHE_KIB } from '../../src/storage/db.js';
import { runWith, testConfig } from './harness.js';

/* The program around the commands: version, help, usage errors, configuration. No database but an in-memory SQLite for the cache setting. */

const deps = { loadConfig: () => testConfig };

/** A port nothing listens on: taken from the OS, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('tend program', () => {
  it('prints the version and exits 0', async () => {
    const r = await runWith(['--version'], deps);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    ['people', 'add', '--help'],
    ['people', 'list', '--help'],
    ['people', 'show', '--help'],
    ['log', '--help'],
    ['demo', '--help'],
    ['serve', '--help'],
    ['migrate', '--help'],
    ['today', '--help'],
    ['followup', 'add', '--help'],
    ['followup', 'list', '--help'],
    ['followup', 'done', '--help'],
    ['followup', 'snooze', '--help'],
    ['achievement', 'add', '--help'],
    ['snooze', '--help'],
  ])('has help with examples: %s %s %s', async (...args) => {
    const r = await runWith(args, deps);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--json');
    expect(r.stdout).toContain('--server <url>');
  });

  it('turns usage errors into one line with a pointer to help, exit 2', async () => {
    const r = await runWith(['people', 'add', 'X', '--emial', 'x@example.com'], deps);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("tend: unknown option '--emial' (Did you mean --email?) — see: tend people add --help\n");
    const missing = await runWith(['people', 'show'], deps);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("tend: missing required argument 'person' — see: tend people show --help\n");
    const badServer = await runWith(['--server', 'localhost:4000', 'people', 'list'], deps);
    expect(badServer.code).toBe(2);
    expect(badServer.stderr).toContain('http://');
    const badLimit = await runWith(['people', 'list', '--limit', 'all'], deps);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toBe(
      "tend: option '--limit <n>' argument 'all' is invalid. Give a whole number from 1 to 10000 — see: tend people list --help\n",
    );
  });

  it('reports a broken environment as one line, exit 1', async () => {
    const r = await runWith(['people', 'list'], { loadConfig: () => loadConfig({ TEND_PORT: 'lots' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tend: Invalid TEND_PORT: [^\n]+ — fix that environment variable[^\n]*\n$/);
  });

  it('explains an unreachable server instead of a stack trace', async () => {
    const port = await freePort();
    const r = await runWith(['--server', `http://127.0.0.1:${port}`, 'people', 'list'], deps);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `tend: Cannot reach the Tend server at http://127.0.0.1:${port} (ECONNREFUSED) — is it running? Start one with: tend serve\n`,
    );
  });

  it('explains a database it cannot open', async () => {
    const r = await runWith(['--database', 'postgres://nobody:secret@127.0.0.1:9/none', 'people', 'list'], deps);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^tend: Cannot use the database postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:9\/none: [^\n]+\n$/,
    );
  });

  it('puts flags over the environment', () => {
    const base = loadConfig({ TEND_DATA_DIR: '/srv/tend' });
    const moved = applyFlags(base, { dataDir: '/tmp/other' });
    expect(moved.databaseUrl).toBe(`sqlite:${path.join('/tmp/other', 'tend.db')}`);
    const explicit = loadConfig({ TEND_DATABASE_URL: 'postgres://db/tend', TEND_DATA_DIR: os.tmpdir() });
    expect(applyFlags(explicit, { dataDir: '/tmp/other' }).databaseUrl).toBe('postgres://db/tend');
    expect(applyFlags(base, { database: 'sqlite:/x.db', server: 'http://h:1' })).toMatchObject({
      databaseUrl: 'sqlite:/x.db',
      serverUrl: 'http://h:1',
    });
    expect(redactUrl('postgres://tend:hunter2@db:5432/tend')).toBe('postgres://tend:***@db:5432/tend');
  });

  it("sizes SQLite's page cache from TEND_SQLITE_CACHE_MB, and says what is wrong with a bad value", async () => {
    expect((loadConfig({}).sqliteCacheMb ?? 0) * 1024).toBe(SQLITE_CACHE_KIB);
    expect(loadConfig({ TEND_SQLITE_CACHE_MB: '4' }).sqliteCacheMb).toBe(4);
    expect(() => loadConfig({ TEND_SQLITE_CACHE_MB: 'lots' })).toThrow(/Invalid TEND_SQLITE_CACHE_MB/);
    expect(() => loadConfig({ TEND_SQLITE_CACHE_MB: '0' })).toThrow(/Invalid TEND_SQLITE_CACHE_MB/);
    const sized = await openDb('sqlite::memory:', { sqliteCacheKib: 4 * 1024 });
    const byDefault = await openDb('sqlite::memory:');
    try {
      expect(sized.sqlite?.pragma('cache_size', { simple: true })).toBe(-4096);
      expect(byDefault.sqlite?.pragma('cache_size', { simple: true })).toBe(-SQLITE_CACHE_KIB);
    } finally {
      await sized.close();
      await byDefault.close();
    }
  });
});
