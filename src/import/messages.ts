import type { Kysely } from 'kysely';
import { indexNewInteractions } from '../storage/search/index.js';
import { fold, normaliseUrl } from '../domain/text.js';
import { uuidv7 } from '../lib/ids.js';
import type { Clock } from '../services/context.js';
import { afterContactChange } from '../services/keep-in-touch.hooks.js';
import { refreshCoParticipation } from '../storage/repos/co-participation.repo.js';
import type { Database } from '../storage/schema.js';
import type SQLite from 'better-sqlite3';
import { isPostgres } from '../storage/db.js';
import { analyze, analyzeCadence, INTERACTION_TABLES, useBulk } from './bulk.js';
import { lookup } from './match.js';
import { type ChangeLog, flushLog, insertChunked, record } from './people-writer.js';
import type { ImportReport } from './report.js';
import type { MessageGroup, RunScratch } from './scratch.js';
import type { ImportItem } from './types.js';

/*
 * LinkedIn messages become interactions: one "message" interaction per
 * conversation and day (UTC), with everyone on it who is a known person,
 * dated at the first message of that day. A person who already has a
 * LinkedIn message interaction that day is left alone, so re-importing the
 * same export (or a newer one) adds only the new days. Message text is not
 * copied: the timeline says that you talked, not what was said.
 */

type Q = Kysely<Database>;
type MessageItem = Extract<ImportItem, { type: 'message' }>;

interface Group {
  occurredAt: string;
  count: number;
  subject: string | null;
  refs: Map<string, { name: string | null; url: string | null }>;
}

export type MessageGroups = Map<string, Group>;

/** Groups of one chunk of the file, as the scratch tables take them. */
export function toGroups(groups: MessageGroups): MessageGroup[] {
  return [...groups].map(([key, g]) => ({
    key,
    occurredAt: g.occurredAt,
    count: g.count,
    subject: g.subject,
    refs: [...g.refs].map(([k, r]) => ({ key: k, name: r.name, url: r.url })),
  }));
}

export function addMessage(groups: MessageGroups, m: MessageItem): void {
  const day = m.occurredAt.slice(0, 10);
  const key = `${m.conversationId}|${day}`;
  let g = groups.get(key);
  if (!g) {
    g = { occurredAt: m.occurredAt, count: 0, subject: m.subject, refs: new Map() };
    groups.set(key, g);
  }
  g.count++;
  if (m.occurredAt < g.occurredAt) g.occurredAt = m.occurredAt;
  if (!g.subject && m.subject) g.subject = m.subject;
  for (const r of m.refs) {
    const k = r.url ?? `name:${fold(r.name ?? '')}`;
    if (!g.refs.has(k)) g.refs.set(k, r);
  }
}

interface WriteContext {
  db: Q;
  workspaceId: string;
  mode: 'preview' | 'apply';
  clock: Clock;
  report: ImportReport;
  log: ChangeLog;
  sqlite: SQLite.Database | null;
}

// Conversation-days per transaction: large, for the same reason as the engine's CHUNK_ROWS.
const GROUPS_PER_CHUNK = 5000;
// People whose last contact is recomputed per transaction: each commit rewrites the pages of the
// people indexes the update touched, so few large transactions write far less.
const CONTACTS_PER_CHUNK = 5000;

/**
 * Writes the run's message groups (collected in `scratch`) as interactions, a few thousand
 * groups per transaction, then recomputes last contact of everyone they touched.
 */
export async function writeMessages(scratch: RunScratch, c: WriteContext): Promise<void> {
  const { db, workspaceId, report } = c;
  let touchedAny = false;
  // The weeks to recount, as the earliest and latest instant of each UTC day: a UTC day
  // spans at most two local days in any zone, and those two instants fall on both.
  const days = new Map<string, { first: string; last: string }>();
  // PostgreSQL: the next chunk's lookup of days already written reads the interactions written
  // so far; planned with the statistics of tables that were empty at the start, it became a
  // nested loop over every interaction per participant (up to 0.4 s a lookup at 20,000 messages).
  const statistics = analyzeCadence();
  for await (const part of scratch.eachGroups(GROUPS_PER_CHUNK)) {
    const urls = new Set<string>();
    const names = new Set<string>();
    for (const g of part) {
      for (const r of g.refs) {
        if (r.url) urls.add(normaliseUrl(r.url));
        if (r.name) names.add(fold(r.name));
      }
    }
    const known = await lookup(db, workspaceId, [
      { urls: [...urls], emails: [], phones: [], name: '' },
      ...[...names].map((n) => ({ urls: [], emails: [], phones: [], name: n })),
    ]);
    // People this run created (or, in a preview, would create) under those profiles and names.
    const run = await scratch.seen([...[...urls].map((u) => `link:${u}`), ...[...names].map((n) => `name:${n}`)]);
    const resolve = (r: { name: string | null; url: string | null }): string | null => {
      if (r.url) {
        const u = normaliseUrl(r.url);
        const hit = known.byValue.get(`link:${u}`)?.[0] ?? run.get(`link:${u}`)?.id;
        if (hit) return hit;
      }
      if (r.name) {
        const n = fold(r.name);
        const ids = known.byName.get(n);
        if (ids && ids.length === 1) return ids[0] ?? null;
        if (!ids) return run.get(`name:${n}`)?.id ?? null;
      }
      return null;
    };
    const planned: { g: MessageGroup; people: string[] }[] = [];
    for (const g of part) {
      const people = [...new Set(g.refs.map(resolve).filter((x): x is string => x !== null))];
      if (people.length === 0) {
        report.counts.skipped++;
        continue;
      }
      planned.push({ g, people });
    }
    // Days that already have a LinkedIn message with that person.
    const ids = [...new Set(planned.flatMap((p) => p.people))];
    const have = new Set<string>();
    if (ids.length > 0) {
      const times = planned.map((p) => p.g.occurredAt).sort();
      for (let j = 0; j < ids.length; j += 500) {
        const rows = await db
          .selectFrom('interactionParticipants as ip')
          .innerJoin('interactions as it', (jn) =>
            jn.onRef('it.workspaceId', '=', 'ip.workspaceId').onRef('it.id', '=', 'ip.interactionId'),
          )
          .select(['ip.personId', 'ip.occurredAt'])
          .where('ip.workspaceId', '=', workspaceId)
          .where('ip.personId', 'in', ids.slice(j, j + 500))
          .where('ip.occurredAt', '>=', `${(times[0] ?? '').slice(0, 10)}`)
          .where('ip.occurredAt', '<=', `${(times[times.length - 1] ?? '').slice(0, 10)}T23:59:59.999Z`)
          .where('it.kind', '=', 'message')
          .where('it.platform', '=', 'LinkedIn')
          .where('it.deletedAt', 'is', null)
          .execute();
        for (const r of rows) have.add(`${r.personId}|${r.occurredAt.slice(0, 10)}`);
      }
    }
    const interactions: Record<string, unknown>[] = [];
    const participants: Record<string, unknown>[] = [];
    const touched: string[] = [];
    /** The people of each interaction, as `interactions`. */
    const peopleOf: string[][] = [];
    const now = c.clock.now().toISOString();
    for (const { g, people } of planned) {
      const day = g.occurredAt.slice(0, 10);
      const fresh = people.filter((p) => !have.has(`${p}|${day}`));
      if (fresh.length === 0) {
        report.counts.unchanged++;
        continue;
      }
      for (const p of fresh) have.add(`${p}|${day}`);
      report.counts.interactions++;
      if (c.mode === 'preview') continue;
      const id = uuidv7();
      interactions.push({
        id,
        workspaceId,
        kind: 'message',
        channel: 'online',
        platform: 'LinkedIn',
        occurredAt: g.occurredAt,
        durationMinutes: null,
        summary: (g.subject ? `LinkedIn: ${g.subject}` : 'LinkedIn messages').slice(0, 300),
        notes: `${g.count} message${g.count === 1 ? '' : 's'} that day (imported from LinkedIn).`,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      });
      peopleOf.push(fresh);
      for (const p of fresh) {
        participants.push({ workspaceId, interactionId: id, personId: p, occurredAt: g.occurredAt });
        touched.push(p);
      }
      const span = days.get(day);
      if (!span) days.set(day, { first: g.occurredAt, last: g.occurredAt });
      else if (g.occurredAt < span.first) span.first = g.occurredAt;
      else if (g.occurredAt > span.last) span.last = g.occurredAt;
      record(c.log, 'interaction', id, 'created', { personIds: fresh });
    }
    if (c.mode === 'apply' && interactions.length > 0) {
      await db.transaction().execute(async (trx) => {
        useBulk(trx, c.sqlite);
        await insertChunked(trx, 'interactions', interactions);
        await insertChunked(trx, 'interactionParticipants', participants, 200);
        // Indexed from the values written, with their people's names read once (not the
        // interactions and participants read back): the docs a reindex would build.
        const who = new Map<string, { id: string; fullName: string; sortName: string }>();
        const ids = [...new Set(touched)];
        for (let j = 0; j < ids.length; j += 500) {
          const found = await trx
            .selectFrom('people')
            .select(['id', 'fullName', 'sortName'])
            .where('workspaceId', '=', workspaceId)
            .where('id', 'in', ids.slice(j, j + 500))
            .execute();
          for (const p of found) who.set(p.id, p);
        }
        const byName = (a: { id: string; sortName: string }, b: { id: string; sortName: string }) =>
          a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
        await indexNewInteractions(
          trx,
          workspaceId,
          interactions.map((i, n) => ({
            row: i as { id: string; kind: string; summary: string; notes: string; occurredAt: string },
            people: (peopleOf[n] as string[])
              .map((id) => who.get(id))
              .filter((p): p is { id: string; fullName: string; sortName: string } => p !== undefined)
              .sort(byName),
          })),
        );
        await flushLog(trx, c.log);
        await scratch.touch(trx, touched);
      });
      touchedAny = true;
      if (isPostgres(db) && statistics.wrote(interactions.length)) await analyze(db, INTERACTION_TABLES);
    }
  }
  if (c.mode === 'apply' && touchedAny) {
    // The interactions just written are what the recomputation reads (see analyze).
    if (isPostgres(db)) await analyze(db);
    const instants = [...days.values()].flatMap((d) => (d.first === d.last ? [d.first] : [d.first, d.last]));
    let first = true;
    for await (const ids of scratch.eachTouched(CONTACTS_PER_CHUNK)) {
      await recomputeContacts(db, workspaceId, ids, first ? instants : [], c.clock, c.sqlite);
      first = false;
    }
  }
}

/** Last contact, interaction count, due date, strength and weekly counts of people whose interactions changed. */
export async function recomputeContacts(
  db: Q,
  workspaceId: string,
  personIds: string[],
  instants: string[],
  clock: Clock,
  sqlite: SQLite.Database | null = null,
) {
  for (let i = 0; i < personIds.length; i += CONTACTS_PER_CHUNK) {
    const ids = personIds.slice(i, i + CONTACTS_PER_CHUNK);
    await db.transaction().execute(async (trx) => {
      useBulk(trx, sqlite);
      const agg = await trx
        .selectFrom('interactionParticipants as ip')
        .innerJoin('interactions as it', (j) =>
          j.onRef('it.workspaceId', '=', 'ip.workspaceId').onRef('it.id', '=', 'ip.interactionId'),
        )
        .select((eb) => [
          'ip.personId',
          eb.fn.max('ip.occurredAt').as('last'),
          eb.fn.countAll<string | number>().as('n'),
        ])
        .where('ip.workspaceId', '=', workspaceId)
        .where('ip.personId', 'in', ids)
        .where('it.deletedAt', 'is', null)
        .groupBy('ip.personId')
        .execute();
      const byId = new Map(agg.map((a) => [a.personId, a]));
      // Last contact and count go in the same UPDATE as the due date and strength.
      const contacts = (id: string) => {
        const a = byId.get(id);
        return {
          lastInteractionAt: (a?.last as string | null | undefined) ?? null,
          interactionCount: Number(a?.n ?? 0),
        };
      };
      await afterContactChange(trx, workspaceId, ids, { recount: i === 0 ? instants : [] }, clock, contacts);
      await refreshCoParticipation(trx, workspaceId, ids, clock.now().toISOString(), { within: false });
    });
  }
}
