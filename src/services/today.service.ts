import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Circle } from '../contract/common.js';
import type {
  DraftQuery,
  GoalProgress,
  KeepInTouch,
  NudgeDone,
  SnoozeInput,
  Today,
  TodayQuery,
} from '../contract/keep-in-touch.js';
import { effectiveCadence } from '../domain/cadence.js';
import {
  addDays,
  anniversaryIn,
  daysBetween,
  localDate,
  monthDayRanges,
  nextAnniversary,
  startOfLocalDay,
  startOfWeek,
  yearsAt,
} from '../domain/dates.js';
import { type DraftFacts, renderTemplate, topicPhrase } from '../domain/drafts.js';
import { streak, weekHistory } from '../domain/goals.js';
import { WAITING_STEPS, nextAction } from '../domain/introductions.js';
import {
  dueLeadDays,
  type IntroWaitingStep,
  type NudgeCandidate,
  type NudgePerson,
  rankNudges,
  WEIGHTS,
} from '../domain/nudges.js';
import { type KeepInTouchSettings, templateOf } from '../domain/settings.js';
import { NotFoundError } from '../lib/errors.js';
import { type FollowUpPerson, followUpPeopleQuery, presentWithPeople } from '../storage/repos/follow-ups.repo.js';
import { readSettings, readWeeks, refreshPeople } from '../storage/repos/keep-in-touch.repo.js';
import { labelsOfPeople } from '../storage/repos/labels.repo.js';
import { findPersonRow } from '../storage/repos/people.repo.js';
import { exchangeCounts, windowStart } from '../storage/repos/exchange.repo.js';
import { mostlyAsks } from '../domain/exchange.js';
import { fold } from '../domain/text.js';
import { isPostgres } from '../storage/db.js';
import { batchingReads } from '../storage/pg-batch.js';
import type { Database } from '../storage/schema.js';
import { type Actor, type Clock, type ServiceDeps, nowIso } from './context.js';
import { logWith, snoozeTarget } from './follow-ups.service.js';
import { eventsService } from './events.service.js';
import { followUpsService } from './follow-ups.service.js';
import { introductionsService } from './introductions.service.js';
import { resourcesService } from './resources.service.js';
import { awayAround } from './away.service.js';
import { leavingSoon } from '../domain/away.js';

type Q = Kysely<Database>;

/** Statements sent with Today's first read and with its last one (PostgreSQL's plan mode). */
interface Around {
  first(): Promise<void>;
  last(): Promise<void>;
}

/*
 * Today: every list is an index range scan with a limit, so its cost does not
 * grow with the size of the network (bench/today.ts checks it).
 */
export const TODAY_LIMITS = {
  due: 20,
  dueCount: 1000,
  duePerCircle: 10,
  followUpDays: 7,
  followUps: 30,
  achievementsDays: 14,
  achievements: 30,
  datesDays: 14,
  dates: 40,
  cooling: 10,
  dormantAfterDays: 180,
  dormantWithinDays: 730,
  dormantMinInteractions: 5,
  dormant: 10,
  goalWeeks: 12,
  introductions: 20,
  thanks: 20,
  /** Recent asks read to find people you mostly ask. */
  asks: 50,
  /** Events ended this recently whose people met are not all followed up. */
  eventDays: 14,
  events: 10,
  eventPeople: 100,
  /** Resources saved this recently are matched against the topics of people due. */
  resourceDays: 14,
  resources: 20,
} as const;

const CIRCLES: Circle[] = ['inner', 'close', 'wider', 'loose', 'none'];

const personCols = [
  'p.id',
  'p.fullName',
  'p.givenName',
  'p.circle',
  'p.photoUrl',
  'p.timeZone',
  'p.headline',
  'p.nextDueOn',
  'p.cadenceDays',
  'p.lastInteractionAt',
  'p.lastMeaningfulAt',
  'p.interactionCount',
  'p.strength',
  'p.strengthTrend',
] as const;

/** What a nudge shows of a person (nudgePerson). */
const nudgeCols = ['p.id', 'p.fullName', 'p.givenName', 'p.circle', 'p.photoUrl', 'p.timeZone'] as const;

const NO_DUE_DATE = '9999-12-31';

/**
 * Runs independent reads of Today. On PostgreSQL side by side: Today's handle there batches the
 * reads issued together into one statement (src/storage/pg-batch.ts), one round trip for the lot.
 * On SQLite one after the other: there is one connection and each query runs to its end at once,
 * so side by side gained nothing, and each query's time included whatever JavaScript the others
 * ran while it was awaited (compiling, mapping rows), which the database-time figure counted.
 */
async function inTurn<T extends readonly (() => Promise<unknown>)[]>(
  db: Q,
  ...steps: T
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (isPostgres(db)) return Promise.all(steps.map((s) => s())) as never;
  const out: unknown[] = [];
  for (const step of steps) out.push(await step());
  return out as never;
}

function livePeople(db: Q, ws: string) {
  return db.selectFrom('people as p').where('p.workspaceId', '=', ws).where('p.deletedAt', 'is', null);
}
type LivePeople = ReturnType<typeof livePeople>;

/** The due order (Today's and the people list's): due date, people without one last, then id. */
function byDueOrder(a: { id: string; nextDueOn: string | null }, b: { id: string; nextDueOn: string | null }) {
  const x = a.nextDueOn ?? NO_DUE_DATE;
  const y = b.nextDueOn ?? NO_DUE_DATE;
  if (x !== y) return x < y ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Several lists of live people, each a filter, an order and a limit. On SQLite in two statements:
 * the ids of every list from its index (UNION ALL of the lists as subqueries, so each keeps its
 * order and limit; SQLite's indexes cover the ids, no row is read), then the rows of the distinct
 * ids. A person in several lists is read once: reading rows, not walking indexes, is what the
 * lists cost there. On PostgreSQL in one: its index scans fetch each row anyway (visibility), so
 * the lists select the rows themselves and save a round trip.
 * Each list comes back in the order its ids were read in: in practice each subquery's, but SQL does
 * not promise it across a UNION, so callers sort again by the list's own key (stably: ties keep it).
 */
async function peopleLists(db: Q, ws: string, lists: ((p: LivePeople) => LivePeople)[]) {
  if (isPostgres(db)) {
    const [first, ...rest] = lists.map((list, i) =>
      db
        .selectFrom(
          list(livePeople(db, ws))
            .select([...personCols, sql.lit(i).as('list')])
            .as(`l${i}`),
        )
        .selectAll(),
    );
    if (!first) return [];
    const rows = await rest.reduce((q, next) => q.unionAll(next), first).execute();
    const out = lists.map((): Omit<(typeof rows)[number], 'list'>[] => []);
    for (const { list, ...row } of rows) out[Number(list)]?.push(row);
    return out;
  }
  const [first, ...rest] = lists.map((list, i) =>
    db
      .selectFrom(
        list(livePeople(db, ws))
          .select(['p.id', sql.lit(i).as('list')])
          .as(`l${i}`),
      )
      .selectAll(),
  );
  if (!first) return [];
  const ids = await rest.reduce((q, next) => q.unionAll(next), first).execute();
  const distinct = [...new Set(ids.map((r) => r.id))];
  const rows =
    distinct.length === 0
      ? []
      : await db
          .selectFrom('people as p')
          .select(personCols)
          .where('p.workspaceId', '=', ws)
          .where('p.id', 'in', distinct)
          .where('p.deletedAt', 'is', null)
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = lists.map((): (typeof rows)[number][] => []);
  for (const { id, list } of ids) {
    const row = byId.get(id);
    if (row) out[Number(list)]?.push(row);
  }
  return out;
}

/** What a nudge shows of a person: the columns of `nudgeCols`, as follow-ups read them too. */
function nudgePerson(p: FollowUpPerson): NudgePerson {
  return {
    id: p.id,
    fullName: p.fullName,
    givenName: p.givenName,
    circle: p.circle as Circle,
    photoUrl: p.photoUrl,
    timeZone: p.timeZone,
  };
}

/** When "today" is another day than the real one, look at it from its noon. */
function instantOf(date: string | undefined, settings: KeepInTouchSettings, clock: Clock): Date {
  if (!date) return clock.now();
  return new Date(Date.parse(startOfLocalDay(date, settings.timeZone)) + 12 * 3_600_000);
}

async function goalProgress(db: Q, workspaceId: string, s: KeepInTouchSettings, today: string, weeks: number) {
  const current = startOfWeek(today, s.weekStartsOn);
  // Two years of weeks bound the streak; enough for anyone, and at most 104 rows.
  const rows = await readWeeks(db, workspaceId, addDays(current, -7 * 104), current);
  const history = weekHistory(rows, current, weeks, s.weeklyGoal);
  const now = history[history.length - 1] ?? { weekStart: current, touches: 0, checkIns: 0, met: false };
  return {
    goal: { ...s.weeklyGoal },
    weekStart: current,
    touches: now.touches,
    checkIns: now.checkIns,
    met: now.met,
    streak: streak(rows, current, s.weeklyGoal),
    history,
  } satisfies GoalProgress;
}

export function todayService(deps: ServiceDeps) {
  const { db, clock } = deps;
  const k = db.kysely;
  const followUps = followUpsService(deps);
  const introductions = introductionsService(deps);
  const events = eventsService(deps);
  const resources = resourcesService(deps);

  async function livePerson(trx: Q, actor: Actor, id: string) {
    const p = await findPersonRow(trx, actor.workspaceId, id);
    if (!p || p.deletedAt) throw NotFoundError('Person');
    return p;
  }

  async function keepInTouchOf(actor: Actor, id: string): Promise<KeepInTouch> {
    const p = await livePerson(k, actor, id);
    const s = await readSettings(k, actor.workspaceId);
    return {
      cadenceDays: effectiveCadence(p.circle as Circle, p.cadenceDays, s.cadences),
      nextDueOn: p.nextDueOn,
      snoozedUntil: p.snoozedUntil,
      lastMeaningfulAt: p.lastMeaningfulAt,
      strength: Number(p.strength),
      trend: p.strengthTrend as KeepInTouch['trend'],
    };
  }

  async function setSnooze(actor: Actor, id: string, until: (today: string) => string | null) {
    await k.transaction().execute(async (trx) => {
      await livePerson(trx, actor, id);
      const s = await readSettings(trx, actor.workspaceId);
      const snoozedUntil = until(localDate(clock.now(), s.timeZone));
      await trx
        .updateTable('people')
        .set({ snoozedUntil })
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .execute();
      await refreshPeople(trx, actor.workspaceId, [id], s, clock.now());
    });
    return keepInTouchOf(actor, id);
  }

  /**
   * Today on one handle. On PostgreSQL that is one connection of the pool for the whole request,
   * through a handle that sends the reads issued together as one statement: the settings (with the
   * plan mode), then every independent read, then the reads that depend on them (none when there
   * are no introductions, asks, events or resources), then the remembered nudges (with the plan
   * mode put back). Spread over the pool its queries each took a connection and ran at once, and
   * on a small server waited for each other's CPU. On SQLite there is one connection anyway;
   * holding it would keep other requests waiting through the ranking in JavaScript.
   */
  async function todayOn(k: Q, actor: Actor, q: z.output<typeof TodayQuery>, around?: Around): Promise<Today> {
    const ws = actor.workspaceId;
    const [s] = await Promise.all([readSettings(k, ws), around?.first()]);
    const now = instantOf(q.date, s, clock);
    const today = q.date ?? localDate(now, s.timeZone);
    const live = k.selectFrom('people as p').where('p.workspaceId', '=', ws).where('p.deletedAt', 'is', null);
    const dueOrder = sql<string>`coalesce(p.next_due_on, '9999-12-31')`;
    // The due count reads only ids: PostgreSQL counts them from people_due_idx alone (0.6–0.9 ms
    // at L), where the partial due-order index would fetch every row (10–20 ms). SQLite's
    // due-order index is covering, and SQLite no longer has people_due_idx (2026-11-27-1000).
    const dueCountKey = isPostgres(k) ? sql<string>`p.next_due_on` : dueOrder;

    const [
      lists,
      dueCount,
      { rows: fuRows, followUps: fus, people: fuPeopleRead },
      achievements,
      dates,
      goal,
      { intros, people: introPeople },
      thanks,
      giveFirst,
      eventCandidates,
      { away, dueWhileAway },
      recentResources,
    ] = await inTurn(
      k,
      // The lists of live people, one statement: each its own index range with a limit.
      () =>
        peopleLists(k, ws, [
          // Due dates through coalesce(next_due_on, '9999-12-31'), the people list's due order: its
          // indexes (partial on live rows on PostgreSQL) are read in order and stop at the limit,
          // where `next_due_on <= today` made PostgreSQL sort every due person (58 ms at L).
          (p) => p.where(dueOrder, '<=', today).orderBy(dueOrder).orderBy('p.id').limit(TODAY_LIMITS.due),
          ...CIRCLES.map(
            (circle) => (p: LivePeople) =>
              p
                .where('p.circle', '=', circle)
                .where(dueOrder, '<=', addDays(today, dueLeadDays(circle, s.cadences)))
                .orderBy(dueOrder)
                .orderBy('p.id')
                .limit(TODAY_LIMITS.duePerCircle),
          ),
          ...(['inner', 'close'] as const).map(
            (circle) => (p: LivePeople) =>
              p
                .where('p.circle', '=', circle)
                .where('p.strengthTrend', '=', 'cooling')
                .orderBy('p.strength', 'desc')
                .limit(TODAY_LIMITS.cooling),
          ),
          (p) =>
            p
              .where(
                sql<boolean>`coalesce(p.last_interaction_at, '') < ${addDays(today, -TODAY_LIMITS.dormantAfterDays)}`,
              )
              .where(
                sql<boolean>`coalesce(p.last_interaction_at, '') >= ${addDays(today, -TODAY_LIMITS.dormantWithinDays)}`,
              )
              .where('p.interactionCount', '>=', TODAY_LIMITS.dormantMinInteractions)
              .orderBy(sql`coalesce(p.last_interaction_at, '')`, 'desc')
              .limit(TODAY_LIMITS.dormant),
        ]),
      () =>
        k
          .selectFrom(live.select('p.id').where(dueCountKey, '<=', today).limit(TODAY_LIMITS.dueCount).as('d'))
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow(),
      // The follow-ups due soon, and their people (the nudges name them: read once), found by
      // the same query of the follow-ups' ids, so both go out together on PostgreSQL.
      async () => {
        const soon = k
          .selectFrom('followUps as f')
          .where('f.workspaceId', '=', ws)
          .where('f.status', '=', 'open')
          .where('f.dueOn', '<=', addDays(today, TODAY_LIMITS.followUpDays))
          .orderBy('f.dueOn')
          .orderBy('f.id')
          .limit(TODAY_LIMITS.followUps);
        const [rows, found] = await inTurn(
          k,
          () =>
            soon
              .leftJoin('interactions as i', (j) =>
                j.onRef('i.workspaceId', '=', 'f.workspaceId').onRef('i.id', '=', 'f.sourceInteractionId'),
              )
              .selectAll('f')
              .select(['i.kind as sourceKind', 'i.occurredAt as sourceAt', 'i.platform as sourcePlatform'])
              .execute(),
          () => followUpPeopleQuery(k, ws, soon.select('f.id')).execute(),
        );
        return { rows, ...presentWithPeople(rows, found) };
      },
      () =>
        k
          .selectFrom('achievements as a')
          .innerJoin('people as p', (j) =>
            j.onRef('p.workspaceId', '=', 'a.workspaceId').onRef('p.id', '=', 'a.personId'),
          )
          .select(nudgeCols)
          .select(['a.id as achievementId', 'a.kind as achievementKind', 'a.title', 'a.occurredOn'])
          .where('a.workspaceId', '=', ws)
          .where('a.occurredOn', '>=', addDays(today, -TODAY_LIMITS.achievementsDays))
          .where('a.occurredOn', '<=', today)
          .where('a.congratulatedAt', 'is', null)
          .where('p.deletedAt', 'is', null)
          .orderBy('a.occurredOn', 'desc')
          .limit(TODAY_LIMITS.achievements)
          .execute(),
      // In calendar order, one index range per month of the window, each with the limit; the
      // nearest dates are the first ones of the ranges taken in order. On PostgreSQL in one
      // statement (UNION ALL of the ranges as subqueries). On SQLite one range after the other,
      // each asked only for the dates still missing: at 100k people the rest of this month
      // usually fills the list, and the next month's range is not read.
      async () => {
        const ranges = monthDayRanges(today, addDays(today, TODAY_LIMITS.datesDays));
        const range = (r: (typeof ranges)[number], i: number, limit: number) =>
          k
            .selectFrom('importantDates as d')
            .innerJoin('people as p', (j) =>
              j.onRef('p.workspaceId', '=', 'd.workspaceId').onRef('p.id', '=', 'd.personId'),
            )
            .select(nudgeCols)
            .select(['d.kind as dateKind', 'd.label', 'd.month', 'd.day', 'd.year', sql.lit(i).as('range')])
            .where('d.workspaceId', '=', ws)
            .where('d.month', '=', r.month)
            .where('d.day', '>=', r.fromDay)
            .where('d.day', '<=', r.toDay)
            .where('p.deletedAt', 'is', null)
            .orderBy('d.day')
            .limit(limit);
        let rows: Awaited<ReturnType<ReturnType<typeof range>['execute']>> = [];
        if (isPostgres(k)) {
          const [first, ...rest] = ranges.map((r, i) =>
            k.selectFrom(range(r, i, TODAY_LIMITS.dates).as(`r${i}`)).selectAll(),
          );
          if (first) rows = await rest.reduce((q, next) => q.unionAll(next), first).execute();
        } else {
          for (const [i, r] of ranges.entries()) {
            const missing = TODAY_LIMITS.dates - rows.length;
            if (missing <= 0) break;
            rows = rows.concat(await range(r, i, missing).execute());
          }
        }
        // Each range's rows in day order (SQL does not promise a UNION's order; the sort is stable).
        return rows
          .sort((a, b) => Number(a.range) - Number(b.range) || a.day - b.day)
          .slice(0, TODAY_LIMITS.dates)
          .map(({ range: _range, ...row }) => row);
      },
      () => goalProgress(k, ws, s, today, TODAY_LIMITS.goalWeeks),
      // Introductions waiting on one step for too long, oldest first, then their people.
      async () => {
        const intros = await k
          .selectFrom('introductions')
          .select(['id', 'aPersonId', 'bPersonId', 'step', 'stepAt', 'followUpId'])
          .where('workspaceId', '=', ws)
          .where('step', 'in', [...WAITING_STEPS])
          .where('stepAt', '<', startOfLocalDay(addDays(today, -WEIGHTS.introWaitDays), s.timeZone))
          .orderBy('stepAt')
          .limit(TODAY_LIMITS.introductions)
          .execute();
        const ids = [...new Set(intros.flatMap((i) => [i.aPersonId, i.bPersonId]))];
        const people =
          ids.length === 0
            ? []
            : await k
                .selectFrom('people as p')
                .select(nudgeCols)
                .where('p.workspaceId', '=', ws)
                .where('p.id', 'in', ids)
                .execute();
        return { intros, people };
      },
      // Won recently, and no contact with the source person since.
      () =>
        k
          .selectFrom('opportunities as o')
          .innerJoin('opportunityPeople as op', (j) =>
            j
              .onRef('op.workspaceId', '=', 'o.workspaceId')
              .onRef('op.opportunityId', '=', 'o.id')
              .on('op.role', '=', 'source'),
          )
          .innerJoin('people as p', (j) =>
            j.onRef('p.workspaceId', '=', 'op.workspaceId').onRef('p.id', '=', 'op.personId'),
          )
          .select(nudgeCols)
          .select(['o.id as opportunityId', 'o.title as opportunityTitle', 'o.closedOn'])
          .where('o.workspaceId', '=', ws)
          .where('o.stage', '=', 'won')
          .where('o.closedOn', '>=', addDays(today, -WEIGHTS.thankWithinDays))
          .where('o.closedOn', '<=', today)
          .where('p.deletedAt', 'is', null)
          .where((eb) =>
            eb.or([eb('p.lastInteractionAt', 'is', null), eb('p.lastInteractionAt', '<', eb.ref('o.closedOn'))]),
          )
          .orderBy('o.closedOn', 'desc')
          .limit(TODAY_LIMITS.thanks)
          .execute(),
      () => giveFirstCandidates(k, ws, now, s.timeZone),
      () => eventFollowUpCandidates(k, ws, today),
      // Away periods; when leaving soon, the inner and close people who would fall due while away,
      // to see them before leaving.
      async () => {
        const away = await awayAround(k, actor, today);
        const trip = leavingSoon(today, away);
        const dueWhileAway = trip
          ? await inTurn(
              k,
              ...(['inner', 'close'] as const).map(
                (circle) => () =>
                  live
                    .select(personCols)
                    .where('p.circle', '=', circle)
                    .where(dueOrder, '>=', trip.from)
                    .where(dueOrder, '<=', trip.to)
                    .orderBy(dueOrder)
                    .orderBy('p.id')
                    .limit(TODAY_LIMITS.duePerCircle * 2)
                    .execute(),
              ),
            )
          : [];
        return { away, dueWhileAway };
      },
      () => readRecentResources(k, ws, today, s.timeZone),
    );

    const [due = [], ...others] = lists.map((l, i) =>
      i <= CIRCLES.length
        ? l.sort(byDueOrder)
        : i <= CIRCLES.length + 2
          ? l.sort((a, b) => Number(b.strength) - Number(a.strength))
          : l.sort((a, b) => {
              const x = a.lastInteractionAt ?? '';
              const y = b.lastInteractionAt ?? '';
              return x < y ? 1 : x > y ? -1 : 0;
            }),
    );
    const duePerCircle = others.slice(0, CIRCLES.length);
    const cooling = others.slice(CIRCLES.length, CIRCLES.length + 2).flat();
    const dormant = others[CIRCLES.length + 2] ?? [];

    // A late introduction speaks for its own follow-up, with the whole story.
    const introFollowUps = new Set(intros.flatMap((i) => (i.followUpId ? [i.followUpId] : [])));
    const fuPeopleById = new Map([...fuPeopleRead.values(), ...introPeople].map((p) => [p.id, nudgePerson(p)]));

    const candidates: NudgeCandidate[] = [];
    const dueSeen = new Set<string>();
    for (const p of [...duePerCircle.flat(), ...dueWhileAway.flat()]) {
      if (dueSeen.has(p.id) || !p.nextDueOn) continue;
      dueSeen.add(p.id);
      const cadence = effectiveCadence(p.circle as Circle, p.cadenceDays, s.cadences);
      if (cadence === null) continue;
      candidates.push({
        kind: 'check_in_due',
        person: nudgePerson(p),
        dueOn: p.nextDueOn,
        cadenceDays: cadence,
        lastContactOn: p.lastMeaningfulAt ? localDate(p.lastMeaningfulAt, s.timeZone) : null,
      });
    }
    fus.forEach((f, i) => {
      const r = fuRows[i];
      if (f.dueOn > addDays(today, 2) || f.people.length === 0 || introFollowUps.has(f.id)) return;
      candidates.push({
        kind: 'follow_up',
        followUp: { id: f.id, kind: f.kind, title: f.title, dueOn: f.dueOn },
        people: f.people.map((p) => fuPeopleById.get(p.id)).filter((p): p is NudgePerson => p !== undefined),
        source:
          r?.sourceAt != null
            ? {
                how: r.sourcePlatform ? `at ${r.sourcePlatform}` : (MET_HOW[r.sourceKind ?? ''] ?? ''),
                on: localDate(r.sourceAt, s.timeZone),
              }
            : null,
      });
    });
    for (const a of achievements) {
      candidates.push({
        kind: 'congratulate',
        person: nudgePerson(a),
        achievement: { id: a.achievementId, kind: a.achievementKind, title: a.title, occurredOn: a.occurredOn },
      });
    }
    for (const i of intros) {
      const a = fuPeopleById.get(i.aPersonId);
      const b = fuPeopleById.get(i.bPersonId);
      const next = a && b ? nextAction(i.step as IntroWaitingStep, { a: a.fullName, b: b.fullName }) : null;
      if (!a || !b || !next) continue;
      candidates.push({
        kind: 'complete_intro',
        introduction: {
          id: i.id,
          step: i.step as IntroWaitingStep,
          since: localDate(i.stepAt, s.timeZone),
          nextAction: next.title,
        },
        people: [a, b],
      });
    }
    for (const o of thanks) {
      if (!o.closedOn) continue;
      candidates.push({
        kind: 'thank_source',
        person: nudgePerson(o),
        opportunity: { id: o.opportunityId, title: o.opportunityTitle, closedOn: o.closedOn },
      });
    }
    const upcomingDates: Today['upcomingDates'] = [];
    for (const d of dates) {
      const on = nextAnniversary(d.month, d.day, today);
      const inDays = daysBetween(today, on);
      if (inDays > TODAY_LIMITS.datesDays) continue;
      let alreadyThereToday = false;
      if (d.timeZone && inDays > 0) {
        const theirs = localDate(now, d.timeZone);
        alreadyThereToday = anniversaryIn(Number(theirs.slice(0, 4)), d.month, d.day) === theirs;
      }
      const kind = d.dateKind as 'birthday' | 'work_anniversary' | 'custom';
      upcomingDates.push({
        person: { id: d.id, fullName: d.fullName, photoUrl: d.photoUrl },
        kind,
        label: d.label,
        on,
        inDays,
        years: yearsAt(on, d.year),
      });
      if (inDays <= 7) {
        candidates.push({
          kind: 'upcoming_date',
          person: nudgePerson(d),
          date: { kind, label: d.label, year: d.year },
          on,
          alreadyThereToday,
        });
      }
    }
    upcomingDates.sort((a, b) => a.on.localeCompare(b.on) || a.person.fullName.localeCompare(b.person.fullName));
    for (const p of cooling) {
      candidates.push({
        kind: 'cooling',
        person: nudgePerson(p),
        strength: Number(p.strength),
        lastContactOn: p.lastInteractionAt ? localDate(p.lastInteractionAt, s.timeZone) : null,
      });
    }
    for (const p of dormant) {
      if (!p.lastInteractionAt) continue;
      candidates.push({
        kind: 'reconnect',
        person: nudgePerson(p),
        interactionCount: p.interactionCount,
        lastContactOn: localDate(p.lastInteractionAt, s.timeZone),
      });
    }

    candidates.push(...giveFirst, ...eventCandidates);
    const cadenceOf = (p: { circle: string; cadenceDays: number | null }) =>
      effectiveCadence(p.circle as Circle, p.cadenceDays, s.cadences);
    candidates.push(
      ...(await shareCandidates(k, ws, today, s.timeZone, recentResources, duePerCircle.flat(), cadenceOf)),
    );

    // Only the best-ranked keys are looked up in the remembered nudges, a few pages at most.
    const plan = { away };
    const ranked = rankNudges(candidates, today, new Set(), candidates.length, plan);
    const handled = new Set<string>();
    const page = WEIGHTS.limit * 2;
    for (let from = 0; from < ranked.length; from += page) {
      const keys = ranked.slice(from, from + page).map((n) => n.key);
      const [rows] = await Promise.all([
        k
          .selectFrom('nudgeStates')
          .select('nudgeKey')
          .where('workspaceId', '=', ws)
          .where('nudgeKey', 'in', keys)
          .execute(),
        from === 0 ? around?.last() : undefined,
      ]);
      for (const r of rows) handled.add(r.nudgeKey);
      if (from + page - handled.size >= WEIGHTS.limit) break;
    }

    return {
      date: today,
      timeZone: s.timeZone,
      nudges: rankNudges(candidates, today, handled, WEIGHTS.limit, plan),
      due: {
        items: due.map((p) => ({
          id: p.id,
          fullName: p.fullName,
          headline: p.headline,
          photoUrl: p.photoUrl,
          circle: p.circle as Circle,
          nextDueOn: p.nextDueOn ?? today,
          daysOverdue: daysBetween(p.nextDueOn ?? today, today),
          lastInteractionAt: p.lastInteractionAt,
          strength: Number(p.strength),
          trend: p.strengthTrend as Today['due']['items'][number]['trend'],
        })),
        total: Number(dueCount.n),
      },
      followUps: fus,
      upcomingDates,
      goal,
    };
  }

  const service = {
    async today(actor: Actor, q: z.output<typeof TodayQuery>): Promise<Today> {
      if (isPostgres(k)) {
        return k.connection().execute(async (c) => {
          // Reads issued together go out as one statement (src/storage/pg-batch.ts).
          const b = batchingReads(c);
          // Generic plans for Today's statements on PostgreSQL. Each is an index range with a limit
          // whose plan does not depend on the dates bound to it, but PostgreSQL kept choosing a
          // custom plan, so a named statement was planned again on every call: 1.5–3 ms for the
          // lists statement alone (nine subqueries), against 0.7 ms to run it. Set for this
          // connection while Today runs, back as it was after (search relies on custom plans): set
          // in the statement that reads the settings and put back in the one that reads the last
          // nudges, so neither costs a round trip of its own.
          let before: string | null = null;
          let generic = false;
          const around: Around = {
            first: async () => {
              generic = true;
              const r = await sql<{
                before: string;
              }>`select current_setting('plan_cache_mode') as before, set_config('plan_cache_mode', 'force_generic_plan', false)`.execute(
                b,
              );
              before = r.rows[0]?.before ?? null;
            },
            last: async () => {
              if (before === null) return;
              await sql`select set_config('plan_cache_mode', ${before}, false)`.execute(b);
              generic = false;
            },
          };
          try {
            return await todayOn(b, actor, q, around);
          } finally {
            if (generic) await sql`reset plan_cache_mode`.execute(c);
          }
        });
      }
      return todayOn(k, actor, q);
    },

    async goal(actor: Actor, weeks: number): Promise<GoalProgress> {
      const s = await readSettings(k, actor.workspaceId);
      return goalProgress(k, actor.workspaceId, s, localDate(clock.now(), s.timeZone), weeks);
    },

    keepInTouch: keepInTouchOf,

    async snoozePerson(actor: Actor, id: string, input: z.output<typeof SnoozeInput>) {
      return setSnooze(actor, id, (today) => snoozeTarget(input, today));
    },

    async unsnoozePerson(actor: Actor, id: string) {
      return setSnooze(actor, id, () => null);
    },

    async dismissNudge(actor: Actor, key: string) {
      await checkNudgeTarget(k, actor, key);
      await remember(k, actor, key, 'dismissed', clock);
      return { key, state: 'dismissed' as const, interactionId: null };
    },

    /** Acting on a nudge: does what it proposed (with an interaction when `log` is sent) and remembers it. */
    async completeNudge(actor: Actor, key: string, input: z.output<typeof NudgeDone>) {
      const target = await checkNudgeTarget(k, actor, key);
      if (target.kind === 'evt') {
        // Everyone met and still waiting is followed up, each with their own logged note when `log` is sent.
        const ev = await events.get(actor, target.id);
        let interactionId: string | null = null;
        for (const p of ev.people.filter((x) => x.role === 'met' && !x.followedUpAt)) {
          if (!input.log) continue;
          const done = await events.followUp(actor, target.id, p.person.id, { log: input.log });
          interactionId ??= done.followUpInteractionId;
        }
        await remember(k, actor, key, 'acted', clock);
        return { key, state: 'acted' as const, interactionId };
      }
      if (target.kind === 'res') {
        let interactionId: string | null = null;
        if (input.log) {
          const res = await resources.share(actor, target.id, {
            personIds: [target.personId],
            ifShared: 'skip',
            ...(input.log.summary ? { summary: input.log.summary } : {}),
            ...(input.log.occurredAt ? { occurredAt: input.log.occurredAt } : {}),
          });
          interactionId = res.shared[0]?.interactionId ?? null;
        }
        await remember(k, actor, key, 'acted', clock);
        return { key, state: 'acted' as const, interactionId };
      }
      if (target.kind === 'fu') {
        const f = await followUps.get(actor, target.id);
        let interactionId: string | null = f.doneInteractionId;
        if (f.status === 'open') {
          const done = await followUps.complete(actor, target.id, input.log ? { log: input.log } : {});
          interactionId = done.doneInteractionId;
        }
        await remember(k, actor, key, 'acted', clock);
        return { key, state: 'acted' as const, interactionId };
      }
      if (target.kind === 'intro') {
        // A step with one way forward is taken; waiting on an answer, the nudge to them is logged.
        const intro = await introductions.get(actor, target.id);
        const [only, ...others] = intro.nextSteps;
        let interactionId: string | null = null;
        if (only && others.length === 0) {
          interactionId = (await introductions.step(actor, target.id, { step: only })).interactionId;
        } else if (input.log) {
          const waitingOn = intro.step === 'asked_b' ? intro.personB : intro.personA;
          interactionId = await k.transaction().execute((trx) =>
            logWith(
              trx,
              actor,
              [waitingOn.id],
              input.log ?? {},
              {
                kind: 'message',
                summary: `Followed up on meeting ${intro.step === 'asked_b' ? intro.personA.fullName : intro.personB.fullName}`,
              },
              clock,
            ),
          );
        }
        await remember(k, actor, key, 'acted', clock);
        return { key, state: 'acted' as const, interactionId };
      }
      const interactionId = await k.transaction().execute(async (trx) => {
        let id: string | null = null;
        if (input.log) {
          const defaults =
            target.kind === 'opp'
              ? { kind: 'message' as const, summary: `Thanked them for ${target.title}` }
              : target.kind === 'ach'
                ? { kind: 'congratulation' as const, summary: 'Sent congratulations' }
                : target.kind === 'date'
                  ? { kind: 'message' as const, summary: 'Sent wishes' }
                  : target.kind === 'give'
                    ? { kind: 'message' as const, summary: 'Offered help' }
                    : { kind: 'check_in' as const, summary: 'Checked in' };
          // Acting on "give before you ask again" is a give unless the log says otherwise.
          const log =
            target.kind === 'give' && input.log.exchange === undefined
              ? { ...input.log, exchange: 'give' as const, exchangeKind: input.log.exchangeKind ?? 'help' }
              : input.log;
          id = await logWith(trx, actor, [target.personId], log, defaults, clock);
        }
        if (target.kind === 'ach') {
          await trx
            .updateTable('achievements')
            .set({ congratulatedAt: nowIso(clock) })
            .where('workspaceId', '=', actor.workspaceId)
            .where('id', '=', target.id)
            .where('congratulatedAt', 'is', null)
            .execute();
        }
        await remember(trx, actor, key, 'acted', clock);
        return id;
      });
      return { key, state: 'acted' as const, interactionId };
    },

    async draft(actor: Actor, personId: string, q: z.output<typeof DraftQuery>) {
      const p = await livePerson(k, actor, personId);
      const s = await readSettings(k, actor.workspaceId);
      const [last, topics, achievement, org] = await Promise.all([
        k
          .selectFrom('interactionParticipants as ip')
          .innerJoin('interactions as i', (j) =>
            j.onRef('i.workspaceId', '=', 'ip.workspaceId').onRef('i.id', '=', 'ip.interactionId'),
          )
          .select(['i.summary', 'i.platform'])
          .where('ip.workspaceId', '=', actor.workspaceId)
          .where('ip.personId', '=', personId)
          .where('i.deletedAt', 'is', null)
          .where('i.kind', '<>', 'online_engagement')
          .orderBy('ip.occurredAt', 'desc')
          .limit(1)
          .executeTakeFirst(),
        labelsOfPeople(k, 'topics', actor.workspaceId, [personId]),
        (() => {
          let a = k
            .selectFrom('achievements')
            .select(['title', 'kind'])
            .where('workspaceId', '=', actor.workspaceId)
            .where('personId', '=', personId);
          a = q.achievementId ? a.where('id', '=', q.achievementId) : a.orderBy('occurredOn', 'desc');
          return a.limit(1).executeTakeFirst();
        })(),
        p.organisationId
          ? k
              .selectFrom('organisations')
              .select('name')
              .where('workspaceId', '=', actor.workspaceId)
              .where('id', '=', p.organisationId)
              .executeTakeFirst()
          : undefined,
      ]);
      if (q.achievementId && !achievement) throw NotFoundError('Achievement');
      const personTopics = topics.get(personId) ?? [];
      const facts: DraftFacts = {
        firstName: p.nickname ?? p.givenName ?? p.fullName.split(' ')[0] ?? p.fullName,
        fullName: p.fullName,
        metAt: p.metEvent ?? last?.platform ?? null,
        lastTopic: topicPhrase(last?.summary),
        interest: personTopics[0] ?? null,
        topics: personTopics,
        achievement: achievement ? `${ACHIEVEMENT_NOUN[achievement.kind] ?? 'your news'} (${achievement.title})` : null,
        article: q.article ?? null,
        organisation: org?.name ?? null,
      };
      return { template: q.template, text: renderTemplate(templateOf(s, q.template), facts) };
    },
  };
  return service;
}

/** How a meeting reads in "You met Raj … 2 days ago". */
const MET_HOW: Record<string, string> = {
  coffee: 'for coffee',
  meal: 'for a meal',
  meeting: 'at a meeting',
  event_encounter: 'at an event',
};

/** How a draft names an achievement: "Congratulations on your new role (Staff Engineer at Acme)". */
const ACHIEVEMENT_NOUN: Record<string, string> = {
  new_role: 'your new role',
  promotion: 'your promotion',
  launch: 'the launch',
  publication: 'your publication',
  award: 'the award',
  work_anniversary: 'your work anniversary',
  other: 'your news',
};

type NudgeTarget =
  | { kind: 'fu'; id: string }
  | { kind: 'intro'; id: string }
  | { kind: 'opp'; id: string; personId: string; title: string }
  | { kind: 'evt'; id: string }
  | { kind: 'res'; id: string; personId: string }
  | { kind: 'ach'; id: string; personId: string }
  | { kind: 'due' | 'cool' | 'dormant' | 'date' | 'give'; personId: string; id?: undefined };

/** What a nudge key points at, checked to exist in the actor's workspace (else 404). */
async function checkNudgeTarget(db: Q, actor: Actor, key: string): Promise<NudgeTarget> {
  const [kind, id] = key.split('.') as [string, string | undefined];
  const ws = actor.workspaceId;
  if (!id) throw NotFoundError('Nudge');
  if (kind === 'fu') {
    const f = await db
      .selectFrom('followUps')
      .select('id')
      .where('workspaceId', '=', ws)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!f) throw NotFoundError('Nudge', 'Its follow-up does not exist in this workspace.');
    return { kind: 'fu', id };
  }
  if (kind === 'intro') {
    const i = await db
      .selectFrom('introductions')
      .select('id')
      .where('workspaceId', '=', ws)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!i) throw NotFoundError('Nudge', 'Its introduction does not exist in this workspace.');
    return { kind: 'intro', id };
  }
  if (kind === 'opp') {
    const o = await db
      .selectFrom('opportunities as o')
      .innerJoin('opportunityPeople as op', (j) =>
        j
          .onRef('op.workspaceId', '=', 'o.workspaceId')
          .onRef('op.opportunityId', '=', 'o.id')
          .on('op.role', '=', 'source'),
      )
      .select(['o.id', 'o.title', 'op.personId'])
      .where('o.workspaceId', '=', ws)
      .where('o.id', '=', id)
      .executeTakeFirst();
    if (!o) throw NotFoundError('Nudge', 'Its opportunity does not exist in this workspace, or came through nobody.');
    return { kind: 'opp', id, personId: o.personId, title: o.title };
  }
  if (kind === 'evt') {
    const e = await db
      .selectFrom('events')
      .select('id')
      .where('workspaceId', '=', ws)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!e) throw NotFoundError('Nudge', 'Its event does not exist in this workspace.');
    return { kind: 'evt', id };
  }
  if (kind === 'res') {
    const personId = key.split('.')[2] ?? '';
    const [r, p] = await Promise.all([
      db.selectFrom('resources').select('id').where('workspaceId', '=', ws).where('id', '=', id).executeTakeFirst(),
      findPersonRow(db, ws, personId),
    ]);
    if (!r || !p || p.deletedAt)
      throw NotFoundError('Nudge', 'Its resource or person does not exist in this workspace.');
    return { kind: 'res', id, personId };
  }
  if (kind === 'ach') {
    const a = await db
      .selectFrom('achievements')
      .select(['id', 'personId'])
      .where('workspaceId', '=', ws)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!a) throw NotFoundError('Nudge', 'Its achievement does not exist in this workspace.');
    return { kind: 'ach', id, personId: a.personId };
  }
  const p = await findPersonRow(db, ws, id);
  if (!p || p.deletedAt) throw NotFoundError('Nudge', 'Its person does not exist in this workspace.');
  return { kind: kind as 'due', personId: id };
}

async function remember(db: Q, actor: Actor, key: string, state: 'dismissed' | 'acted', clock: Clock) {
  await db
    .insertInto('nudgeStates')
    .values({ workspaceId: actor.workspaceId, nudgeKey: key, state, createdAt: nowIso(clock) })
    .onConflict((oc) => oc.columns(['workspaceId', 'nudgeKey']).doUpdateSet({ state }))
    .execute();
}

/**
 * People you mostly ask: the workspace's recent asks (one index range with a
 * limit), then the give/ask balance of the people in them. A give after the
 * last ask settles it until the next ask.
 */
async function giveFirstCandidates(db: Q, ws: string, now: Date, timeZone: string): Promise<NudgeCandidate[]> {
  const w = windowStart(now);
  const asks = await db
    .selectFrom('interactions as i')
    .innerJoin('interactionParticipants as ip', (j) =>
      j.onRef('ip.workspaceId', '=', 'i.workspaceId').onRef('ip.interactionId', '=', 'i.id'),
    )
    .select('ip.personId')
    .where('i.workspaceId', '=', ws)
    .where('i.exchange', '=', 'ask')
    .where('i.occurredAt', '>=', w.at)
    .where('i.deletedAt', 'is', null)
    .orderBy('i.occurredAt', 'desc')
    .limit(TODAY_LIMITS.asks)
    .execute();
  const ids = [...new Set(asks.map((a) => a.personId))];
  if (ids.length === 0) return [];
  const [counts, people] = await inTurn(
    db,
    () => exchangeCounts(db, ws, ids, w.at),
    () =>
      db
        .selectFrom('people as p')
        .select(nudgeCols)
        .where('p.workspaceId', '=', ws)
        .where('p.id', 'in', ids)
        .where('p.deletedAt', 'is', null)
        .execute(),
  );
  const out: NudgeCandidate[] = [];
  for (const p of people) {
    const c = counts.get(p.id);
    if (!c?.lastAskAt || !mostlyAsks(c.gives, c.asks)) continue;
    if (c.lastGiveAt && c.lastGiveAt > c.lastAskAt) continue;
    out.push({
      kind: 'give_first',
      person: nudgePerson(p),
      gives: c.gives,
      asks: c.asks,
      lastAskOn: localDate(c.lastAskAt, timeZone),
    });
  }
  return out;
}

/** Events ended in the last days with people met and not followed up: one nudge per event. */
async function eventFollowUpCandidates(db: Q, ws: string, today: string): Promise<NudgeCandidate[]> {
  const events = await db
    .selectFrom('events')
    .select(['id', 'name', 'endsOn'])
    .where('workspaceId', '=', ws)
    .where('endsOn', '>=', addDays(today, -TODAY_LIMITS.eventDays))
    .where('endsOn', '<=', today)
    .orderBy('endsOn', 'desc')
    .limit(TODAY_LIMITS.events)
    .execute();
  if (events.length === 0) return [];
  const pending = await db
    .selectFrom('eventPeople as ep')
    .innerJoin('people as p', (j) => j.onRef('p.workspaceId', '=', 'ep.workspaceId').onRef('p.id', '=', 'ep.personId'))
    .select(['ep.eventId', ...nudgeCols])
    .where('ep.workspaceId', '=', ws)
    .where(
      'ep.eventId',
      'in',
      events.map((e) => e.id),
    )
    .where('ep.role', '=', 'met')
    .where('ep.followedUpAt', 'is', null)
    .where('p.deletedAt', 'is', null)
    .orderBy('p.sortName')
    .limit(TODAY_LIMITS.eventPeople)
    .execute();
  const out: NudgeCandidate[] = [];
  for (const e of events) {
    const people = pending.filter((p) => p.eventId === e.id).map(nudgePerson);
    if (people.length > 0) out.push({ kind: 'event_follow_up', event: e, people });
  }
  return out;
}

/** Resources saved in the last days, newest first (read with Today's other lists). */
function readRecentResources(db: Q, ws: string, today: string, timeZone: string) {
  const since = startOfLocalDay(addDays(today, -TODAY_LIMITS.resourceDays), timeZone);
  return db
    .selectFrom('resources')
    .select(['id', 'title', 'createdAt'])
    .where('workspaceId', '=', ws)
    .where('createdAt', '>=', since)
    .orderBy('createdAt', 'desc')
    .limit(TODAY_LIMITS.resources)
    .execute();
}

/**
 * A resource saved in the last days whose topics match someone due: sharing
 * it is the check-in. The newest matching resource per person, never one
 * they already got.
 */
async function shareCandidates(
  db: Q,
  ws: string,
  today: string,
  timeZone: string,
  recent: readonly { id: string; title: string; createdAt: string }[],
  due: {
    id: string;
    fullName: string;
    givenName: string | null;
    circle: string;
    cadenceDays: number | null;
    photoUrl: string | null;
    timeZone: string | null;
    nextDueOn: string | null;
  }[],
  cadenceOf: (p: { circle: string; cadenceDays: number | null }) => number | null,
): Promise<NudgeCandidate[]> {
  const people = [...new Map(due.filter((p) => p.nextDueOn).map((p) => [p.id, p])).values()];
  if (people.length === 0 || recent.length === 0) return [];
  const ids = recent.map((r) => r.id);
  const [topicRows, personTopics, shared] = await inTurn(
    db,
    () =>
      db
        .selectFrom('resourceTopics as rt')
        .innerJoin('topics as t', (j) =>
          j.onRef('t.workspaceId', '=', 'rt.workspaceId').onRef('t.id', '=', 'rt.topicId'),
        )
        .select(['rt.resourceId', 't.name'])
        .where('rt.workspaceId', '=', ws)
        .where('rt.resourceId', 'in', ids)
        .execute(),
    () =>
      labelsOfPeople(
        db,
        'topics',
        ws,
        people.map((p) => p.id),
      ),
    () =>
      db
        .selectFrom('resourceShares')
        .select(['resourceId', 'personId'])
        .where('workspaceId', '=', ws)
        .where('resourceId', 'in', ids)
        .where(
          'personId',
          'in',
          people.map((p) => p.id),
        )
        .execute(),
  );
  const gotIt = new Set(shared.map((x) => `${x.resourceId}:${x.personId}`));
  const out: NudgeCandidate[] = [];
  for (const p of people) {
    const theirs = new Set((personTopics.get(p.id) ?? []).map(fold));
    if (theirs.size === 0) continue;
    for (const r of recent) {
      if (gotIt.has(`${r.id}:${p.id}`)) continue;
      const matched = topicRows.filter((t) => t.resourceId === r.id && theirs.has(fold(t.name))).map((t) => t.name);
      if (matched.length === 0) continue;
      out.push({
        kind: 'share_resource',
        person: nudgePerson(p),
        resource: { id: r.id, title: r.title, savedOn: localDate(r.createdAt, timeZone) },
        matchedTopics: matched,
        dueOn: p.nextDueOn ?? today,
        cadenceDays: cadenceOf(p) ?? 30,
      });
      break;
    }
  }
  return out;
}
