/*
 * The insight endpoints at scale: `npm run bench:insights -- [--size S|M|L] [--db sqlite|postgres|both]`.
 *
 * For each database it prepares a generated network (bench/lib/dataset.ts;
 * kept between runs in bench/.data/tend_bench_insights_<size>.db or in a
 * `tend_bench_insights_<size>` PostgreSQL database), adds strength snapshots
 * for the current week and 13 and 26 weeks back (what half a year of the weekly
 * refresh job would have written), and times every insight endpoint through
 * the whole Fastify stack (app.inject, with an API token) for each window of
 * the page's range selector. It prints p50/p99 per endpoint; nothing asserts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_SECURITY } from '../src/config.js';
import { addDays, startOfWeek } from '../src/domain/dates.js';
import { buildApp } from '../src/http/app.js';
import { createServices } from '../src/services/index.js';
import { type Db, migrateToLatest, openDb } from '../src/storage/db.js';
import { writeStrengthSnapshot } from '../src/storage/repos/insights.repo.js';
import { generateNetwork, SIZES, type Size } from './lib/dataset.js';
import { timeIt } from './lib/stats.js';

const root = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    db: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '50' },
    months: { type: 'string', default: '3,12' },
    postgres: {
      type: 'string',
      default: process.env.TEND_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    fresh: { type: 'boolean', default: false },
  },
});
const size = args.size.toUpperCase() as Size;
const shape = SIZES[size];
if (!shape) throw new Error(`--size must be S, M or L, not ${args.size}`);
const runs = Math.max(1, Number(args.runs));
const windows = args.months.split(',').map(Number);
const log = (line: string) => process.stderr.write(`${line}\n`);

const ENDPOINTS = ['growth', 'weekly', 'channels', 'strength', 'cooling', 'give-ask', 'opportunities'];

async function prepare(dialect: 'sqlite' | 'postgres'): Promise<Db> {
  const name = `tend_bench_insights_${size.toLowerCase()}`;
  let url: string;
  if (dialect === 'sqlite') {
    const dir = path.join(root, 'bench/.data');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.db`);
    if (args.fresh) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    url = `sqlite:${file}`;
  } else {
    const admin = new pg.Client({ connectionString: args.postgres });
    await admin.connect();
    if (args.fresh) await admin.query(`drop database if exists ${name} with (force)`);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(args.postgres);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const db = await openDb(url);
  await migrateToLatest(db);
  return db;
}

async function owner(db: Db) {
  const services = createServices(db);
  let user = await db.kysely.selectFrom('users').selectAll().where('isOwner', '=', 1).executeTakeFirst();
  if (!user) {
    user = await services.accounts.createUser({
      email: 'bench-owner@example.test',
      password: 'a long bench password 1',
      isOwner: true,
    });
  }
  const { token } = await services.tokens.create(user, { name: 'bench', scope: 'read' });
  return { workspaceId: user.workspaceId, token };
}

async function ensureData(db: Db, workspaceId: string) {
  const n = await db.kysely
    .selectFrom('people')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirstOrThrow();
  if (Number(n.n) >= shape.people) {
    log(`reusing ${n.n} people already in the database`);
    return;
  }
  if (Number(n.n) > 0) throw new Error('the benchmark database holds a partial network: run again with --fresh');
  log(`generating size ${size}: ${shape.people} people, ${shape.interactions} interactions…`);
  await generateNetwork(db, workspaceId, shape, { log });
  const week = startOfWeek(new Date().toISOString().slice(0, 10), 1);
  for (const back of [26, 13, 0]) {
    const t = performance.now();
    const written = await writeStrengthSnapshot(db.kysely, workspaceId, addDays(week, -7 * back));
    log(`strength snapshot ${back} weeks back: ${written} rows in ${(performance.now() - t).toFixed(0)} ms`);
  }
  await sql`analyze`.execute(db.kysely);
}

async function measure(dialect: 'sqlite' | 'postgres') {
  const db = await prepare(dialect);
  const { workspaceId, token } = await owner(db);
  await ensureData(db, workspaceId);
  const security = { ...DEFAULT_SECURITY, apiPerMinute: 1_000_000_000 };
  const app = await buildApp({ db, logLevel: 'silent', webRoot: null, security });
  const headers = { authorization: `Bearer ${token}` };
  const out: string[] = [];
  for (const months of windows) {
    for (const name of ENDPOINTS) {
      const url = `/api/v1/insights/${name}?months=${months}`;
      const first = await app.inject({ method: 'GET', url, headers });
      if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}: ${first.body}`);
      const s = await timeIt(
        async () => {
          await app.inject({ method: 'GET', url, headers });
        },
        runs,
        5,
      );
      const line = `${dialect.padEnd(8)} ${size}  months=${String(months).padEnd(3)} ${name.padEnd(14)} p50 ${s.p50.toFixed(1).padStart(7)} ms   p99 ${s.p99.toFixed(1).padStart(7)} ms   (${s.runs} runs, ${first.body.length} B)`;
      console.log(line);
      out.push(line);
    }
  }
  await app.close();
  await db.close();
  return out;
}

console.log(
  `Tend insights benchmark, size ${size} (${shape.people} people, ${shape.interactions} interactions) · node ${process.version} · ${os.cpus()[0]?.model ?? ''} ×${os.cpus().length}`,
);
const dialects = args.db === 'both' ? (['sqlite', 'postgres'] as const) : [args.db as 'sqlite' | 'postgres'];
for (const d of dialects) await measure(d);
