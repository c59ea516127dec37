/*
 * The network map at scale.
 *
 *   npm run bench:map -- [--size S|M|L] [--runs 100] [--no-browser] [--fresh]
 *
 * 1. GET /api/v1/network/graph through the whole Fastify stack (app.inject,
 *    owner's API token) on SQLite: the default 5,000 strongest people, a tag
 *    filter, and the 20,000 maximum; p50/p99 per query.
 * 2. In Chromium (Debian's, via Playwright) against `tend serve` on the same
 *    database: time until the 5,000-node map is drawn, how long ForceAtlas2
 *    ran in its worker, and requestAnimationFrame deltas while panning and
 *    zooming (p50/p95 frame ms). Headless Chromium renders WebGL in software
 *    (SwiftShader), so these frame times are an upper bound of a laptop's.
 *
 * Data: the shared SQLite benchmark database of the size (bench/lib/bench-db.ts:
 * the generator of bench/lib/dataset.ts plus who-knows-whom from
 * bench/lib/graph-dataset.ts), made on first use and reused (--fresh remakes it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SECURITY } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import type { Db } from '../src/storage/db.js';
import { benchArgs } from './lib/args.js';
import { BENCH_LOGIN, BENCH_ROOT, benchOwner, ensureGraph, openBenchDb } from './lib/bench-db.js';
import { SIZES, type Size } from './lib/dataset.js';
import { startTend } from './lib/proc.js';
import { type Summary, summarise } from './lib/stats.js';

const USAGE = `npm run bench:map -- [--size S|M|L] [--runs N] [--no-browser] [--fresh]

The network map on SQLite: the graph endpoint, and drawing it in Chromium.
  --size        S, M or L (default S)
  --runs        calls per figure (default 100)
  --no-browser  leave out the browser figures
  --fresh       regenerate the dataset`;

const { values: args } = benchArgs(USAGE, {
  options: {
    size: { type: 'string', default: 'S' },
    runs: { type: 'string', default: '100' },
    'no-browser': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
  },
});
const size = (args.size ?? 'S').toUpperCase() as Size;
if (!SIZES[size]) throw new Error(`--size must be S, M or L, not ${args.size}`);
const RUNS = Math.max(1, Number(args.runs));

const f = (n: number) => n.toFixed(1).padStart(7);
function line(label: string, s: Summary, unit = 'ms') {
  console.log(
    `${label.padEnd(44)} p50 ${f(s.p50)} ${unit}  p95 ${f(s.p95)} ${unit}  p99 ${f(s.p99)} ${unit}  (${s.runs})`,
  );
}

async function prepare(): Promise<{ db: Db; url: string; workspaceId: string; token: string }> {
  const log = (l: string) => console.log(`  ${l}`);
  const bench = await openBenchDb({ dialect: 'sqlite', size, fresh: args.fresh, log });
  await ensureGraph(bench, log);
  const { token } = await benchOwner(bench.db, 'read');
  return { db: bench.db, url: bench.url, workspaceId: bench.workspaceId, token };
}

async function api(db: Db, token: string) {
  const security = { ...DEFAULT_SECURITY, apiPerMinute: 1_000_000_000 };
  const app = await buildApp({ db, logLevel: 'silent', webRoot: null, security });
  const headers = { authorization: `Bearer ${token}` };
  for (const [label, url] of [
    // A baseline on the same stack and data: one page of the people list.
    ['baseline: GET /people?limit=500', '/api/v1/people?limit=500&sort=-strength'],
    ['GET /network/graph (5,000 strongest)', '/api/v1/network/graph'],
    ['GET /network/graph?tag=founder', '/api/v1/network/graph?tag=founder'],
    ['GET /network/graph?minStrength=20', '/api/v1/network/graph?minStrength=20'],
    ['GET /network/graph?limit=20000', '/api/v1/network/graph?limit=20000'],
  ] as const) {
    const first = await app.inject({ method: 'GET', url, headers });
    if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}: ${first.body.slice(0, 200)}`);
    const g = first.json() as { people?: unknown[]; items?: unknown[]; edges?: unknown[]; truncated?: boolean };
    const runs = url.includes('20000') ? Math.max(5, Math.round(RUNS / 5)) : RUNS;
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url, headers });
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await app.inject({ method: 'GET', url, headers });
      ms.push(performance.now() - t);
    }
    line(label, summarise(ms));
    console.log(
      `${''.padEnd(44)} ${(g.people ?? g.items ?? []).length.toLocaleString()} people, ${(g.edges ?? []).length.toLocaleString()} edges, ${(first.body.length / 1024).toFixed(0)} KiB${g.truncated ? ', truncated' : ''}`,
    );
  }
  await app.close();
}

async function browser(url: string) {
  if (!fs.existsSync(path.join(BENCH_ROOT, 'dist/web/index.html'))) {
    console.log('browser: skipped, run `npm run build` first');
    return;
  }
  const { chromium } = await import('@playwright/test');
  const server = await startTend(url);
  const b = await chromium.launch({
    executablePath: process.env.TEND_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless'],
  });
  try {
    const page = await b.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(BENCH_LOGIN.email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(BENCH_LOGIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const t0 = Date.now();
    await page.goto(`${server.url}/map`);
    const map = page.getByTestId('network-map');
    await map.locator('canvas').first().waitFor();
    const drawn = Date.now() - t0;
    const people = await map.getAttribute('data-people');
    await page.waitForSelector('[data-testid="network-map"][data-layout="done"]', { timeout: 60_000 });
    const settled = Date.now() - t0;
    console.log(`map of ${people} people: drawn ${drawn} ms after navigation, layout settled after ${settled} ms`);

    // Frame times while panning and zooming.
    // A string, so this file needs no DOM types: it runs in the page.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__stop = false;
      let last = performance.now();
      const tick = (t) => {
        window.__frames.push(t - last);
        last = t;
        if (!window.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const box = await map.boundingBox();
    if (!box) throw new Error('no map box');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    for (let round = 0; round < 4; round++) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 0; i < 30; i++) await page.mouse.move(cx + Math.sin(i / 5) * 200, cy + Math.cos(i / 5) * 120);
      await page.mouse.up();
      for (let i = 0; i < 6; i++) {
        await page.mouse.wheel(0, round % 2 ? 240 : -240);
        await page.waitForTimeout(60);
      }
    }
    const frames = (await page.evaluate(
      '(() => { window.__stop = true; return window.__frames.slice(2); })()',
    )) as number[];
    line(`frames while panning and zooming (${people} people)`, summarise(frames));
  } finally {
    await b.close();
    await server.stop();
  }
}

async function main() {
  console.log(
    `Tend map benchmark, size ${size} · node ${process.version} · ${os.cpus()[0]?.model ?? ''} ×${os.cpus().length} · load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const { db, url, token } = await prepare();
  await api(db, token);
  await db.close();
  if (!args['no-browser']) await browser(url);
}

await main();
