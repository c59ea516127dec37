import type { Kysely } from 'kysely';
import { type Db, openDb } from '../../src/storage/db.js';
import { readSettings, refreshPeople } from '../../src/storage/repos/keep-in-touch.repo.js';
import { refreshSearchText } from '../../src/storage/repos/people.repo.js';
import type { Database } from '../../src/storage/schema.js';

/*
 * "Derived data matches the data": every column Tend computes from other rows
 * (interaction counts, last contact, next due date, strength, the folded
 * search text) is recomputed from scratch inside a transaction that is rolled
 * back, and compared with what is stored. A crash or a race that left a stale
 * value shows up as a mismatch.
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

function same(a: unknown, b: unknown, tolerance: number): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Math.abs(Number(a) - Number(b)) <= tolerance;
  return String(a ?? '') === String(b ?? '');
}

/** Every mismatch between stored and recomputed derived data, over all workspaces of `db`. */
export async function derivedMismatches(db: Db, checks: DerivedCheck[] = DERIVED_CHECKS): Promise<Mismatch[]> {
  const k = db.kysely;
  const mismatches: Mismatch[] = [];
  const workspaces = await k.selectFrom('people').select('workspaceId').distinct().execute();
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
    try {
      await k.transaction().execute(async (trx) => {
        for (const check of checks) await check.recompute(trx, workspaceId, ids);
        const expected = await snapshot(trx);
        for (const check of checks) {
          for (const [personId, want] of expected) {
            const have = stored.get(personId);
            for (const column of check.columns) {
              if (!same(have?.[column], want[column], check.tolerance ?? 0)) {
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
        throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
  }
  return mismatches;
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
