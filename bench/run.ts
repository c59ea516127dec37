/*
 * Tend's benchmark suite: `npm run bench [-- --size S|M|L] [--db sqlite|postgres|both]`.
 *
 * For each database it prepares a generated network of the chosen size (kept
 * between runs under bench/.data/ or in a `tend_bench_<size>` PostgreSQL
 * database), starts the built server as a separate process, measures each
 * figure against a baseline measured in the same run, prints one table and
 * writes the results as JSON under bench/results/. HTTP load comes from
 * autocannon in its own process; server and generator are pinned to different
 * cores when `taskset` is available, and the server's CPU use is recorded.
 *
 * Nothing here asserts: the table says pass or fail against each target, and
 * the exit code is 0 unless the suite itself could not run (or --strict).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { TodayQuery } from '../src/contract/keep-in-touch.js';
import { PeopleListQuery } from '../src/contract/people.js';
import { SearchQuery } from '../src/contract/search.js';
import { recomputeContacts } from '../src/import/messages.js';
import { uuidv7 } from '../src/lib/ids.js';
import { systemClock } from '../src/services/context.js';
import { createServices } from '../src/services/index.js';
import { ensureLocalWorkspace } from '../src/services/workspaces.service.js';
import { insertMany } from '../src/storage/bulk-insert.js';
import { type Db, migrateToLatest, openDb } from '../src/storage/db.js';
import { reindex } from '../src/storage/search/index.js';
import { benchArgs } from './lib/args.js';
import { BENCH_LOGIN, benchOwner, ensureSearchIndex, openBenchDb } from './lib/bench-db.js';
import { SIZES, type Size } from './lib/dataset.js';
import { generateImportFiles, measureImport } from './lib/imports.js';
import { type LoadResult, load, pinning, rssMb, type Server, startBare, startTend } from './lib/proc.js';
import { queryClasses, rawSearch } from './lib/search-queries.js';
import { summarise, timeIt } from './lib/stats.js';
import { CHROMIUM, measureWeb, quantile } from './lib/web.js';

const root = path.resolve(import.meta.dirname, '..');
const USAGE = `npm run bench -- [--size S|M|L] [--db sqlite|postgres|both] [--seed N]
  [--duration SECONDS] [--connections N] [--runs N] [--postgres ADMIN_URL] [--fresh] [--strict]

  --size      S: 1k people, 10k interactions; M: 10k / 100k; L: 100k / 1M (default S)
  --db        which databases to measure (default both)
  --duration  seconds of load per HTTP figure (default 5)
  --runs      sequential runs per in-process figure (default 300)
  --postgres  an admin URL; the suite creates database tend_bench_<size> beside it
  --pgdb      the PostgreSQL database name (default tend_bench_<size>_<seed>)
  --fresh     regenerate the dataset even when a cached one exists
  --smoke     a quick run that only checks the suite works (tiny imports, one browser pass)
  --skip-imports, --skip-web   leave out the import or browser figures
  --strict    exit 1 when a figure misses its target
`;

const { values: args } = benchArgs(USAGE, {
  options: {
    size: { type: 'string', default: 'S' },
    db: { type: 'string', default: 'both' },
    seed: { type: 'string', default: '42' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    runs: { type: 'string', default: '300' },
    postgres: {
      type: 'string',
      default: process.env.TEND_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    pgdb: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    'skip-imports': { type: 'boolean', default: false },
    'skip-web': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});

const size = args.size.toUpperCase() as Size;
if (!(size in SIZES)) throw new Error(`--size must be S, M or L (got ${args.size})`);
const shape = SIZES[size];
const seed = Number(args.seed);
const duration = Number(args.duration);
const connections = Number(args.connections);
const runs = Number(args.runs);
const smoke = args.smoke;
const importSizes = smoke
  ? { connections: 300, messages: 200, rows: 1000 }
  : { connections: 30_000, messages: 20_000, rows: 100_000 };
const dialects = args.db === 'both' ? ['sqlite', 'postgres'] : [args.db];
for (const d of dialects)
  if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--db must be sqlite, postgres or both`);

interface Row {
  db: string;
  figure: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target: string;
  pass: boolean | null;
  note?: string;
}

const rows: Row[] = [];
const log = (line: string) => process.stderr.write(`${line}\n`);

function add(row: Omit<Row, 'ratio'> & { ratio?: number | null }) {
  const ratio = row.ratio ?? (row.baseline ? row.value / row.baseline : null);
  rows.push({ ...row, ratio });
}

async function sampleIds(db: Db, workspaceId: string, count: number): Promise<string[]> {
  const rowsOut = await db.kysely
    .selectFrom('people')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .orderBy('sortName')
    .limit(count)
    .execute();
  return rowsOut.map((r) => r.id);
}

function initialJsKb(): number | null {
  const index = path.join(root, 'dist/web/index.html');
  if (!fs.existsSync(index)) return null;
  const html = fs.readFileSync(index, 'utf8');
  const srcs = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  let bytes = 0;
  for (const src of new Set(srcs)) bytes += gzipSync(fs.readFileSync(path.join(root, 'dist/web', src))).length;
  return bytes / 1024;
}

async function rawInsertRate(db: Db, url: string, workspaceId: string, personId: string): Promise<[number, number]> {
  const n = 20_000;
  const at = new Date().toISOString();
  const make = () =>
    Array.from({ length: n }, (_, i) => ({
      id: uuidv7(),
      workspaceId,
      kind: 'message',
      channel: 'online',
      occurredAt: at,
      summary: `bench write ${i}`,
      createdAt: at,
      updatedAt: at,
    }));
  class Rollback extends Error {}
  // Through the data layer's bulk insert (src/storage/bulk-insert.ts) in one transaction, rolled back.
  const layerRows = make();
  const t0 = performance.now();
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await insertMany(db, trx, 'interactions', layerRows);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  const layer = n / ((performance.now() - t0) / 1000);
  // Raw: the driver alone, a prepared statement (SQLite) or the same multi-row statement (PostgreSQL).
  const rawRows = make();
  let raw: number;
  if (db.dialect === 'sqlite') {
    const conn = new Database(url.slice('sqlite:'.length));
    const stmt = conn.prepare(
      'insert into interactions (id, workspace_id, kind, channel, occurred_at, summary, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const t1 = performance.now();
    conn.exec('begin');
    for (const r of rawRows)
      stmt.run(r.id, r.workspaceId, r.kind, r.channel, r.occurredAt, r.summary, r.createdAt, r.updatedAt);
    conn.exec('rollback');
    raw = n / ((performance.now() - t1) / 1000);
    conn.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const t1 = performance.now();
    await client.query('begin');
    for (let i = 0; i < rawRows.length; i += 500) {
      const chunk = rawRows.slice(i, i + 500);
      const values: unknown[] = [];
      const tuples = chunk.map((r, j) => {
        values.push(r.id, r.workspaceId, r.kind, r.channel, r.occurredAt, r.summary, r.createdAt, r.updatedAt);
        return `(${Array.from({ length: 8 }, (_, c) => `$${j * 8 + c + 1}`).join(', ')})`;
      });
      await client.query(
        `insert into interactions (id, workspace_id, kind, channel, occurred_at, summary, created_at, updated_at) values ${tuples.join(', ')}`,
        values,
      );
    }
    await client.query('rollback');
    raw = n / ((performance.now() - t1) / 1000);
    await client.end();
  }
  void personId;
  return [layer, raw];
}

/** SQLite's import rates of this run, the baseline of PostgreSQL's. */
const sqliteImportRate: Record<string, number> = {};

/** A fresh, migrated database for the import figures (the benchmark network stays untouched). */
async function freshImportDb(dialect: string): Promise<{ db: Db; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const file = path.join(os.tmpdir(), `tend-bench-import-${process.pid}.db`);
    const files = [file, `${file}-wal`, `${file}-shm`];
    for (const f of files) fs.rmSync(f, { force: true });
    const db = await openDb(`sqlite:${file}`);
    await migrateToLatest(db);
    return {
      db,
      drop: async () => {
        await db.close();
        for (const f of files) fs.rmSync(f, { force: true });
      },
    };
  }
  const name = `tend_bench_import_${process.pid}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: args.postgres });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists ${name}`);
  await admin(`create database ${name}`);
  const u = new URL(args.postgres);
  u.pathname = `/${name}`;
  const db = await openDb(u.toString(), { poolSize: 4 });
  await migrateToLatest(db);
  return {
    db,
    drop: async () => {
      await db.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

async function importFigures(dialect: string, dir: string) {
  const { db, drop } = await freshImportDb(dialect);
  try {
    const ws = await ensureLocalWorkspace(db);
    const cases = [
      {
        label: `Import: LinkedIn export (${importSizes.connections.toLocaleString('en-US')} connections + ${importSizes.messages.toLocaleString('en-US')} messages)`,
        key: 'linkedin',
        source: 'linkedin' as const,
        files: ['Connections.csv', 'messages.csv'],
        mapping: undefined,
      },
      {
        label: `Import: ${importSizes.rows.toLocaleString('en-US')}-row CSV`,
        key: 'csv',
        source: 'csv' as const,
        files: ['people.csv'],
        mapping: {
          Name: 'fullName',
          Email: 'email',
          Phone: 'phone',
          Company: 'organisation',
          Title: 'roleTitle',
          City: 'location',
          Tags: 'tags',
        },
      },
    ];
    for (const c of cases) {
      const r = await measureImport(
        db,
        ws,
        c.source,
        c.files.map((f) => path.join(dir, f)),
        c.mapping,
      );
      const rate = r.rows / r.applySeconds;
      const note = `${r.rows.toLocaleString('en-US')} rows, apply ${r.applySeconds.toFixed(2)} s (${Math.round(r.rows / r.applyCpuSeconds).toLocaleString('en-US')} rows per CPU-s), preview ${r.previewSeconds.toFixed(2)} s, peak RSS ${Math.round(r.peakRssMb)} MB (${Math.round(r.peakRssMb - r.baseRssMb)} above start)`;
      if (dialect === 'sqlite') {
        sqliteImportRate[c.key] = rate;
        add({
          db: dialect,
          figure: `${c.label} rows/s`,
          value: rate,
          unit: 'rows/s',
          baseline: null,
          target: '≥ 20,000 rows/s',
          pass: rate >= 20_000,
          note,
        });
        if (c.key === 'linkedin') {
          add({
            db: dialect,
            figure: `${c.label} end to end`,
            value: r.previewSeconds + r.applySeconds,
            unit: 's',
            baseline: null,
            target: '< 1.5 s',
            pass: r.previewSeconds + r.applySeconds < 1.5,
            note: 'preview + apply',
          });
        }
      } else {
        const base = sqliteImportRate[c.key] ?? null;
        add({
          db: dialect,
          figure: `${c.label} rows/s`,
          value: rate,
          unit: 'rows/s',
          baseline: base,
          target: '≥ 0.4 × SQLite',
          pass: base === null ? null : rate >= 0.4 * base,
          note,
        });
      }
      add({
        db: dialect,
        figure: `${c.label} memory growth`,
        value: r.peakRssMb - r.baseRssMb,
        unit: 'MB',
        baseline: null,
        target: '< 150 MB (flat: streamed)',
        pass: r.peakRssMb - r.baseRssMb < 150,
        note: `peak RSS ${Math.round(r.peakRssMb)} MB`,
      });
    }
  } finally {
    await drop();
  }
}

function httpRow(dialect: string, figure: string, r: LoadResult, bare: LoadResult, minRatio: number, extra = '') {
  add({
    db: dialect,
    figure: `${figure} throughput`,
    value: r.rps,
    unit: 'req/s',
    baseline: bare.rps,
    target: `≥ ${minRatio} × bare`,
    pass: r.rps >= minRatio * bare.rps && r.errors === 0 && r.non2xx === 0,
    note: `p99 ${r.p99} ms, server CPU ${(r.serverCpu * 100).toFixed(0)}%${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}${extra}`,
  });
}

let importDir: string | null = null;

async function suite(dialect: string) {
  log(`\n== ${dialect} ==`);
  const { url, db } = await openBenchDb({
    dialect: dialect as 'sqlite' | 'postgres',
    size,
    seed,
    postgres: args.postgres,
    ...(args.pgdb && dialect === 'postgres' ? { name: args.pgdb } : {}),
    fresh: args.fresh,
    log,
  });
  const me = await benchOwner(db, 'write');
  const services = createServices(db);
  const actor = { workspaceId: me.workspaceId, userId: me.userId };

  // In-process figures: the service (queries + ranking) without HTTP.
  const todayQuery = TodayQuery.parse({});
  const today = await timeIt(() => services.today.today(actor, todayQuery), runs, 20);
  add({
    db: dialect,
    figure: 'Today service p99 (queries + ranking)',
    value: today.p99,
    unit: 'ms',
    baseline: null,
    target: '',
    pass: null,
    note: `p50 ${today.p50.toFixed(2)} ms; the target is on database time, next row`,
  });
  // The issue's target is Today's database time: the sum of its queries' execution times per
  // request, measured by Kysely around each query on the connection (waiting for the connection
  // and the ranking in JavaScript are not in it). A second handle on the same database logs them.
  let spent = 0;
  const timed = await openDb(url, { onQuery: (_sql, ms) => (spent += ms) });
  try {
    const timedToday = createServices(timed).today;
    const dbMs: number[] = [];
    for (let i = 0; i < runs + 20; i++) {
      spent = 0;
      await timedToday.today(actor, todayQuery);
      if (i >= 20) dbMs.push(spent);
    }
    const t = summarise(dbMs);
    add({
      db: dialect,
      figure: 'Today database time p99 (sum of its queries)',
      value: t.p99,
      unit: 'ms',
      baseline: null,
      target: '≤ 5 ms',
      pass: t.p99 <= 5,
      note: `p50 ${t.p50.toFixed(2)} ms`,
    });
  } finally {
    await timed.close();
  }
  const listQueries = [
    // The web page's default: by name.
    PeopleListQuery.parse({ limit: 50 }),
    PeopleListQuery.parse({ sort: '-strength', limit: 50 }),
    PeopleListQuery.parse({ sort: 'due', circle: 'close', limit: 50 }),
    PeopleListQuery.parse({ sort: '-strength', tag: 'investor', limit: 50 }),
  ];
  const list = await timeIt((i) => services.people.list(actor, listQueries[i % listQueries.length] as never), runs);
  add({
    db: dialect,
    figure: 'People list first page p99 (filters, by name/strength/due)',
    value: list.p99,
    unit: 'ms',
    baseline: null,
    target: '≤ 10 ms',
    pass: list.p99 <= 10,
    note: `p50 ${list.p50.toFixed(2)} ms`,
  });
  // Search (issue #7's index): the raw index query against the whole service, per class of query.
  await ensureSearchIndex({ db, url, workspaceId: me.workspaceId }, log);
  const classes = await queryClasses(db, me.workspaceId);
  const groups = {
    names: [...classes['full name'], ...classes['typo in family name']],
    'multi-word': [...classes['multi-word name prefix'], ...classes['multi-word text']],
    '1–2 character prefixes': [...classes['1-char prefix'], ...classes['2-char prefix']],
    'any query': Object.values(classes).flat(),
  };
  const rawSearchP99: Record<string, number> = {};
  for (const [label, qs] of Object.entries(groups)) {
    const rawT = await timeIt(
      (i) => rawSearch(db, me.workspaceId, qs[i % qs.length] as string),
      Math.min(runs, 200),
      5,
    );
    const svc = await timeIt(
      (i) => services.search.search(actor, SearchQuery.parse({ q: qs[i % qs.length] })),
      Math.min(runs, 200),
      5,
    );
    rawSearchP99[label] = rawT.p99;
    const limit = label === 'any query' ? 150 : 25;
    add({
      db: dialect,
      figure: `Search service p99, ${label}`,
      value: svc.p99,
      unit: 'ms',
      baseline: rawT.p99,
      target: `< ${limit} ms`,
      pass: svc.p99 < limit,
      note: `p50 ${svc.p50.toFixed(2)} ms; baseline: the raw index query p99 (p50 ${rawT.p50.toFixed(2)} ms)`,
    });
  }
  const [layer, raw] = await rawInsertRate(db, url, me.workspaceId, '');
  add({
    db: dialect,
    figure: 'Bulk insert through the data layer',
    value: layer,
    unit: 'rows/s',
    baseline: raw,
    target: '≥ 0.5 × raw driver',
    pass: layer >= 0.5 * raw,
  });
  if (importDir) {
    log('imports…');
    await importFigures(dialect, importDir);
  }

  // HTTP figures against the bare Fastify baseline.
  const bare = await startBare();
  const bareGet = await load(bare, { url: `${bare.url}/hello`, connections, duration });
  await bare.stop();
  add({
    db: dialect,
    figure: 'Bare Fastify hello-JSON (baseline)',
    value: bareGet.rps,
    unit: 'req/s',
    baseline: null,
    target: '',
    pass: null,
    note: `p99 ${bareGet.p99} ms`,
  });

  const ids = await sampleIds(db, me.workspaceId, 2000);
  const named = await db.kysely
    .selectFrom('people')
    .select(['id', 'fullName'])
    .where('workspaceId', '=', me.workspaceId)
    .where('id', 'in', ids.slice(0, 20))
    .execute();
  const personId = ids[0] as string;
  await db.close();

  let server: Server | null = null;
  try {
    server = await startTend(url);
    add({
      db: dialect,
      figure: 'Cold start to first response',
      value: server.startMs,
      unit: 'ms',
      baseline: null,
      target: '< 1000 ms',
      pass: server.startMs < 1000,
    });
    const auth = { authorization: `Bearer ${me.token}` };
    const read = await load(server, {
      url: `${server.url}/api/v1/people/${personId}`,
      paths: ids.map((id) => `/api/v1/people/${id}`),
      headers: auth,
      connections,
      duration,
    });
    httpRow(dialect, 'GET /api/v1/people/:id', read, bareGet, 0.5);
    add({
      db: dialect,
      figure: 'GET /api/v1/people/:id p99',
      value: read.p99,
      unit: 'ms',
      baseline: bareGet.p99,
      target: '≤ 2 × bare p99',
      pass: read.p99 <= 2 * Math.max(bareGet.p99, 1),
    });
    const todayHttp = await load(server, { url: `${server.url}/api/v1/today`, headers: auth, connections, duration });
    httpRow(dialect, 'GET /api/v1/today', todayHttp, bareGet, 0.25);
    for (const [label, qs] of Object.entries(groups)) {
      if (label === 'any query') continue;
      const searchHttp = await load(server, {
        url: `${server.url}/api/v1/search`,
        paths: qs.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`),
        headers: auth,
        connections: 1,
        duration,
      });
      const rawP99 = rawSearchP99[label] ?? 0;
      add({
        db: dialect,
        figure: `GET /api/v1/search p99, ${label} (1 connection)`,
        value: searchHttp.p99,
        unit: 'ms',
        baseline: rawP99,
        target: '< 25 ms and ≤ 1.5 × raw index p99',
        pass: searchHttp.p99 < 25 && searchHttp.p99 <= 1.5 * Math.max(rawP99, 1),
        note: `${searchHttp.rps} req/s, server CPU ${Math.round(searchHttp.serverCpu * 100)}%`,
      });
    }
    const writes = await load(server, {
      url: `${server.url}/api/v1/interactions`,
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      // Each request logs with another of the sampled people, as a user working through a list does.
      bodies: ids.map((id) => JSON.stringify({ kind: 'message', summary: 'Benchmark note', participantIds: [id] })),
      connections,
      duration,
    });
    add({
      db: dialect,
      figure: 'POST /api/v1/interactions',
      value: writes.rps,
      unit: 'req/s',
      baseline: null,
      target: '≥ 2000 req/s',
      pass: writes.rps >= 2000 && writes.non2xx === 0,
      note: `p99 ${writes.p99} ms, server CPU ${(writes.serverCpu * 100).toFixed(0)}%${writes.non2xx ? `, ${writes.non2xx} non-2xx` : ''}`,
    });
    if (!args['skip-web']) {
      try {
        await webFigures(dialect, server.url, named);
      } catch (err) {
        // A browser that times out on a starved machine must not lose the other figures of the run.
        log(`web figures failed: ${(err as Error).message.split('\n')[0]}`);
        add({
          db: dialect,
          figure: 'Web figures',
          value: Number.NaN,
          unit: '',
          baseline: null,
          target: 'measured',
          pass: false,
          note: `failed: ${(err as Error).message.split('\n')[0]}`,
        });
      }
    }
    const rss = rssMb(server.pid);
    add({
      db: dialect,
      figure: 'Server RSS after the suite',
      value: rss,
      unit: 'MB',
      baseline: null,
      target: '< 150 MB',
      pass: rss < 150,
    });
  } finally {
    await server?.stop();
  }
  // Leave the dataset as generated: remove what the write figures added.
  const clean = await openDb(url);
  try {
    await removeBenchmarkNotes(clean, me.workspaceId);
  } finally {
    await clean.close();
  }
}

/**
 * Removes the interactions the write figures logged, and everything logging derived from them:
 * their search docs, the week's counts (on PostgreSQL appended deltas, which Today sums until the
 * catch-up job folds them, and the benchmark runs without jobs), and their people's last contact,
 * count, due date and strength. Only deleting the rows had left all of that behind, so each run
 * measured a database the runs before it had grown (27,000 unfolded deltas after six PostgreSQL
 * runs at L).
 */
async function removeBenchmarkNotes(db: Db, workspaceId: string) {
  const notes = await db.kysely
    .selectFrom('interactions')
    .select(['id', 'occurredAt'])
    .where('workspaceId', '=', workspaceId)
    .where('summary', '=', 'Benchmark note')
    .execute();
  const people = await db.kysely
    .selectFrom('interactionParticipants')
    .select('personId')
    .distinct()
    .where('workspaceId', '=', workspaceId)
    .where(sql<boolean>`interaction_id in (select id from interactions where summary = 'Benchmark note')`)
    .execute();
  await sql`delete from interaction_participants where interaction_id in (select id from interactions where summary = 'Benchmark note')`.execute(
    db.kysely,
  );
  await sql`delete from interactions where summary = 'Benchmark note'`.execute(db.kysely);
  if (notes.length === 0) return;
  // A missing interaction loses its search doc; the weeks of the notes are counted again from what is left.
  await reindex(
    db.kysely,
    workspaceId,
    'interaction',
    notes.map((n) => n.id),
  );
  await recomputeContacts(
    db.kysely,
    workspaceId,
    people.map((p) => p.personId),
    [...new Set(notes.map((n) => n.occurredAt))],
    systemClock,
    db.sqlite ?? null,
  );
  log(`removed ${notes.length} benchmark notes and what they changed of ${people.length} people`);
}

async function webFigures(dialect: string, url: string, people: { id: string; fullName: string }[]) {
  if (!fs.existsSync(path.join(root, 'dist/web/index.html')) || !fs.existsSync(CHROMIUM)) {
    log(
      `web figures skipped: ${fs.existsSync(CHROMIUM) ? 'dist/web is not built (npm run build:web)' : `no Chromium at ${CHROMIUM}`}`,
    );
    return;
  }
  log('web…');
  await sleep(200);
  const w = await measureWeb(
    url,
    BENCH_LOGIN,
    people.map((p) => ({ id: p.id, name: p.fullName })),
    { runs: smoke ? 1 : 5, scrollSeconds: smoke ? 1 : 5 },
  );
  const firstRows = quantile(w.peopleFirstRowsMs, 0.5);
  add({
    db: dialect,
    figure: 'Web: people page, navigation to first rows (median)',
    value: firstRows,
    unit: 'ms',
    baseline: null,
    target: '< 1000 ms',
    pass: firstRows < 1000,
    note: `runs ${w.peopleFirstRowsMs.map((x) => Math.round(x)).join(', ')} ms`,
  });
  add({
    db: dialect,
    figure: 'Web: scrolling the people list, frame time p95',
    value: w.scrollFrameP95,
    unit: 'ms',
    baseline: null,
    target: '≤ 33 ms (smooth: no frame over two vsyncs)',
    pass: w.scrollFrameP95 <= 33.4,
    note: `p50 ${w.scrollFrameP50.toFixed(1)} ms over ${w.scrollFrames} frames, ${w.scrolledPx.toLocaleString('en-US')} px in ${smoke ? 1 : 5} s`,
  });
  const personMs = quantile(w.personPageMs, 0.5);
  add({
    db: dialect,
    figure: 'Web: person page, cold load to the name (median)',
    value: personMs,
    unit: 'ms',
    baseline: null,
    target: '< 1000 ms',
    pass: personMs < 1000,
    note: `loads the whole app first; runs ${w.personPageMs.map((x) => Math.round(x)).join(', ')} ms`,
  });
  const fromList = quantile(w.personFromListMs, 0.5);
  add({
    db: dialect,
    figure: 'Web: person page, opened from the list to the name (median)',
    value: fromList,
    unit: 'ms',
    baseline: null,
    target: '< 300 ms',
    pass: fromList < 300,
    note: `runs ${w.personFromListMs.map((x) => Math.round(x)).join(', ')} ms`,
  });
}

function fmt(n: number | null, unit = ''): string {
  if (n === null || Number.isNaN(n)) return '';
  const v = Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
  return unit ? `${v} ${unit}` : v;
}

function printTable() {
  const header = ['db', 'figure', 'value', 'baseline', 'ratio', 'target', 'result', 'note'];
  const body = rows.map((r) => [
    r.db,
    r.figure,
    fmt(r.value, r.unit),
    fmt(r.baseline, r.unit),
    r.ratio === null ? '' : r.ratio.toFixed(2),
    r.target,
    r.pass === null ? '' : r.pass ? 'pass' : 'FAIL',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const b of body) process.stdout.write(`${line(b)}\n`);
}

async function main() {
  const started = new Date();
  const machine = `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  log(`Tend benchmark · size ${size} (${shape.people} people, ${shape.interactions} interactions) · ${machine}`);
  log(`pinning: ${pinning}`);
  if (!fs.existsSync(path.join(root, 'dist/bundle/tend.cjs'))) {
    log('building the server (npm run build:server)…');
    execFileSync('npm', ['run', '-s', 'build:server'], { cwd: root, stdio: 'inherit' });
  }
  const loadBefore = os.loadavg();
  log(`load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  if (!args['skip-imports']) {
    importDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-bench-import-files-'));
    await generateImportFiles(importDir, importSizes);
  }
  try {
    for (const d of dialects) await suite(d);
  } finally {
    if (importDir) fs.rmSync(importDir, { recursive: true, force: true });
  }
  const loadAfter = os.loadavg();
  const js = initialJsKb();
  if (js !== null) {
    add({
      db: 'web',
      figure: 'Initial JavaScript (gzip)',
      value: js,
      unit: 'KB',
      baseline: null,
      target: '< 250 KB',
      pass: js < 250,
    });
  }
  printTable();
  process.stdout.write(
    `\n${machine} · load average at start ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, at end ${loadAfter.map((l) => l.toFixed(2)).join(' ')}\n`,
  );
  const dir = path.join(root, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${started.toISOString().replace(/[:.]/g, '-')}-${size}.json`);
  fs.writeFileSync(
    file,
    `${JSON.stringify(
      {
        startedAt: started.toISOString(),
        size,
        shape,
        seed,
        machine,
        pinning,
        duration,
        connections,
        smoke,
        loadAverage: { start: loadBefore, end: loadAfter },
        rows,
      },
      null,
      2,
    )}\n`,
  );
  const failed = rows.filter((r) => r.pass === false).length;
  process.stdout.write(`\n${rows.length} figures, ${failed} below target · results in ${path.relative(root, file)}\n`);
  if (args.strict && failed > 0) process.exitCode = 1;
}

await main();
