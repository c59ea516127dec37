/*
 * One simulated year for one policy: a copy of the world's network, written
 * once through the services, then day by day the world happens
 * (people reach out, achievements, events) and, on the days the user is there,
 * the policy's suggestions are acted on within the touch budget. The clock the
 * services see moves with the simulation, so due dates, strength decay and
 * follow-up delays behave as they would over a real year.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { AwayPeriodCreate } from '../src/contract/away.js';
import { AchievementCreate } from '../src/contract/keep-in-touch.js';
import { InteractionCreate } from '../src/contract/interactions.js';
import { PersonCreate } from '../src/contract/people.js';
import { addDays } from '../src/domain/dates.js';
import { refreshStaleStrengths } from '../src/jobs/strength-refresh.js';
import type { Actor, Clock } from '../src/services/context.js';
import { createServices, type Services } from '../src/services/index.js';
import { ensureLocalWorkspace } from '../src/services/workspaces.service.js';
import { migrateToLatest, openDb } from '../src/storage/db.js';
import { prng } from '../bench/lib/dataset.js';
import type { Policy } from './policies.js';
import { CADENCE, type Happening, type SimPerson, type World } from './world.js';

const DAY = 86_400_000;

class SimClock implements Clock {
  t: number;
  constructor(start: string) {
    this.t = Date.parse(`${start}T09:00:00.000Z`);
  }
  now() {
    return new Date(this.t);
  }
  at(day: number, hour: number, start: string) {
    this.t = Date.parse(`${start}T00:00:00.000Z`) + day * DAY + hour * 3_600_000;
  }
}

/*
 * The budget: touches accrue at `budget` a week (a fifth each working day the
 * user is there) into a bucket of at most BUCKET. Routine suggestions are only
 * taken while more than RESERVE touches are in the bucket, so a few are always
 * kept for what cannot wait (a suggestion the policy marks urgent), which may
 * spend the bucket down to zero. Over a year that spends at most `budget` a week.
 * Only the first TOP suggestions are read: the order is what is being measured.
 */
const BUCKET = 5;
/** The user reads the first few suggestions of the day, not the whole list. */
const TOP = 5;
const RESERVE = 2;

export interface Options {
  /** Touches per week. */
  budget: number;
  /**
   * Days before each absence the user records it in Tend (as an away period,
   * through the same service the API uses); 0: they never tell Tend.
   */
  awayNotice?: number;
}

export interface Result {
  policy: string;
  seed: number;
  /** How many inner and close people the world has. */
  tracked: { inner: number; close: number };
  /** Time-weighted share of inner and close relationships within their cadence. */
  keptInCadence: number;
  innerKept: number;
  closeKept: number;
  /** People met at events followed up within 48 hours. */
  eventFollowUps48h: number;
  eventsMet: number;
  /** Achievements with a touch within 7 days. */
  congratulated7d: number;
  achievements: number;
  /** Dormant strong ties touched at least once. */
  dormantRevived: number;
  dormantTotal: number;
  touches: number;
  /** Touches by the circle of the person touched. */
  touchesByCircle: Record<string, number>;
  /** Days after each absence until the in-cadence share is back to where it was when the user left. */
  recoveryDays: number[];
  /** The in-cadence share at the end of each day. */
  daily: number[];
  /** Where the budget went and why people fell out of cadence (see diagnose()). */
  diagnostics: Diagnostics;
  seconds: number;
  timing: { setupSeconds: number; refreshSeconds: number; suggestSeconds: number };
}

export interface Diagnostics {
  /** Touches by what the suggestion was (the nudge kind for Tend, `check_in` for the lists). */
  touchesByLabel: Record<string, number>;
  /**
   * Touches on inner and close people by when they came relative to the due date
   * (last contact + cadence): early by more than 3 days, 1–3 days early, on the day, late.
   */
  cadenceTouches: { early: number; justBefore: number; onDue: number; late: number };
  /** Out-of-cadence person-days: while away, in the two weeks after coming back, otherwise. */
  outDays: { away: number; afterAway: number; otherwise: number };
  /**
   * Touches spent on someone other than an inner or close person on a day when
   * one of them was already out of cadence and was not touched, by label: what
   * outranked them.
   */
  outrankedBy: Record<string, number>;
  /** Days someone inner or close was out of cadence while the user, there that day, had tokens left unspent. */
  unspentWhileOut: number;
  /** Event follow-ups missed (past 48 h), by weekday of the event (0 = Monday). */
  missedFollowUpsByWeekday: Record<string, number>;
  /** Tokens lost because the bucket was full. */
  tokensLost: number;
}

export interface Base {
  file: string;
  ids: Map<number, string>;
  lastContact: Map<number, number>;
  setupSeconds: number;
}

/**
 * The network and its history, written once per world through the services as
 * the user would have logged them, into a database file every policy starts
 * from (a copy each).
 */
export async function setUp(world: World): Promise<Base> {
  const started = Date.now();
  const { start } = world.options;
  const clock = new SimClock(start);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'simulated-year-')), `seed-${world.options.seed}.db`);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = await openDb(`sqlite:${file}`);
  await migrateToLatest(db);
  const workspaceId = await ensureLocalWorkspace(db);
  const actor: Actor = { workspaceId, userId: null };
  const services = createServices(db, clock);
  const ids = new Map<number, string>();
  const lastContact = new Map<number, number>();
  clock.at(-730, 9, start);
  for (const p of world.people) ids.set(p.key, await createPerson(services, actor, p));
  const startMs = Date.parse(`${start}T00:00:00.000Z`);
  clock.at(-1, 20, start);
  for (const p of world.people) {
    for (const ago of p.history) {
      const at = new Date(startMs - ago * DAY + 12 * 3_600_000).toISOString();
      await services.interactions.create(
        actor,
        InteractionCreate.parse({
          kind: ago % 3 === 0 ? 'coffee' : 'message',
          summary: 'Earlier contact',
          participantIds: [ids.get(p.key) as string],
          occurredAt: at,
        }),
      );
      lastContact.set(p.key, Math.max(lastContact.get(p.key) ?? 0, Date.parse(at)));
    }
  }
  await sql`pragma wal_checkpoint(truncate)`.execute(db.kysely);
  await db.close();
  return { file, ids, lastContact, setupSeconds: (Date.now() - started) / 1000 };
}

async function createPerson(services: Services, actor: Actor, p: SimPerson, metContext?: string): Promise<string> {
  const person = await services.people.create(
    actor,
    PersonCreate.parse({
      fullName: p.name,
      circle: p.circle,
      topics: p.topics,
      ...(p.birthday ? { importantDates: [{ kind: 'birthday', month: p.birthday.month, day: p.birthday.day }] } : {}),
      ...(metContext ? { howWeMet: { context: metContext } } : {}),
    }) as never,
  );
  return person.id;
}

export async function simulate(world: World, base: Base, policy: Policy, opts: Options): Promise<Result> {
  const started = Date.now();
  const { start, days, seed } = world.options;
  const clock = new SimClock(start);
  const file = `${base.file}.${policy.name.replace(/\W+/g, '-')}.db`;
  fs.copyFileSync(base.file, file);
  const db = await openDb(`sqlite:${file}`);
  const workspaceId = await ensureLocalWorkspace(db);
  const actor: Actor = { workspaceId, userId: null };
  const services = createServices(db, clock);
  const { rand } = prng(seed * 7919 + 1);

  const idOf = new Map(base.ids);
  const simOf = new Map<string, SimPerson>();
  for (const p of world.people) simOf.set(idOf.get(p.key) as string, p);
  /** Last contact of any kind (either side), in ms, for the cadence measure. */
  const lastContact = new Map(base.lastContact);
  /** The user's own touches, in ms, per person. */
  const touches = new Map<number, number[]>();
  async function addPerson(p: SimPerson, metContext: string) {
    const id = await createPerson(services, actor, p, metContext);
    idOf.set(p.key, id);
    simOf.set(id, p);
    return id;
  }
  const startMs = Date.parse(`${start}T00:00:00.000Z`);
  const setupSeconds = base.setupSeconds;
  let refreshMs = 0;
  let userMs = 0;
  const tracked = world.people.filter((p) => p.circle === 'inner' || p.circle === 'close');
  const dailyShare: number[] = [];
  const kept = { inner: 0, close: 0, innerN: 0, closeN: 0 };
  const meetings: { person: number; at: number }[] = [];
  const achievements: { person: number; at: number }[] = [];
  let spent = 0;
  const touchesByCircle: Record<string, number> = {};
  let tokens = RESERVE + 1;
  let next = 0;
  const diag: Diagnostics = {
    touchesByLabel: {},
    cadenceTouches: { early: 0, justBefore: 0, onDue: 0, late: 0 },
    outDays: { away: 0, afterAway: 0, otherwise: 0 },
    outrankedBy: {},
    unspentWhileOut: 0,
    missedFollowUpsByWeekday: {},
    tokensLost: 0,
  };
  const dayOf = (ms: number) => Math.floor((ms - startMs) / DAY);
  const outNow = (day: number) =>
    tracked.filter(
      (p) => startMs + day * DAY + 9 * 3_600_000 - (lastContact.get(p.key) ?? 0) > CADENCE[p.circle] * DAY,
    );

  for (let day = 0; day < days; day++) {
    const weekday = day % 7; // 0 = Monday
    clock.at(day, 3, start);
    // The server refreshes strengths daily; weekly here keeps a simulated year near a minute.
    // Anyone touched is recomputed at once either way; only the slow decay of the others lags.
    if (day % 7 === 0) {
      const r0 = Date.now();
      await refreshStaleStrengths(db, clock.now());
      refreshMs += Date.now() - r0;
    }

    // The world happens during the day: messages and news in the morning, events in the evening.
    const todays: Happening[] = [];
    while (next < world.happenings.length && (world.happenings[next] as Happening).day === day) {
      todays.push(world.happenings[next++] as Happening);
    }
    clock.at(day, 8, start);
    // The user books the trip and tells Tend, `awayNotice` days ahead (on day 0 for a trip sooner than that).
    const notice = opts.awayNotice ?? 0;
    if (notice > 0) {
      for (const a of world.absences) {
        if (Math.max(0, a.from - notice) !== day) continue;
        await services.away.create(
          actor,
          AwayPeriodCreate.parse({ from: addDays(start, a.from), to: addDays(start, a.to), label: 'Away' }),
        );
      }
    }
    for (const h of todays) {
      if (h.kind === 'reach_out') {
        await services.interactions.create(
          actor,
          InteractionCreate.parse({
            kind: 'message',
            summary: 'They reached out',
            participantIds: [idOf.get(h.person) as string],
          }),
        );
        lastContact.set(h.person, clock.now().getTime());
      } else if (h.kind === 'achievement') {
        await services.achievements.create(
          actor,
          idOf.get(h.person) as string,
          AchievementCreate.parse({ kind: h.achievement, title: `News (${h.achievement})` }),
        );
        achievements.push({ person: h.person, at: clock.now().getTime() });
      }
    }

    // The user, on a working day they are around: see the budget model above.
    if (weekday < 5 && !world.absent.has(day)) {
      diag.tokensLost += Math.max(0, tokens + opts.budget / 5 - BUCKET);
      tokens = Math.min(BUCKET, tokens + opts.budget / 5);
      const outBefore = outNow(day);
      const spentOn: string[] = [];
      clock.at(day, 9, start);
      const today = addDays(start, day);
      const u0 = Date.now();
      const suggestions = tokens >= 1 ? (await policy.suggest({ services, actor, today, rand })).slice(0, TOP) : [];
      userMs += Date.now() - u0;
      const touchedToday = new Set<string>();
      for (const s of suggestions) {
        if (tokens < 1) break;
        if (!s.urgent && tokens < RESERVE + 1) continue;
        if (s.personIds.every((id) => touchedToday.has(id))) continue;
        await s.act();
        tokens--;
        spent++;
        const label = s.label ?? 'check_in';
        diag.touchesByLabel[label] = (diag.touchesByLabel[label] ?? 0) + 1;
        spentOn.push(label);
        for (const id of s.personIds) {
          touchedToday.add(id);
          const p = simOf.get(id);
          if (!p) continue;
          if (p.circle === 'inner' || p.circle === 'close') {
            const due = dayOf(lastContact.get(p.key) ?? 0) + CADENCE[p.circle];
            const c = diag.cadenceTouches;
            if (day < due - 3) c.early++;
            else if (day < due) c.justBefore++;
            else if (day === due) c.onDue++;
            else c.late++;
          } else spentOn[spentOn.length - 1] = `other:${label}`;
          touchesByCircle[p.circle] = (touchesByCircle[p.circle] ?? 0) + 1;
          const list = touches.get(p.key) ?? [];
          list.push(clock.now().getTime());
          touches.set(p.key, list);
          lastContact.set(p.key, clock.now().getTime());
        }
      }
      const stillOut = outBefore.filter((p) => !touchedToday.has(idOf.get(p.key) as string));
      if (stillOut.length > 0) {
        for (const l of spentOn.filter((x) => x.startsWith('other:'))) {
          const k = l.slice(6);
          diag.outrankedBy[k] = (diag.outrankedBy[k] ?? 0) + 1;
        }
        if (tokens >= 1) diag.unspentWhileOut++;
      }
    }

    clock.at(day, 19, start);
    for (const h of todays) {
      if (h.kind !== 'event') continue;
      for (const p of h.met) {
        const id = await addPerson(p, `Met at ${h.name}`);
        await services.interactions.create(
          actor,
          InteractionCreate.parse({ kind: 'event_encounter', summary: `Met at ${h.name}`, participantIds: [id] }),
        );
        lastContact.set(p.key, clock.now().getTime());
        meetings.push({ person: p.key, at: clock.now().getTime() });
      }
    }

    // End of day: who among inner and close is within cadence.
    const endOfDay = startMs + (day + 1) * DAY;
    let within = 0;
    for (const p of tracked) {
      const last = lastContact.get(p.key) ?? 0;
      const ok = endOfDay - last <= CADENCE[p.circle] * DAY;
      if (ok) within++;
      if (p.circle === 'inner') {
        kept.innerN++;
        if (ok) kept.inner++;
      } else {
        kept.closeN++;
        if (ok) kept.close++;
      }
    }
    dailyShare.push(tracked.length ? within / tracked.length : 1);
    const outToday = tracked.length - within;
    if (world.absent.has(day)) diag.outDays.away += outToday;
    else if (world.absences.some((a) => day > a.to && day <= a.to + 14)) diag.outDays.afterAway += outToday;
    else diag.outDays.otherwise += outToday;
  }

  const touchedWithin = (person: number, from: number, ms: number) =>
    (touches.get(person) ?? []).some((t) => t > from && t <= from + ms);
  for (const m of meetings) {
    if (touchedWithin(m.person, m.at, 2 * DAY)) continue;
    const wd = String(dayOf(m.at) % 7);
    diag.missedFollowUpsByWeekday[wd] = (diag.missedFollowUpsByWeekday[wd] ?? 0) + 1;
  }
  const dormant = world.people.filter((p) => p.dormantStrong);
  const recoveryDays = world.absences.map((a) => {
    const before = dailyShare[a.from - 1] ?? 1;
    for (let d = a.to + 1; d < days; d++) if ((dailyShare[d] ?? 0) >= before - 1e-9) return d - a.to;
    return Number.POSITIVE_INFINITY;
  });
  await db.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return {
    policy: policy.name,
    seed,
    tracked: {
      inner: tracked.filter((p) => p.circle === 'inner').length,
      close: tracked.filter((p) => p.circle === 'close').length,
    },
    keptInCadence: dailyShare.reduce((a, b) => a + b, 0) / Math.max(dailyShare.length, 1),
    innerKept: kept.inner / Math.max(kept.innerN, 1),
    closeKept: kept.close / Math.max(kept.closeN, 1),
    eventFollowUps48h:
      meetings.filter((m) => touchedWithin(m.person, m.at, 2 * DAY)).length / Math.max(meetings.length, 1),
    eventsMet: meetings.length,
    congratulated7d:
      achievements.filter((a) => touchedWithin(a.person, a.at - 3_600_000, 7 * DAY)).length /
      Math.max(achievements.length, 1),
    achievements: achievements.length,
    dormantRevived: dormant.filter((p) => (touches.get(p.key) ?? []).length > 0).length,
    dormantTotal: dormant.length,
    touches: spent,
    touchesByCircle,
    recoveryDays,
    daily: dailyShare.map((x) => Math.round(x * 1000) / 1000),
    diagnostics: diag,
    seconds: (Date.now() - started) / 1000,
    timing: { setupSeconds, refreshSeconds: refreshMs / 1000, suggestSeconds: userMs / 1000 },
  };
}

export function tearDown(base: Base) {
  fs.rmSync(path.dirname(base.file), { recursive: true, force: true });
}
