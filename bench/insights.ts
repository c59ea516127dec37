/*
 * The insight endpoints at scale: `npm run bench:insights -- [--size S|M|L] [--db sqlite|postgres|both]`.
 *
 * For each database it opens the shared benchmark database of the size
 * (bench/lib/bench-db.ts: a generated network, kept between runs), adds strength snapshots
 * for the current week and 13 and 26 weeks back (what half a year of the weekly
 * refresh job would have written), and times every insight endpoint through
 * the whole Fastify stack (app.inject, with an API token) for each window of
 * the page's range selector: computed on every call (the read cache off), and
 * repeated with nothing written in between (answered by the read cache). It
 * prints p50/p99 per endpoint; nothing asserts.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { DEFAULT_SECURITY } from '../src/config.js';
import { addDays, startOfWeek } from '../src/domain/dates.js';
import { buildApp } from '../src/http/app.js';
import type { Db } from '../src/storage/db.js';
import { writeStrengthSnapshot } from '../src/storage/repos/insights.repo.js';
import { benchArgs } from './lib/args.js';
import { benchOwner, DEFAULT_BENCH_POSTGRES, openBenchDb } from './lib/bench-db.js';
import { SIZES, type Size } from './lib/dataset.js';
import { timeIt } from './lib/stats.js';

const USAGE = `npm run bench:insights -- [--size S|M|L] [--db sqlite|postgres|both] [--runs N] [--months 3,12]
  [--postgres ADMIN_URL] [--fresh]

The insights endpoints over windows of months, first call and warm calls.
  --size      S, M or L (default S)
  --db        which databases (default both)
  --runs      warm calls per endpoint and window (default 50)
  --months    the windows, comma-separated (default 3,12)
  --postgres  an admin URL for the shared PostgreSQL dataset
  --fresh     regenerate the dataset`;

const { values: args } = benchArgs(USAGE, {
  options: {
    size: { type: 'string', default: 'S' },
    db: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '50' },
    months: { type: 'string', default: '3,12' },
    postgres: {
      type: 'string',
      default: DEFAULT_BENCH_POSTGRES,
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

/** Half a year of the weekly strength refresh, written once: now and 13 and 26 weeks back. */
async function ensureSnapshots(db: Db, workspaceId: string) {
  const has = await db.kysely
    .selectFrom('strengthSnapshots')
    .select('workspaceId')
    .where('workspaceId', '=', workspaceId)
    .limit(1)
    .executeTakeFirst();
  if (has) return;
  const week = startOfWeek(new Date().toISOString().slice(0, 10), 1);
  for (const back of [26, 13, 0]) {
    const t = performance.now();
    const written = await writeStrengthSnapshot(db.kysely, workspaceId, addDays(week, -7 * back));
    log(`strength snapshot ${back} weeks back: ${written} rows in ${(performance.now() - t).toFixed(0)} ms`);
  }
  await sql`analyze`.execute(db.kysely);
}

async function measure(dialect: 'sqlite' | 'postgres') {
  const bench = await openBenchDb({ dialect, size, postgres: args.postgres, fresh: args.fresh, log });
  const { db, workspaceId } = bench;
  const { token } = await benchOwner(db, 'read');
  await ensureSnapshots(db, workspaceId);
  const security = { ...DEFAULT_SECURITY, apiPerMinute: 1_000_000_000 };
  // Computed on every call (the read cache off), and repeated with nothing written (served from it).
  const app = await buildApp({ db, logLevel: 'silent', webRoot: null, security, readCache: false });
  const cachedApp = await buildApp({ db, logLevel: 'silent', webRoot: null, security });
  const headers = { authorization: `Bearer ${token}` };
  const out: string[] = [];
  for (const months of windows) {
    for (const name of ENDPOINTS) {
      const url = `/api/v1/insights/${name}?months=${months}`;
      const first = await app.inject({ method: 'GET', url, headers });
      if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}: ${first.body}`);
      const timed = (target: typeof app) =>
        timeIt(
          async () => {
            await target.inject({ method: 'GET', url, headers });
          },
          runs,
          5,
        );
      const s = await timed(app);
      const again = await timed(cachedApp);
      const line = `${dialect.padEnd(8)} ${size}  months=${String(months).padEnd(3)} ${name.padEnd(14)} p50 ${s.p50.toFixed(1).padStart(7)} ms   p99 ${s.p99.toFixed(1).padStart(7)} ms   repeated p50 ${again.p50.toFixed(1).padStart(5)} ms   (${s.runs} runs, ${first.body.length} B)`;
      console.log(line);
      out.push(line);
    }
  }
  await cachedApp.close();
  await app.close();
  await db.close();
  return out;
}

console.log(
  `Tend insights benchmark, size ${size} (${shape.people} people, ${shape.interactions} interactions) · node ${process.version} · ${os.cpus()[0]?.model ?? ''} ×${os.cpus().length}`,
);
const dialects = args.db === 'both' ? (['sqlite', 'postgres'] as const) : [args.db as 'sqlite' | 'postgres'];
for (const d of dialects) await measure(d);
