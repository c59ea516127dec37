import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { InteractionKind } from '../contract/common.js';
import type {
  FollowUp,
  FollowUpComplete,
  FollowUpCreate,
  FollowUpKind,
  FollowUpListQuery,
  FollowUpUpdate,
  LogInput,
  SnoozeInput,
} from '../contract/keep-in-touch.js';
import { addDays, localDate } from '../domain/dates.js';
import {
  BadRequestError,
  NotFoundError,
  StaleVersionError,
  ValidationError,
  VersionRequiredError,
} from '../lib/errors.js';
import { decodeCursor, encodeCursor } from '../storage/repos/cursor.js';
import {
  findFollowUpRow,
  insertFollowUp,
  presentFollowUps,
  writeFollowUpPeople,
} from '../storage/repos/follow-ups.repo.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import type { Database } from '../storage/schema.js';
import { type Actor, type Clock, type ServiceDeps, nowIso } from './context.js';
import { checkParticipants, insertInteraction } from './interactions.service.js';

type Q = Kysely<Database>;

export const FOLLOW_UP_TITLES: Record<FollowUpKind, string> = {
  thank_you: 'Send a thank-you',
  connect: 'Connect and follow up',
  share: 'Share something useful',
  intro: 'Make the introduction',
  check_in: 'Check in',
  custom: 'Follow up',
};

/** The interaction that doing a follow-up usually is. */
export const FOLLOW_UP_LOG_KIND: Record<FollowUpKind, InteractionKind> = {
  thank_you: 'message',
  connect: 'message',
  share: 'article_share',
  intro: 'introduction',
  check_in: 'check_in',
  custom: 'other',
};

/** Logs an interaction with some people as part of another step (completing, acting on a nudge). */
export async function logWith(
  trx: Q,
  actor: Actor,
  personIds: readonly string[],
  log: z.output<typeof LogInput>,
  defaults: { kind: InteractionKind; summary: string },
  clock: Clock,
): Promise<string> {
  return insertInteraction(
    trx,
    actor,
    {
      kind: log.kind ?? defaults.kind,
      summary: log.summary ?? defaults.summary,
      participantIds: [...personIds],
      ...(log.notes !== undefined ? { notes: log.notes } : {}),
      ...(log.occurredAt !== undefined ? { occurredAt: log.occurredAt } : {}),
      ...(log.exchange !== undefined ? { exchange: log.exchange } : {}),
      ...(log.exchangeKind !== undefined ? { exchangeKind: log.exchangeKind } : {}),
    },
    clock,
    { autoFollowUps: false },
  );
}

export function snoozeTarget(input: z.output<typeof SnoozeInput>, today: string): string {
  if ((input.until === undefined) === (input.days === undefined)) {
    throw ValidationError([{ path: 'body.until', message: 'send either until or days' }]);
  }
  const until = input.until ?? addDays(today, input.days ?? 1);
  if (until <= today) {
    throw ValidationError([{ path: 'body.until', message: `must be after today (${today})` }]);
  }
  return until;
}

export function followUpsService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  async function row(trx: Q, actor: Actor, id: string) {
    const r = await findFollowUpRow(trx, actor.workspaceId, id);
    if (!r) throw NotFoundError('Follow-up');
    return r;
  }

  async function one(actor: Actor, id: string): Promise<FollowUp> {
    const [f] = await presentFollowUps(k, actor.workspaceId, [await row(k, actor, id)]);
    if (!f) throw NotFoundError('Follow-up');
    return f;
  }

  const service = {
    get: one,

    async list(actor: Actor, q: z.output<typeof FollowUpListQuery>) {
      const sortTag = `due:${q.status}`;
      const cursor = decodeCursor(q.cursor, sortTag);
      let query = q.personId
        ? k
            .selectFrom('followUpPeople as fp')
            .innerJoin('followUps as f', (j) =>
              j.onRef('f.workspaceId', '=', 'fp.workspaceId').onRef('f.id', '=', 'fp.followUpId'),
            )
            .selectAll('f')
            .where('fp.workspaceId', '=', actor.workspaceId)
            .where('fp.personId', '=', q.personId)
        : k.selectFrom('followUps as f').selectAll('f').where('f.workspaceId', '=', actor.workspaceId);
      if (q.status !== 'all') query = query.where('f.status', '=', q.status);
      if (q.dueBefore) query = query.where('f.dueOn', '<=', q.dueBefore);
      if (cursor) query = query.where(sql<boolean>`(f.due_on, f.id) > (${cursor.k}, ${cursor.id})`);
      const rows = await query
        .orderBy('f.dueOn')
        .orderBy('f.id')
        .limit(q.limit + 1)
        .execute();
      const more = rows.length > q.limit;
      const page = more ? rows.slice(0, q.limit) : rows;
      const last = page[page.length - 1];
      return {
        items: await presentFollowUps(k, actor.workspaceId, page),
        nextCursor: more && last ? encodeCursor({ k: last.dueOn, id: last.id, s: sortTag }) : null,
      };
    },

    async create(actor: Actor, input: z.output<typeof FollowUpCreate>): Promise<FollowUp> {
      const id = await k.transaction().execute(async (trx) => {
        await checkParticipants(trx, actor, input.personIds, 'body.personIds');
        const settings = await readSettings(trx, actor.workspaceId);
        const today = localDate(clock.now(), settings.timeZone);
        return insertFollowUp(
          trx,
          actor.workspaceId,
          {
            kind: input.kind,
            title: input.title ?? FOLLOW_UP_TITLES[input.kind],
            notes: input.notes,
            dueOn: input.dueOn ?? addDays(today, settings.followUps.delayDays),
            personIds: input.personIds,
          },
          nowIso(clock),
        );
      });
      return one(actor, id);
    },

    async update(actor: Actor, id: string, input: z.output<typeof FollowUpUpdate>, ifMatch?: number) {
      await k.transaction().execute(async (trx) => {
        const r = await row(trx, actor, id);
        const expected = input.version ?? ifMatch;
        if (expected === undefined) throw VersionRequiredError();
        if (expected !== r.version) throw StaleVersionError(r.version);
        if (input.personIds) await checkParticipants(trx, actor, input.personIds, 'body.personIds');
        const set: Record<string, unknown> = { updatedAt: nowIso(clock), version: r.version + 1 };
        for (const key of ['kind', 'title', 'notes', 'dueOn', 'status'] as const) {
          if (input[key] !== undefined) set[key] = input[key];
        }
        if (input.status === 'open' && r.status !== 'open') {
          set.completedAt = null;
          set.doneInteractionId = null;
        }
        const res = await trx
          .updateTable('followUps')
          .set(set)
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .where('version', '=', r.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw StaleVersionError(r.version + 1);
        if (input.personIds) await writeFollowUpPeople(trx, actor.workspaceId, id, input.personIds);
      });
      return one(actor, id);
    },

    /** Done, and optionally the interaction it was, logged in the same transaction. */
    async complete(actor: Actor, id: string, input: z.output<typeof FollowUpComplete>): Promise<FollowUp> {
      await k.transaction().execute(async (trx) => {
        const r = await row(trx, actor, id);
        if (r.status !== 'open') {
          throw BadRequestError(
            'follow_up_closed',
            'This follow-up is not open',
            `It is ${r.status}. Reopen it with PATCH {"status":"open"} first.`,
          );
        }
        let interactionId: string | null = null;
        if (input.log) {
          const people = await trx
            .selectFrom('followUpPeople as fp')
            .innerJoin('people as p', (j) =>
              j.onRef('p.workspaceId', '=', 'fp.workspaceId').onRef('p.id', '=', 'fp.personId'),
            )
            .select('p.id')
            .where('fp.workspaceId', '=', actor.workspaceId)
            .where('fp.followUpId', '=', id)
            .where('p.deletedAt', 'is', null)
            .execute();
          if (people.length === 0) {
            throw BadRequestError(
              'no_people',
              'Nobody to log this with',
              'Everyone on this follow-up is in the trash. Complete it without "log".',
            );
          }
          interactionId = await logWith(
            trx,
            actor,
            people.map((p) => p.id),
            input.log,
            { kind: FOLLOW_UP_LOG_KIND[r.kind as FollowUpKind], summary: r.title },
            clock,
          );
        }
        const now = nowIso(clock);
        await trx
          .updateTable('followUps')
          .set({
            status: 'done',
            completedAt: now,
            doneInteractionId: interactionId,
            updatedAt: now,
            version: r.version + 1,
          })
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .execute();
      });
      return one(actor, id);
    },

    async snooze(actor: Actor, id: string, input: z.output<typeof SnoozeInput>): Promise<FollowUp> {
      await k.transaction().execute(async (trx) => {
        const r = await row(trx, actor, id);
        if (r.status !== 'open') {
          throw BadRequestError('follow_up_closed', 'This follow-up is not open', `It is ${r.status}.`);
        }
        const settings = await readSettings(trx, actor.workspaceId);
        const until = snoozeTarget(input, localDate(clock.now(), settings.timeZone));
        await trx
          .updateTable('followUps')
          .set({ dueOn: until, snoozeCount: r.snoozeCount + 1, updatedAt: nowIso(clock), version: r.version + 1 })
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .execute();
      });
      return one(actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const res = await k
        .deleteFrom('followUps')
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw NotFoundError('Follow-up');
    },
  };
  return service;
}
