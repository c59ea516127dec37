/*
 * Warm paths at scale: `npm run bench:paths [-- --size S|M|L] [--db sqlite|postgres|both] [--runs N]`.
 *
 * Builds (once, then reuses) a network of the size — L is 100,000 people,
 * 1,000,000 interactions and 10,000 organisations — plus its who-knows-whom
 * layer (bench/lib/graph-dataset.ts: ~3 connections per person and 5 % group
 * interactions), in bench/.data/tend_bench_paths_<size>.db or the PostgreSQL
 * database tend_bench_paths_<size>, and times the warm-path search to random
 * organisations: the service (target resolution, subgraph load, search) and
 * GET /api/v1/paths through the whole Fastify stack. Target: p99 under 100 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_SECURITY } from '../src/config.js';
import { PathQuery } from '../src/contract/paths.js';
import { buildApp } from '../src/http/app.js';
import { createServices } from '../src/services/index.js';
import { ensureLocalWorkspace } from '../src/services/workspaces.service.js';
import { type Db, migrateToLatest, openDb } from '../src/storage/db.js';
import { generateNetwork, SIZES, type Size } from './lib/dataset.js';
import { generateGraph } from './lib/graph-dataset.js';
import { type Summary, summarise } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'L' },
    db: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '200' },
    postgres: {
      type: 'string',
      default: process.env.TEND_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    fresh: { type: 'boolean', default: false },
  },
});
const size = args.size as Size;
if (!SIZES[size]) throw new Error('--size must be S, M or L');
const RUNS = Math.max(1, Number(args.runs));
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = `tend_bench_paths_${size.toLowerCase()}`;

async function open(dialect: string): Promise<Db> {
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

type Timed = Summary & { cpu: Summary };

/**
 * Wall time and this process's CPU time per call. On a busy machine wall time
 * mostly measures waiting for a core; with SQLite (in process) CPU time is the
 * cost of the search itself. With PostgreSQL the server's work is not in it.
 */
async function timeIt(fn: (i: number) => Promise<unknown>, runs: number, warmup = 10): Promise<Timed> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn(i);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { ...summarise(wall), cpu: summarise(cpu) };
}

function line(label: string, s: Timed) {
  const f = (n: number) => n.toFixed(2).padStart(7);
  console.log(
    `${label.padEnd(44)} p50 ${f(s.p50)} ms   p99 ${f(s.p99)} ms   max ${f(s.max)} ms   cpu p50 ${f(s.cpu.p50)} p99 ${f(s.cpu.p99)} ms   (${s.runs} runs) ${s.p99 < 100 ? 'ok' : 'OVER 100 ms'}`,
  );
}

async function run(dialect: string) {
  const db = await open(dialect);
  const workspaceId = await ensureLocalWorkspace(db);
  const count = () =>
    db.kysely
      .selectFrom('people')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('workspaceId', '=', workspaceId)
      .executeTakeFirstOrThrow();
  if (Number((await count()).n) === 0) {
    const log = (l: string) => console.log(`  ${l}`);
    await generateNetwork(db, workspaceId, SIZES[size], { log });
    const g = await generateGraph(db, workspaceId, undefined, { log });
    log(`${g.connections} connections, ${g.groupInteractions} pairs met in group interactions`);
    await sql`analyze`.execute(db.kysely);
    if (db.dialect === 'sqlite') await sql`pragma wal_checkpoint(truncate)`.execute(db.kysely);
  }
  const n = await count();
  const services = createServices(db);
  const actor = { workspaceId, userId: null };
  // Organisations that have people, sampled evenly.
  const orgs = await db.kysely
    .selectFrom('organisations as o')
    .select('o.name')
    .where('o.workspaceId', '=', workspaceId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('people as p')
          .select('p.id')
          .whereRef('p.workspaceId', '=', 'o.workspaceId')
          .whereRef('p.organisationId', '=', 'o.id'),
      ),
    )
    .orderBy('o.sortName')
    .execute();
  const pick = (i: number) => (orgs[(i * 7919) % orgs.length] as { name: string }).name;
  const stats = await db.kysely
    .selectFrom('connections')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirstOrThrow();
  console.log(`${dialect}: ${n.n} people, ${stats.n} connections, ${orgs.length} organisations with people`);

  const sample = await services.paths.find(actor, PathQuery.parse({ to: `org:${pick(1)}` }));
  console.log(`  e.g. ${sample.target.label}: ${sample.target.matchedPeople} people, ${sample.paths.length} paths`);
  if (sample.paths[0]) console.log(`  "${sample.paths[0].explanation}" (score ${sample.paths[0].score})`);
  let found = 0;
  for (const hops of [3, 4] as const) {
    const s = await timeIt(async (i) => {
      const r = await services.paths.find(actor, PathQuery.parse({ to: `org:${pick(i)}`, maxHops: hops }));
      if (r.paths.length > 0) found++;
    }, RUNS);
    line(`  service, org target, k=3, maxHops=${hops}`, s);
  }
  console.log(`  ${found} of ${RUNS * 2 + 20} searches found at least one path`);

  const security = { ...DEFAULT_SECURITY, apiPerMinute: 1_000_000_000 };
  const app = await buildApp({ db, logLevel: 'silent', webRoot: null, security, localOwner: true });
  const s = await timeIt(async (i) => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/paths?to=${encodeURIComponent(`org:${pick(i)}`)}`,
    });
    if (res.statusCode !== 200) throw new Error(`GET /api/v1/paths answered ${res.statusCode}: ${res.body}`);
  }, RUNS);
  line('  GET /api/v1/paths (whole stack), org target', s);
  for (const to of ['role:engineer', 'topic:fintech']) {
    const r = await timeIt(
      () => services.paths.find(actor, PathQuery.parse({ to })),
      Math.max(5, Math.floor(RUNS / 10)),
      2,
    );
    line(`  service, ${to} (broad)`, r);
  }
  await app.close();
  await db.close();
}

console.log(
  `Tend warm-paths benchmark, size ${size} · node ${process.version} · ${os.cpus()[0]?.model ?? ''} ×${os.cpus().length} · load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const d of args.db === 'both' ? ['sqlite', 'postgres'] : [args.db as string]) await run(d);
