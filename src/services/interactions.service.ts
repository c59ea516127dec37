import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import { type Channel, DEFAULT_CHANNEL, type InteractionKind } from '../contract/common.js';
import type {
  Interaction,
  InteractionCreate,
  InteractionListQuery,
  InteractionUpdate,
} from '../contract/interactions.js';
import type { Exchange, ExchangeKind } from '../contract/exchange.js';
import { resolveExchange } from '../domain/exchange.js';
import { NotFoundError, StaleVersionError, ValidationError, VersionRequiredError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { refreshCoParticipation } from '../storage/repos/co-participation.repo.js';
import { decodeCursor, encodeCursor } from '../storage/repos/cursor.js';
import {
  type DocSlot,
  NEW_DOC_COLUMNS,
  indexNewInteraction,
  newInteractionDocSlots,
  newInteractionDocValues,
  reindex,
} from '../storage/search/index.js';
import {
  STRENGTH_QUEUED,
  type WeekSlot,
  adjustWeeks,
  contactAfter,
  logContact,
  readSettings,
  weekDeltaInsert,
  weekDeltaSlots,
  weekSums,
} from '../storage/repos/keep-in-touch.repo.js';
import { isPostgres } from '../storage/db.js';
import { parseSettingsDocument, resolveSettings } from '../domain/settings.js';
import { groupCommit } from '../storage/group-commit.js';
import { preparedQuery, preparedVariants, type Slots } from '../storage/prepared-query.js';
import type { Database, InteractionRow } from '../storage/schema.js';
import { type Actor, type Clock, type ServiceDeps, nowIso } from './context.js';
import { type WeekChange, afterContactChange, afterInteractionCreated } from './keep-in-touch.hooks.js';
import { queueStrengthCatchUp } from './signals.js';

type Q = Kysely<Database>;
type ListInput = z.output<typeof InteractionListQuery>;

/** Stored timestamps are UTC ISO strings so they compare as text on both databases. */
function utc(ts: string): string {
  return new Date(ts).toISOString();
}

async function participantsOf(db: Q, workspaceId: string, interactionIds: string[]) {
  const out = new Map<string, Interaction['participants']>();
  if (interactionIds.length === 0) return out;
  const rows = await db
    .selectFrom('interactionParticipants as ip')
    .innerJoin('people as p', (j) => j.onRef('p.workspaceId', '=', 'ip.workspaceId').onRef('p.id', '=', 'ip.personId'))
    .select(['ip.interactionId', 'p.id', 'p.fullName', 'p.photoUrl'])
    .where('ip.workspaceId', '=', workspaceId)
    .where('ip.interactionId', 'in', interactionIds)
    .orderBy('p.sortName')
    .execute();
  for (const r of rows) {
    const list = out.get(r.interactionId) ?? [];
    list.push({ id: r.id, fullName: r.fullName, photoUrl: r.photoUrl });
    out.set(r.interactionId, list);
  }
  return out;
}

function present(r: InteractionRow, participants: Interaction['participants']): Interaction {
  return {
    id: r.id,
    version: r.version,
    kind: r.kind as InteractionKind,
    channel: r.channel as Channel,
    platform: r.platform,
    occurredAt: r.occurredAt,
    durationMinutes: r.durationMinutes,
    summary: r.summary,
    notes: r.notes,
    exchange: r.exchange as Exchange | null,
    exchangeKind: r.exchangeKind as ExchangeKind | null,
    participants,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    deletedAt: r.deletedAt,
  };
}

/**
 * Keeps each person's last-contact date and interaction count equal to what
 * their live interactions say. Called in the same transaction as every change.
 * `added` is the time of a new live interaction with these people and nothing
 * else changed: the count goes up by one and the last contact moves forward
 * without reading their history (a person can have thousands of interactions).
 */
async function recomputeContact(
  db: Q,
  workspaceId: string,
  personIds: string[],
  weeks: WeekChange,
  clock: Clock,
  added?: string,
) {
  if (personIds.length === 0) return;
  const ids = [...new Set(personIds)].sort();
  await lockPeople(db, workspaceId, ids);
  if (added !== undefined) {
    await db
      .updateTable('people')
      .set({
        interactionCount: sql<number>`interaction_count + 1`,
        lastInteractionAt: sql<string>`case when last_interaction_at is null or last_interaction_at < ${added} then ${added} else last_interaction_at end`,
      })
      .where('workspaceId', '=', workspaceId)
      .where('id', 'in', ids)
      .execute();
  }
  for (const personId of added === undefined ? ids : []) {
    const agg = await db
      .selectFrom('interactionParticipants as ip')
      .innerJoin('interactions as i', (j) =>
        j.onRef('i.workspaceId', '=', 'ip.workspaceId').onRef('i.id', '=', 'ip.interactionId'),
      )
      .select((eb) => [eb.fn.max('ip.occurredAt').as('last'), eb.fn.countAll<string | number>().as('n')])
      .where('ip.workspaceId', '=', workspaceId)
      .where('ip.personId', '=', personId)
      .where('i.deletedAt', 'is', null)
      .executeTakeFirst();
    await db
      .updateTable('people')
      .set({ lastInteractionAt: (agg?.last as string | null) ?? null, interactionCount: Number(agg?.n ?? 0) })
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', personId)
      .execute();
  }
  await afterContactChange(db, workspaceId, personIds, weeks, clock);
  await refreshCoParticipation(db, workspaceId, ids, nowIso(clock), { within: true });
}

/** The exchange to store, or a 400 naming the field that is wrong. */
function exchangeOf(
  kind: InteractionKind,
  exchange: Exchange | null | undefined,
  exchangeKind: ExchangeKind | null | undefined,
) {
  const r = resolveExchange(kind, exchange, exchangeKind);
  if ('path' in r) throw ValidationError([{ path: `body.${r.path}`, message: r.message }]);
  return r;
}

/** One validation error per id (at `field`.index) that is not among the live people found. */
function refuseUnknown(ids: readonly string[], found: readonly { id: string }[], field: string): void {
  const known = new Set(found.map((f) => f.id));
  const errors = ids
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !known.has(id))
    .map(({ i }) => ({ path: `${field}.${i}`, message: 'no such person in this workspace' }));
  if (errors.length > 0) throw ValidationError(errors);
}

/** Every id must be a live person of the workspace; otherwise one validation error per bad id. */
export async function checkParticipants(trx: Q, actor: Actor, ids: readonly string[], field = 'body.participantIds') {
  const found = await trx
    .selectFrom('people')
    .select('id')
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', 'in', [...ids])
    .where('deletedAt', 'is', null)
    .execute();
  refuseUnknown(ids, found, field);
}

async function writeParticipants(trx: Q, actor: Actor, interactionId: string, ids: string[], occurredAt: string) {
  await trx
    .deleteFrom('interactionParticipants')
    .where('workspaceId', '=', actor.workspaceId)
    .where('interactionId', '=', interactionId)
    .execute();
  await trx
    .insertInto('interactionParticipants')
    .values(ids.map((personId) => ({ workspaceId: actor.workspaceId, interactionId, personId, occurredAt })))
    .execute();
  // Every create and update of an interaction ends here, after its row is written.
  await reindex(trx, actor.workspaceId, 'interaction', [interactionId]);
}

/**
 * Inserts an interaction with its participants and keeps everything derived
 * from it current, inside the caller's transaction (completing a follow-up
 * logs one this way). Returns the new id.
 */
export async function insertInteraction(
  trx: Q,
  actor: Actor,
  input: z.output<typeof InteractionCreate>,
  clock: Clock,
  opts: { autoFollowUps: boolean } = { autoFollowUps: true },
): Promise<string> {
  return (await logInteraction(trx, actor, input, clock, opts)).interaction.id;
}

/** The columns of a logged interaction's row (`logInteraction`). */
const ROW_COLUMNS = [
  'id',
  'workspaceId',
  'kind',
  'channel',
  'platform',
  'occurredAt',
  'durationMinutes',
  'summary',
  'notes',
  'exchange',
  'exchangeKind',
  'createdAt',
  'updatedAt',
  'deletedAt',
] as const satisfies readonly (keyof InteractionRow)[];
type RowColumn = (typeof ROW_COLUMNS)[number];
type ContactSlot = 'workspaceId' | 'queued' | `c${number}` | `li${number}` | `lm${number}` | `due${number}`;
type LoggedSlot = RowColumn | `p${number}` | DocSlot | ContactSlot | WeekSlot;

/** The row's values, each from its slot. */
const rowOf = ($: Slots<RowColumn>) => Object.fromEntries(ROW_COLUMNS.map((c) => [c, $[c]])) as never;

/** Participant rows `p0`…`p(n-1)` of the interaction in the row's slots. */
const participantRowsOf = ($: Slots<RowColumn | `p${number}`>, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    workspaceId: $.workspaceId,
    interactionId: $.id,
    personId: $[`p${i}`] as never,
    occurredAt: $.occurredAt,
  }));

// The statements of logging, prepared once (src/storage/prepared-query.ts); per number of participants.
const insertRow = preparedQuery((k, $: Slots<RowColumn>) => k.insertInto('interactions').values(rowOf($)));
const insertParticipants = preparedVariants(String, (k, $: Slots<RowColumn | `p${number}`>, n: number) =>
  k.insertInto('interactionParticipants').values(participantRowsOf($, n)),
);
/** PostgreSQL: the contact columns of participants `c0`…`c(n-1)` (`contactAfter`), one UPDATE. */
const contactUpdate = ($: Slots<ContactSlot>, n: number) => {
  const rows = Array.from(
    { length: n },
    (_, i) => sql`(${$[`c${i}`]}, ${$[`li${i}`]}, ${$[`lm${i}`]}, ${$[`due${i}`]})`,
  );
  return sql`update people as pe set interaction_count = pe.interaction_count + 1,
      last_interaction_at = v.li, last_meaningful_at = v.lm, next_due_on = v.due, strength_on = ${$.queued}
    from (values ${sql.join(rows)}) as v (id, li, lm, due)
    where pe.workspace_id = ${$.workspaceId} and pe.id = v.id`;
};

/**
 * PostgreSQL: everything a log writes in one statement: the row, its participants, its search
 * doc, the people's contact columns (`logContact` on SQLite) and the week's delta
 * (`adjustWeeks`). Per number of participants, and whether the week changes.
 */
const insertLogged = preparedVariants(
  (v: { n: number; week: boolean }) => `${v.n}:${+v.week}`,
  (k, $: Slots<LoggedSlot>, v) => {
    const q = k
      .with('i', (db) => db.insertInto('interactions').values(rowOf($)))
      .with('p', (db) => db.insertInto('interactionParticipants').values(participantRowsOf($, v.n)))
      // Raw SQL as a CTE, in its parentheses: Kysely compiles it as written (its types list only
      // its builders).
      .with('u', () => sql`(${contactUpdate($, v.n)})` as never);
    return (v.week ? (q.with('w', () => sql`(${weekDeltaInsert($)})` as never) as unknown as typeof q) : q)
      .insertInto('searchDocs')
      .columns(NEW_DOC_COLUMNS as never)
      .expression(newInteractionDocValues($.workspaceId, $));
  },
);

/**
 * What `insertInteraction` does, returning the interaction as the API shows it, built from
 * the values written. The hot path of the API (issue #9: ≥ 2,000 logged a second): every
 * statement here is one the next read needs, and the participants are read once — to check
 * them, to lock them on PostgreSQL, to index the interaction under their names and to move
 * their due dates. Strength and trend, which need two years of each person's history, are
 * queued for the catch-up job in the same transaction (`logContact`). On PostgreSQL everything
 * written after that read goes out as one statement (`insertLogged`): a log is the token
 * lookup, BEGIN, the participants, that statement and COMMIT.
 */
export async function logInteraction(
  trx: Q,
  actor: Actor,
  input: z.output<typeof InteractionCreate>,
  clock: Clock,
  opts: { autoFollowUps: boolean } = { autoFollowUps: true },
): Promise<{ interaction: Interaction; hooked: boolean }> {
  const ws = actor.workspaceId;
  const now = nowIso(clock);
  const id = uuidv7();
  const occurredAt = input.occurredAt ? utc(input.occurredAt) : now;
  const channel = input.channel ?? DEFAULT_CHANNEL[input.kind];
  const ex = exchangeOf(input.kind, input.exchange, input.exchangeKind);
  const { people, settings, hooked } = await lockParticipants(trx, actor, input.participantIds);
  const row = {
    id,
    workspaceId: ws,
    kind: input.kind,
    channel,
    platform: input.platform ?? null,
    occurredAt,
    durationMinutes: input.durationMinutes ?? null,
    summary: input.summary,
    notes: input.notes ?? '',
    exchange: ex.exchange,
    exchangeKind: ex.exchangeKind,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  const slots: Record<string, unknown> = { ...row };
  for (const [i, personId] of input.participantIds.entries()) slots[`p${i}`] = personId;
  const added = { occurredAt, kind: input.kind };
  const week = { occurredAt, kind: input.kind, people: people.length, sign: 1 } as const;
  if (isPostgres(trx)) {
    // One statement, one round trip: the rows, the search doc, the people's contact columns and
    // the week's delta (foreign keys are checked at its end).
    Object.assign(slots, newInteractionDocSlots(row, people), { queued: STRENGTH_QUEUED });
    for (const [i, p] of people.entries()) {
      const c = contactAfter(p, added, settings);
      slots[`c${i}`] = p.id;
      slots[`li${i}`] = c.lastInteractionAt;
      slots[`lm${i}`] = c.lastMeaningfulAt;
      slots[`due${i}`] = c.nextDueOn;
    }
    const [sums] = weekSums([week], settings);
    if (sums) Object.assign(slots, weekDeltaSlots(ws, sums));
    await insertLogged(trx, { n: people.length, week: sums !== undefined }, slots as Record<LoggedSlot, unknown>);
  } else {
    await insertRow(trx, slots as Record<RowColumn, unknown>);
    await insertParticipants(trx, input.participantIds.length, slots as Record<RowColumn | `p${number}`, unknown>);
    await indexNewInteraction(trx, ws, row, people);
    await logContact(trx, ws, people, added, settings);
    await adjustWeeks(trx, ws, [week], settings);
  }
  await refreshCoParticipation(trx, ws, input.participantIds, now, { within: true });
  await afterInteractionCreated(
    trx,
    actor,
    { id, kind: input.kind, channel, occurredAt, participantIds: input.participantIds },
    clock,
    opts,
    settings,
  );
  queueStrengthCatchUp();
  const interaction = present(
    { ...row, version: 1 } as InteractionRow,
    people.map((p) => ({ id: p.id, fullName: p.fullName, photoUrl: p.photoUrl })),
  );
  return { interaction, hooked };
}

/** `lockParticipants`' statement, one variant per number of participants. */
const participantsToLog = preparedVariants(String, (k, $: Slots<'ws' | 'logged' | `id${number}`>, n: number) => {
  const q = k
    .selectFrom('people')
    .select((eb) => [
      eb
        .selectFrom('workspaces')
        .select('settings')
        .where('workspaceId', '=', $.ws)
        .where('id', '=', $.ws)
        .as('workspaceSettings'),
      eb
        .selectFrom('webhooks')
        .select((w) => w.fn.countAll().as('n'))
        .where('workspaceId', '=', $.ws)
        .where('active', '=', 1)
        // A superset of the hooks that want the event (their events are a JSON array of names).
        // Not LIKE: on SQLite a LIKE here made the whole statement three times as slow.
        .where(sql<boolean>`${sql.raw(isPostgres(k) ? 'strpos' : 'instr')}(events, ${$.logged}) > 0`)
        .as('loggedHooks'),
      'id',
      'fullName',
      'photoUrl',
      'sortName',
      'circle',
      'cadenceDays',
      'snoozedUntil',
      'createdAt',
      'lastMeaningfulAt',
      'lastInteractionAt',
      'nextDueOn',
      'strengthOn',
    ])
    .where('workspaceId', '=', $.ws)
    .where(
      'id',
      'in',
      Array.from({ length: n }, (_, i) => $[`id${i}`] as never),
    )
    .where('deletedAt', 'is', null)
    .orderBy('id');
  return isPostgres(k) ? q.forNoKeyUpdate() : q;
});

/**
 * The participants of a new interaction, in name order, with what logging needs of them; a
 * validation error per id that is not a live person of the workspace. On PostgreSQL the rows
 * are locked in id order (see `lockPeople`). The workspace's settings come with each row (one
 * statement, one round trip less on PostgreSQL than reading them apart), and so does whether
 * any active webhook may want `interaction.logged` (`hooked`): most workspaces have none, and
 * then the event is not looked up again after the commit.
 */
async function lockParticipants(trx: Q, actor: Actor, ids: readonly string[]) {
  const values: Record<`id${number}`, string> & { ws: string; logged: string } = {
    ws: actor.workspaceId,
    logged: 'interaction.logged',
  };
  for (const [i, id] of ids.entries()) values[`id${i}`] = id;
  const found = (await participantsToLog(trx, ids.length, values)).rows;
  refuseUnknown(ids, found, 'body.participantIds');
  const first = found[0];
  const settings = first
    ? resolveSettings(parseSettingsDocument(first.workspaceSettings))
    : await readSettings(trx, actor.workspaceId);
  // The order of a read back interaction's participants (and of its search doc's names).
  const hooked = Number(first?.loggedHooks ?? 1) > 0;
  const people = found
    .map(({ workspaceSettings: _, loggedHooks: __, ...p }) => p)
    .sort((a, b) =>
      a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  return { people, settings, hooked };
}

/**
 * Row-locks the people whose derived numbers are about to be recomputed, in id
 * order. On PostgreSQL two transactions logging with the same person would
 * otherwise each count without the other's rows (a lost count) or lock two
 * people in opposite orders (a deadlock). Waiting here means the counts below
 * run after the other transaction committed, and see its rows. FOR NO KEY
 * UPDATE, because the participant rows' foreign keys already hold KEY SHARE
 * locks on these people, which FOR UPDATE would wait on. SQLite has one
 * writer at a time and needs no lock.
 */
async function lockPeople(db: Q, workspaceId: string, sortedIds: string[]) {
  if (!isPostgres(db)) return;
  await db
    .selectFrom('people')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', sortedIds)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
}

/**
 * The channel after a change of kind that does not name one: a channel the user
 * chose by hand stays; one that was only the old kind's default follows the new kind.
 */
function nextChannel(r: InteractionRow, kind: InteractionKind | undefined): string {
  if (!kind || kind === r.kind) return r.channel;
  return r.channel === DEFAULT_CHANNEL[r.kind as InteractionKind] ? DEFAULT_CHANNEL[kind] : r.channel;
}

export function interactionsService({ db, clock }: ServiceDeps) {
  const k = db.kysely;
  const writes = groupCommit(db);

  async function row(trx: Q, actor: Actor, id: string) {
    const r = await trx
      .selectFrom('interactions')
      .selectAll()
      .where('workspaceId', '=', actor.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw NotFoundError('Interaction');
    return r;
  }

  async function currentParticipantIds(trx: Q, actor: Actor, interactionId: string) {
    const rows = await trx
      .selectFrom('interactionParticipants')
      .select('personId')
      .where('workspaceId', '=', actor.workspaceId)
      .where('interactionId', '=', interactionId)
      .execute();
    return rows.map((r) => r.personId);
  }

  /**
   * Trashes or restores an interaction and recomputes what its participants'
   * rows derive from their live interactions, in one transaction. Trashing
   * twice is a 404 (nothing live has that id); restoring a live one does nothing.
   */
  async function moveToTrash(actor: Actor, id: string, trashed: boolean) {
    await k.transaction().execute(async (trx) => {
      const r = await row(trx, actor, id);
      if (trashed && r.deletedAt) throw NotFoundError('Interaction', 'This interaction is already in the trash.');
      if (!trashed && !r.deletedAt) return;
      const now = nowIso(clock);
      await trx
        .updateTable('interactions')
        .set({ deletedAt: trashed ? now : null, updatedAt: now, version: r.version + 1 })
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .execute();
      const participants = await currentParticipantIds(trx, actor, id);
      await recomputeContact(
        trx,
        actor.workspaceId,
        participants,
        {
          adjust: [
            {
              occurredAt: r.occurredAt,
              kind: r.kind as InteractionKind,
              people: participants.length,
              sign: trashed ? -1 : 1,
            },
          ],
        },
        clock,
      );
      await reindex(trx, actor.workspaceId, 'interaction', [id]);
    });
  }

  const service = {
    async get(actor: Actor, id: string): Promise<Interaction> {
      const r = await row(k, actor, id);
      const parts = await participantsOf(k, actor.workspaceId, [id]);
      return present(r, parts.get(id) ?? []);
    },

    async list(actor: Actor, query: ListInput) {
      const sortTag = 'occurred';
      const cursor = decodeCursor(query.cursor, sortTag);
      // A person's timeline is read through their participant rows (indexed by
      // person and time), so it costs the same with ten interactions or a million.
      const base = query.personId
        ? k
            .selectFrom('interactionParticipants as ip')
            .innerJoin('interactions as i', (j) =>
              j.onRef('i.workspaceId', '=', 'ip.workspaceId').onRef('i.id', '=', 'ip.interactionId'),
            )
            .where('ip.workspaceId', '=', actor.workspaceId)
            .where('ip.personId', '=', query.personId)
        : k.selectFrom('interactions as i').where('i.workspaceId', '=', actor.workspaceId);
      const when = query.personId ? sql.ref('ip.occurredAt') : sql.ref('i.occurredAt');
      const idCol = query.personId ? sql.ref('ip.interactionId') : sql.ref('i.id');
      let q = (base as unknown as ReturnType<typeof k.selectFrom<'interactions as i'>>).selectAll('i');
      q = query.deleted === 'only' ? q.where('i.deletedAt', 'is not', null) : q.where('i.deletedAt', 'is', null);
      if (query.kind) q = q.where('i.kind', '=', query.kind);
      if (query.channel) q = q.where('i.channel', '=', query.channel);
      if (query.exchange) q = q.where('i.exchange', '=', query.exchange);
      if (query.from) q = q.where(sql<boolean>`${when} >= ${utc(query.from)}`);
      if (query.to) q = q.where(sql<boolean>`${when} < ${utc(query.to)}`);
      if (cursor) q = q.where(sql<boolean>`(${when}, ${idCol}) < (${cursor.k}, ${cursor.id})`);
      const rows = await q
        .orderBy(when, 'desc')
        .orderBy(idCol, 'desc')
        .limit(query.limit + 1)
        .execute();
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      const parts = await participantsOf(
        k,
        actor.workspaceId,
        page.map((r) => r.id),
      );
      const last = page[page.length - 1];
      return {
        items: page.map((r) => present(r, parts.get(r.id) ?? [])),
        nextCursor: more && last ? encodeCursor({ k: last.occurredAt, id: last.id, s: sortTag }) : null,
      };
    },

    async listForPerson(actor: Actor, personId: string, query: Omit<ListInput, 'personId'>) {
      const person = await k
        .selectFrom('people')
        .select('id')
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', personId)
        .executeTakeFirst();
      if (!person) throw NotFoundError('Person');
      return service.list(actor, { ...query, personId });
    },

    async create(actor: Actor, input: z.output<typeof InteractionCreate>): Promise<Interaction> {
      return (await service.createNotingHooks(actor, input)).interaction;
    },

    /** `create`, and whether a webhook may want the event (services/index.ts queues it after the commit). */
    createNotingHooks(actor: Actor, input: z.output<typeof InteractionCreate>) {
      // Concurrent logs share a commit on SQLite, each in its own savepoint (group-commit.ts).
      return writes.run((trx) => logInteraction(trx, actor, input, clock));
    },

    async update(actor: Actor, id: string, input: z.output<typeof InteractionUpdate>, ifMatch?: number) {
      const now = nowIso(clock);
      await k.transaction().execute(async (trx) => {
        const r = await row(trx, actor, id);
        if (r.deletedAt) throw NotFoundError('Interaction', 'This interaction is in the trash. Restore it first.');
        const expected = input.version ?? ifMatch;
        if (expected === undefined) throw VersionRequiredError();
        if (expected !== r.version) throw StaleVersionError(r.version);
        const before = await currentParticipantIds(trx, actor, id);
        const occurredAt = input.occurredAt ? utc(input.occurredAt) : r.occurredAt;
        const kind = input.kind ?? (r.kind as InteractionKind);
        const set: Record<string, unknown> = {
          kind,
          channel: input.channel ?? nextChannel(r, input.kind),
          occurredAt,
          updatedAt: now,
          version: r.version + 1,
        };
        if (input.platform !== undefined) set.platform = input.platform;
        if (input.durationMinutes !== undefined) set.durationMinutes = input.durationMinutes;
        if (input.summary !== undefined) set.summary = input.summary;
        if (input.notes !== undefined) set.notes = input.notes;
        if (input.exchange !== undefined || input.exchangeKind !== undefined) {
          // A kind sent alone keeps the side already stored; a side sent alone resets the kind.
          const side = input.exchange !== undefined ? input.exchange : (r.exchange as Exchange | null);
          const exKind =
            input.exchangeKind !== undefined
              ? input.exchangeKind
              : side === r.exchange
                ? (r.exchangeKind as ExchangeKind | null)
                : undefined;
          const ex = exchangeOf(kind, side, exKind);
          set.exchange = ex.exchange;
          set.exchangeKind = ex.exchangeKind;
        }
        const res = await trx
          .updateTable('interactions')
          .set(set)
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .where('version', '=', r.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw StaleVersionError(r.version + 1);
        const after = input.participantIds ?? before;
        if (input.participantIds) await checkParticipants(trx, actor, input.participantIds);
        await writeParticipants(trx, actor, id, after, occurredAt);
        await recomputeContact(
          trx,
          actor.workspaceId,
          [...before, ...after],
          {
            adjust: [
              { occurredAt: r.occurredAt, kind: r.kind as InteractionKind, people: before.length, sign: -1 },
              { occurredAt, kind, people: new Set(after).size, sign: 1 },
            ],
          },
          clock,
        );
      });
      return service.get(actor, id);
    },

    async remove(actor: Actor, id: string) {
      await moveToTrash(actor, id, true);
    },

    async restore(actor: Actor, id: string) {
      await moveToTrash(actor, id, false);
      return service.get(actor, id);
    },
  };
  return service;
}
