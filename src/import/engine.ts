import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../storage/db.js';
import { analyze, analyzeCadence, useBulk } from './bulk.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import type { Database } from '../storage/schema.js';
import { fold, normaliseEmail, normalisePhone, normaliseUrl } from '../domain/text.js';
import { uuidv7 } from '../lib/ids.js';
import type { Clock } from '../services/context.js';
import { type Keys, keysOf, lookup, match } from './match.js';
import { type MessageGroups, addMessage, toGroups, writeMessages } from './messages.js';
import {
  type ChangeLog,
  type NameCache,
  type NewPersonPlan,
  type UpdatePlan,
  applyUpdates,
  flushLog,
  insertPeople,
} from './people-writer.js';
import { type ImportReport, addError, addSample, addSkipped, emptyReport } from './report.js';
import { RunScratch, type SeenRow } from './scratch.js';
import type { ImportItem, PersonDraft } from './types.js';

/*
 * The import pipeline: items stream in from a source, are taken a few
 * hundred at a time, matched against the workspace, planned (create, update,
 * unchanged, possible duplicate) and, when applying, written in one
 * transaction per chunk with the changes recorded for undo. A preview runs
 * the very same code without writing, so its counts are what apply will do.
 */

type Q = Kysely<Database>;
// Rows per chunk, and so per transaction when applying. A commit writes every page the
// transaction dirtied to the WAL; the indexes of people spread a chunk over many pages, so
// few large chunks write far less than many small ones (1,000 → 5,000 took the commits of a
// 100k-row import from ~40% of its time to ~10%). Memory stays bounded by the chunk.
export const CHUNK_ROWS = 5000;

export interface RunOptions {
  db: Q;
  /** SQLite's connection, for bulk inserts through prepared statements; absent on PostgreSQL. */
  sqlite?: SQLite.Database | undefined;
  workspaceId: string;
  batchId: string;
  clock: Clock;
  mode: 'preview' | 'apply';
  /** Called after each chunk with the rows processed so far. */
  progress?: (processed: number) => Promise<void>;
}

type PersonItem = Extract<ImportItem, { type: 'person' }>;

interface Existing {
  row: {
    id: string;
    fullName: string;
    givenName: string | null;
    familyName: string | null;
    nickname: string | null;
    headline: string | null;
    roleTitle: string | null;
    organisationId: string | null;
    location: string | null;
    notes: string;
    photoUrl: string | null;
    metChannel: string | null;
    metPlatform: string | null;
    metOn: string | null;
    metContext: string | null;
  };
  organisation: string | null;
  points: Set<string>;
  positions: { email: number; phone: number; link: number };
  tags: Set<string>;
  hasBirthday: boolean;
}

async function loadExisting(db: Q, workspaceId: string, ids: string[]): Promise<Map<string, Existing>> {
  const out = new Map<string, Existing>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('people as p')
    .leftJoin('organisations as o', (j) =>
      j.onRef('o.workspaceId', '=', 'p.workspaceId').onRef('o.id', '=', 'p.organisationId'),
    )
    .select([
      'p.id',
      'p.fullName',
      'p.givenName',
      'p.familyName',
      'p.nickname',
      'p.headline',
      'p.roleTitle',
      'p.organisationId',
      'p.location',
      'p.notes',
      'p.photoUrl',
      'p.metChannel',
      'p.metPlatform',
      'p.metOn',
      'p.metContext',
      'o.name as organisation',
    ])
    .where('p.workspaceId', '=', workspaceId)
    .where('p.id', 'in', ids)
    .execute();
  for (const r of rows) {
    const { organisation, ...row } = r;
    out.set(r.id, {
      row,
      organisation,
      points: new Set(),
      positions: { email: 0, phone: 0, link: 0 },
      tags: new Set(),
      hasBirthday: false,
    });
  }
  const points = await db
    .selectFrom('contactPoints')
    .select(['personId', 'kind', 'normalized', 'position'])
    .where('workspaceId', '=', workspaceId)
    .where('personId', 'in', ids)
    .execute();
  for (const p of points) {
    const e = out.get(p.personId);
    if (!e) continue;
    e.points.add(`${p.kind}:${p.normalized}`);
    e.positions[p.kind] = Math.max(e.positions[p.kind], p.position + 1);
  }
  const tags = await db
    .selectFrom('personTags as pt')
    .innerJoin('tags as t', (j) => j.onRef('t.workspaceId', '=', 'pt.workspaceId').onRef('t.id', '=', 'pt.tagId'))
    .select(['pt.personId', 't.normalized'])
    .where('pt.workspaceId', '=', workspaceId)
    .where('pt.personId', 'in', ids)
    .execute();
  for (const t of tags) out.get(t.personId)?.tags.add(t.normalized);
  const bdays = await db
    .selectFrom('importantDates')
    .select('personId')
    .where('workspaceId', '=', workspaceId)
    .where('personId', 'in', ids)
    .where('kind', '=', 'birthday')
    .execute();
  for (const b of bdays) {
    const e = out.get(b.personId);
    if (e) e.hasBirthday = true;
  }
  return out;
}

const FILL_ONLY = [
  'givenName',
  'familyName',
  'nickname',
  'photoUrl',
  'metChannel',
  'metPlatform',
  'metOn',
  'metContext',
] as const;
const OVERWRITE = ['headline', 'location'] as const;

/** What a row changes about a known person: fill what is empty, update what the source owns, add what is missing. */
export function planUpdate(personId: string, d: PersonDraft, e: Existing): { plan: UpdatePlan; changes: string[] } {
  const plan: UpdatePlan = {
    personId,
    set: {},
    previous: {},
    add: { emails: [], phones: [], links: [] },
    positions: { ...e.positions },
    tags: [],
    birthday: null,
    roleChange: null,
  };
  const changes: string[] = [];
  for (const f of FILL_ONLY) {
    const v = d[f];
    if (v && !e.row[f]) {
      plan.set[f] = v;
      plan.previous[f] = e.row[f];
      changes.push(f);
    }
  }
  if (d.notes && e.row.notes === '') {
    plan.set.notes = d.notes;
    plan.previous.notes = '';
    changes.push('notes');
  }
  for (const f of OVERWRITE) {
    const v = d[f];
    if (v && v !== e.row[f]) {
      plan.set[f] = v;
      plan.previous[f] = e.row[f];
      changes.push(f);
    }
  }
  const titleChanged = !!d.roleTitle && d.roleTitle !== e.row.roleTitle;
  const orgChanged = !!d.organisation && fold(d.organisation) !== fold(e.organisation ?? '');
  if (titleChanged || orgChanged) {
    const newTitle = d.roleTitle ?? e.row.roleTitle;
    const newOrg = d.organisation ?? e.organisation;
    if (titleChanged) {
      plan.set.roleTitle = d.roleTitle;
      plan.previous.roleTitle = e.row.roleTitle;
      changes.push('roleTitle');
    }
    if (orgChanged) {
      plan.organisationName = d.organisation;
      plan.previous.organisationId = e.row.organisationId;
      changes.push('organisation');
    }
    // A new role only when there was one before: filling an empty position is not news.
    if (e.row.roleTitle || e.organisation) {
      const was = [e.row.roleTitle, e.organisation].filter(Boolean).join(' at ');
      plan.roleChange = { title: newTitle, organisation: newOrg, was };
      changes.push('new role');
    }
  }
  const seen = new Set(e.points);
  for (const m of d.emails) {
    const k = `email:${normaliseEmail(m.value)}`;
    if (!seen.has(k)) {
      seen.add(k);
      plan.add.emails.push(m);
    }
  }
  for (const m of d.phones) {
    const k = `phone:${normalisePhone(m.value)}`;
    if (!seen.has(k)) {
      seen.add(k);
      plan.add.phones.push(m);
    }
  }
  for (const l of d.links) {
    const k = `link:${normaliseUrl(l.url)}`;
    if (!seen.has(k)) {
      seen.add(k);
      plan.add.links.push(l);
    }
  }
  if (plan.add.emails.length) changes.push('emails');
  if (plan.add.phones.length) changes.push('phones');
  if (plan.add.links.length) changes.push('links');
  const tagSeen = new Set(e.tags);
  for (const t of d.tags) {
    const k = fold(t);
    if (k && !tagSeen.has(k)) {
      tagSeen.add(k);
      plan.tags.push(t);
    }
  }
  if (plan.tags.length) changes.push('tags');
  if (d.birthday && !e.hasBirthday) {
    plan.birthday = d.birthday;
    changes.push('birthday');
  }
  return { plan, changes };
}

function runKeys(k: Keys): string[] {
  return [
    ...k.urls.map((u) => `link:${u}`),
    ...k.emails.map((e) => `email:${e}`),
    ...k.phones.map((p) => `phone:${p}`),
  ];
}

/**
 * PostgreSQL, on the import's own connection: plan every statement for the tables as they are
 * now. The tables an import reads back (people, contact points, interactions) grow from nothing
 * while it runs, so a statement's plan kept from its first runs (a named statement's generic
 * plan) scanned whole tables minutes later: the lookups of days already messaged and of
 * co-participants took 50–400 ms each at 20,000 messages. And what it reads back it has just
 * written, in memory, where a random read costs about what a sequential one does (PostgreSQL's
 * advice for cached data: random_page_cost near 1). LinkedIn 30k + 20k messages into a fresh
 * database: 1,900 → 3,100–3,450 rows/s (docs/performance.md). Both settings last until `off`.
 */
async function planAsTablesGrow(db: Kysely<Database>, on: boolean): Promise<void> {
  if (on) {
    await sql`set tend.named_statements = off`.execute(db);
    await sql`set random_page_cost = 1.1`.execute(db);
  } else {
    await sql`reset random_page_cost`.execute(db);
    await sql`set tend.named_statements = on`.execute(db);
  }
}

export async function runImport(items: AsyncIterable<ImportItem>, o: RunOptions): Promise<ImportReport> {
  // The run's temporary tables live on one connection: PostgreSQL's pool would hand out others.
  if (isPostgres(o.db))
    return o.db.connection().execute(async (db) => {
      await planAsTablesGrow(db, true);
      try {
        return await run(items, { ...o, db });
      } finally {
        // A failure to reset (a broken connection, which the pool drops) must not hide the run's own error.
        await planAsTablesGrow(db, false).catch(() => undefined);
      }
    });
  return run(items, o);
}

async function run(items: AsyncIterable<ImportItem>, o: RunOptions): Promise<ImportReport> {
  const { db, workspaceId } = o;
  const report = emptyReport();
  const settings = await readSettings(db, workspaceId);
  const cache: NameCache = { organisations: new Map(), tags: new Map(), names: new Map() };
  const log: ChangeLog = { workspaceId, batchId: o.batchId, seq: 0, rows: [] };
  /**
   * Keys of people this run created (or would create), to catch a file naming someone twice:
   * strong keys (`link:`, `email:`, `phone:`) and `name:` + the folded name. Kept in the
   * database, not in memory (scratch.ts).
   */
  const scratch = await RunScratch.open(db, o.batchId, o.sqlite);
  /** Messages of the current chunk of the file, grouped by conversation and day, then added to the scratch tables. */
  let messages: MessageGroups = new Map();
  let messageCount = 0;
  const raw = o.sqlite ?? null;
  let chunk: PersonItem[] = [];
  let chunkFile = '';
  let processed = 0;
  const pg = isPostgres(db);
  const statistics = analyzeCadence();
  if (pg) await analyze(db);

  async function flush() {
    if (chunk.length === 0) return;
    const items = chunk;
    chunk = [];
    const keys = items.map((i) => keysOf(i.person));
    const known = await lookup(db, workspaceId, keys);
    const strongOf = keys.map(runKeys);
    const earlierRun = await scratch.seen([
      ...strongOf.flat(),
      ...keys.filter((k) => k.name).map((k) => `name:${k.name}`),
    ]);
    // Keys of people created within this chunk, first one wins (as in the table).
    const fresh = new Map<string, SeenRow>();
    const seenKey = (key: string) => fresh.get(key) ?? earlierRun.get(key);
    const creates: NewPersonPlan[] = [];
    const matches: { item: PersonItem; personId: string; by: string }[] = [];
    const pretendUpdates: PersonItem[] = [];
    items.forEach((item, i) => {
      const k = keys[i] as Keys;
      const strong = strongOf[i] as string[];
      const earlier = strong.map(seenKey).find((s) => s !== undefined);
      if (earlier && earlier.file === item.file) {
        addSkipped(report, { file: item.file, line: item.line, message: `same person as line ${earlier.line}` });
        return;
      }
      const m = match(k, known);
      if (!m.match && earlier && o.mode === 'preview') {
        // Another file of this import creates them (an invitation for a new connection).
        pretendUpdates.push(item);
        return;
      }
      if (m.match) {
        matches.push({ item, personId: m.match.personId, by: m.match.by });
        return;
      }
      if (item.enrichOnly) {
        addSkipped(report, {
          file: item.file,
          line: item.line,
          message: `${item.person.fullName || 'this person'} is not among your people`,
        });
        return;
      }
      const namesake = k.name ? seenKey(`name:${k.name}`) : undefined;
      const possible = m.possibleDuplicateOf !== null || (namesake !== undefined && namesake.file === item.file);
      const id = uuidv7();
      creates.push({ id, draft: item.person });
      const seen = { id, file: item.file, line: item.line };
      for (const s of strong) if (!seenKey(s)) fresh.set(s, seen);
      if (k.name && !seenKey(`name:${k.name}`)) fresh.set(`name:${k.name}`, seen);
      if (possible) report.counts.possibleDuplicates++;
      else report.counts.created++;
      addSample(report, {
        file: item.file,
        line: item.line,
        action: possible ? 'possible_duplicate' : 'create',
        fullName: item.person.fullName,
        matchedBy: null,
        changes: [],
      });
    });
    for (const item of pretendUpdates) {
      report.counts.updated++;
      addSample(report, {
        file: item.file,
        line: item.line,
        action: 'update',
        fullName: item.person.fullName,
        matchedBy: 'this import',
        changes: ['how we met'],
      });
    }
    const existing = await loadExisting(db, workspaceId, [...new Set(matches.map((m) => m.personId))]);
    const updates: UpdatePlan[] = [];
    const touched = new Set<string>();
    for (const m of matches) {
      const e = existing.get(m.personId);
      if (!e) continue;
      if (touched.has(m.personId)) {
        addSkipped(report, {
          file: m.item.file,
          line: m.item.line,
          message: `same person as an earlier row (${e.row.fullName})`,
        });
        continue;
      }
      touched.add(m.personId);
      const { plan, changes } = planUpdate(m.personId, m.item.person, e);
      if (changes.length === 0) {
        report.counts.unchanged++;
        addSample(report, {
          file: m.item.file,
          line: m.item.line,
          action: 'unchanged',
          fullName: e.row.fullName,
          matchedBy: m.by,
          changes,
        });
        continue;
      }
      report.counts.updated++;
      if (plan.roleChange) report.counts.achievements++;
      addSample(report, {
        file: m.item.file,
        line: m.item.line,
        action: 'update',
        fullName: e.row.fullName,
        matchedBy: m.by,
        changes,
      });
      updates.push(plan);
    }
    if (o.mode === 'apply' && (creates.length > 0 || updates.length > 0)) {
      const now = o.clock.now();
      await db.transaction().execute(async (trx) => {
        useBulk(trx, raw);
        const ctx = { now: now.toISOString(), nowDate: now, settings, cache, log };
        await insertPeople(trx, workspaceId, creates, ctx);
        await applyUpdates(trx, workspaceId, updates, ctx);
        await flushLog(trx, log);
        // In the chunk's transaction: the keys are there exactly when the people are.
        await scratch.remember(trx, [...fresh]);
        await trx
          .updateTable('importBatches')
          .set({ processedRows: processed, updatedAt: now.toISOString() })
          .where('workspaceId', '=', workspaceId)
          .where('id', '=', o.batchId)
          .execute();
      });
      if (pg && statistics.wrote(creates.length)) await analyze(db);
    } else {
      await scratch.remember(db, [...fresh]);
      if (o.progress) await o.progress(processed);
    }
  }

  async function flushMessages() {
    if (messages.size === 0) return;
    const groups = toGroups(messages);
    messages = new Map();
    messageCount = 0;
    await scratch.addGroups(groups);
  }

  try {
    for await (const item of items) {
      report.counts.rows++;
      processed++;
      switch (item.type) {
        case 'error':
          addError(report, { file: item.file, line: item.line, message: item.message });
          break;
        case 'skip':
          addSkipped(report, { file: item.file, line: item.line, message: item.reason });
          break;
        case 'message':
          addMessage(messages, item);
          if (++messageCount >= CHUNK_ROWS) await flushMessages();
          if (processed % CHUNK_ROWS === 0 && o.progress) await o.progress(processed);
          break;
        case 'person':
          if (item.file !== chunkFile) {
            await flush();
            chunkFile = item.file;
          }
          chunk.push(item);
          if (chunk.length >= CHUNK_ROWS) await flush();
          break;
      }
    }
    await flush();
    await flushMessages();
    await writeMessages(scratch, {
      db,
      workspaceId,
      mode: o.mode,
      clock: o.clock,
      report,
      log,
      sqlite: raw,
    });
  } finally {
    chunk = [];
    messages = new Map();
    cache.organisations.clear();
    cache.names.clear();
    // Dropped whatever happened; a failure to drop must not hide the run's own error
    // (the tables go with the connection anyway).
    await scratch.drop().catch(() => undefined);
  }
  if (o.progress) await o.progress(processed);
  return report;
}
