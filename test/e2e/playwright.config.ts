import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/*
 * End-to-end tests drive Debian's Chromium (never a downloaded browser)
 * against the built app, served by `tend serve` on a fresh SQLite database.
 */
const port = Number(process.env.TEND_E2E_PORT ?? 4173);
const dataDir = path.join(os.tmpdir(), `tend-e2e-${process.pid}`);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.TEND_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `rm -rf ${dataDir} && node bin/tend.js serve`,
    cwd: path.resolve(import.meta.dirname, '../..'),
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: {
      TEND_PORT: String(port),
      TEND_HOST: '127.0.0.1',
      TEND_DATA_DIR: dataDir,
      TEND_LOG_LEVEL: 'warn',
      // Every browser test signs in from 127.0.0.1 within a minute or two: the per-address
      // sign-in limit (tested in test/integration/brute-force.test.ts) would refuse the later ones.
      TEND_RATE_LIMIT_LOGIN: '1000',
    },
  },
});
