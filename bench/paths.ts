/*
 * Warm paths at scale: `npm run bench:paths [-- --size S|M|L] [--db sqlite|postgres|both] [--runs N]`.
 *
 * Builds (once, then reuses) a network of the size — L is 100,000 people,
 * 1,000,000 interactions and 10,000 organisations — plus its who-knows-whom
 * layer (bench/lib/graph-dataset.ts: ~3 connections per person and 5 % group
 * interactions), in the shared benchmark database (bench/lib/bench-db.ts), and times the warm-path search to random
 * organisations: the service (target resolution, subgraph load, search) and
 * GET /api/v1/paths through the whole Fastify stack. Target: p99 under 100 ms.
 */
import os from 'node:os';
import { DEFAULT_SECURITY } from '../src/config.js';
import { PathQuery } from '../src/contract/paths.js';
import { buildApp } from '../src/http/app.js';
import { createServices } from '../src/services/index.js';
import { benchArgs } from './lib/args.js';
import { benchOwner, DEFAULT_BENCH_POSTGRES, ensureGraph, openBenchDb } from './lib/bench-db.js';
import { SIZES, type Size } from './lib/dataset.js';
import { type Summary, summarise } from './lib/stats.js';

const USAGE = `npm run bench:paths -- [--size S|M|L] [--db sqlite|postgres|both] [--runs N] [--postgres ADMIN_URL] [--fresh]

Paths between people (who can introduce whom) over the shared dataset.
  --size      S, M or L (default L)
  --db        which databases (default both)
  --runs      queries per figure (default 200)
  --postgres  an admin URL for the shared PostgreSQL dataset
  --fresh     regenerate the dataset`;

const { values: args } = benchArgs(USAGE, {
  options: {
    size: { type: 'string', default: 'L' },
    db: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '200' },
    postgres: {
      type: 'string',
      default: DEFAULT_BENCH_POSTGRES,
    },
    fresh: { type: 'boolean', default: false },
  },
});
const size = args.size as Size;
if (!SIZES[size]) throw new Error('--size must be S, M or L');
const RUNS = Math.max(1, Number(args.runs));
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
  const log = (l: string) => console.log(`  ${l}`);
  const bench = await openBenchDb({
    dialect: dialect as 'sqlite' | 'postgres',
    size,
    postgres: args.postgres,
    fresh: args.fresh,
    log,
  });
  await ensureGraph(bench, log);
  const { db, workspaceId } = bench;
  const { token } = await benchOwner(db, 'read');
  const count = () =>
    db.kysely
      .selectFrom('people')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('workspaceId', '=', workspaceId)
      .executeTakeFirstOrThrow();
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
  const app = await buildApp({ db, logLevel: 'silent', webRoot: null, security });
  const s = await timeIt(async (i) => {
    const res = await app.inject({
      method: 'GET',
      headers: { authorization: `Bearer ${token}` },
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
