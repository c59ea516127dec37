import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Circle, InteractionKind } from '../../contract/common.js';
import { effectiveCadence, lastMeaningful, nextDueOn } from '../../domain/cadence.js';
import { addDays, localDate, startOfLocalDay, startOfWeek } from '../../domain/dates.js';
import { countWeek } from '../../domain/goals.js';
import { type KeepInTouchSettings, parseSettingsDocument, resolveSettings } from '../../domain/settings.js';
import { type HistoryItem, STRENGTH, assessStrength, isMeaningful } from '../../domain/strength.js';
import { updateMany } from '../bulk-insert.js';
import { preparedQuery, preparedVariants, type Slots } from '../prepared-query.js';
import type { Database } from '../schema.js';

/*
 * The stored, derived keep-in-touch state: next due date, last meaningful
 * contact, strength and trend on people, and touches per week. Each is
 * recomputed by a pure domain function from the rows it depends on, in the
 * transaction of the change that affects it.
 */

type Q = Kysely<Database>;

const CHUNK = 200;
/** strength_on for rows that cannot change until their interactions do: the daily refresh skips them. */
export const STRENGTH_SETTLED = '9999-12-31';
/**
 * strength_on of rows whose strength and trend wait for the catch-up job (src/jobs/strength-catch-up.ts):
 * a new interaction moved everything else of the row forward in its own transaction. It sorts
 * before every date, so the daily refresh takes these rows first too.
 */
export const STRENGTH_QUEUED = '0000-00-00';

export async function readSettings(db: Q, workspaceId: string): Promise<KeepInTouchSettings> {
  const row = await db
    .selectFrom('workspaces')
    .select('settings')
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return resolveSettings(parseSettingsDocument(row?.settings));
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** PostgreSQL types of the columns of people that keep-in-touch and imports set in bulk. */
export const PEOPLE_TYPES: Record<string, string> = {
  lastMeaningfulAt: 'text',
  nextDueOn: 'text',
  strength: 'double precision',
  strengthTrend: 'text',
  strengthOn: 'text',
  lastInteractionAt: 'text',
  interactionCount: 'integer',
};

/** Recomputes next due date, last meaningful contact, strength and trend of some people. */
export async function refreshPeople(
  db: Q,
  workspaceId: string,
  personIds: readonly string[],
  settings: KeepInTouchSettings,
  now: Date,
  /** More columns of a person to set in the same UPDATE (an import's last contact and count). */
  extra?: (personId: string) => Record<string, unknown>,
): Promise<void> {
  const today = localDate(now, settings.timeZone);
  const horizon = new Date(now.getTime() - STRENGTH.horizonDays * 86_400_000).toISOString();
  for (const ids of chunks([...new Set(personIds)])) {
    if (ids.length === 0) continue;
    const people = await db
      .selectFrom('people')
      .select(['id', 'circle', 'cadenceDays', 'snoozedUntil', 'createdAt'])
      .where('workspaceId', '=', workspaceId)
      .where('id', 'in', ids)
      .execute();
    const rows = await db
      .selectFrom('interactionParticipants as ip')
      .innerJoin('interactions as i', (j) =>
        j.onRef('i.workspaceId', '=', 'ip.workspaceId').onRef('i.id', '=', 'ip.interactionId'),
      )
      .select(['ip.personId', 'i.kind', 'ip.occurredAt'])
      .where('ip.workspaceId', '=', workspaceId)
      .where('ip.personId', 'in', ids)
      .where('ip.occurredAt', '>=', horizon)
      .where('i.deletedAt', 'is', null)
      .execute();
    const history = new Map<string, HistoryItem[]>();
    for (const r of rows) {
      const list = history.get(r.personId) ?? [];
      list.push({ kind: r.kind as InteractionKind, occurredAt: r.occurredAt });
      history.set(r.personId, list);
    }
    // A last meaningful contact older than the strength horizon still sets the due date.
    const withoutRecent = people.filter((p) => lastMeaningful(history.get(p.id) ?? []) === null).map((p) => p.id);
    const older = new Map<string, string>();
    if (withoutRecent.length > 0) {
      const found = await db
        .selectFrom('interactionParticipants as ip')
        .innerJoin('interactions as i', (j) =>
          j.onRef('i.workspaceId', '=', 'ip.workspaceId').onRef('i.id', '=', 'ip.interactionId'),
        )
        .select((eb) => ['ip.personId', eb.fn.max('ip.occurredAt').as('last')])
        .where('ip.workspaceId', '=', workspaceId)
        .where('ip.personId', 'in', withoutRecent)
        .where('i.deletedAt', 'is', null)
        .where('i.kind', '<>', 'online_engagement')
        .groupBy('ip.personId')
        .execute();
      for (const f of found) if (f.last) older.set(f.personId, String(f.last));
    }
    const updates: ({ id: string } & Record<string, unknown>)[] = [];
    for (const p of people) {
      const h = history.get(p.id) ?? [];
      const last = lastMeaningful(h) ?? older.get(p.id) ?? null;
      const cadence = effectiveCadence(p.circle as Circle, p.cadenceDays, settings.cadences);
      const { strength, trend } = assessStrength(h, now);
      const set = {
        lastMeaningfulAt: last,
        nextDueOn: nextDueOn({
          cadenceDays: cadence,
          lastMeaningfulOn: last === null ? null : localDate(last, settings.timeZone),
          createdOn: localDate(p.createdAt, settings.timeZone),
          snoozedUntil: p.snoozedUntil,
        }),
        strength,
        strengthTrend: trend,
        strengthOn: h.length === 0 ? STRENGTH_SETTLED : today,
      };
      updates.push({ id: p.id, ...set, ...extra?.(p.id) });
    }
    await updateMany(db, 'people', workspaceId, updates, PEOPLE_TYPES);
  }
}

/**
 * Recomputes the due date of everyone after the cadences or the time zone
 * changed. It needs only columns of people, so it never reads interactions.
 */
export async function refreshAllDueDates(db: Q, workspaceId: string, settings: KeepInTouchSettings): Promise<number> {
  let after = '';
  let n = 0;
  for (;;) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'circle', 'cadenceDays', 'snoozedUntil', 'createdAt', 'lastMeaningfulAt', 'nextDueOn'])
      .where('workspaceId', '=', workspaceId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) return n;
    for (const p of rows) {
      const due = nextDueOn({
        cadenceDays: effectiveCadence(p.circle as Circle, p.cadenceDays, settings.cadences),
        lastMeaningfulOn: p.lastMeaningfulAt === null ? null : localDate(p.lastMeaningfulAt, settings.timeZone),
        createdOn: localDate(p.createdAt, settings.timeZone),
        snoozedUntil: p.snoozedUntil,
      });
      if (due === p.nextDueOn) continue;
      n++;
      await db
        .updateTable('people')
        .set({ nextDueOn: due })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', p.id)
        .execute();
    }
    after = rows[rows.length - 1]?.id ?? after;
  }
}

/**
 * People whose stored strength was computed before today (and may have decayed since), oldest
 * first; queued rows (STRENGTH_QUEUED) come first. On PostgreSQL the rows are locked for the
 * caller's transaction, skipping rows another transaction holds: a logger holding one is about
 * to queue it (again), and a refresh that computed without its interaction must not clear the
 * mark it writes.
 */
export async function staleStrengthIds(db: Q, workspaceId: string, today: string, limit: number): Promise<string[]> {
  let q = db
    .selectFrom('people')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('strengthOn', '<', today)
    .orderBy('strengthOn')
    .orderBy('id')
    .limit(limit);
  if (db.getExecutor().adapter instanceof PostgresAdapter) q = q.forNoKeyUpdate().skipLocked();
  return (await q.execute()).map((r) => r.id);
}

/** People queued for the strength catch-up (locked as in `staleStrengthIds`). */
export async function queuedStrengthIds(db: Q, workspaceId: string, limit: number): Promise<string[]> {
  let q = db
    .selectFrom('people')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('strengthOn', '=', STRENGTH_QUEUED)
    .orderBy('id')
    .limit(limit);
  if (db.getExecutor().adapter instanceof PostgresAdapter) q = q.forNoKeyUpdate().skipLocked();
  return (await q.execute()).map((r) => r.id);
}

/** What `logContact` needs of each person; read (and on PostgreSQL locked) by the caller. */
export interface ContactRow {
  id: string;
  circle: string;
  cadenceDays: number | null;
  snoozedUntil: string | null;
  createdAt: string;
  lastMeaningfulAt: string | null;
  lastInteractionAt: string | null;
  nextDueOn: string | null;
  strengthOn: string;
}

/**
 * A new live interaction with these people, and nothing else changed: moves their count, last
 * contact, last meaningful contact and next due date forward from the row as it stands (exactly
 * what `refreshPeople` would compute from their whole history), and queues their strength and
 * trend for the catch-up job instead of reading two years of history here. One UPDATE a person,
 * which sets only the columns whose value changes: each indexed one rewrites its index entries
 * (four indexes hold the due date or last contact, one the queue mark), and a person logged
 * again the same day, or already queued, need not touch them.
 */
export async function logContact(
  db: Q,
  workspaceId: string,
  people: readonly ContactRow[],
  added: { occurredAt: string; kind: InteractionKind },
  settings: KeepInTouchSettings,
): Promise<void> {
  for (const p of people) {
    const c = contactAfter(p, added, settings);
    const sets: ContactSets = {
      later: c.lastInteractionAt !== p.lastInteractionAt,
      meaningful: c.lastMeaningfulAt !== p.lastMeaningfulAt,
      due: c.nextDueOn !== p.nextDueOn,
      queue: p.strengthOn !== STRENGTH_QUEUED,
    };
    await updateContact(db, sets, {
      ws: workspaceId,
      id: p.id,
      at: c.lastInteractionAt,
      meaningfulAt: c.lastMeaningfulAt,
      dueOn: c.nextDueOn,
      queued: STRENGTH_QUEUED,
    });
  }
}

/**
 * A person's contact columns after a new live interaction (`logContact`): the last contact and
 * last meaningful contact moved forward, the next due date from them; the count goes up by one
 * and the strength is queued (STRENGTH_QUEUED).
 */
export function contactAfter(
  p: ContactRow,
  added: { occurredAt: string; kind: InteractionKind },
  settings: KeepInTouchSettings,
): { lastInteractionAt: string | null; lastMeaningfulAt: string | null; nextDueOn: string | null } {
  const last =
    isMeaningful(added.kind) && (p.lastMeaningfulAt === null || p.lastMeaningfulAt < added.occurredAt)
      ? added.occurredAt
      : p.lastMeaningfulAt;
  const due = nextDueOn({
    cadenceDays: effectiveCadence(p.circle as Circle, p.cadenceDays, settings.cadences),
    lastMeaningfulOn: last === null ? null : localDate(last, settings.timeZone),
    createdOn: localDate(p.createdAt, settings.timeZone),
    snoozedUntil: p.snoozedUntil,
  });
  const later = p.lastInteractionAt === null || p.lastInteractionAt < added.occurredAt;
  return { lastInteractionAt: later ? added.occurredAt : p.lastInteractionAt, lastMeaningfulAt: last, nextDueOn: due };
}

/** Which of a person's contact columns a logged interaction changes (`logContact`). */
interface ContactSets {
  later: boolean;
  meaningful: boolean;
  due: boolean;
  queue: boolean;
}

/** `logContact`'s update, prepared once per set of changed columns. */
const updateContact = preparedVariants(
  (s: ContactSets) => `${+s.later}${+s.meaningful}${+s.due}${+s.queue}`,
  (k, $: Slots<'ws' | 'id' | 'at' | 'meaningfulAt' | 'dueOn' | 'queued'>, s) =>
    k
      .updateTable('people')
      .set({
        interactionCount: sql<number>`interaction_count + 1`,
        ...(s.later ? { lastInteractionAt: $.at } : {}),
        ...(s.meaningful ? { lastMeaningfulAt: $.meaningfulAt } : {}),
        ...(s.due ? { nextDueOn: $.dueOn } : {}),
        ...(s.queue ? { strengthOn: $.queued } : {}),
      })
      .where('workspaceId', '=', $.ws)
      .where('id', '=', $.id),
);

async function weekCounts(db: Q, workspaceId: string, weekStart: string, settings: KeepInTouchSettings) {
  const from = startOfLocalDay(weekStart, settings.timeZone);
  const to = startOfLocalDay(addDays(weekStart, 7), settings.timeZone);
  const rows = await db
    .selectFrom('interactions as i')
    .innerJoin('interactionParticipants as ip', (j) =>
      j.onRef('ip.workspaceId', '=', 'i.workspaceId').onRef('ip.interactionId', '=', 'i.id'),
    )
    .select((eb) => ['i.kind', eb.fn.count<string | number>('ip.personId').as('people')])
    .where('i.workspaceId', '=', workspaceId)
    .where('i.deletedAt', 'is', null)
    .where('i.occurredAt', '>=', from)
    .where('i.occurredAt', '<', to)
    .groupBy('i.kind')
    .execute();
  return countWeek(
    weekStart,
    rows.map((r) => ({ kind: r.kind as InteractionKind, people: Number(r.people) })),
  );
}

/** The key of the advisory lock that orders a week's writers on PostgreSQL. */
function weekLockKey(workspaceId: string, weekStart: string): string {
  return `weekly:${workspaceId}:${weekStart}`;
}

/**
 * Takes the week's lock for a recount, exclusively (PostgreSQL; SQLite has a single writer):
 * it waits for every transaction that appended a delta to the week (they hold it shared) to
 * commit, and keeps new ones out until the recount commits, so the recount sees every
 * interaction whose delta it deletes.
 */
async function lockWeek(db: Q, workspaceId: string, weekStart: string) {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_advisory_xact_lock(hashtext(${weekLockKey(workspaceId, weekStart)}))`.execute(db);
}

/**
 * One interaction entering (+1) or leaving (−1) the weekly counts: created,
 * restored, trashed, or the old and new state of an edit.
 */
export interface WeekDelta {
  occurredAt: string;
  kind: InteractionKind;
  people: number;
  sign: 1 | -1;
}

export type WeekSlot = 'ws' | 'weekStart' | 'touches' | 'checkIns' | 'lock';

/** PostgreSQL: a week's delta, under the week's lock taken shared (`adjustWeeks`). */
const appendWeekDelta = preparedQuery((_, $: Slots<WeekSlot>) => weekDeltaInsert($));

/** SQLite: a week's delta added to its row (`adjustWeeks`). */
const addToWeek = preparedQuery((k, $: Slots<WeekSlot>) =>
  k
    .insertInto('weeklyActivity')
    .values({ workspaceId: $.ws, weekStart: $.weekStart, touches: $.touches, checkIns: $.checkIns })
    .onConflict((oc) =>
      oc.columns(['workspaceId', 'weekStart']).doUpdateSet({
        touches: sql<number>`weekly_activity.touches + excluded.touches`,
        checkIns: sql<number>`weekly_activity.check_ins + excluded.check_ins`,
      }),
    ),
);

/** What `deltas` add to each week they fall in, weeks in order, weeks that add nothing left out. */
export function weekSums(
  deltas: readonly WeekDelta[],
  settings: KeepInTouchSettings,
): { weekStart: string; touches: number; checkIns: number }[] {
  const byWeek = new Map<string, { touches: number; checkIns: number }>();
  for (const d of deltas) {
    const weekStart = startOfWeek(localDate(d.occurredAt, settings.timeZone), settings.weekStartsOn);
    const w = countWeek(weekStart, [{ kind: d.kind, people: d.people }]);
    const sum = byWeek.get(weekStart) ?? { touches: 0, checkIns: 0 };
    sum.touches += d.sign * w.touches;
    sum.checkIns += d.sign * w.checkIns;
    byWeek.set(weekStart, sum);
  }
  return [...byWeek.keys()]
    .sort()
    .map((weekStart) => ({ weekStart, ...(byWeek.get(weekStart) ?? { touches: 0, checkIns: 0 }) }))
    .filter((w) => w.touches !== 0 || w.checkIns !== 0);
}

/** The slots of a week's delta (`WeekSlot`), with the key of the week's lock. */
export function weekDeltaSlots(
  workspaceId: string,
  w: { weekStart: string; touches: number; checkIns: number },
): Record<WeekSlot, unknown> {
  return { ws: workspaceId, ...w, lock: weekLockKey(workspaceId, w.weekStart) };
}

/**
 * PostgreSQL: the insert of a week's delta that takes the week's lock shared in the same
 * statement, from slots (`WeekSlot`); also a CTE of logging's one statement.
 */
export function weekDeltaInsert($: Slots<WeekSlot>) {
  return sql`insert into weekly_activity_deltas (workspace_id, week_start, touches, check_ins)
    select ${$.ws}, ${$.weekStart}, ${$.touches}::integer, ${$.checkIns}::integer
    from (select pg_advisory_xact_lock_shared(hashtext(${$.lock}))) as locked`;
}

/**
 * Adds changes to the weekly counts without recounting the week. A recount
 * reads every interaction of the week (ten thousand at 1M interactions, a
 * tenth of a second per logged interaction); a change moves the counts by
 * what the interaction itself contributes, which is exact as long as every
 * writer either adjusts or recounts.
 *
 * SQLite adds to the week's row. PostgreSQL appends a row of its own to
 * `weekly_activity_deltas` (readers add them, the catch-up job folds them):
 * adding to the shared row held its lock until the COMMIT had flushed, so
 * concurrent logs of a workspace committed one at a time (issue #9). The
 * append takes the week's advisory lock shared, in the same statement: appends
 * never wait for each other, and a recount (exclusive) never runs beside an
 * append it cannot see.
 */
export async function adjustWeeks(
  db: Q,
  workspaceId: string,
  deltas: readonly WeekDelta[],
  settings: KeepInTouchSettings,
): Promise<void> {
  const weeks = weekSums(deltas, settings);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const { weekStart, touches, checkIns } of weeks) {
    const values = weekDeltaSlots(workspaceId, { weekStart, touches, checkIns });
    if (postgres) {
      await appendWeekDelta(db, values);
      continue;
    }
    await addToWeek(db, values);
    if (touches < 0 || checkIns < 0) await dropEmptyWeek(db, workspaceId, weekStart);
  }
}

/** A week with nothing left has no row, as after a recount. */
async function dropEmptyWeek(db: Q, workspaceId: string, weekStart: string) {
  await db
    .deleteFrom('weeklyActivity')
    .where('workspaceId', '=', workspaceId)
    .where('weekStart', '=', weekStart)
    .where('touches', '<=', 0)
    .where('checkIns', '<=', 0)
    .execute();
}

/**
 * The weekly counts of a workspace from `from` to `to` (week starts, both included): each
 * week's row plus its deltas not folded yet. Weeks that count nothing are left out, as a week
 * without a row.
 */
export async function readWeeks(
  db: Q,
  workspaceId: string,
  from: string,
  to: string,
): Promise<{ weekStart: string; touches: number; checkIns: number }[]> {
  // SQLite adds to the rows themselves (adjustWeeks): its deltas table stays empty.
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    const rows = await db
      .selectFrom('weeklyActivity')
      .select(['weekStart', 'touches', 'checkIns'])
      .where('workspaceId', '=', workspaceId)
      .where('weekStart', '>=', from)
      .where('weekStart', '<=', to)
      .orderBy('weekStart')
      .execute();
    return rows.filter((r) => r.touches > 0 || r.checkIns > 0);
  }
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('weeklyActivity')
        .select(['weekStart', 'touches', 'checkIns'])
        .where('workspaceId', '=', workspaceId)
        .where('weekStart', '>=', from)
        .where('weekStart', '<=', to)
        .unionAll(
          eb
            .selectFrom('weeklyActivityDeltas')
            .select(['weekStart', 'touches', 'checkIns'])
            .where('workspaceId', '=', workspaceId)
            .where('weekStart', '>=', from)
            .where('weekStart', '<=', to),
        )
        .as('w'),
    )
    .select((eb) => [
      'w.weekStart',
      eb.fn.sum<number | string>('w.touches').as('touches'),
      eb.fn.sum<number | string>('w.checkIns').as('checkIns'),
    ])
    .groupBy('w.weekStart')
    .orderBy('w.weekStart')
    .execute();
  return rows
    .map((r) => ({ weekStart: r.weekStart, touches: Number(r.touches), checkIns: Number(r.checkIns) }))
    .filter((r) => r.touches > 0 || r.checkIns > 0);
}

/**
 * Folds a workspace's appended deltas into its weekly rows (the strength catch-up job, and a
 * backup before it reads the rows). Week by week: the week's lock shared (as an append: a
 * recount waits), then one statement deletes the week's deltas and adds what it deleted to the
 * row, so a delta committed meanwhile stays for the next fold and none is counted twice.
 * Returns the number of weeks folded.
 */
export async function foldWeeks(db: Kysely<Database>, workspaceId: string): Promise<number> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return 0;
  const weeks = await db
    .selectFrom('weeklyActivityDeltas')
    .select('weekStart')
    .distinct()
    .where('workspaceId', '=', workspaceId)
    .orderBy('weekStart')
    .execute();
  for (const { weekStart } of weeks) {
    await db.transaction().execute(async (trx) => {
      // Folds of a workspace one at a time (the job and a backup may meet), then the week's lock shared.
      await sql`select pg_advisory_xact_lock(hashtext(${`weekly-fold:${workspaceId}`})), pg_advisory_xact_lock_shared(hashtext(${weekLockKey(workspaceId, weekStart)}))`.execute(
        trx,
      );
      await sql`with folded as (
          delete from weekly_activity_deltas where workspace_id = ${workspaceId} and week_start = ${weekStart}
          returning touches, check_ins
        )
        insert into weekly_activity (workspace_id, week_start, touches, check_ins)
        select ${workspaceId}, ${weekStart}, sum(touches), sum(check_ins) from folded having count(*) > 0
        on conflict (workspace_id, week_start) do update set
          touches = weekly_activity.touches + excluded.touches,
          check_ins = weekly_activity.check_ins + excluded.check_ins`.execute(trx);
      await dropEmptyWeek(trx, workspaceId, weekStart);
    });
  }
  return weeks.length;
}

/** Recounts the weeks that contain these instants (an interaction's old and new time). */
export async function refreshWeeks(
  db: Q,
  workspaceId: string,
  instants: readonly string[],
  settings: KeepInTouchSettings,
): Promise<void> {
  const weeks = [...new Set(instants.map((t) => startOfWeek(localDate(t, settings.timeZone), settings.weekStartsOn)))];
  for (const weekStart of weeks.sort()) {
    // Two transactions writing the same week must not both write it: on PostgreSQL the second
    // waits for the first to commit (locks taken in date order, so never a deadlock), then counts
    // again and sees its rows.
    await lockWeek(db, workspaceId, weekStart);
    const w = await weekCounts(db, workspaceId, weekStart, settings);
    await db
      .deleteFrom('weeklyActivity')
      .where('workspaceId', '=', workspaceId)
      .where('weekStart', '=', weekStart)
      .execute();
    await db
      .deleteFrom('weeklyActivityDeltas')
      .where('workspaceId', '=', workspaceId)
      .where('weekStart', '=', weekStart)
      .execute();
    if (w.touches > 0 || w.checkIns > 0) {
      await db
        .insertInto('weeklyActivity')
        .values({ workspaceId, weekStart, touches: w.touches, checkIns: w.checkIns })
        .execute();
    }
  }
}

/** Recounts every week from scratch, after the time zone or the first day of the week changed. */
export async function rebuildWeeks(db: Q, workspaceId: string, settings: KeepInTouchSettings): Promise<void> {
  // On PostgreSQL no log may append a delta while every week is recounted: SHARE waits for the
  // transactions that appended one to commit (their interactions are then counted below, their
  // deltas deleted) and keeps new appends out until this transaction ends. A rebuild follows a
  // change of time zone or first day of the week, rarely enough for logs to wait for it.
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`lock table weekly_activity_deltas in share mode`.execute(db);
  await db.deleteFrom('weeklyActivity').where('workspaceId', '=', workspaceId).execute();
  await db.deleteFrom('weeklyActivityDeltas').where('workspaceId', '=', workspaceId).execute();
  const totals = new Map<string, { kind: InteractionKind; people: number }[]>();
  let cursor: { at: string; id: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('interactions as i')
      .select((eb) => [
        'i.id',
        'i.kind',
        'i.occurredAt',
        eb
          .selectFrom('interactionParticipants as ip')
          .select(eb.fn.countAll<string | number>().as('n'))
          .whereRef('ip.workspaceId', '=', 'i.workspaceId')
          .whereRef('ip.interactionId', '=', 'i.id')
          .as('people'),
      ])
      .where('i.workspaceId', '=', workspaceId)
      .where('i.deletedAt', 'is', null);
    if (cursor) {
      const c: { at: string; id: string } = cursor;
      q = q.where((eb) =>
        eb.or([eb('i.occurredAt', '>', c.at), eb.and([eb('i.occurredAt', '=', c.at), eb('i.id', '>', c.id)])]),
      );
    }
    const rows = await q.orderBy('i.occurredAt').orderBy('i.id').limit(5000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const week = startOfWeek(localDate(r.occurredAt, settings.timeZone), settings.weekStartsOn);
      const list = totals.get(week) ?? [];
      list.push({ kind: r.kind as InteractionKind, people: Number(r.people ?? 0) });
      totals.set(week, list);
    }
    const last = rows[rows.length - 1];
    if (!last) break;
    cursor = { at: last.occurredAt, id: last.id };
  }
  const values = [...totals].map(([weekStart, rows]) => {
    const w = countWeek(weekStart, rows);
    return { workspaceId, weekStart, touches: w.touches, checkIns: w.checkIns };
  });
  for (const part of chunks(values, 100)) {
    if (part.length > 0) await db.insertInto('weeklyActivity').values(part).execute();
  }
}
