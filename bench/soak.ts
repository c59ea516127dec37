/*
 * A bounded soak over loopback: `npm run soak -- [--minutes 3] [--connections 32] [--db sqlite|postgres|both]`.
 *
 * Starts the built server (`node bin/tend.js serve`; falls back to the source
 * through tsx when `dist/` is missing) on a fresh database, seeds people, then
 * runs mixed reads, searches and writes from many keep-alive clients for the
 * given minutes (see bench/lib/soak.ts for the mix). Prints requests, errors,
 * p50/p99 per kind, and the server's RSS at start, after warm-up, at the end
 * and its maximum, against the stated bounds:
 *
 *   errors = 0, and RSS growth after warm-up < RSS_BOUND_MB.
 *
 * Exits 1 if a bound is broken. Results go to bench/results/soak-<db>.json.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { benchArgs } from './lib/args.js';
import { describeSoak, RSS_BOUND_MB, runSoak, type SoakResult, seedForSoak } from './lib/soak.js';

const root = path.resolve(import.meta.dirname, '..');
const USAGE = `npm run soak -- [--minutes 3] [--connections 32] [--db sqlite|postgres|both] [--seed 2000]
  [--port N] [--postgres ADMIN_URL]

  Mixed reads, searches and writes against the built server for --minutes, with
  --connections keep-alive clients, on a fresh database seeded with --seed people.
  Bounds: 0 errors, RSS growth after the first fifth of the run (warm-up) < ${RSS_BOUND_MB} MB.
`;

const { values: args } = benchArgs(USAGE, {
  options: {
    minutes: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    db: { type: 'string', default: 'both' },
    seed: { type: 'string', default: '2000' },
    port: { type: 'string', default: process.env.TEND_SOAK_PORT ?? '0' },
    postgres: {
      type: 'string',
      default: process.env.TEND_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

const built = fs.existsSync(path.join(root, 'dist/bundle/tend.cjs'));

async function startServer(databaseUrl: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = Number(args.port) || (await freePort());
  const cmd = built
    ? ['bin/tend.js', 'serve', '--port', String(port)]
    : ['--import', 'tsx', 'src/cli/index.ts', 'serve', '--port', String(port)];
  const child = spawn(process.execPath, cmd, {
    cwd: root,
    env: {
      ...process.env,
      TEND_DATABASE_URL: databaseUrl,
      TEND_DATA_DIR: dataDir,
      TEND_LOG_LEVEL: 'warn',
      TEND_RATE_LIMIT_API: '1000000000',
      TEND_JOBS: 'on',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url };
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('server did not start within 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function owner(url: string): Promise<string> {
  const setup = await fetch(`${url}/api/v1/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'soak@example.com', password: 'correct horse battery staple' }),
  });
  const pairs = setup.headers.getSetCookie().map((c) => c.split(';')[0] as string);
  const csrf = decodeURIComponent(pairs.find((p) => p.startsWith('tend_csrf='))?.slice(10) ?? '');
  const made = await fetch(`${url}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: pairs.join('; '), 'x-csrf-token': csrf },
    body: JSON.stringify({ name: 'soak' }),
  });
  if (made.status !== 201) throw new Error(`token: ${made.status} ${await made.text()}`);
  return ((await made.json()) as { token: string }).token;
}

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: args.postgres });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

async function soakOn(dialect: 'sqlite' | 'postgres'): Promise<SoakResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-soak-'));
  let databaseUrl = `sqlite:${path.join(dataDir, 'tend.db')}`;
  const pgName = `tend_soak_${randomBytes(4).toString('hex')}`;
  if (dialect === 'postgres') {
    await admin(`create database "${pgName}"`);
    const u = new URL(args.postgres);
    u.pathname = `/${pgName}`;
    databaseUrl = u.toString();
  }
  const { child, url } = await startServer(databaseUrl, dataDir);
  try {
    const token = await owner(url);
    const seeded = await seedForSoak(url, token, Number(args.seed));
    const seconds = Number(args.minutes) * 60;
    process.stdout.write(
      `${dialect}: ${built ? 'built server' : 'server from source (tsx; run npm run build for the built one)'}, ${seeded.length} people seeded, ${args.connections} connections for ${seconds} s\n`,
    );
    return await runSoak(
      {
        url,
        token,
        pid: child.pid as number,
        seconds,
        connections: Number(args.connections),
        warmupSeconds: Math.max(10, seconds / 5),
        seedPeople: seeded.length,
        log: (line) => process.stdout.write(`${line}\n`),
      },
      seeded,
    );
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dialect === 'postgres') await admin(`drop database if exists "${pgName}"`).catch(() => {});
  }
}

const dialects = args.db === 'both' ? (['sqlite', 'postgres'] as const) : [args.db as 'sqlite' | 'postgres'];
let failed = false;
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
for (const dialect of dialects) {
  const r = await soakOn(dialect);
  const { tried, result } = describeSoak(r);
  const withinBound = r.errors === 0 && r.rss.growthAfterWarmup < RSS_BOUND_MB;
  failed ||= !withinBound;
  process.stdout.write(`\n${dialect}: ${tried}\n  ${result}\n`);
  for (const [kind, k] of Object.entries(r.byKind)) {
    process.stdout.write(`  ${kind.padEnd(7)} ${String(k.n).padStart(8)} requests  p50 ${k.p50} ms  p99 ${k.p99} ms\n`);
  }
  if (r.errorSamples.length) process.stdout.write(`  errors: ${r.errorSamples.join('\n          ')}\n`);
  process.stdout.write(
    `  bounds: errors 0 (${r.errors}), RSS growth after warm-up < ${RSS_BOUND_MB} MB (${r.rss.growthAfterWarmup}): ${withinBound ? 'PASS' : 'FAIL'}\n\n`,
  );
  fs.writeFileSync(
    path.join(root, `bench/results/soak-${dialect}.json`),
    `${JSON.stringify({ ...r, dialect, built, boundMb: RSS_BOUND_MB, at: new Date().toISOString() }, null, 2)}\n`,
  );
}
process.exit(failed ? 1 : 0);
