import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { NetPerson } from '../contract/connections.js';
import {
  CLOSED_STAGES,
  type Opportunity,
  type OpportunityCreate,
  type OpportunityKind,
  type OpportunityListQuery,
  type OpportunityReport,
  type OpportunityRole,
  type OpportunityStage,
  type OpportunityUpdate,
} from '../contract/opportunities.js';
import { localDate } from '../domain/dates.js';
import { groupReport, opportunityChannel, tally } from '../domain/opportunities.js';
import { NotFoundError, StaleVersionError, ValidationError, VersionRequiredError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import { netPeople, personOr } from '../storage/repos/net-people.repo.js';
import type { Database } from '../storage/schema.js';
import { type Actor, type ServiceDeps, nowIso } from './context.js';

type Q = Kysely<Database>;
type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
type PeopleInput = { personId: string; role: OpportunityRole }[];

/** The report reads at most this many opportunities (a lifetime of them for one person). */
export const REPORT_LIMIT = 10_000;

const ROLE_ORDER: Record<OpportunityRole, number> = { source: 0, referrer: 1, contact: 2, other: 3 };

async function findRow(db: Q, workspaceId: string, id: string) {
  return db
    .selectFrom('opportunities')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

async function present(db: Q, workspaceId: string, rows: Row[]): Promise<Opportunity[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('opportunityPeople')
    .select(['opportunityId', 'personId', 'role'])
    .where('workspaceId', '=', workspaceId)
    .where(
      'opportunityId',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const people = await netPeople(
    db,
    workspaceId,
    links.map((l) => l.personId),
  );
  const events = await eventsById(
    db,
    workspaceId,
    rows.flatMap((r) => (r.eventId ? [r.eventId] : [])),
  );
  const byOpp = new Map<string, (NetPerson & { role: OpportunityRole })[]>();
  for (const l of links) {
    const list = byOpp.get(l.opportunityId) ?? [];
    list.push({ ...personOr(people, l.personId), role: l.role as OpportunityRole });
    byOpp.set(l.opportunityId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    title: r.title,
    kind: r.kind as OpportunityKind,
    stage: r.stage as OpportunityStage,
    value:
      r.valueAmount !== null && r.valueCurrency ? { amount: Number(r.valueAmount), currency: r.valueCurrency } : null,
    openedOn: r.openedOn,
    expectedCloseOn: r.expectedCloseOn,
    closedOn: r.closedOn,
    notes: r.notes,
    people: (byOpp.get(r.id) ?? []).sort(
      (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.fullName.localeCompare(b.fullName),
    ),
    ...(() => {
      const e = r.eventId ? events.get(r.eventId) : undefined;
      return { eventId: e?.id ?? null, event: e ? { id: e.id, name: e.name, startsOn: e.startsOn } : null };
    })(),
    sourceInteractionId: r.sourceInteractionId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

async function checkLinks(
  trx: Q,
  workspaceId: string,
  input: {
    people?: PeopleInput | undefined;
    eventId?: string | null | undefined;
    sourceInteractionId?: string | null | undefined;
  },
) {
  const errors: { path: string; message: string }[] = [];
  if (input.people && input.people.length > 0) {
    const found = await trx
      .selectFrom('people')
      .select('id')
      .where('workspaceId', '=', workspaceId)
      .where(
        'id',
        'in',
        input.people.map((p) => p.personId),
      )
      .where('deletedAt', 'is', null)
      .execute();
    const known = new Set(found.map((f) => f.id));
    input.people.forEach((p, i) => {
      if (!known.has(p.personId))
        errors.push({ path: `body.people.${i}.personId`, message: 'no such person in this workspace' });
    });
  }
  if (input.sourceInteractionId) {
    const i = await trx
      .selectFrom('interactions')
      .select('id')
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', input.sourceInteractionId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!i) errors.push({ path: 'body.sourceInteractionId', message: 'no such interaction in this workspace' });
  }
  if (input.eventId) {
    if (!(await eventExists(trx, workspaceId, input.eventId))) {
      errors.push({ path: 'body.eventId', message: 'no such event in this workspace' });
    }
  }
  if (errors.length > 0) throw ValidationError(errors);
}

async function eventExists(trx: Q, workspaceId: string, id: string): Promise<boolean> {
  const e = await trx
    .selectFrom('events')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return e !== undefined;
}

/** Events by id; an event deleted since is simply missing (the link reads as none). */
async function eventsById(db: Q, workspaceId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { id: string; name: string; startsOn: string; kind: string }>();
  const rows = await db
    .selectFrom('events')
    .select(['id', 'name', 'startsOn', 'kind'])
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function writePeople(trx: Q, workspaceId: string, opportunityId: string, people: PeopleInput) {
  await trx
    .deleteFrom('opportunityPeople')
    .where('workspaceId', '=', workspaceId)
    .where('opportunityId', '=', opportunityId)
    .execute();
  if (people.length === 0) return;
  await trx
    .insertInto('opportunityPeople')
    .values(people.map((p) => ({ workspaceId, opportunityId, personId: p.personId, role: p.role })))
    .execute();
}

export function opportunitiesService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  async function today(trx: Q, actor: Actor): Promise<string> {
    const s = await readSettings(trx, actor.workspaceId);
    return localDate(clock.now(), s.timeZone);
  }

  async function row(trx: Q, actor: Actor, id: string): Promise<Row> {
    const r = await findRow(trx, actor.workspaceId, id);
    if (!r) throw NotFoundError('Opportunity');
    return r;
  }

  async function one(actor: Actor, id: string): Promise<Opportunity> {
    const [o] = await present(k, actor.workspaceId, [await row(k, actor, id)]);
    if (!o) throw NotFoundError('Opportunity');
    return o;
  }

  /** closed_on follows the stage: set (to today unless given) when closing, cleared when reopened. */
  function closedOnFor(stage: OpportunityStage, given: string | null | undefined, current: string | null, day: string) {
    if (!CLOSED_STAGES.has(stage)) return null;
    if (given !== undefined && given !== null) return given;
    return current ?? day;
  }

  return {
    get: one,

    async list(actor: Actor, q: z.output<typeof OpportunityListQuery>): Promise<{ items: Opportunity[] }> {
      let query = k.selectFrom('opportunities as o').selectAll('o').where('o.workspaceId', '=', actor.workspaceId);
      if (q.stage) query = query.where('o.stage', '=', q.stage);
      if (q.kind) query = query.where('o.kind', '=', q.kind);
      if (q.personId) {
        const pid = q.personId;
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('opportunityPeople as op')
              .select('op.personId')
              .whereRef('op.workspaceId', '=', 'o.workspaceId')
              .whereRef('op.opportunityId', '=', 'o.id')
              .where('op.personId', '=', pid),
          ),
        );
      }
      const rows = await query.orderBy('o.updatedAt', 'desc').orderBy('o.id', 'desc').limit(q.limit).execute();
      return { items: await present(k, actor.workspaceId, rows) };
    },

    async create(actor: Actor, input: z.output<typeof OpportunityCreate>): Promise<Opportunity> {
      const id = await k.transaction().execute(async (trx) => {
        await checkLinks(trx, actor.workspaceId, input);
        const day = await today(trx, actor);
        const now = nowIso(clock);
        const newId = uuidv7();
        await trx
          .insertInto('opportunities')
          .values({
            id: newId,
            workspaceId: actor.workspaceId,
            title: input.title,
            kind: input.kind,
            stage: input.stage,
            valueAmount: input.value?.amount ?? null,
            valueCurrency: input.value?.currency ?? null,
            openedOn: input.openedOn ?? day,
            expectedCloseOn: input.expectedCloseOn ?? null,
            closedOn: closedOnFor(input.stage, input.closedOn, null, day),
            notes: input.notes ?? '',
            eventId: input.eventId ?? null,
            sourceInteractionId: input.sourceInteractionId ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        await writePeople(trx, actor.workspaceId, newId, input.people ?? []);
        return newId;
      });
      return one(actor, id);
    },

    async update(actor: Actor, id: string, input: z.output<typeof OpportunityUpdate>, ifMatch?: number) {
      await k.transaction().execute(async (trx) => {
        const r = await row(trx, actor, id);
        const expected = input.version ?? ifMatch;
        if (expected === undefined) throw VersionRequiredError();
        if (expected !== r.version) throw StaleVersionError(r.version);
        await checkLinks(trx, actor.workspaceId, input);
        const day = await today(trx, actor);
        const stage = input.stage ?? (r.stage as OpportunityStage);
        const set: Record<string, unknown> = {
          updatedAt: nowIso(clock),
          version: r.version + 1,
          closedOn: closedOnFor(stage, input.closedOn, r.closedOn, day),
        };
        for (const key of [
          'title',
          'kind',
          'stage',
          'openedOn',
          'expectedCloseOn',
          'notes',
          'eventId',
          'sourceInteractionId',
        ] as const) {
          if (input[key] !== undefined) set[key] = input[key];
        }
        if (input.value !== undefined) {
          set.valueAmount = input.value?.amount ?? null;
          set.valueCurrency = input.value?.currency ?? null;
        }
        const res = await trx
          .updateTable('opportunities')
          .set(set)
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .where('version', '=', r.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw StaleVersionError(r.version + 1);
        if (input.people) await writePeople(trx, actor.workspaceId, id, input.people);
      });
      return one(actor, id);
    },

    /** The board's move: no version needed, the last move wins. */
    async move(actor: Actor, id: string, stage: OpportunityStage): Promise<Opportunity> {
      await k.transaction().execute(async (trx) => {
        const r = await row(trx, actor, id);
        if (r.stage === stage) return;
        const day = await today(trx, actor);
        await trx
          .updateTable('opportunities')
          .set({
            stage,
            closedOn: closedOnFor(
              stage,
              undefined,
              CLOSED_STAGES.has(r.stage as OpportunityStage) ? null : r.closedOn,
              day,
            ),
            updatedAt: nowIso(clock),
            version: r.version + 1,
          })
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .execute();
      });
      return one(actor, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const res = await k
        .deleteFrom('opportunities')
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw NotFoundError('Opportunity');
    },

    /** `openedSince`: only opportunities opened on or after this day (the insights window). */
    async report(actor: Actor, opts: { openedSince?: string } = {}): Promise<OpportunityReport> {
      const ws = actor.workspaceId;
      const rows = await k
        .selectFrom('opportunities as o')
        .leftJoin('opportunityPeople as op', (j) =>
          j
            .onRef('op.workspaceId', '=', 'o.workspaceId')
            .onRef('op.opportunityId', '=', 'o.id')
            .on('op.role', '=', 'source'),
        )
        .leftJoin('people as p', (j) =>
          j.onRef('p.workspaceId', '=', 'op.workspaceId').onRef('p.id', '=', 'op.personId'),
        )
        .leftJoin('interactions as i', (j) =>
          j.onRef('i.workspaceId', '=', 'o.workspaceId').onRef('i.id', '=', 'o.sourceInteractionId'),
        )
        .leftJoin('events as e', (j) => j.onRef('e.workspaceId', '=', 'o.workspaceId').onRef('e.id', '=', 'o.eventId'))
        .select([
          'o.id',
          'o.stage',
          'o.valueAmount',
          'o.valueCurrency',
          'e.id as eventId',
          'e.name as eventName',
          'e.kind as eventKind',
          'op.personId as sourceId',
          'p.metChannel',
          'i.channel as interactionChannel',
        ])
        .where('o.workspaceId', '=', ws)
        .$if(opts.openedSince !== undefined, (q) => q.where('o.openedOn', '>=', opts.openedSince as string))
        .orderBy('o.id')
        .limit(REPORT_LIMIT)
        .execute();
      const items = rows.map((r) => ({
        ...r,
        stage: r.stage as OpportunityStage,
        valueAmount: r.valueAmount === null ? null : Number(r.valueAmount),
        channel: opportunityChannel(r.interactionChannel, r.metChannel, r.eventKind),
      }));
      const people = await netPeople(
        k,
        ws,
        items.flatMap((i) => (i.sourceId ? [i.sourceId] : [])),
      );
      return {
        totals: tally(items),
        bySource: groupReport(
          items,
          (i) => i.sourceId ?? '',
          (i) => (i.sourceId ? personOr(people, i.sourceId) : null),
        ).map(({ label, ...r }) => ({ ...r, person: label })),
        byChannel: groupReport(
          items,
          (i) => i.channel,
          (i) => i.channel,
        ).map(({ label, ...r }) => ({ ...r, channel: label })),
        byEvent: groupReport(
          items,
          (i) => i.eventId ?? '',
          (i) => (i.eventId ? { id: i.eventId, name: i.eventName ?? 'Event' } : null),
        ).map(({ label, ...r }) => ({ ...r, event: label })),
      };
    },
  };
}
