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
import { parseArgs } from 'node:util';
import { Faker, en } from '@faker-js/faker';
import type { Circle, InteractionKind } from '../src/contract/common.js';
import { DEFAULT_CADENCES, effectiveCadence, lastMeaningful, nextDueOn } from '../src/domain/cadence.js';
import { localDate, startOfWeek } from '../src/domain/dates.js';
import { countWeek } from '../src/domain/goals.js';
import { type HistoryItem, assessStrength } from '../src/domain/strength.js';
import { fold } from '../src/domain/text.js';
import { DEFAULT_SECURITY, type SecurityConfig } from '../src/config.js';
import { TodayQuery } from '../src/contract/keep-in-touch.js';
import { buildApp } from '../src/http/app.js';
import { uuidv7 } from '../src/lib/ids.js';
import { createServices } from '../src/services/index.js';
import { ensureLocalWorkspace } from '../src/services/workspaces.service.js';
import { STRENGTH_SETTLED } from '../src/storage/repos/keep-in-touch.repo.js';
import { type Db, migrateToLatest, openDb } from '../src/storage/db.js';
import type { Database } from '../src/storage/schema.js';

const { values: args } = parseArgs({
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

const faker = new Faker({ locale: [en], seed: 42 });

/** A seeded PRNG (mulberry32): faker's is too slow for a million rows. */
let seed = 42;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const DAY = 86_400_000;
const now = new Date();
const YEARS = 3;

const CIRCLES: [Circle, number][] = [
  ['inner', 0.01],
  ['close', 0.04],
  ['wider', 0.15],
  ['loose', 0.3],
  ['none', 0.5],
];
const KINDS: [InteractionKind, number][] = [
  ['message', 0.25],
  ['email', 0.15],
  ['online_engagement', 0.2],
  ['call', 0.08],
  ['video_call', 0.08],
  ['coffee', 0.08],
  ['meeting', 0.06],
  ['meal', 0.03],
  ['event_encounter', 0.03],
  ['check_in', 0.02],
  ['article_share', 0.02],
];
const ACTIVITY: Record<Circle, number> = { inner: 60, close: 25, wider: 8, loose: 3, none: 1 };

function pick<T>(table: [T, number][]): T {
  let r = rand();
  for (const [v, w] of table) {
    r -= w;
    if (r <= 0) return v;
  }
  return (table[table.length - 1] as [T, number])[0];
}

async function insertAll(db: Db, table: string, rows: Record<string, unknown>[], perBatch: number) {
  const k = db.kysely;
  await k.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += perBatch) {
      // One generic bulk insert for every table: the rows are built to match each table by hand.
      await trx
        .insertInto(table as keyof Database)
        .values(rows.slice(i, i + perBatch) as never)
        .execute();
    }
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function stats(label: string, ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2).padStart(7);
  console.log(
    `${label.padEnd(34)} p50 ${f(percentile(s, 50))} ms   p95 ${f(percentile(s, 95))} ms   p99 ${f(percentile(s, 99))} ms   max ${f(s[s.length - 1] ?? 0)} ms   (${s.length} runs)`,
  );
}

async function generate(db: Db, workspaceId: string) {
  const started = Date.now();
  const tz = 'UTC';
  const people: Record<string, unknown>[] = [];
  const circleOf: Circle[] = [];
  const weights: number[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const circle = pick(CIRCLES);
    const name = `${faker.person.firstName()} ${faker.person.lastName()}`;
    const createdAt = new Date(now.getTime() - int(30, YEARS * 365) * DAY).toISOString();
    circleOf.push(circle);
    weights.push(ACTIVITY[circle]);
    people.push({
      id: uuidv7(),
      workspaceId,
      fullName: name,
      givenName: name.split(' ')[0],
      familyName: name.split(' ')[1],
      sortName: fold(name),
      searchText: fold(name),
      circle,
      createdAt,
      updatedAt: createdAt,
    });
  }
  // Interactions go to people in proportion to their circle's activity.
  const total = weights.reduce((a, b) => a + b, 0);
  const history: HistoryItem[][] = people.map(() => []);
  const interactions: Record<string, unknown>[] = [];
  const participants: Record<string, unknown>[] = [];
  const weeks = new Map<string, { kind: InteractionKind; people: number }[]>();
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cumulative.push(acc);
  }
  for (let i = 0; i < INTERACTIONS; i++) {
    const r = rand();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 1) < r) lo = mid + 1;
      else hi = mid;
    }
    const p = people[lo] as { id: string; createdAt: string };
    const kind = pick(KINDS);
    const from = Date.parse(p.createdAt);
    const at = new Date(from + rand() * (now.getTime() - from)).toISOString();
    const id = uuidv7(Date.parse(at));
    interactions.push({
      id,
      workspaceId,
      kind,
      channel: ['coffee', 'meeting', 'meal', 'event_encounter'].includes(kind) ? 'in_person' : 'online',
      occurredAt: at,
      summary: `${kind} with ${p.id.slice(-4)}`,
      createdAt: at,
      updatedAt: at,
    });
    participants.push({ workspaceId, interactionId: id, personId: p.id, occurredAt: at });
    history[lo]?.push({ kind, occurredAt: at });
    const week = startOfWeek(localDate(at, tz), 1);
    const list = weeks.get(week) ?? [];
    list.push({ kind, people: 1 });
    weeks.set(week, list);
  }
  const today = localDate(now, tz);
  people.forEach((p, i) => {
    const h = history[i] ?? [];
    const last = h.reduce<string | null>((m, x) => (m === null || x.occurredAt > m ? x.occurredAt : m), null);
    const meaningful = lastMeaningful(h);
    const { strength, trend } = assessStrength(h, now);
    p.lastInteractionAt = last;
    p.interactionCount = h.length;
    p.lastMeaningfulAt = meaningful;
    p.strength = strength;
    p.strengthTrend = trend;
    p.strengthOn = h.length === 0 ? STRENGTH_SETTLED : today;
    p.nextDueOn = nextDueOn({
      cadenceDays: effectiveCadence(circleOf[i] as Circle, null, DEFAULT_CADENCES),
      lastMeaningfulOn: meaningful ? localDate(meaningful, tz) : null,
      createdOn: localDate(p.createdAt as string, tz),
      snoozedUntil: null,
    });
  });
  console.log(`generated in memory in ${((Date.now() - started) / 1000).toFixed(1)} s; inserting…`);
  const t0 = Date.now();
  await insertAll(db, 'people', people, 500);
  await insertAll(db, 'interactions', interactions, 1000);
  await insertAll(db, 'interactionParticipants', participants, 2000);
  // Birthdays for a third of the network, some without a year.
  const dates = people
    .filter(() => rand() < 0.3)
    .map((p) => ({
      id: uuidv7(),
      workspaceId,
      personId: p.id,
      kind: 'birthday',
      month: int(1, 12),
      day: int(1, 28),
      year: rand() < 0.5 ? int(1960, 2000) : null,
    }));
  await insertAll(db, 'importantDates', dates, 1000);
  const ach = Array.from({ length: Math.round(PEOPLE / 30) }, () => {
    const p = people[int(0, PEOPLE - 1)] as { id: string };
    const on = localDate(now.getTime() - int(0, 365) * DAY, tz);
    return {
      id: uuidv7(),
      workspaceId,
      personId: p.id,
      kind: 'promotion',
      title: 'Promoted',
      occurredOn: on,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
  });
  await insertAll(db, 'achievements', ach, 1000);
  const followUps = Array.from({ length: Math.round(PEOPLE / 20) }, (_, i) => ({
    id: uuidv7(),
    workspaceId,
    kind: 'thank_you',
    title: 'Send a thank-you',
    dueOn: localDate(now.getTime() + int(-60, 60) * DAY, tz),
    status: i % 3 === 0 ? 'open' : 'done',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  }));
  await insertAll(db, 'followUps', followUps, 1000);
  await insertAll(
    db,
    'followUpPeople',
    followUps.map((f) => ({
      workspaceId,
      followUpId: f.id,
      personId: (people[int(0, PEOPLE - 1)] as { id: string }).id,
    })),
    2000,
  );
  await insertAll(
    db,
    'weeklyActivity',
    [...weeks].map(([weekStart, rows]) => {
      const w = countWeek(weekStart, rows);
      return { workspaceId, weekStart, touches: w.touches, checkIns: w.checkIns };
    }),
    500,
  );
  console.log(`inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
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
  if (Number(existing.n) === 0) await generate(db, workspaceId);
  else console.log(`reusing ${existing.n} people already in the database`);
  if (db.dialect === 'sqlite') {
    const { sql } = await import('kysely');
    await sql`analyze`.execute(db.kysely);
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
