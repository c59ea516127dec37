import type { Kysely } from 'kysely';
import { type Db, openDb } from '../../src/storage/db.js';
import { catchUpStrengths } from '../../src/jobs/strength-catch-up.js';
import {
  STRENGTH_QUEUED,
  readSettings,
  readWeeks,
  rebuildWeeks,
  refreshPeople,
} from '../../src/storage/repos/keep-in-touch.repo.js';
import { liveCount, refreshSearchText } from '../../src/storage/repos/people.repo.js';
import { rebuildWorkspace } from '../../src/storage/search/index.js';
import type { Database } from '../../src/storage/schema.js';

/*
 * "Derived data matches the data": every column Tend computes from other rows
 * (interaction counts, last contact, next due date, strength, the folded
 * search text) is recomputed from scratch inside a transaction that is rolled
 * back, and compared with what is stored. A crash or a race that left a stale
 * value shows up as a mismatch.
 *
 * The search index, the touches per week and the live-people counter are
 * checked too: what the writes left must equal a rebuild or a count.
 *
 * Strength and trend are eventually consistent: a logged interaction queues its
 * people (strength_on = STRENGTH_QUEUED) for the catch-up job. By default the
 * check first runs that job, as a restarted server would, and then expects
 * everything — strength included — to equal the synchronous recomputation and
 * the queue to be empty; `{ catchUp: false }` compares the queue as it stands:
 * every column but strength and trend must already be exact, and the queued
 * rows are listed (check 'strength queued').
 *
 * To cover a new derived structure (a search index, a counter), add a
 * DerivedCheck: the columns of people it owns and how to recompute them, or a
 * `verify` that compares an index with its source rows directly.
 */

type Q = Kysely<Database>;

export interface Mismatch {
  check: string;
  workspaceId: string;
  personId: string;
  column: string;
  stored: unknown;
  expected: unknown;
}

export interface DerivedCheck {
  name: string;
  /** Columns of `people` this check owns (camelCase). */
  columns: readonly string[];
  /** Rewrites the columns of these people from their source rows (called in a transaction that is rolled back). */
  recompute(trx: Q, workspaceId: string, personIds: string[]): Promise<void>;
  /** Numbers within this distance are equal (strength moves with the clock between write and check). */
  tolerance?: number;
}

async function recomputeContact(trx: Q, workspaceId: string, personIds: string[]): Promise<void> {
  for (const personId of personIds) {
    const agg = await trx
      .selectFrom('interactionParticipants as ip')
      .innerJoin('interactions as i', (j) =>
        j.onRef('i.workspaceId', '=', 'ip.workspaceId').onRef('i.id', '=', 'ip.interactionId'),
      )
      .select((eb) => [eb.fn.max('ip.occurredAt').as('last'), eb.fn.countAll<string | number>().as('n')])
      .where('ip.workspaceId', '=', workspaceId)
      .where('ip.personId', '=', personId)
      .where('i.deletedAt', 'is', null)
      .executeTakeFirst();
    await trx
      .updateTable('people')
      .set({ lastInteractionAt: (agg?.last as string | null) ?? null, interactionCount: Number(agg?.n ?? 0) })
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', personId)
      .execute();
  }
}

export const DERIVED_CHECKS: DerivedCheck[] = [
  {
    name: 'interaction count and last contact',
    columns: ['interactionCount', 'lastInteractionAt'],
    recompute: recomputeContact,
  },
  {
    name: 'keep-in-touch (next due, last meaningful, strength)',
    columns: ['nextDueOn', 'lastMeaningfulAt', 'strength', 'strengthTrend'],
    tolerance: 0.5,
    recompute: async (trx, workspaceId, ids) =>
      refreshPeople(trx, workspaceId, ids, await readSettings(trx, workspaceId), new Date()),
  },
  {
    name: 'search text',
    columns: ['searchText'],
    recompute: (trx, workspaceId, ids) => refreshSearchText(trx, workspaceId, ids),
  },
];

class Rollback extends Error {}

/** The columns the catch-up job owns. */
const STRENGTH_COLUMNS: readonly string[] = ['strength', 'strengthTrend'];

function same(a: unknown, b: unknown, tolerance: number): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Math.abs(Number(a) - Number(b)) <= tolerance;
  return String(a ?? '') === String(b ?? '');
}

/** Every mismatch between stored and recomputed derived data, over all workspaces of `db`. */
export async function derivedMismatches(
  db: Db,
  checks: DerivedCheck[] = DERIVED_CHECKS,
  opts: { catchUp?: boolean; now?: Date } = {},
): Promise<Mismatch[]> {
  const k = db.kysely;
  const mismatches: Mismatch[] = [];
  if (opts.catchUp ?? true) await catchUpStrengths(db, opts.now);
  const queued = await k
    .selectFrom('people')
    .select(['workspaceId', 'id'])
    .where('strengthOn', '=', STRENGTH_QUEUED)
    .execute();
  const pending = new Set(queued.map((r) => `${r.workspaceId}|${r.id}`));
  for (const r of queued) {
    mismatches.push({
      check: 'strength queued',
      workspaceId: r.workspaceId,
      personId: r.id,
      column: 'strengthOn',
      stored: STRENGTH_QUEUED,
      expected: 'refreshed by the catch-up job',
    });
  }
  // Every workspace, also one left without people (an undone import still has its weeks).
  const workspaces = await k.selectFrom('workspaces').select('id as workspaceId').execute();
  for (const { workspaceId } of workspaces) {
    const ids = (await k.selectFrom('people').select('id').where('workspaceId', '=', workspaceId).execute()).map(
      (r) => r.id,
    );
    const columns = [...new Set(checks.flatMap((c) => c.columns))];
    const snapshot = async (q: Q) => {
      const rows = (await q
        .selectFrom('people')
        .select(['id', ...(columns as 'id'[])])
        .where('workspaceId', '=', workspaceId)
        .execute()) as unknown as Record<string, unknown>[];
      return new Map(rows.map((r) => [r.id as string, r]));
    };
    const stored = await snapshot(k);
    // Every row of a test database was written through the code that keeps the index,
    // so the index is compared whether or not a first search has marked it built.
    const storedIndex = await searchIndexOf(k, workspaceId);
    try {
      await k.transaction().execute(async (trx) => {
        for (const check of checks) await check.recompute(trx, workspaceId, ids);
        const expected = await snapshot(trx);
        for (const check of checks) {
          for (const [personId, want] of expected) {
            const have = stored.get(personId);
            for (const column of check.columns) {
              // A queued row's strength waits for the catch-up (listed above as queued).
              const waits = STRENGTH_COLUMNS.includes(column) && pending.has(`${workspaceId}|${personId}`);
              if (!waits && !same(have?.[column], want[column], check.tolerance ?? 0)) {
                mismatches.push({
                  check: check.name,
                  workspaceId,
                  personId,
                  column,
                  stored: have?.[column],
                  expected: want[column],
                });
              }
            }
          }
        }
        // Touches per week: what the writes left (adjusted or recounted) must equal a recount of every week.
        {
          // Each week's row plus the deltas not folded yet (PostgreSQL), as Today reads them.
          const weeksOf = async (q: Q) =>
            new Map(
              (await readWeeks(q, workspaceId, '0000-01-01', '9999-12-31')).map((w) => [
                w.weekStart,
                `${w.touches}/${w.checkIns}`,
              ]),
            );
          const storedWeeks = await weeksOf(trx);
          await rebuildWeeks(trx, workspaceId, await readSettings(trx, workspaceId));
          const recounted = await weeksOf(trx);
          for (const week of new Set([...storedWeeks.keys(), ...recounted.keys()])) {
            if (storedWeeks.get(week) === recounted.get(week)) continue;
            mismatches.push({
              check: 'weekly activity',
              workspaceId,
              personId: '',
              column: week,
              stored: storedWeeks.get(week) ?? null,
              expected: recounted.get(week) ?? null,
            });
          }
        }
        // Live people: the counter the triggers keep must equal a count.
        {
          const counted = await trx
            .selectFrom('people')
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .where('workspaceId', '=', workspaceId)
            .where('deletedAt', 'is', null)
            .executeTakeFirstOrThrow();
          const kept = await liveCount(trx, workspaceId);
          if (kept !== Number(counted.n)) {
            mismatches.push({
              check: 'live people count',
              workspaceId,
              personId: '',
              column: 'live',
              stored: kept,
              expected: Number(counted.n),
            });
          }
        }
        // The search index: what the writes left must equal a rebuild from the source rows.
        {
          await rebuildWorkspace(trx, workspaceId);
          const rebuilt = await searchIndexOf(trx, workspaceId);
          for (const key of new Set([...storedIndex, ...rebuilt])) {
            if (storedIndex.has(key) && rebuilt.has(key)) continue;
            mismatches.push({
              check: 'search index',
              workspaceId,
              personId: key.split('\u0000')[2] ?? '',
              column: key.split('\u0000')[0] ?? '',
              stored: storedIndex.has(key) ? key : null,
              expected: rebuilt.has(key) ? key : null,
            });
          }
        }
        throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
  }
  return mismatches;
}

/** The search index of a workspace as comparable keys: its documents and its name words. */
async function searchIndexOf(q: Q, workspaceId: string): Promise<Set<string>> {
  const docs = await q
    .selectFrom('searchDocs')
    .select(['kind', 'refId', 'title', 'subtitle', 'body'])
    .where('workspaceId', '=', workspaceId)
    .execute();
  const names = await q
    .selectFrom('searchNames')
    .select(['kind', 'refId', 'token', 'field'])
    .where('workspaceId', '=', workspaceId)
    .execute();
  return new Set([
    ...docs.map((d) => ['doc', d.kind, d.refId, d.title, d.subtitle, d.body].join('\u0000')),
    ...names.map((n) => ['name', n.kind, n.refId, n.token, n.field].join('\u0000')),
  ]);
}

/** Opens the database at `url` (as a second connection), runs `fn`, closes it. */
export async function withDb<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(url, { poolSize: 2 });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
