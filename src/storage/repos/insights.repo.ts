import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';

/*
 * The aggregate queries behind the insights. Each answers with at most a few
 * hundred grouped rows, read from an index (see migration 0630), so the
 * numbers stay quick at 100,000 people and a million interactions.
 */

type Q = Kysely<Database>;

/**
 * The day a person joined the network: the how-we-met date, else the UTC day
 * they were added. Written exactly as in the `people_joined_idx` expression
 * index, so both databases read the index.
 */
const JOINED = sql<string>`coalesce(met_on, substr(created_at, 1, 10))`;

/** People who joined before `from`, and per month from `from` to `to` (inclusive days). */
export async function growthCounts(db: Q, workspaceId: string, from: string, to: string) {
  const base = db.selectFrom('people').where('workspaceId', '=', workspaceId).where('deletedAt', 'is', null);
  const [before, months] = await Promise.all([
    base
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(JOINED, '<', from)
      .executeTakeFirst(),
    base
      .select((eb) => [sql<string>`substr(${JOINED}, 1, 7)`.as('month'), eb.fn.countAll<string | number>().as('n')])
      .where(JOINED, '>=', from)
      .where(JOINED, '<=', to)
      .groupBy(sql`substr(${JOINED}, 1, 7)`)
      .execute(),
  ]);
  return { before: Number(before?.n ?? 0), months: months.map((m) => ({ month: m.month, n: Number(m.n) })) };
}

/**
 * Live interactions, and how many of them were online, in each interval
 * [bounds[i], bounds[i + 1]) of consecutive instants: the weeks of a chart, each
 * from its local midnight, so a change of daylight saving time falls where it
 * does. One statement, an arm per interval, each counting a range of the
 * insights index. Nothing is grouped, so nothing is sorted: a year by day and
 * channel (GROUP BY a date expression) spent three quarters of its time sorting
 * 700k index entries, 0.7 s at size L on SQLite.
 */
export async function interactionsInRanges(
  db: Q,
  workspaceId: string,
  bounds: readonly string[],
): Promise<{ total: number; online: number }[]> {
  const out = bounds.slice(1).map(() => ({ total: 0, online: 0 }));
  const arm = (i: number) =>
    db
      .selectFrom('interactions')
      .select((eb) => [
        sql.lit(i).as('i'),
        eb.fn.countAll<string | number>().as('n'),
        sql<string | number>`count(case when channel = 'online' then 1 end)`.as('online'),
      ])
      .where('workspaceId', '=', workspaceId)
      .where('deletedAt', 'is', null)
      .where('occurredAt', '>=', bounds[i] as string)
      .where('occurredAt', '<', bounds[i + 1] as string);
  if (out.length === 0) return out;
  // At most 24 months, so 106 weeks: SQLite allows 500 arms in a compound SELECT.
  let q = arm(0);
  for (let i = 1; i < out.length; i++) q = q.unionAll(arm(i));
  for (const r of await q.execute()) out[Number(r.i)] = { total: Number(r.n), online: Number(r.online) };
  return out;
}

/** Live interactions per kind and channel between two instants. */
export async function interactionsByKind(db: Q, workspaceId: string, fromAt: string, toAt: string) {
  const rows = await db
    .selectFrom('interactions')
    .select((eb) => ['kind', 'channel', eb.fn.countAll<string | number>().as('n')])
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null)
    .where('occurredAt', '>=', fromAt)
    .where('occurredAt', '<', toAt)
    .groupBy(['kind', 'channel'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, channel: r.channel, n: Number(r.n) }));
}

/** Lower bounds of the strength bands (the last band runs to 100 inclusive). */
export const STRENGTH_BANDS = [0, 1, 20, 40, 60, 80] as const;

function bandOf(column: RawBuilder<number>): RawBuilder<number> {
  return sql<number>`case when ${column} < 1 then 0 when ${column} < 20 then 1 when ${column} < 40 then 2 when ${column} < 60 then 3 when ${column} < 80 then 4 else 5 end`;
}

function bandCounts(rows: { band: number | string; n: number | string }[]): number[] {
  const counts = STRENGTH_BANDS.map(() => 0);
  for (const r of rows) counts[Number(r.band)] = Number(r.n);
  return counts;
}

/** How many live people fall in each strength band now. */
export async function strengthBandsNow(db: Q, workspaceId: string): Promise<number[]> {
  const band = bandOf(sql.ref('strength') as RawBuilder<number>);
  const rows = await db
    .selectFrom('people')
    .select((eb) => [band.as('band'), eb.fn.countAll<string | number>().as('n')])
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null)
    .groupBy(band)
    .execute();
  return bandCounts(rows);
}

/** How many people of a week's snapshot fell in each band. */
export async function strengthBandsAt(db: Q, workspaceId: string, week: string): Promise<number[]> {
  const band = bandOf(sql.ref('score') as RawBuilder<number>);
  const rows = await db
    .selectFrom('strengthSnapshots')
    .select((eb) => [band.as('band'), eb.fn.countAll<string | number>().as('n')])
    .where('workspaceId', '=', workspaceId)
    .where('week', '=', week)
    .groupBy(band)
    .execute();
  return bandCounts(rows);
}

/**
 * The snapshot week to compare with: the latest at or before `target`, else
 * the oldest there is (history shorter than asked), else none.
 */
export async function snapshotWeek(db: Q, workspaceId: string, target: string): Promise<string | null> {
  const atOrBefore = await db
    .selectFrom('strengthSnapshots')
    .select('week')
    .where('workspaceId', '=', workspaceId)
    .where('week', '<=', target)
    .orderBy('week', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (atOrBefore) return atOrBefore.week;
  const oldest = await db
    .selectFrom('strengthSnapshots')
    .select('week')
    .where('workspaceId', '=', workspaceId)
    .orderBy('week')
    .limit(1)
    .executeTakeFirst();
  return oldest?.week ?? null;
}

/** Live people whose strength rose or fell by at least `threshold` points since a snapshot week. */
export async function strengthMoves(db: Q, workspaceId: string, week: string, threshold: number) {
  const row = await strengthMovesQuery(db, workspaceId, week, threshold).executeTakeFirst();
  return {
    warmed: Number(row?.warmed ?? 0),
    cooled: Number(row?.cooled ?? 0),
    compared: Number(row?.compared ?? 0),
  };
}

/**
 * The statement of strengthMoves: every live person of the workspace, and their row of the
 * week's snapshot by its primary key (on SQLite the row itself: a WITHOUT ROWID table, see
 * migration 2026-11-27-1300).
 */
export function strengthMovesQuery(db: Q, workspaceId: string, week: string, threshold: number) {
  return db
    .selectFrom('strengthSnapshots as s')
    .innerJoin('people as p', (j) => j.onRef('p.workspaceId', '=', 's.workspaceId').onRef('p.id', '=', 's.personId'))
    .select([
      sql<string | number>`sum(case when p.strength - s.score >= ${threshold} then 1 else 0 end)`.as('warmed'),
      sql<string | number>`sum(case when s.score - p.strength >= ${threshold} then 1 else 0 end)`.as('cooled'),
      sql<string | number>`count(*)`.as('compared'),
    ])
    .where('s.workspaceId', '=', workspaceId)
    .where('s.week', '=', week)
    .where('p.deletedAt', 'is', null);
}

/**
 * Inner and close circle people who are cooling: overdue, marked cooling, or
 * down at least `threshold` points since the snapshot week. The caller ranks
 * them; at most `limit` rows, largest drop first, then most overdue.
 */
export async function coolingCandidates(
  db: Q,
  workspaceId: string,
  opts: { week: string | null; today: string; threshold: number; limit: number },
) {
  const then = opts.week ? sql<number | null>`s.score` : sql<number | null>`null`;
  const drop = sql<number>`coalesce(${then} - p.strength, 0)`;
  return db
    .selectFrom('people as p')
    .$if(opts.week !== null, (q) =>
      q.leftJoin('strengthSnapshots as s', (j) =>
        j
          .onRef('s.workspaceId', '=', 'p.workspaceId')
          .on('s.week', '=', opts.week as string)
          .onRef('s.personId', '=', 'p.id'),
      ),
    )
    .select([
      'p.id',
      'p.fullName',
      'p.photoUrl',
      'p.headline',
      'p.circle',
      'p.strength',
      'p.strengthTrend',
      'p.lastInteractionAt',
      'p.nextDueOn',
      then.as('strengthThen'),
    ])
    .where('p.workspaceId', '=', workspaceId)
    .where('p.deletedAt', 'is', null)
    .where('p.circle', 'in', ['inner', 'close'])
    .where((eb) =>
      eb.or([
        eb('p.nextDueOn', '<', opts.today),
        eb('p.strengthTrend', '=', 'cooling'),
        eb(drop, '>=', opts.threshold),
      ]),
    )
    .orderBy(drop, 'desc')
    .orderBy(sql`coalesce(p.next_due_on, '9999-12-31')`)
    .orderBy('p.id')
    .limit(opts.limit)
    .execute();
}

/**
 * Writes this week's snapshot of every live person's strength, once: a week
 * that already has rows is left alone (another instance, or an earlier run this
 * week, wrote it). Batched by id so no transaction holds the database for long.
 */
export async function writeStrengthSnapshot(db: Q, workspaceId: string, week: string, batch = 5000): Promise<number> {
  const done = await db
    .selectFrom('strengthSnapshots')
    .select('personId')
    .where('workspaceId', '=', workspaceId)
    .where('week', '=', week)
    .limit(1)
    .executeTakeFirst();
  if (done) return 0;
  let last = '';
  let written = 0;
  for (;;) {
    const ids = await db
      .selectFrom('people')
      .select('id')
      .where('workspaceId', '=', workspaceId)
      .where('id', '>', last)
      .where('deletedAt', 'is', null)
      .orderBy('id')
      .limit(batch)
      .execute();
    const upper = ids[ids.length - 1]?.id;
    if (upper === undefined) break;
    await db
      .insertInto('strengthSnapshots')
      .columns(['workspaceId', 'week', 'personId', 'score'])
      .expression(
        db
          .selectFrom('people')
          .select(['workspaceId', sql<string>`cast(${week} as text)`.as('week'), 'id', 'strength'])
          .where('workspaceId', '=', workspaceId)
          .where('id', '>', last)
          .where('id', '<=', upper)
          .where('deletedAt', 'is', null),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    written += ids.length;
    last = upper;
    if (ids.length < batch) break;
  }
  return written;
}

/** Drops snapshots older than a week, keeping two years of history. */
export async function pruneStrengthSnapshots(db: Q, workspaceId: string, before: string): Promise<void> {
  await db.deleteFrom('strengthSnapshots').where('workspaceId', '=', workspaceId).where('week', '<', before).execute();
}
