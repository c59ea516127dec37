/*
 * A deterministic, seedable network for benchmarks: sizes S (1k people), M (10k)
 * and L (100k people, 1M interactions, 10k organisations), with organisations,
 * roles, e-mail addresses, tags, topics, birthdays, achievements, follow-ups and
 * the weekly activity the Today goal reads.
 *
 * Rows go in with batched INSERTs inside large transactions, not through the
 * HTTP API: a million interactions through the services would take an hour.
 * Every derived column the services keep (search text, last contact, due date,
 * strength, trend, weekly counts) is computed with the same pure domain
 * functions the services use, so the rows are exactly what the app would write.
 * Same seed and size → the same names, texts, dates and shape every time (ids
 * are UUIDv7, so they differ between runs; benchmarks sample ids from the data).
 */
import { en, Faker } from '@faker-js/faker';
import type { Circle, InteractionKind } from '../../src/contract/common.js';
import { DEFAULT_CADENCES, effectiveCadence, lastMeaningful, nextDueOn } from '../../src/domain/cadence.js';
import { localDate, startOfWeek } from '../../src/domain/dates.js';
import { countWeek } from '../../src/domain/goals.js';
import { assessStrength, type HistoryItem } from '../../src/domain/strength.js';
import { fold, normaliseEmail } from '../../src/domain/text.js';
import { uuidv7 } from '../../src/lib/ids.js';
import type { Db } from '../../src/storage/db.js';
import { STRENGTH_SETTLED } from '../../src/storage/repos/keep-in-touch.repo.js';
import type { Database } from '../../src/storage/schema.js';

export type Size = 'S' | 'M' | 'L';

export interface Shape {
  people: number;
  interactions: number;
  organisations: number;
}

export const SIZES: Record<Size, Shape> = {
  S: { people: 1_000, interactions: 10_000, organisations: 100 },
  M: { people: 10_000, interactions: 100_000, organisations: 1_000 },
  L: { people: 100_000, interactions: 1_000_000, organisations: 10_000 },
};

/** A seeded PRNG (mulberry32): faker's own is too slow for a million rows. */
export function prng(seed: number) {
  let s = seed | 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  function pick<T>(table: readonly (readonly [T, number])[]): T {
    let r = rand();
    for (const [v, w] of table) {
      r -= w;
      if (r <= 0) return v;
    }
    return (table[table.length - 1] as readonly [T, number])[0];
  }
  return { rand, int, pick };
}

const DAY = 86_400_000;
const YEARS = 3;

const CIRCLES = [
  ['inner', 0.01],
  ['close', 0.04],
  ['wider', 0.15],
  ['loose', 0.3],
  ['none', 0.5],
] as const satisfies readonly (readonly [Circle, number])[];

const KINDS = [
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
] as const satisfies readonly (readonly [InteractionKind, number])[];

const IN_PERSON = new Set<string>(['coffee', 'meeting', 'meal', 'event_encounter']);
const ACTIVITY: Record<Circle, number> = { inner: 60, close: 25, wider: 8, loose: 3, none: 1 };
const TAGS = [
  'investor',
  'founder',
  'alumni',
  'mentor',
  'recruiter',
  'customer',
  'speaker',
  'friend',
  'press',
  'advisor',
];
const TOPICS = [
  'climate tech',
  'fintech',
  'machine learning',
  'design',
  'open source',
  'healthcare',
  'education',
  'security',
  'developer tools',
  'marketing',
  'product management',
  'robotics',
  'energy',
  'biotech',
  'venture capital',
];

export interface Generated {
  workspaceId: string;
  people: number;
  interactions: number;
  seconds: number;
}

async function insertAll(db: Db, table: keyof Database, rows: Record<string, unknown>[], perBatch: number) {
  // PostgreSQL allows 65,535 bound parameters per statement; keep batches under it.
  const columns = Object.keys(rows[0] ?? {}).length || 1;
  const size = Math.max(1, Math.min(perBatch, Math.floor(60_000 / columns)));
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += size) {
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + size) as never)
        .execute();
    }
  });
}

/**
 * Writes a network of the given shape into `workspaceId`. The database must be
 * migrated and the workspace must exist; the people table of the workspace
 * should be empty.
 */
export async function generateNetwork(
  db: Db,
  workspaceId: string,
  shape: Shape,
  opts: { seed?: number; now?: Date; log?: (line: string) => void } = {},
): Promise<Generated> {
  const seed = opts.seed ?? 42;
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => {});
  const { rand, int, pick } = prng(seed);
  const faker = new Faker({ locale: [en], seed });
  const started = Date.now();
  const tz = 'UTC';
  const stamp = now.toISOString();

  const organisations: Record<string, unknown>[] = [];
  const orgNames = new Set<string>();
  while (organisations.length < shape.organisations) {
    let name = faker.company.name();
    if (orgNames.has(fold(name))) name = `${name} ${organisations.length}`;
    orgNames.add(fold(name));
    organisations.push({
      id: uuidv7(),
      workspaceId,
      name,
      sortName: fold(name),
      industry: faker.company.buzzNoun(),
      createdAt: stamp,
      updatedAt: stamp,
    });
  }
  const labels = (names: string[]) =>
    names.map((name) => ({ id: uuidv7(), workspaceId, name, normalized: fold(name), createdAt: stamp }));
  const tags = labels(TAGS);
  const topics = labels(TOPICS);

  const people: Record<string, unknown>[] = [];
  const points: Record<string, unknown>[] = [];
  const personTags: Record<string, unknown>[] = [];
  const personTopics: Record<string, unknown>[] = [];
  const circleOf: Circle[] = [];
  const weights: number[] = [];
  for (let i = 0; i < shape.people; i++) {
    const circle = pick(CIRCLES);
    const given = faker.person.firstName();
    const family = faker.person.lastName();
    const name = `${given} ${family}`;
    const createdAt = new Date(now.getTime() - int(30, YEARS * 365) * DAY).toISOString();
    const org = rand() < 0.8 ? (organisations[int(0, organisations.length - 1)] as { id: string; name: string }) : null;
    const title = org ? faker.person.jobTitle() : null;
    const location = rand() < 0.6 ? faker.location.city() : null;
    const id = uuidv7(Date.parse(createdAt));
    const email =
      rand() < 0.7 ? `${fold(given)}.${fold(family)}${i}@${faker.internet.domainName()}`.replace(/\s/g, '') : null;
    circleOf.push(circle);
    weights.push(ACTIVITY[circle]);
    people.push({
      id,
      workspaceId,
      fullName: name,
      givenName: given,
      familyName: family,
      sortName: fold(`${family} ${given}`),
      searchText: fold([name, title, location, org?.name, email].filter(Boolean).join(' ')),
      roleTitle: title,
      organisationId: org?.id ?? null,
      location,
      circle,
      notes: rand() < 0.2 ? faker.lorem.sentence() : '',
      createdAt,
      updatedAt: createdAt,
    });
    if (email) {
      points.push({
        id: uuidv7(),
        workspaceId,
        personId: id,
        kind: 'email',
        label: 'work',
        value: email,
        normalized: normaliseEmail(email),
        isPrimary: 1,
        position: 0,
      });
    }
    const tagCount = rand() < 0.4 ? int(1, 2) : 0;
    for (const t of new Set(Array.from({ length: tagCount }, () => int(0, tags.length - 1)))) {
      personTags.push({ workspaceId, personId: id, tagId: (tags[t] as { id: string }).id });
    }
    const topicCount = rand() < 0.5 ? int(1, 3) : 0;
    for (const t of new Set(Array.from({ length: topicCount }, () => int(0, topics.length - 1)))) {
      personTopics.push({ workspaceId, personId: id, topicId: (topics[t] as { id: string }).id });
    }
  }

  // Interactions go to people in proportion to their circle's activity.
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cumulative.push(acc);
  }
  const history: HistoryItem[][] = people.map(() => []);
  const interactions: Record<string, unknown>[] = [];
  const participants: Record<string, unknown>[] = [];
  const weeks = new Map<string, { kind: InteractionKind; people: number }[]>();
  const SUMMARIES = ['Caught up on', 'Talked about', 'Swapped notes on', 'Asked about', 'Shared an article on'];
  for (let i = 0; i < shape.interactions; i++) {
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
      channel: IN_PERSON.has(kind) ? 'in_person' : 'online',
      occurredAt: at,
      summary: `${SUMMARIES[i % SUMMARIES.length]} ${TOPICS[int(0, TOPICS.length - 1)]}`,
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
  log(`generated in memory in ${((Date.now() - started) / 1000).toFixed(1)} s; inserting…`);

  await insertAll(db, 'organisations', organisations, 1000);
  await insertAll(db, 'tags', tags, 100);
  await insertAll(db, 'topics', topics, 100);
  await insertAll(db, 'people', people, 1000);
  await insertAll(db, 'contactPoints', points, 2000);
  await insertAll(db, 'personTags', personTags, 5000);
  await insertAll(db, 'personTopics', personTopics, 5000);
  await insertAll(db, 'interactions', interactions, 2000);
  await insertAll(db, 'interactionParticipants', participants, 5000);
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
  await insertAll(db, 'importantDates', dates, 2000);
  const achievements = Array.from({ length: Math.round(shape.people / 30) }, () => ({
    id: uuidv7(),
    workspaceId,
    personId: (people[int(0, people.length - 1)] as { id: string }).id,
    kind: 'promotion',
    title: 'Promoted',
    occurredOn: localDate(now.getTime() - int(0, 365) * DAY, tz),
    createdAt: stamp,
    updatedAt: stamp,
  }));
  await insertAll(db, 'achievements', achievements, 2000);
  const followUps = Array.from({ length: Math.round(shape.people / 20) }, (_, i) => ({
    id: uuidv7(),
    workspaceId,
    kind: 'thank_you',
    title: 'Send a thank-you',
    dueOn: localDate(now.getTime() + int(-60, 60) * DAY, tz),
    status: i % 3 === 0 ? 'open' : 'done',
    createdAt: stamp,
    updatedAt: stamp,
  }));
  await insertAll(db, 'followUps', followUps, 2000);
  await insertAll(
    db,
    'followUpPeople',
    followUps.map((f) => ({
      workspaceId,
      followUpId: f.id,
      personId: (people[int(0, people.length - 1)] as { id: string }).id,
    })),
    5000,
  );
  await insertAll(
    db,
    'weeklyActivity',
    [...weeks].map(([weekStart, rows]) => {
      const w = countWeek(weekStart, rows);
      return { workspaceId, weekStart, touches: w.touches, checkIns: w.checkIns };
    }),
    1000,
  );
  const seconds = (Date.now() - started) / 1000;
  log(`network written in ${seconds.toFixed(1)} s`);
  return { workspaceId, people: shape.people, interactions: shape.interactions, seconds };
}
