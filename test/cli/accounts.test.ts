import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, DEFAULT_SECURITY } from '../../src/config.js';
import type { ApiTokenCreated } from '../../src/contract/accounts.js';
import { connect } from '../../src/cli/context.js';
import type { CliDeps } from '../../src/cli/program.js';
import { buildApp } from '../../src/http/app.js';
import { migrateToLatest, openDb } from '../../src/storage/db.js';
import { runWith } from './harness.js';

/*
 * The account commands end to end on a SQLite file, as an operator would run
 * them: create the owner from stdin, mint a token for them, use the local
 * database without a token, and sign in to a real server over HTTP.
 */

describe('account commands', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-cli-accounts-'));
  const config: Config = {
    dataDir: dir,
    databaseUrl: `sqlite:${path.join(dir, 'tend.db')}`,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    serverUrl: undefined,
    token: undefined,
    security: DEFAULT_SECURITY,
    cliConfigDir: path.join(dir, 'config'),
  };
  const deps = (stdin = ''): Omit<CliDeps, 'stdout' | 'stderr'> => ({
    loadConfig: () => config,
    connect,
    stdin: { isTTY: false, read: async () => stdin, secret: async () => '', line: async () => '' },
  });
  const tend = (args: string[], stdin?: string) => runWith(args, deps(stdin));
  const PASSWORD = 'a long and unusual passphrase';

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('works locally without any account, then creates the owner, who keeps the data', async () => {
    const add = await tend(['people', 'add', 'Before Accounts', '--json']);
    expect(add.code, add.stderr).toBe(0);
    const weak = await tend(['user', 'create', '--email', 'ana@example.com', '--password-stdin', '--owner'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/^tend: .*--password: must have at least 10 characters/);
    const created = await tend(
      ['user', 'create', '--email', 'ana@example.com', '--password-stdin', '--owner', '--json'],
      `${PASSWORD}\n`,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'ana@example.com', isOwner: true });
    // Local mode acts as the owner, with no token, on the same network.
    const list = await tend(['people', 'list', '--json']);
    expect(JSON.parse(list.stdout).map((p: { fullName: string }) => p.fullName)).toEqual(['Before Accounts']);
    const dup = await tend(['user', 'create', '--email', 'ana@example.com', '--password-stdin'], `${PASSWORD}\n`);
    expect(dup.stderr).toMatch(/already has an account/);
  });

  it('mints a token for a user on the database and prints it once', async () => {
    const r = await tend(['token', 'create', '--user', 'ana@example.com', '--scope', 'read', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout) as ApiTokenCreated;
    expect(t.token).toMatch(/^tend_/);
    expect(t.scope).toBe('read');
    const listed = await tend(['token', 'list']);
    expect(listed.stdout).toContain(t.prefix);
    expect(listed.stdout).not.toContain(t.token);
    const unknown = await tend(['token', 'create', '--user', 'nobody@example.com']);
    expect(unknown.stderr).toMatch(/No account has the email nobody@example.com/);
  });

  it('resets a password from the operator side and lists users', async () => {
    const r = await tend(
      ['user', 'set-password', '--email', 'ana@example.com', '--password-stdin'],
      'another fine passphrase',
    );
    expect(r.code, r.stderr).toBe(0);
    const users = JSON.parse((await tend(['user', 'list', '--json'])).stdout);
    expect(users).toHaveLength(1);
    expect(users[0]).not.toHaveProperty('passwordHash');
  });

  describe('against a server', () => {
    let url: string;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const db = await openDb(config.databaseUrl);
      await migrateToLatest(db);
      const app = await buildApp({ db, logLevel: 'silent', webRoot: null });
      url = await app.listen({ port: 0, host: '127.0.0.1' });
      close = async () => {
        await app.close();
        await db.close();
      };
    });
    afterAll(() => close());

    it('refuses without a token, signs in, keeps the token private, and signs out', async () => {
      const before = await tend(['--server', url, 'people', 'list']);
      expect(before.code).toBe(1);
      expect(before.stderr).toMatch(/needs you signed in .* tend login --server/);

      const wrong = await tend(
        ['--server', url, 'login', '--email', 'ana@example.com', '--password-stdin'],
        'nope nope nope',
      );
      expect(wrong.stderr).toMatch(/email or the password is wrong/);
      const ok = await tend(
        ['--server', url, 'login', '--email', 'ana@example.com', '--password-stdin'],
        'another fine passphrase\n',
      );
      expect(ok.code, ok.stderr).toBe(0);
      const file = path.join(config.cliConfigDir, 'config.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
        server: url,
        token: expect.stringMatching(/^tend_/),
      });

      // The saved server is now the default.
      const list = await tend(['people', 'list', '--json']);
      expect(list.code, list.stderr).toBe(0);
      expect(JSON.parse(list.stdout)).toHaveLength(1);
      const show = await tend(['config', 'show']);
      expect(show.stdout).not.toContain(JSON.parse(fs.readFileSync(file, 'utf8')).token);

      const out = await tend(['logout']);
      expect(out.stdout).toMatch(/revoked the token/);
      expect((await tend(['--server', url, 'people', 'list'])).code).toBe(1);
    });
  });
});
