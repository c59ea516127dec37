import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  IntroOutcome,
  IntroStep,
  Introduction,
  IntroductionCreate,
  IntroductionListQuery,
  IntroductionOutcomeInput,
  IntroductionStepInput,
} from '../contract/introductions.js';
import { addDays, localDate } from '../domain/dates.js';
import { DECLINED_STEPS, INTRO_NEXT, WAITING_STEPS, canMove, nextAction, refusal } from '../domain/introductions.js';
import { BadRequestError, ConflictError, NotFoundError, ValidationError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { insertFollowUp } from '../storage/repos/follow-ups.repo.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import { netPeople, personOr, requireLivePeople } from '../storage/repos/net-people.repo.js';
import type { Database } from '../storage/schema.js';
import { upsertConnection } from './connections.service.js';
import { type Actor, type Clock, type ServiceDeps, nowIso } from './context.js';
import { insertInteraction } from './interactions.service.js';

type Q = Kysely<Database>;
type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
type HistoryEntry = { step: IntroStep; at: string; note: string };

/** An introduction makes a new tie: "acquainted" on the 1–5 scale. */
export const INTRODUCED_STRENGTH = 2;

async function findRow(db: Q, workspaceId: string, id: string) {
  return db
    .selectFrom('introductions')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

function history(r: Row): HistoryEntry[] {
  try {
    const h = JSON.parse(r.history) as unknown;
    return Array.isArray(h) ? (h as HistoryEntry[]) : [];
  } catch {
    return [];
  }
}

function statusOf(step: IntroStep, outcome: string | null): Introduction['status'] {
  if (DECLINED_STEPS.has(step)) return 'declined';
  return outcome ? 'done' : 'open';
}

async function present(db: Q, workspaceId: string, rows: Row[]): Promise<Introduction[]> {
  const people = await netPeople(
    db,
    workspaceId,
    rows.flatMap((r) => [r.aPersonId, r.bPersonId]),
  );
  // A follow-up deleted by hand is simply gone: the link reads as none.
  const linked = rows.flatMap((r) => (r.followUpId ? [r.followUpId] : []));
  const followUps = new Set(
    linked.length === 0
      ? []
      : (
          await db
            .selectFrom('followUps')
            .select('id')
            .where('workspaceId', '=', workspaceId)
            .where('id', 'in', linked)
            .execute()
        ).map((f) => f.id),
  );
  return rows.map((r) => {
    const a = personOr(people, r.aPersonId);
    const b = personOr(people, r.bPersonId);
    const step = r.step as IntroStep;
    const next = nextAction(step, { a: a.fullName, b: b.fullName }, r.outcome !== null);
    return {
      id: r.id,
      version: r.version,
      personA: a,
      personB: b,
      reason: r.reason,
      step,
      stepAt: r.stepAt,
      status: statusOf(step, r.outcome),
      nextSteps: [...INTRO_NEXT[step]],
      nextAction: next?.title ?? (step === 'introduced' && !r.outcome ? 'Record the outcome' : null),
      history: history(r),
      outcome: r.outcome as IntroOutcome | null,
      outcomeNote: r.outcomeNote,
      followUpId: r.followUpId && followUps.has(r.followUpId) ? r.followUpId : null,
      connectionId: r.connectionId,
      interactionId: r.interactionId,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  });
}

/** Closes the open follow-up of the previous step (if the user has not already), in the caller's transaction. */
async function closeFollowUp(
  trx: Q,
  workspaceId: string,
  id: string | null,
  now: string,
  interactionId: string | null,
) {
  if (!id) return;
  const f = await trx
    .selectFrom('followUps')
    .select(['status', 'version'])
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (f?.status !== 'open') return;
  await trx
    .updateTable('followUps')
    .set({ status: 'done', completedAt: now, doneInteractionId: interactionId, updatedAt: now, version: f.version + 1 })
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** The follow-up of the action after `step`, if any. */
async function openFollowUp(trx: Q, actor: Actor, r: Row, step: IntroStep, hasOutcome: boolean, clock: Clock) {
  const people = await netPeople(trx, actor.workspaceId, [r.aPersonId, r.bPersonId]);
  const a = personOr(people, r.aPersonId);
  const b = personOr(people, r.bPersonId);
  const next = nextAction(step, { a: a.fullName, b: b.fullName }, hasOutcome);
  if (!next) return null;
  const s = await readSettings(trx, actor.workspaceId);
  const today = localDate(clock.now(), s.timeZone);
  const personIds = next.with === 'a' ? [a.id] : next.with === 'b' ? [b.id] : [a.id, b.id];
  return insertFollowUp(
    trx,
    actor.workspaceId,
    {
      kind: 'intro',
      title: next.title,
      notes: r.reason ? `Why they should meet: ${r.reason}` : '',
      dueOn: addDays(today, next.dueInDays),
      personIds,
    },
    nowIso(clock),
  );
}

export function introductionsService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  async function row(trx: Q, actor: Actor, id: string): Promise<Row> {
    const r = await findRow(trx, actor.workspaceId, id);
    if (!r) throw NotFoundError('Introduction');
    return r;
  }

  async function one(actor: Actor, id: string): Promise<Introduction> {
    const [i] = await present(k, actor.workspaceId, [await row(k, actor, id)]);
    if (!i) throw NotFoundError('Introduction');
    return i;
  }

  return {
    get: one,

    async list(actor: Actor, q: z.output<typeof IntroductionListQuery>): Promise<{ items: Introduction[] }> {
      let query = k.selectFrom('introductions').selectAll().where('workspaceId', '=', actor.workspaceId);
      if (q.personId) {
        const pid = q.personId;
        query = query.where((eb) => eb.or([eb('aPersonId', '=', pid), eb('bPersonId', '=', pid)]));
      }
      if (q.status === 'open') {
        query = query.where('outcome', 'is', null).where('step', 'not in', [...DECLINED_STEPS]);
      } else if (q.status === 'done') {
        query = query.where('outcome', 'is not', null);
      } else if (q.status === 'declined') {
        query = query.where('step', 'in', [...DECLINED_STEPS]);
      }
      const rows = await query.orderBy('stepAt', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
      const items = await present(k, actor.workspaceId, rows);
      // Open ones first: what still needs you comes before the story of what is done.
      const rank = (i: Introduction) => (i.status === 'open' ? 0 : 1);
      return { items: items.sort((x, y) => rank(x) - rank(y)) };
    },

    async create(actor: Actor, input: z.output<typeof IntroductionCreate>): Promise<Introduction> {
      if (input.personAId === input.personBId) {
        throw ValidationError([{ path: 'body.personBId', message: 'a person cannot be introduced to themselves' }]);
      }
      const id = await k.transaction().execute(async (trx) => {
        await requireLivePeople(trx, actor.workspaceId, {
          'body.personAId': input.personAId,
          'body.personBId': input.personBId,
        });
        const open = await trx
          .selectFrom('introductions')
          .select('id')
          .where('workspaceId', '=', actor.workspaceId)
          .where((eb) =>
            eb.or([
              eb.and([eb('aPersonId', '=', input.personAId), eb('bPersonId', '=', input.personBId)]),
              eb.and([eb('aPersonId', '=', input.personBId), eb('bPersonId', '=', input.personAId)]),
            ]),
          )
          .where('outcome', 'is', null)
          .where('step', 'in', [...WAITING_STEPS])
          .executeTakeFirst();
        if (open) {
          throw ConflictError(
            'introduction_open',
            'This introduction is already under way',
            `Introduction ${open.id} between these two is still open; advance it instead of proposing it again.`,
          );
        }
        const now = nowIso(clock);
        const newId = uuidv7();
        const r: Row = {
          id: newId,
          workspaceId: actor.workspaceId,
          aPersonId: input.personAId,
          bPersonId: input.personBId,
          reason: input.reason ?? '',
          step: 'proposed',
          stepAt: now,
          history: JSON.stringify([{ step: 'proposed', at: now, note: '' }]),
          outcome: null,
          outcomeNote: '',
          followUpId: null,
          connectionId: null,
          interactionId: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        await trx.insertInto('introductions').values(r).execute();
        const followUpId = await openFollowUp(trx, actor, r, 'proposed', false, clock);
        await trx
          .updateTable('introductions')
          .set({ followUpId })
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', newId)
          .execute();
        return newId;
      });
      return one(actor, id);
    },

    /** Moves to the next step: closes the step's follow-up, opens the next one; "introduced" connects A and B. */
    async step(actor: Actor, id: string, input: z.output<typeof IntroductionStepInput>): Promise<Introduction> {
      await k.transaction().execute(async (trx) => {
        const r = await row(trx, actor, id);
        const from = r.step as IntroStep;
        if (!canMove(from, input.step)) {
          throw ConflictError('invalid_step', `Cannot go from ${from} to ${input.step}`, refusal(from, input.step));
        }
        const now = nowIso(clock);
        const set: Partial<Row> = {};
        let interactionId: string | null = null;
        if (input.step === 'introduced') {
          await requireLivePeople(trx, actor.workspaceId, { personAId: r.aPersonId, personBId: r.bPersonId }).catch(
            () => {
              throw BadRequestError(
                'person_in_trash',
                'One of them is in the trash',
                'Restore both people before recording the introduction.',
              );
            },
          );
          const people = await netPeople(trx, actor.workspaceId, [r.aPersonId, r.bPersonId]);
          const a = personOr(people, r.aPersonId).fullName;
          const b = personOr(people, r.bPersonId).fullName;
          interactionId = await insertInteraction(
            trx,
            actor,
            {
              kind: 'introduction',
              // Making an introduction is the classic give (part A's give/ask balance counts it).
              exchange: 'give',
              exchangeKind: 'introduction',
              summary: `Introduced ${a} and ${b}`,
              notes: [r.reason ? `Why: ${r.reason}` : '', input.note ?? ''].filter(Boolean).join('\n\n'),
              participantIds: [r.aPersonId, r.bPersonId],
            },
            clock,
            { autoFollowUps: false },
          );
          const c = await upsertConnection(
            trx,
            actor.workspaceId,
            {
              fromId: r.aPersonId,
              toId: r.bPersonId,
              kind: 'introduced',
              strength: INTRODUCED_STRENGTH,
              source: 'introduction',
              sourceId: r.id,
              note: r.reason,
            },
            now,
          );
          set.connectionId = c.id;
          set.interactionId = interactionId;
        }
        await closeFollowUp(trx, actor.workspaceId, r.followUpId, now, interactionId);
        const followUpId = await openFollowUp(trx, actor, r, input.step, false, clock);
        const res = await trx
          .updateTable('introductions')
          .set({
            ...set,
            step: input.step,
            stepAt: now,
            followUpId,
            history: JSON.stringify([...history(r), { step: input.step, at: now, note: input.note ?? '' }]),
            version: r.version + 1,
            updatedAt: now,
          })
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .where('version', '=', r.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) {
          throw ConflictError('invalid_step', 'The introduction moved meanwhile', 'Reload it and try again.');
        }
      });
      return one(actor, id);
    },

    async outcome(actor: Actor, id: string, input: z.output<typeof IntroductionOutcomeInput>): Promise<Introduction> {
      await k.transaction().execute(async (trx) => {
        const r = await row(trx, actor, id);
        if (r.step !== 'introduced') {
          throw ConflictError(
            'invalid_step',
            'Not introduced yet',
            `It is ${r.step}: an outcome is recorded after the introduction was made.`,
          );
        }
        const now = nowIso(clock);
        await closeFollowUp(trx, actor.workspaceId, r.followUpId, now, null);
        await trx
          .updateTable('introductions')
          .set({
            outcome: input.outcome,
            outcomeNote: input.note ?? '',
            followUpId: null,
            version: r.version + 1,
            updatedAt: now,
          })
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .execute();
      });
      return one(actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await k.transaction().execute(async (trx) => {
        const r = await row(trx, actor, id);
        if (r.followUpId) {
          await trx
            .updateTable('followUps')
            .set({ status: 'cancelled', updatedAt: nowIso(clock) })
            .where('workspaceId', '=', actor.workspaceId)
            .where('id', '=', r.followUpId)
            .where('status', '=', 'open')
            .execute();
        }
        await trx
          .deleteFrom('introductions')
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .execute();
      });
    },
  };
}
