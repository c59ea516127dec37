import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * bin/tend.js runs the bundle of the CLI (vite.server.config.ts), not the modules the other
 * tests load through tsx. When it has been built (`npm run build:server`; `npm ci` builds it),
 * it must do what the source does: help, a local command, and a server whose lazily loaded
 * chunks (the OpenAPI document, the import pipeline) resolve.
 */

const root = path.resolve(import.meta.dirname, '../..');
const built = fs.existsSync(path.join(root, 'dist/bundle/tend.cjs'));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-bundle-'));

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, TEND_DATA_DIR: dataDir, NO_COLOR: '1', TEND_JOBS: 'off' };
  delete e.TEND_DATABASE_URL;
  delete e.TEND_SERVER;
  delete e.TEND_LOG_LEVEL;
  return e;
}

function tend(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/tend.js', ...args],
      { cwd: root, env: env(), timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(!built)('the built tend executable', { timeout: 120_000 }, () => {
  it('prints help and runs a local command', async () => {
    const help = await tend('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tend [options] [command]');
    const added = await tend('people', 'add', 'Ana Ruiz', '--json');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout).fullName).toBe('Ana Ruiz');
  });

  it('serves the API, with the chunks it loads at first use', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/tend.js', 'serve', '--port', String(port)], {
      cwd: root,
      env: env(),
      stdio: 'ignore',
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        const ok = await fetch(`${url}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (i > 1000 || child.exitCode !== null) throw new Error('the server did not answer');
        await new Promise((r) => setTimeout(r, 50));
      }
      const openapi = await fetch(`${url}/api/openapi.json`);
      expect(openapi.status).toBe(200);
      expect(((await openapi.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
