import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { MetChannel } from '../contract/common.js';
import type {
  Event,
  EventCreate,
  EventDetail,
  EventFollowUp,
  EventKind,
  EventListQuery,
  EventMet,
  EventPerson,
  EventPlan,
  EventRole,
  EventUpdate,
  PersonEvents,
} from '../contract/events.js';
import { PersonCreate } from '../contract/people.js';
import { normaliseEmail, normaliseUrl } from '../domain/text.js';
import {
  ConflictError,
  NotFoundError,
  StaleVersionError,
  ValidationError,
  VersionRequiredError,
} from '../lib/errors.js';
import { reindex } from '../storage/search/index.js';
import { uuidv7 } from '../lib/ids.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import { findPersonRow } from '../storage/repos/people.repo.js';
import { peopleMetAt, refreshCoParticipation } from '../storage/repos/co-participation.repo.js';
import type { Database, EventRow } from '../storage/schema.js';
import { localDate } from '../domain/dates.js';
import { type Actor, type ServiceDeps, nowIso } from './context.js';
import { logWith } from './follow-ups.service.js';
import { peopleService } from './people.service.js';

type Q = Kysely<Database>;

/** How a person met at an event reads in their "how we met". */
const MET_CHANNEL: Record<EventKind, MetChannel> = {
  conference: 'conference',
  seminar: 'seminar',
  meetup: 'meetup',
  virtual: 'virtual_event',
  coffee_round: 'coffee_chat',
  other: 'other',
};

type Counts = Event['counts'];

function ratio(done: number, of: number): number | null {
  return of === 0 ? null : Math.round((done / of) * 1000) / 1000;
}

async function countsOf(db: Q, ws: string, eventIds: string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  for (const id of eventIds) out.set(id, { planned: 0, met: 0, followedUp: 0, followUpRate: null });
  if (eventIds.length === 0) return out;
  const rows = await db
    .selectFrom('eventPeople as ep')
    .innerJoin('people as p', (j) => j.onRef('p.workspaceId', '=', 'ep.workspaceId').onRef('p.id', '=', 'ep.personId'))
    .select((eb) => [
      'ep.eventId',
      'ep.role',
      eb.fn.countAll<string | number>().as('n'),
      eb.fn.count<string | number>('ep.followedUpAt').as('done'),
    ])
    .where('ep.workspaceId', '=', ws)
    .where('ep.eventId', 'in', eventIds)
    .where('p.deletedAt', 'is', null)
    .groupBy(['ep.eventId', 'ep.role'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.eventId);
    if (!c) continue;
    if (r.role === 'met') {
      c.met = Number(r.n);
      c.followedUp = Number(r.done);
    } else c.planned = Number(r.n);
  }
  for (const c of out.values()) c.followUpRate = ratio(c.followedUp, c.met);
  return out;
}

function present(r: EventRow, counts: Counts): Event {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    kind: r.kind as EventKind,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    place: r.place,
    url: r.url,
    goals: r.goals,
    notes: r.notes,
    counts,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function checkDates(startsOn: string, endsOn: string) {
  if (endsOn < startsOn) {
    throw ValidationError([{ path: 'body.endsOn', message: `must be on or after the start date (${startsOn})` }]);
  }
}

async function eventRow(db: Q, actor: Actor, id: string) {
  const r = await db
    .selectFrom('events')
    .selectAll()
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw NotFoundError('Event');
  return r;
}

async function entriesOf(db: Q, ws: string, eventId: string, personId?: string): Promise<EventPerson[]> {
  let q = db
    .selectFrom('eventPeople as ep')
    .innerJoin('people as p', (j) => j.onRef('p.workspaceId', '=', 'ep.workspaceId').onRef('p.id', '=', 'ep.personId'))
    .select([
      'p.id',
      'p.fullName',
      'p.headline',
      'p.photoUrl',
      'p.sortName',
      'ep.role',
      'ep.context',
      'ep.metAt',
      'ep.followedUpAt',
      'ep.followUpInteractionId',
    ])
    .where('ep.workspaceId', '=', ws)
    .where('ep.eventId', '=', eventId)
    .where('p.deletedAt', 'is', null);
  if (personId) q = q.where('ep.personId', '=', personId);
  const rows = await q.orderBy('p.sortName').orderBy('p.id').execute();
  const rank = (r: (typeof rows)[number]) => (r.role === 'met' ? (r.followedUpAt ? 1 : 0) : 2);
  return rows
    .sort((a, b) => rank(a) - rank(b))
    .map((r) => ({
      person: { id: r.id, fullName: r.fullName, headline: r.headline, photoUrl: r.photoUrl },
      role: r.role as EventRole,
      context: r.context,
      metAt: r.metAt,
      followedUpAt: r.followedUpAt,
      followUpInteractionId: r.followUpInteractionId,
    }));
}

async function livePersonOr422(db: Q, actor: Actor, id: string, path = 'body.personId') {
  const p = await findPersonRow(db, actor.workspaceId, id);
  if (!p || p.deletedAt) throw ValidationError([{ path, message: 'no such person in this workspace' }]);
  return p;
}

/** Someone in the network with this email or LinkedIn URL (normalised), email first. */
async function matchPerson(db: Q, ws: string, email?: string, linkedinUrl?: string) {
  const tries: ['email' | 'linkedin', 'email' | 'link', string][] = [];
  if (email) tries.push(['email', 'email', normaliseEmail(email)]);
  if (linkedinUrl) tries.push(['linkedin', 'link', normaliseUrl(linkedinUrl)]);
  for (const [by, kind, value] of tries) {
    const hit = await db
      .selectFrom('contactPoints as c')
      .innerJoin('people as p', (j) => j.onRef('p.workspaceId', '=', 'c.workspaceId').onRef('p.id', '=', 'c.personId'))
      .select('p.id')
      .where('c.workspaceId', '=', ws)
      .where('c.kind', '=', kind)
      .where('c.normalized', '=', value)
      .where('p.deletedAt', 'is', null)
      .orderBy('p.id')
      .limit(1)
      .executeTakeFirst();
    if (hit) return { id: hit.id, by };
  }
  return null;
}

export function eventsService(deps: ServiceDeps) {
  const { db, clock } = deps;
  const k = db.kysely;
  const people = peopleService(deps);

  async function detail(actor: Actor, id: string): Promise<EventDetail> {
    const r = await eventRow(k, actor, id);
    const [counts, entries] = await Promise.all([
      countsOf(k, actor.workspaceId, [id]),
      entriesOf(k, actor.workspaceId, id),
    ]);
    return {
      ...present(r, counts.get(id) ?? { planned: 0, met: 0, followedUp: 0, followUpRate: null }),
      people: entries,
    };
  }

  async function entry(actor: Actor, eventId: string, personId: string): Promise<EventPerson> {
    const [e] = await entriesOf(k, actor.workspaceId, eventId, personId);
    if (!e) throw NotFoundError('Person at this event');
    return e;
  }

  const service = {
    async list(actor: Actor, q: z.output<typeof EventListQuery>) {
      const s = await readSettings(k, actor.workspaceId);
      const today = localDate(clock.now(), s.timeZone);
      let query = k.selectFrom('events').selectAll().where('workspaceId', '=', actor.workspaceId);
      if (q.when === 'upcoming') query = query.where('endsOn', '>=', today);
      if (q.when === 'past') query = query.where('endsOn', '<', today);
      const rows = await query
        .orderBy('startsOn', q.when === 'upcoming' ? 'asc' : 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit)
        .execute();
      const counts = await countsOf(
        k,
        actor.workspaceId,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => present(r, counts.get(r.id) as Counts)) };
    },

    get: detail,

    async create(actor: Actor, input: z.output<typeof EventCreate>): Promise<EventDetail> {
      const endsOn = input.endsOn ?? input.startsOn;
      checkDates(input.startsOn, endsOn);
      const now = nowIso(clock);
      const id = uuidv7();
      await k.transaction().execute(async (trx) => {
        await trx
          .insertInto('events')
          .values({
            id,
            workspaceId: actor.workspaceId,
            name: input.name,
            kind: input.kind,
            startsOn: input.startsOn,
            endsOn,
            place: input.place ?? null,
            url: input.url ?? null,
            goals: input.goals ?? '',
            notes: input.notes ?? '',
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        await reindex(trx, actor.workspaceId, 'event', [id]);
      });
      return detail(actor, id);
    },

    async update(actor: Actor, id: string, input: z.output<typeof EventUpdate>, ifMatch?: number) {
      await k.transaction().execute(async (trx) => {
        const r = await eventRow(trx, actor, id);
        const expected = input.version ?? ifMatch;
        if (expected === undefined) throw VersionRequiredError();
        if (expected !== r.version) throw StaleVersionError(r.version);
        const startsOn = input.startsOn ?? r.startsOn;
        // Moving a one-day event moves its end with it.
        const endsOn = input.endsOn ?? (r.endsOn === r.startsOn ? startsOn : r.endsOn);
        checkDates(startsOn, endsOn);
        const { version: _v, ...rest } = input;
        const res = await trx
          .updateTable('events')
          .set({ ...rest, startsOn, endsOn, version: r.version + 1, updatedAt: nowIso(clock) })
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .where('version', '=', r.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw StaleVersionError(r.version + 1);
        await reindex(trx, actor.workspaceId, 'event', [id]);
      });
      return detail(actor, id);
    },

    async remove(actor: Actor, id: string) {
      await k.transaction().execute(async (trx) => {
        await eventRow(trx, actor, id);
        const met = await peopleMetAt(trx, actor.workspaceId, id);
        await trx.deleteFrom('events').where('workspaceId', '=', actor.workspaceId).where('id', '=', id).execute();
        await refreshCoParticipation(trx, actor.workspaceId, met, nowIso(clock), { within: true });
        await reindex(trx, actor.workspaceId, 'event', [id]);
      });
    },

    /** Someone you hope to see there. Someone already met stays met. */
    async plan(actor: Actor, eventId: string, input: z.output<typeof EventPlan>): Promise<EventPerson> {
      await k.transaction().execute(async (trx) => {
        await eventRow(trx, actor, eventId);
        await livePersonOr422(trx, actor, input.personId);
        await trx
          .insertInto('eventPeople')
          .values({
            workspaceId: actor.workspaceId,
            eventId,
            personId: input.personId,
            role: 'planned',
            context: input.context || null,
            metAt: null,
            followedUpAt: null,
            followUpInteractionId: null,
            createdAt: nowIso(clock),
          })
          .onConflict((oc) => {
            const key = oc.columns(['workspaceId', 'eventId', 'personId']);
            return input.context ? key.doUpdateSet({ context: input.context }) : key.doNothing();
          })
          .execute();
      });
      return entry(actor, eventId, input.personId);
    },

    /**
     * "I just met them": links someone in the network, or someone new, matched
     * by email or LinkedIn URL before a new person is created, in one transaction.
     */
    async met(actor: Actor, eventId: string, input: z.output<typeof EventMet>) {
      const now = nowIso(clock);
      const result = await k.transaction().execute(async (trx) => {
        const ev = await eventRow(trx, actor, eventId);
        let personId: string;
        let created = false;
        let matchedBy: 'id' | 'email' | 'linkedin' | null = null;
        if (input.personId) {
          await livePersonOr422(trx, actor, input.personId);
          personId = input.personId;
          matchedBy = 'id';
        } else {
          const hit = await matchPerson(trx, actor.workspaceId, input.email, input.linkedinUrl);
          if (hit) {
            personId = hit.id;
            matchedBy = hit.by;
          } else {
            created = true;
            personId = await people.insert(
              trx,
              actor,
              PersonCreate.parse({
                fullName: input.fullName ?? '',
                emails: input.email ? [{ value: input.email, primary: true }] : [],
                links: input.linkedinUrl ? [{ url: input.linkedinUrl, label: 'linkedin' }] : [],
                howWeMet: {
                  channel: MET_CHANNEL[ev.kind as EventKind],
                  event: ev.name.slice(0, 200),
                  date: ev.startsOn,
                  ...(input.context ? { context: input.context } : {}),
                },
              }),
            );
          }
        }
        await trx
          .insertInto('eventPeople')
          .values({
            workspaceId: actor.workspaceId,
            eventId,
            personId,
            role: 'met',
            context: input.context || null,
            metAt: now,
            followedUpAt: null,
            followUpInteractionId: null,
            createdAt: now,
          })
          .onConflict((oc) =>
            oc.columns(['workspaceId', 'eventId', 'personId']).doUpdateSet({
              role: 'met',
              metAt: (eb) => eb.fn.coalesce('eventPeople.metAt', eb.val(now)),
              ...(input.context ? { context: input.context } : {}),
            }),
          )
          .execute();
        await refreshCoParticipation(trx, actor.workspaceId, await peopleMetAt(trx, actor.workspaceId, eventId), now, {
          within: true,
        });
        return { personId, created, matchedBy };
      });
      return {
        created: result.created,
        matchedBy: result.matchedBy,
        entry: await entry(actor, eventId, result.personId),
      };
    },

    /** Ticks someone off the checklist: links an interaction already logged, or logs one. */
    async followUp(actor: Actor, eventId: string, personId: string, input: z.output<typeof EventFollowUp>) {
      await k.transaction().execute(async (trx) => {
        const ev = await eventRow(trx, actor, eventId);
        const row = await trx
          .selectFrom('eventPeople')
          .selectAll()
          .where('workspaceId', '=', actor.workspaceId)
          .where('eventId', '=', eventId)
          .where('personId', '=', personId)
          .executeTakeFirst();
        if (!row) throw NotFoundError('Person at this event', 'This person is not linked to this event.');
        if (row.role !== 'met') {
          throw ConflictError(
            'not_met',
            'Not met yet',
            'Only people you met have a follow-up: mark them as met first.',
          );
        }
        if (row.followedUpAt) return;
        let interactionId: string;
        if (input.interactionId) {
          const i = await trx
            .selectFrom('interactions')
            .select('id')
            .where('workspaceId', '=', actor.workspaceId)
            .where('id', '=', input.interactionId)
            .where('deletedAt', 'is', null)
            .executeTakeFirst();
          if (!i)
            throw ValidationError([{ path: 'body.interactionId', message: 'no such interaction in this workspace' }]);
          interactionId = i.id;
        } else {
          interactionId = await logWith(
            trx,
            actor,
            [personId],
            input.log ?? {},
            { kind: 'message', summary: `Followed up after ${ev.name}`.slice(0, 500) },
            clock,
          );
        }
        await trx
          .updateTable('eventPeople')
          .set({ followedUpAt: nowIso(clock), followUpInteractionId: interactionId })
          .where('workspaceId', '=', actor.workspaceId)
          .where('eventId', '=', eventId)
          .where('personId', '=', personId)
          .execute();
      });
      return entry(actor, eventId, personId);
    },

    /** Back on the checklist; the interaction logged stays on the timeline. */
    async undoFollowUp(actor: Actor, eventId: string, personId: string) {
      await eventRow(k, actor, eventId);
      await entry(actor, eventId, personId);
      await k
        .updateTable('eventPeople')
        .set({ followedUpAt: null, followUpInteractionId: null })
        .where('workspaceId', '=', actor.workspaceId)
        .where('eventId', '=', eventId)
        .where('personId', '=', personId)
        .execute();
      return entry(actor, eventId, personId);
    },

    async removePerson(actor: Actor, eventId: string, personId: string) {
      await eventRow(k, actor, eventId);
      await entry(actor, eventId, personId);
      await k.transaction().execute(async (trx) => {
        const met = await peopleMetAt(trx, actor.workspaceId, eventId);
        await trx
          .deleteFrom('eventPeople')
          .where('workspaceId', '=', actor.workspaceId)
          .where('eventId', '=', eventId)
          .where('personId', '=', personId)
          .execute();
        await refreshCoParticipation(trx, actor.workspaceId, met, nowIso(clock), { within: true });
      });
    },

    /** "Who did I meet at X", seen from the person: their events, latest first. */
    async ofPerson(actor: Actor, personId: string): Promise<PersonEvents> {
      const p = await findPersonRow(k, actor.workspaceId, personId);
      if (!p) throw NotFoundError('Person');
      const rows = await k
        .selectFrom('eventPeople as ep')
        .innerJoin('events as e', (j) =>
          j.onRef('e.workspaceId', '=', 'ep.workspaceId').onRef('e.id', '=', 'ep.eventId'),
        )
        .select(['e.id', 'e.name', 'e.kind', 'e.startsOn', 'e.endsOn', 'ep.role', 'ep.context', 'ep.followedUpAt'])
        .where('ep.workspaceId', '=', actor.workspaceId)
        .where('ep.personId', '=', personId)
        .orderBy('e.startsOn', 'desc')
        .orderBy('e.id', 'desc')
        .limit(200)
        .execute();
      return {
        items: rows.map((r) => ({
          event: { id: r.id, name: r.name, kind: r.kind as EventKind, startsOn: r.startsOn, endsOn: r.endsOn },
          role: r.role as EventRole,
          context: r.context,
          followedUpAt: r.followedUpAt,
        })),
      };
    },
  };
  return service;
}
