/*
 * Today at scale: generates a network (default 100,000 people and 1,000,000
 * interactions) straight into a fresh database and times the Today query.
 *
 *   npx tsx bench/today.ts --people 100000 --interactions 1000000 [--runs 300] [--database URL]
 *
 * Data goes in with direct batched INSERTs inside large transactions, not
 * through the API: going through the services would take hours at this size.
 * The derived columns the services keep (last contact, due date, strength,
 * trend, weekly counts) are computed with the same pure domain functions, so
 * the rows look exactly like rows the app wrote. Ids are UUIDv7, as in the app.
 *
 * It prints p50/p95/p99 of the Today service (its queries and the ranking, no
 * HTTP) and of GET /api/v1/today through the whole Fastify stack.
 */
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SECURITY, type SecurityConfig } from '../src/config.js';
import { TodayQuery } from '../src/contract/keep-in-touch.js';
import { buildApp } from '../src/http/app.js';
import { createServices } from '../src/services/index.js';
import { ensureLocalWorkspace } from '../src/services/workspaces.service.js';
import { type Db, migrateToLatest, openDb } from '../src/storage/db.js';
import { benchArgs } from './lib/args.js';
import { generateNetwork } from './lib/dataset.js';
import { summarise } from './lib/stats.js';

const USAGE = `npm run bench:today -- [--people N] [--interactions N] [--runs N] [--database URL]

Today on a generated network (100,000 people and 1,000,000 interactions by default) in a new
SQLite file in the temporary directory, or in the database at URL: the service, its database
time and the endpoint, p50 to max.
  --runs  calls per figure (default 300)`;

const { values: args } = benchArgs(USAGE, {
  options: {
    people: { type: 'string', default: '100000' },
    interactions: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '300' },
    database: { type: 'string' },
  },
});
const PEOPLE = Number(args.people);
const INTERACTIONS = Number(args.interactions);
const RUNS = Math.max(Number(args.runs), 1);
const url = args.database ?? `sqlite:${path.join(os.tmpdir(), `tend-bench-${process.pid}.db`)}`;

function stats(label: string, ms: number[]) {
  const s = summarise(ms);
  const f = (n: number) => n.toFixed(2).padStart(7);
  console.log(
    `${label.padEnd(34)} p50 ${f(s.p50)} ms   p95 ${f(s.p95)} ms   p99 ${f(s.p99)} ms   max ${f(s.max)} ms   (${s.runs} runs)`,
  );
}

/** A token of the instance owner, whose workspace holds the generated network (made on first run). */
async function ownerToken(db: Db, security: SecurityConfig): Promise<string> {
  const services = createServices(db, undefined, security);
  let owner = await db.kysely.selectFrom('users').selectAll().where('isOwner', '=', 1).executeTakeFirst();
  if (!owner) {
    owner = await services.accounts.createUser({
      email: 'bench-owner@example.test',
      password: 'a long bench password 1',
      isOwner: true,
    });
  }
  const { token } = await services.tokens.create(owner, { name: 'bench', scope: 'read' });
  return token;
}

async function main() {
  console.log(`Tend Today benchmark: ${PEOPLE} people, ${INTERACTIONS} interactions, ${RUNS} runs`);
  console.log(
    `database ${url.replace(/:[^:@/]*@/, ':***@')} · node ${process.version} · ${os.cpus()[0]?.model ?? ''} ×${os.cpus().length}`,
  );
  const db = await openDb(url);
  await migrateToLatest(db);
  const workspaceId = await ensureLocalWorkspace(db);
  const existing = await db.kysely
    .selectFrom('people')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) === 0) {
    await generateNetwork(
      db,
      workspaceId,
      { people: PEOPLE, interactions: INTERACTIONS, organisations: Math.ceil(PEOPLE / 10) },
      {
        log: console.log,
      },
    );
  } else console.log(`reusing ${existing.n} people already in the database`);
  if (db.dialect === 'sqlite') {
    const { analyzeSqliteWithoutSamples } = await import('../src/storage/db.js');
    await analyzeSqliteWithoutSamples(db.kysely);
  }

  const services = createServices(db);
  const actor = { workspaceId, userId: null };
  // The query as the endpoint sees it after validation, defaults filled in.
  const query = TodayQuery.parse({});
  const first = await services.today.today(actor, query);
  console.log(
    `Today: ${first.due.total} due (capped at 1000), ${first.nudges.length} nudges, ${first.followUps.length} follow-ups, ${first.upcomingDates.length} dates`,
  );
  for (let i = 0; i < 20; i++) await services.today.today(actor, query);
  const service: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await services.today.today(actor, query);
    service.push(performance.now() - t);
  }
  // The endpoint is measured as a script would call it: with the owner's API
  // token, rate limits raised so the benchmark measures Today, not the limiter.
  const security = { ...DEFAULT_SECURITY, apiPerMinute: 1_000_000_000 };
  const app = await buildApp({ db, logLevel: 'silent', webRoot: null, security });
  const headers = { authorization: `Bearer ${await ownerToken(db, security)}` };
  for (let i = 0; i < 20; i++) await app.inject({ method: 'GET', url: '/api/v1/today', headers });
  const endpoint: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url: '/api/v1/today', headers });
    endpoint.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`GET /api/v1/today answered ${res.statusCode}: ${res.body}`);
  }
  stats('Today service (queries + ranking)', service);
  stats('GET /api/v1/today (whole stack)', endpoint);
  await app.close();
  await db.close();
}

await main();
