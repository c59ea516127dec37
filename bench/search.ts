/*
 * Search at scale: on the shared benchmark database of size S, M or L
 * (bench/lib/bench-db.ts; generated once, with its search index built once),
 * prints p50/p99 per query class:
 *
 *   npm run bench:search -- --size M [--dialect sqlite|postgres|both] [--runs 200] [--postgres ADMIN_URL] [--fresh]
 *     [--name DATABASE] [--only CLASS,CLASS]
 *
 * "raw" is the index query alone (the names btree range, or the full-text
 * match straight through the dialect backend); "API" is GET /api/v1/search
 * through a listening Fastify server, sequential requests over keep-alive, so
 * API/raw shows what ranking, filters, typo handling and HTTP add; "service" is
 * the search service called in-process (ranking without HTTP and auth).
 */
import os from 'node:os';
import { DEFAULT_SECURITY } from '../src/config.js';
import { SearchQuery } from '../src/contract/search.js';
import { buildApp } from '../src/http/app.js';
import { createServices } from '../src/services/index.js';
import { benchArgs } from './lib/args.js';
import { benchOwner, DEFAULT_BENCH_POSTGRES, ensureGraph, ensureSearchIndex, openBenchDb } from './lib/bench-db.js';
import { SIZES, type Size } from './lib/dataset.js';
import { queryClasses, rawSearch } from './lib/search-queries.js';
import { summarise } from './lib/stats.js';

const USAGE = `npm run bench:search -- [--size S|M|L] [--dialect sqlite|postgres|both] [--runs N] [--only CLASS,...]
  [--postgres ADMIN_URL] [--name PGDB] [--fresh]

Search at one size: per class of query, the raw index query, the search service and the HTTP API
(p50 / p99, milliseconds).
  --size      S, M or L (default M)
  --dialect   which databases (default both)
  --runs      queries per class (default 200, at least 10)
  --only      classes whose names start with these (comma-separated), e.g. "1-char,2-char"
  --postgres  an admin URL for the shared PostgreSQL dataset; --name picks its database
  --fresh     regenerate the dataset`;

const { values: args } = benchArgs(USAGE, {
  options: {
    size: { type: 'string', default: 'M' },
    dialect: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '200' },
    postgres: { type: 'string', default: DEFAULT_BENCH_POSTGRES },
    fresh: { type: 'boolean', default: false },
    name: { type: 'string' },
    only: { type: 'string' },
  },
});
const SIZE = String(args.size).toUpperCase() as Size;
if (!SIZES[SIZE]) throw new Error('--size must be S, M or L');
const RUNS = Math.max(10, Number(args.runs));
const dialects = args.dialect === 'both' ? ['sqlite', 'postgres'] : [String(args.dialect)];

const fmt = (n: number) => n.toFixed(2).padStart(7);
function line(label: string, raw: number[], service: number[], api: number[]) {
  const [r, s, a] = [summarise(raw), summarise(service), summarise(api)];
  const ratio = (x: number) => (x / Math.max(r.p99, 0.001)).toFixed(2);
  console.log(
    `  ${label.padEnd(23)} raw ${fmt(r.p50)} /${fmt(r.p99)}   service ${fmt(s.p50)} /${fmt(s.p99)}   API ${fmt(a.p50)} /${fmt(a.p99)}   p99 ratio service/raw ${ratio(s.p99)} API/raw ${ratio(a.p99)}`,
  );
}

async function bench(dialect: string) {
  console.log(`\n${dialect} · size ${SIZE} (${SIZES[SIZE].people} people, ${SIZES[SIZE].interactions} interactions)`);
  const log = (l: string) => console.log(`  ${l}`);
  const b = await openBenchDb({
    dialect: dialect as 'sqlite' | 'postgres',
    size: SIZE,
    postgres: args.postgres,
    fresh: args.fresh,
    name: args.name,
    log,
  });
  await ensureGraph(b, log);
  await ensureSearchIndex(b, log);
  const { db, workspaceId: ws } = b;
  const security = { ...DEFAULT_SECURITY, apiPerMinute: 1_000_000_000 };
  const services = createServices(db, undefined, security);
  const { token } = await benchOwner(db, 'read');
  const app = await buildApp({ db, logLevel: 'silent', webRoot: null, security });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const headers = { authorization: `Bearer ${token}` };
  const api = async (q: string) => {
    const res = await fetch(`${address}/api/v1/search?q=${encodeURIComponent(q)}`, { headers });
    if (res.status !== 200) throw new Error(`search ${q} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { items: unknown[] };
  };
  console.log('  (milliseconds, p50 / p99)');
  const actor = { workspaceId: ws, userId: null };
  const service = (q: string) => services.search.search(actor, SearchQuery.parse({ q }));
  const all: { raw: number[]; service: number[]; api: number[] } = { raw: [], service: [], api: [] };
  const only = args.only ? String(args.only).split(',') : null;
  for (const [label, qs] of Object.entries(await queryClasses(db, ws))) {
    if (only && !only.some((o) => label.startsWith(o))) continue;
    for (const q of qs.slice(0, 5)) {
      await api(q);
      await rawSearch(db, ws, q);
    }
    const raw: number[] = [];
    const serviceMs: number[] = [];
    const apiMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const q = qs[i % qs.length] as string;
      let t = performance.now();
      await rawSearch(db, ws, q);
      raw.push(performance.now() - t);
      t = performance.now();
      await service(q);
      serviceMs.push(performance.now() - t);
      t = performance.now();
      await api(q);
      apiMs.push(performance.now() - t);
    }
    all.raw.push(...raw);
    all.service.push(...serviceMs);
    all.api.push(...apiMs);
    line(label, raw, serviceMs, apiMs);
  }
  line('all queries', all.raw, all.service, all.api);
  await app.close();
  await db.close();
}

console.log(
  `Tend search benchmark · node ${process.version} · ${os.cpus()[0]?.model ?? ''} ×${os.cpus().length} · ${RUNS} runs per class`,
);
for (const d of dialects) await bench(d);
