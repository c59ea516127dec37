import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { AwayListQuery, AwayPeriod, AwayPeriodCreate } from '../contract/away.js';
import { AWAY, type AwayPeriod as DomainAwayPeriod } from '../domain/away.js';
import { addDays, daysBetween, localDate } from '../domain/dates.js';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import type { AwayPeriodsTable, Database } from '../storage/schema.js';
import { type Actor, type ServiceDeps, nowIso } from './context.js';
import type { Kysely } from 'kysely';

/*
 * Away periods: when the user will be away. Each belongs to one user in one
 * workspace (the local CLI, acting without an account, is user ''), so in a
 * team workspace one member's holiday does not change another's Today.
 */

/** More than this many current and future periods is a script gone wrong, not a calendar. */
const MAX_OPEN = 50;

function userKey(actor: Actor): string {
  return actor.userId ?? '';
}

function present(r: Selectable<AwayPeriodsTable>): AwayPeriod {
  return { id: r.id, from: r.startsOn, to: r.endsOn, label: r.label, createdAt: r.createdAt };
}

/** The periods Today needs around `today`: current, starting soon, or just ended. */
export async function awayAround(db: Kysely<Database>, actor: Actor, today: string): Promise<DomainAwayPeriod[]> {
  const rows = await db
    .selectFrom('awayPeriods')
    .select(['startsOn', 'endsOn', 'label'])
    .where('workspaceId', '=', actor.workspaceId)
    .where('userId', '=', userKey(actor))
    .where('endsOn', '>=', addDays(today, -AWAY.afterDays))
    .where('startsOn', '<=', addDays(today, AWAY.leadDays))
    .orderBy('endsOn')
    .limit(10)
    .execute();
  return rows.map((r) => ({ from: r.startsOn, to: r.endsOn, label: r.label }));
}

export function awayService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  async function today(actor: Actor): Promise<string> {
    const s = await readSettings(k, actor.workspaceId);
    return localDate(clock.now(), s.timeZone);
  }

  return {
    async list(actor: Actor, q: z.output<typeof AwayListQuery>): Promise<{ items: AwayPeriod[] }> {
      let query = k
        .selectFrom('awayPeriods')
        .selectAll()
        .where('workspaceId', '=', actor.workspaceId)
        .where('userId', '=', userKey(actor));
      if (!q.past) query = query.where('endsOn', '>=', await today(actor));
      const rows = await query.orderBy('startsOn').orderBy('id').limit(500).execute();
      return { items: rows.map(present) };
    },

    async create(actor: Actor, input: z.output<typeof AwayPeriodCreate>): Promise<AwayPeriod> {
      if (input.to < input.from) {
        throw ValidationError([{ path: 'body.to', message: `must be on or after from (${input.from})` }]);
      }
      if (daysBetween(input.from, input.to) + 1 > AWAY.maxDays) {
        throw ValidationError([
          {
            path: 'body.to',
            message: `an away period can be at most ${AWAY.maxDays} days; record a longer one in parts`,
          },
        ]);
      }
      const now = await today(actor);
      if (input.to < now) {
        throw ValidationError([
          { path: 'body.to', message: `is in the past (today is ${now}); record a period still to come` },
        ]);
      }
      return k.transaction().execute(async (trx) => {
        const open = await trx
          .selectFrom('awayPeriods')
          .select(['id', 'startsOn', 'endsOn'])
          .where('workspaceId', '=', actor.workspaceId)
          .where('userId', '=', userKey(actor))
          .where('endsOn', '>=', now)
          .limit(MAX_OPEN + 1)
          .execute();
        if (open.length >= MAX_OPEN) {
          throw ConflictError(
            'too_many_away_periods',
            'Too many away periods',
            `You have ${MAX_OPEN} away periods still to come; remove some before adding more.`,
          );
        }
        const overlap = open.find((p) => p.startsOn <= input.to && input.from <= p.endsOn);
        if (overlap) {
          throw ConflictError(
            'away_overlap',
            'Overlaps another away period',
            `You are already away from ${overlap.startsOn} to ${overlap.endsOn}; remove that period first or choose other dates.`,
          );
        }
        const row = {
          workspaceId: actor.workspaceId,
          id: uuidv7(),
          userId: userKey(actor),
          startsOn: input.from,
          endsOn: input.to,
          label: input.label ?? null,
          createdAt: nowIso(clock),
        };
        await trx.insertInto('awayPeriods').values(row).execute();
        return present(row);
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const res = await k
        .deleteFrom('awayPeriods')
        .where('workspaceId', '=', actor.workspaceId)
        .where('userId', '=', userKey(actor))
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw NotFoundError('Away period');
    },
  };
}
