import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  DuplicatePerson,
  DuplicatesList,
  MergeField,
  MergeRecord,
  MergeRequest,
  MergeResult,
  MergesList,
} from '../contract/dedupe.js';
import type { DedupePerson, DuplicateSuggestion } from '../domain/dedupe.js';
import { BadRequestError, ConflictError, NotFoundError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { Lru } from '../lib/lru.js';
import { refreshCoParticipation } from '../storage/repos/co-participation.repo.js';
import { readSettings, refreshPeople, refreshWeeks } from '../storage/repos/keep-in-touch.repo.js';
import { labelsOfPeople } from '../storage/repos/labels.repo.js';
import { refreshSearchText } from '../storage/repos/people.repo.js';
import { reindexPeopleDeep } from '../storage/search/index.js';
import type { Database, PersonRow } from '../storage/schema.js';
import { type Actor, nowIso, type ServiceDeps } from './context.js';

type Q = Kysely<Database>;
type MergeInput = z.output<typeof MergeRequest>;

/** The contact points of someone without any, shared by all of them: findDuplicates only reads them. */
const NO_POINTS: Pick<DedupePerson, 'emails' | 'phones' | 'links'> = Object.freeze({
  emails: [],
  phones: [],
  links: [],
});

/** Workspaces whose last suggestions are kept: at 100k people a list takes ~2 s to compute, its key ~40 ms. */
const REMEMBERED_WORKSPACES = 8;

/** Single-valued fields: the people columns each merge field stands for. */
const FIELD_COLUMNS: Record<MergeField, (keyof PersonRow)[]> = {
  fullName: ['fullName', 'sortName'],
  givenName: ['givenName'],
  familyName: ['familyName'],
  nickname: ['nickname'],
  headline: ['headline'],
  roleTitle: ['roleTitle'],
  organisation: ['organisationId'],
  location: ['location'],
  timeZone: ['timeZone'],
  photoUrl: ['photoUrl'],
  circle: ['circle'],
  cadenceDays: ['cadenceDays'],
  howWeMet: ['metChannel', 'metPlatform', 'metOn', 'metEvent', 'metContext', 'introducedById'],
};

/** Child rows keyed by their own id: moved by changing person_id, restored from their original row. */
const ID_TABLES = ['contactPoints', 'personRoles', 'learnings', 'importantDates', 'achievements'] as const;
type IdTable = (typeof ID_TABLES)[number];

/** Link rows keyed by (person, other): moved unless the survivor already has the same link. */
const LINK_TABLES = {
  personTags: 'tagId',
  personTopics: 'topicId',
  personPurposes: 'purpose',
  interactionParticipants: 'interactionId',
  followUpPeople: 'followUpId',
} as const;
type LinkTable = keyof typeof LINK_TABLES;

type Row = Record<string, unknown>;

interface MergeSnapshot {
  v: 1;
  /** Survivor columns the merge changed: before and after. */
  before: Row;
  after: Row;
  /** Id rows moved to the survivor, as they were. */
  movedRows: { table: IdTable; row: Row }[];
  /** Link rows moved: the other side's key. */
  movedLinks: { table: LinkTable; key: string }[];
  /** Rows deleted because the survivor already had the same value, as they were. */
  dropped: { table: IdTable | LinkTable; row: Row }[];
  /** People whose "introduced by" pointed at the merged person. */
  introduced: string[];
  mergedDeletedAt: string;
  mergedVersion: number;
}

const KIND_NAMES: Record<IdTable | LinkTable, string> = {
  contactPoints: 'contactPoints',
  personRoles: 'roles',
  learnings: 'learnings',
  importantDates: 'importantDates',
  achievements: 'achievements',
  personTags: 'tags',
  personTopics: 'topics',
  personPurposes: 'purposes',
  interactionParticipants: 'interactions',
  followUpPeople: 'followUps',
};

function same(a: unknown, b: unknown) {
  return (a ?? null) === (b ?? null);
}

export function dedupeService({ db, clock }: ServiceDeps) {
  const k = db.kysely;
  /** The last suggestions of a few workspaces, with the key they were computed for (cardsState). */
  const remembered = new Lru<{ key: string; list: DuplicateSuggestion[] }>(
    REMEMBERED_WORKSPACES,
    Number.POSITIVE_INFINITY,
  );
  const computed = { count: 0 };

  async function livePerson(q: Q, actor: Actor, id: string): Promise<PersonRow> {
    const row = await q
      .selectFrom('people')
      .selectAll()
      .where('workspaceId', '=', actor.workspaceId)
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!row) throw NotFoundError('Person');
    return row;
  }

  async function summaries(actor: Actor, ids: string[]): Promise<Map<string, DuplicatePerson>> {
    const out = new Map<string, DuplicatePerson>();
    if (ids.length === 0) return out;
    const [rows, points, tags] = await Promise.all([
      k
        .selectFrom('people as p')
        .leftJoin('organisations as o', (j) =>
          j.onRef('o.workspaceId', '=', 'p.workspaceId').onRef('o.id', '=', 'p.organisationId'),
        )
        .select([
          'p.id',
          'p.fullName',
          'p.headline',
          'p.roleTitle',
          'o.name as organisation',
          'p.location',
          'p.photoUrl',
          'p.interactionCount',
          'p.lastInteractionAt',
          'p.createdAt',
        ])
        .where('p.workspaceId', '=', actor.workspaceId)
        .where('p.id', 'in', ids)
        .execute(),
      k
        .selectFrom('contactPoints')
        .select(['personId', 'kind', 'value'])
        .where('workspaceId', '=', actor.workspaceId)
        .where('personId', 'in', ids)
        .orderBy('position')
        .execute(),
      labelsOfPeople(k, 'tags', actor.workspaceId, ids),
    ]);
    for (const r of rows) {
      const mine = points.filter((p) => p.personId === r.id);
      out.set(r.id, {
        ...r,
        organisation: r.organisation ?? null,
        emails: mine.filter((p) => p.kind === 'email').map((p) => p.value),
        phones: mine.filter((p) => p.kind === 'phone').map((p) => p.value),
        links: mine.filter((p) => p.kind === 'link').map((p) => p.value),
        tags: tags.get(r.id) ?? [],
      });
    }
    return out;
  }

  async function phoneRegion(actor: Actor): Promise<string | null> {
    const ws = await k
      .selectFrom('workspaces')
      .select('settings')
      .where('id', '=', actor.workspaceId)
      .executeTakeFirst();
    try {
      const doc = JSON.parse(ws?.settings ?? '{}') as { phoneRegion?: unknown };
      return typeof doc.phoneRegion === 'string' && /^[A-Z]{2}$/.test(doc.phoneRegion) ? doc.phoneRegion : null;
    } catch {
      return null;
    }
  }

  /**
   * Recomputes last contact and interaction count from the interactions, then
   * cadence and strength, and the weekly counts of the interactions that had
   * both people (the merge dropped one of their two participant rows).
   */
  async function refreshContact(trx: Q, actor: Actor, ids: string[], snap: MergeSnapshot) {
    for (const personId of ids) {
      const agg = await trx
        .selectFrom('interactionParticipants as ip')
        .innerJoin('interactions as i', (j) =>
          j.onRef('i.workspaceId', '=', 'ip.workspaceId').onRef('i.id', '=', 'ip.interactionId'),
        )
        .select((eb) => [eb.fn.max('ip.occurredAt').as('last'), eb.fn.countAll<string | number>().as('n')])
        .where('ip.workspaceId', '=', actor.workspaceId)
        .where('ip.personId', '=', personId)
        .where('i.deletedAt', 'is', null)
        .executeTakeFirst();
      await trx
        .updateTable('people')
        .set({ lastInteractionAt: (agg?.last as string | null) ?? null, interactionCount: Number(agg?.n ?? 0) })
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', personId)
        .execute();
    }
    const settings = await readSettings(trx, actor.workspaceId);
    await refreshPeople(trx, actor.workspaceId, ids, settings, clock.now());
    const shared = snap.dropped
      .filter((d) => d.table === 'interactionParticipants')
      .map((d) => String(d.row.occurredAt));
    await refreshWeeks(trx, actor.workspaceId, shared, settings);
    await refreshSearchText(trx, actor.workspaceId, ids);
    await refreshCoParticipation(trx, actor.workspaceId, ids, nowIso(clock), { within: false });
    // Learnings and interactions moved between the two: their docs follow.
    await reindexPeopleDeep(trx, actor.workspaceId, ids);
  }

  function toRecord(r: {
    id: string;
    survivorId: string;
    survivorName: string;
    mergedId: string;
    mergedName: string;
    createdAt: string;
    undoneAt: string | null;
  }): MergeRecord {
    return {
      id: r.id,
      survivor: { id: r.survivorId, fullName: r.survivorName },
      merged: { id: r.mergedId, fullName: r.mergedName },
      createdAt: r.createdAt,
      undoneAt: r.undoneAt,
    };
  }

  /**
   * What the suggestions depend on, as one key: the workspace's people (how many, the sum of their
   * versions, the newest change) and its dismissals. Names and contact points change only with
   * their person's version (CardDAV's ETag relies on the same), so a write that changes neither
   * (a logged interaction, a note, a snooze) leaves the key as it was.
   */
  async function cardsState(actor: Actor): Promise<string> {
    const [people, dismissals] = await Promise.all([
      k
        .selectFrom('people')
        .select((eb) => [
          eb.fn.countAll<string | number>().as('n'),
          eb.fn.sum<string | number | null>('version').as('v'),
          eb.fn.max('updatedAt').as('u'),
        ])
        .where('workspaceId', '=', actor.workspaceId)
        .executeTakeFirst(),
      k
        .selectFrom('duplicateDismissals')
        .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.max('createdAt').as('u')])
        .where('workspaceId', '=', actor.workspaceId)
        .executeTakeFirst(),
    ]);
    return [people?.n, people?.v, people?.u, dismissals?.n, dismissals?.u].map((x) => String(x ?? '')).join('|');
  }

  /** Every suggestion, best first: the workspace's live people and their contact points through findDuplicates. */
  async function suggest(actor: Actor, region: string | null, minScore: number): Promise<DuplicateSuggestion[]> {
    const [people, points, dismissals] = await Promise.all([
      k
        .selectFrom('people')
        .select(['id', 'fullName', 'givenName', 'familyName', 'nickname'])
        .where('workspaceId', '=', actor.workspaceId)
        .where('deletedAt', 'is', null)
        .execute(),
      // Without a join to people: the points of trashed people are dropped below, by id.
      k
        .selectFrom('contactPoints')
        .select(['personId', 'kind', 'value'])
        .where('workspaceId', '=', actor.workspaceId)
        .execute(),
      k
        .selectFrom('duplicateDismissals')
        .select(['personA', 'personB'])
        .where('workspaceId', '=', actor.workspaceId)
        .execute(),
    ]);
    // Most people have no contact point: they share one set of empty lists (read, never written).
    const pointsOf = new Map<string, Pick<DedupePerson, 'emails' | 'phones' | 'links'>>();
    for (const c of points) {
      let held = pointsOf.get(c.personId);
      if (!held) {
        held = { emails: [], phones: [], links: [] };
        pointsOf.set(c.personId, held);
      }
      (c.kind === 'email' ? held.emails : c.kind === 'phone' ? held.phones : held.links).push(c.value);
    }
    const everyone = people.map((p): DedupePerson => {
      const held = pointsOf.get(p.id) ?? NO_POINTS;
      // Written out: spreading two objects into a third cost ~4 µs a person.
      const { id, fullName, givenName, familyName, nickname } = p;
      return {
        id,
        fullName,
        givenName,
        familyName,
        nickname,
        emails: held.emails,
        phones: held.phones,
        links: held.links,
      };
    });
    // Loaded at the first suggestion list: it brings libphonenumber's metadata (~1.7 MB of heap).
    const { findDuplicates, pairKey } = await import('../domain/dedupe.js');
    return findDuplicates(everyone, {
      region,
      minScore,
      dismissed: new Set(dismissals.map((d) => pairKey(d.personA, d.personB))),
    });
  }

  class DryRun extends Error {
    constructor(readonly result: MergeResult) {
      super('dry run');
    }
  }

  return {
    async list(actor: Actor, query: { limit: number; minScore: number }): Promise<DuplicatesList> {
      const [cards, region] = await Promise.all([cardsState(actor), phoneRegion(actor)]);
      const key = `${cards}|${region}|${query.minScore}`;
      // The suggestions are remembered for their key: a write that changes no card (most of them:
      // logging, notes, snoozes) no longer costs the next view a full comparison (~1.5 s at 100k people).
      const held = remembered.get(actor.workspaceId);
      let suggestions = held?.key === key ? held.list : null;
      if (!suggestions) {
        suggestions = await suggest(actor, region, query.minScore);
        computed.count++;
        remembered.set(actor.workspaceId, { key, list: suggestions });
      }
      const top = suggestions.slice(0, query.limit);
      const info = await summaries(actor, [...new Set(top.flatMap((s) => [s.a, s.b]))]);
      return {
        total: suggestions.length,
        items: top.flatMap((s) => {
          const a = info.get(s.a);
          const b = info.get(s.b);
          return a && b ? [{ a, b, score: s.score, reasons: s.reasons }] : [];
        }),
      };
    },

    /** How many times the suggestions were computed rather than remembered (tests and diagnostics). */
    computed,

    async dismiss(actor: Actor, body: { a: string; b: string }): Promise<void> {
      if (body.a === body.b) {
        throw BadRequestError('same_person', 'Same person', 'Give two different people.');
      }
      await livePerson(k, actor, body.a);
      await livePerson(k, actor, body.b);
      const [personA, personB] = body.a < body.b ? [body.a, body.b] : [body.b, body.a];
      await k
        .insertInto('duplicateDismissals')
        .values({ workspaceId: actor.workspaceId, personA, personB, createdAt: nowIso(clock) })
        .onConflict((oc) => oc.columns(['workspaceId', 'personA', 'personB']).doNothing())
        .execute();
    },

    async merge(actor: Actor, input: MergeInput): Promise<MergeResult> {
      if (input.survivorId === input.mergedId) {
        throw BadRequestError('same_person', 'Same person', 'A person cannot be merged into themselves.');
      }
      const now = nowIso(clock);
      try {
        return await k.transaction().execute(async (trx) => {
          const survivor = await livePerson(trx, actor, input.survivorId);
          const merged = await livePerson(trx, actor, input.mergedId);
          const ws = actor.workspaceId;
          const moved: Record<string, number> = {};
          const kept: Record<string, number> = {};
          const bump = (m: Record<string, number>, t: IdTable | LinkTable) => {
            const name = KIND_NAMES[t];
            m[name] = (m[name] ?? 0) + 1;
          };
          const snap: MergeSnapshot = {
            v: 1,
            before: {},
            after: {},
            movedRows: [],
            movedLinks: [],
            dropped: [],
            introduced: [],
            mergedDeletedAt: now,
            mergedVersion: merged.version,
          };

          // Single-valued fields: the survivor's value wins unless the caller prefers the merged one;
          // an empty survivor field is filled; a losing value that differs goes to the notes.
          const fields: Record<string, 'survivor' | 'merged' | 'filled'> = {};
          const set: Row = {};
          const noteLines: string[] = [];
          const orgNames = new Map<string, string>();
          for (const id of [survivor.organisationId, merged.organisationId]) {
            if (!id) continue;
            const o = await trx
              .selectFrom('organisations')
              .select(['id', 'name'])
              .where('workspaceId', '=', ws)
              .where('id', '=', id)
              .executeTakeFirst();
            if (o) orgNames.set(o.id, o.name);
          }
          const show = (field: MergeField, row: PersonRow): string => {
            if (field === 'organisation') return row.organisationId ? (orgNames.get(row.organisationId) ?? '') : '';
            if (field === 'howWeMet') {
              return [row.metChannel, row.metPlatform, row.metOn, row.metEvent, row.metContext]
                .filter((x) => x !== null && x !== '')
                .join(', ');
            }
            const v = row[FIELD_COLUMNS[field][0] as keyof PersonRow];
            return v === null || v === undefined ? '' : String(v);
          };
          for (const field of Object.keys(FIELD_COLUMNS) as MergeField[]) {
            const cols = FIELD_COLUMNS[field];
            const sv = show(field, survivor);
            const mv = show(field, merged);
            const survivorEmpty =
              field === 'circle'
                ? survivor.circle === 'none'
                : cols.every((c) => survivor[c] === null || survivor[c] === '');
            const mergedEmpty =
              field === 'circle' ? merged.circle === 'none' : cols.every((c) => merged[c] === null || merged[c] === '');
            const preferMerged = input.prefer?.[field] === 'merged';
            let take: 'survivor' | 'merged' | 'filled' = 'survivor';
            if (!mergedEmpty && (preferMerged || survivorEmpty))
              take = survivorEmpty && !preferMerged ? 'filled' : 'merged';
            fields[field] = take;
            if (take !== 'survivor') {
              for (const c of cols) {
                if (c === 'introducedById' && merged.introducedById === survivor.id) continue;
                set[c] = merged[c];
              }
              if (take === 'merged' && !survivorEmpty && sv !== mv && sv !== '') {
                noteLines.push(`${label(field)}: ${sv}`);
              }
            } else if (!mergedEmpty && sv !== mv && mv !== '') {
              noteLines.push(`${label(field)}: ${mv}`);
            }
          }
          const mergedNotes = merged.notes.trim();
          if (mergedNotes !== '' || noteLines.length > 0) {
            const block = [
              `Merged from ${merged.fullName} on ${now.slice(0, 10)}:`,
              ...noteLines.map((l) => `- ${l}`),
              ...(mergedNotes !== '' ? ['', mergedNotes] : []),
            ].join('\n');
            set.notes = survivor.notes.trim() === '' ? block : `${survivor.notes.trimEnd()}\n\n${block}`;
          }
          for (const [c, v] of Object.entries(set)) {
            if (same(survivor[c as keyof PersonRow], v)) {
              delete set[c];
              continue;
            }
            snap.before[c] = survivor[c as keyof PersonRow];
            snap.after[c] = v;
          }

          // Rows with their own id.
          const survivorPoints = await trx
            .selectFrom('contactPoints')
            .selectAll()
            .where('workspaceId', '=', ws)
            .where('personId', '=', survivor.id)
            .execute();
          const hasPrimary = new Set(survivorPoints.filter((p) => p.isPrimary === 1).map((p) => p.kind));
          let position = survivorPoints.reduce((m, p) => Math.max(m, p.position), -1) + 1;
          const survivorDates = await trx
            .selectFrom('importantDates')
            .selectAll()
            .where('workspaceId', '=', ws)
            .where('personId', '=', survivor.id)
            .execute();
          let datePosition = survivorDates.reduce((m, d) => Math.max(m, d.position), -1) + 1;
          for (const table of ID_TABLES) {
            const rows = (await trx
              .selectFrom(table)
              .selectAll()
              .where('workspaceId', '=', ws)
              .where('personId', '=', merged.id)
              .execute()) as Row[];
            for (const row of rows) {
              const id = row.id as string;
              let duplicate = false;
              const patch: Row = { personId: survivor.id };
              if (table === 'contactPoints') {
                duplicate = survivorPoints.some((p) => p.kind === row.kind && p.normalized === row.normalized);
                patch.position = position++;
                if (row.isPrimary === 1 && hasPrimary.has(row.kind as 'email')) patch.isPrimary = 0;
              } else if (table === 'importantDates') {
                duplicate = survivorDates.some(
                  (d) =>
                    d.kind === row.kind &&
                    d.month === row.month &&
                    d.day === row.day &&
                    same(d.year, row.year) &&
                    same(d.label, row.label),
                );
                patch.position = datePosition++;
              }
              if (duplicate) {
                snap.dropped.push({ table, row });
                await trx.deleteFrom(table).where('workspaceId', '=', ws).where('id', '=', id).execute();
                bump(kept, table);
              } else {
                snap.movedRows.push({ table, row });
                await trx.updateTable(table).set(patch).where('workspaceId', '=', ws).where('id', '=', id).execute();
                bump(moved, table);
              }
            }
          }

          // Link rows.
          for (const [table, col] of Object.entries(LINK_TABLES) as [LinkTable, string][]) {
            const theirs = (await trx
              .selectFrom(table)
              .selectAll()
              .where('workspaceId', '=', ws)
              .where('personId', '=', merged.id)
              .execute()) as Row[];
            if (theirs.length === 0) continue;
            const mine = new Set(
              (
                (await trx
                  .selectFrom(table)
                  .select(col as 'personId')
                  .where('workspaceId', '=', ws)
                  .where('personId', '=', survivor.id)
                  .execute()) as Row[]
              ).map((r) => String(r[col])),
            );
            for (const row of theirs) {
              const key = String(row[col]);
              const where = trx
                .deleteFrom(table)
                .where('workspaceId', '=', ws)
                .where('personId', '=', merged.id)
                .where(col as 'personId', '=', key);
              if (mine.has(key)) {
                snap.dropped.push({ table, row });
                await where.execute();
                bump(kept, table);
              } else {
                snap.movedLinks.push({ table, key });
                await trx
                  .updateTable(table)
                  .set({ personId: survivor.id })
                  .where('workspaceId', '=', ws)
                  .where('personId', '=', merged.id)
                  .where(col as 'personId', '=', key)
                  .execute();
                bump(moved, table);
              }
            }
          }

          // "Introduced by" the merged person now points at the survivor.
          const introduced = await trx
            .selectFrom('people')
            .select('id')
            .where('workspaceId', '=', ws)
            .where('introducedById', '=', merged.id)
            .where('id', '!=', survivor.id)
            .execute();
          snap.introduced = introduced.map((r) => r.id);
          if (snap.introduced.length > 0) {
            await trx
              .updateTable('people')
              .set({ introducedById: survivor.id })
              .where('workspaceId', '=', ws)
              .where('id', 'in', snap.introduced)
              .execute();
          }
          if (survivor.introducedById === merged.id) {
            snap.before.introducedById = merged.id;
            snap.after.introducedById = null;
            set.introducedById = null;
          }

          await trx
            .updateTable('people')
            .set({ ...set, version: survivor.version + 1, updatedAt: now })
            .where('workspaceId', '=', ws)
            .where('id', '=', survivor.id)
            .execute();
          await trx
            .updateTable('people')
            .set({ deletedAt: now, version: merged.version + 1, updatedAt: now })
            .where('workspaceId', '=', ws)
            .where('id', '=', merged.id)
            .execute();
          await refreshContact(trx, actor, [survivor.id, merged.id], snap);

          const record = {
            id: uuidv7(),
            workspaceId: ws,
            survivorId: survivor.id,
            mergedId: merged.id,
            survivorName: (set.fullName as string | undefined) ?? survivor.fullName,
            mergedName: merged.fullName,
            snapshot: JSON.stringify(snap),
            createdBy: actor.userId,
            createdAt: now,
            undoneAt: null,
          };
          await trx.insertInto('personMerges').values(record).execute();
          const result: MergeResult = {
            dryRun: input.dryRun,
            merge: input.dryRun ? null : toRecord(record),
            moved,
            kept,
            fields,
            notesAdded: noteLines,
          };
          if (input.dryRun) throw new DryRun(result);
          return result;
        });
      } catch (e) {
        if (e instanceof DryRun) return e.result;
        throw e;
      }
    },

    async listMerges(actor: Actor, query: { limit: number }): Promise<MergesList> {
      const rows = await k
        .selectFrom('personMerges')
        .select(['id', 'survivorId', 'survivorName', 'mergedId', 'mergedName', 'createdAt', 'undoneAt'])
        .where('workspaceId', '=', actor.workspaceId)
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      return { items: rows.map(toRecord) };
    },

    async undo(actor: Actor, mergeId: string): Promise<MergeRecord> {
      const now = nowIso(clock);
      return k.transaction().execute(async (trx) => {
        const ws = actor.workspaceId;
        const m = await trx
          .selectFrom('personMerges')
          .selectAll()
          .where('workspaceId', '=', ws)
          .where('id', '=', mergeId)
          .executeTakeFirst();
        if (!m) throw NotFoundError('Merge');
        if (m.undoneAt) {
          throw ConflictError(
            'merge_already_undone',
            'Merge already undone',
            `This merge was undone at ${m.undoneAt}.`,
          );
        }
        const snap = JSON.parse(m.snapshot) as MergeSnapshot;
        const survivor = await trx
          .selectFrom('people')
          .selectAll()
          .where('workspaceId', '=', ws)
          .where('id', '=', m.survivorId)
          .executeTakeFirst();
        const mergedRow = await trx
          .selectFrom('people')
          .selectAll()
          .where('workspaceId', '=', ws)
          .where('id', '=', m.mergedId)
          .executeTakeFirst();
        if (!survivor || !mergedRow) {
          throw ConflictError(
            'merge_cannot_be_undone',
            'Merge cannot be undone',
            'One of the two people no longer exists (deleted for good), so the merge cannot be undone.',
          );
        }
        // Moved rows go back as they were (person, position, primary flag).
        for (const { table, row } of snap.movedRows) {
          const { id, workspaceId: _ws, ...rest } = row;
          await trx
            .updateTable(table)
            .set(rest as never)
            .where('workspaceId', '=', ws)
            .where('id', '=', id as string)
            .execute();
        }
        for (const { table, key } of snap.movedLinks) {
          const col = LINK_TABLES[table];
          await trx
            .updateTable(table)
            .set({ personId: m.mergedId })
            .where('workspaceId', '=', ws)
            .where('personId', '=', m.survivorId)
            .where(col as 'personId', '=', key)
            .execute();
        }
        for (const { table, row } of snap.dropped) {
          await trx
            .insertInto(table)
            .values({ ...row, workspaceId: ws } as never)
            .execute();
        }
        if (snap.introduced.length > 0) {
          await trx
            .updateTable('people')
            .set({ introducedById: m.mergedId })
            .where('workspaceId', '=', ws)
            .where('id', 'in', snap.introduced)
            .where('introducedById', '=', m.survivorId)
            .execute();
        }
        // Survivor fields go back where nobody changed them since the merge.
        const back: Row = {};
        for (const [c, before] of Object.entries(snap.before)) {
          if (same(survivor[c as keyof PersonRow], snap.after[c])) back[c] = before;
        }
        if (typeof snap.after.notes === 'string' && !('notes' in back)) {
          // The notes were edited since: take out just the block the merge added, if still there.
          const added = snap.after.notes.slice(String(snap.before.notes ?? '').trimEnd().length);
          if (added !== '' && survivor.notes.includes(added)) back.notes = survivor.notes.replace(added, '');
        }
        await trx
          .updateTable('people')
          .set({ ...back, version: survivor.version + 1, updatedAt: now })
          .where('workspaceId', '=', ws)
          .where('id', '=', m.survivorId)
          .execute();
        await trx
          .updateTable('people')
          .set({ deletedAt: null, version: mergedRow.version + 1, updatedAt: now })
          .where('workspaceId', '=', ws)
          .where('id', '=', m.mergedId)
          .execute();
        await refreshContact(trx, actor, [m.survivorId, m.mergedId], snap);
        await trx
          .updateTable('personMerges')
          .set({ undoneAt: now })
          .where('workspaceId', '=', ws)
          .where('id', '=', m.id)
          .execute();
        return toRecord({ ...m, undoneAt: now });
      });
    },
  };
}

function label(field: MergeField): string {
  const words: Record<MergeField, string> = {
    fullName: 'Name',
    givenName: 'Given name',
    familyName: 'Family name',
    nickname: 'Nickname',
    headline: 'Headline',
    roleTitle: 'Title',
    organisation: 'Organisation',
    location: 'Location',
    timeZone: 'Time zone',
    photoUrl: 'Photo',
    circle: 'Circle',
    cadenceDays: 'Cadence (days)',
    howWeMet: 'How we met',
  };
  return words[field];
}

export type DedupeService = ReturnType<typeof dedupeService>;
