import { type Kysely, sql } from 'kysely';
import { effectiveCadence, nextDueOn } from '../domain/cadence.js';
import { localDate } from '../domain/dates.js';
import type { KeepInTouchSettings } from '../domain/settings.js';
import { assessStrength } from '../domain/strength.js';
import { fold, normaliseEmail, normalisePhone, normaliseUrl } from '../domain/text.js';
import { uuidv7 } from '../lib/ids.js';
import { STRENGTH_SETTLED } from '../storage/repos/keep-in-touch.repo.js';
import { refreshSearchText } from '../storage/repos/people.repo.js';
import { indexNewPeople, reindex } from '../storage/search/index.js';
import type { PersonSource } from '../storage/search/docs.js';
import type { Database } from '../storage/schema.js';
import { prepared, sqliteOf } from '../storage/bulk-insert.js';
import { bulkOf } from './bulk.js';
import type { PersonDraft } from './types.js';

/*
 * The write side of an import, one batch of rows in one transaction: new
 * people go in with multi-row inserts (people, contact points, roles, tags,
 * birthdays), updates are one statement per changed person, and every change
 * is recorded so the batch can be undone.
 */

type Q = Kysely<Database>;
// Rows per multi-row INSERT: few statements to prepare, under both databases' parameter limits (32,766 and 65,535).
const ROWS_PER_INSERT = 500;

export interface ChangeLog {
  workspaceId: string;
  batchId: string;
  seq: number;
  rows: {
    workspaceId: string;
    batchId: string;
    seq: number;
    entity: string;
    entityId: string;
    action: string;
    previous: string | null;
  }[];
}

export function record(
  log: ChangeLog,
  entity: string,
  entityId: string,
  action: 'created' | 'updated',
  previous?: unknown,
) {
  log.seq++;
  log.rows.push({
    workspaceId: log.workspaceId,
    batchId: log.batchId,
    seq: log.seq,
    entity,
    entityId,
    action,
    previous: previous === undefined ? null : JSON.stringify(previous),
  });
}

export async function flushLog(db: Q, log: ChangeLog): Promise<void> {
  const bulk = bulkOf(db);
  if (bulk) {
    bulk('importChanges', log.rows);
    log.rows = [];
    return;
  }
  for (let i = 0; i < log.rows.length; i += ROWS_PER_INSERT * 2) {
    await db
      .insertInto('importChanges')
      .values(log.rows.slice(i, i + ROWS_PER_INSERT * 2))
      .execute();
  }
  log.rows = [];
}

export async function insertChunked<T extends keyof Database>(
  db: Q,
  table: T,
  rows: Record<string, unknown>[],
  per = ROWS_PER_INSERT,
): Promise<void> {
  const bulk = bulkOf(db);
  if (bulk) {
    bulk(table, rows);
    return;
  }
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per) as never;
    // One helper inserts into several tables; each caller builds that table's rows.
    await db.insertInto(table).values(part).execute();
  }
}

/** Caches of names → ids over a whole import, so an organisation is looked up once. */
export interface NameCache {
  organisations: Map<string, string>;
  tags: Map<string, string>;
  /** id → name as stored (an existing organisation or tag may be spelt otherwise than the file has it). */
  names: Map<string, string>;
}

/** Ids of organisations by name, creating the missing ones (recorded for undo). */
export async function resolveOrganisations(
  db: Q,
  workspaceId: string,
  names: string[],
  cache: Map<string, string>,
  log: ChangeLog,
  now: string,
  stored?: Map<string, string>,
): Promise<void> {
  const wanted = new Map<string, string>();
  for (const n of names) {
    const k = fold(n);
    if (k && !cache.has(k) && !wanted.has(k)) wanted.set(k, n.trim());
  }
  if (wanted.size === 0) return;
  const keys = [...wanted.keys()];
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    const found = await db
      .selectFrom('organisations')
      .select(['id', 'sortName', 'name'])
      .where('workspaceId', '=', workspaceId)
      .where('deletedAt', 'is', null)
      .where('sortName', 'in', part)
      .execute();
    for (const f of found) {
      cache.set(f.sortName, f.id);
      stored?.set(f.id, f.name);
    }
  }
  const missing = keys.filter((k) => !cache.has(k));
  const rows = missing.map((k) => ({
    id: uuidv7(),
    workspaceId,
    name: wanted.get(k) as string,
    sortName: k,
    domain: null,
    website: null,
    industry: null,
    location: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  }));
  await insertChunked(db, 'organisations', rows);
  await reindex(
    db,
    workspaceId,
    'organisation',
    rows.map((r) => r.id),
    // New ids: nothing of theirs to clear from the index.
    { fresh: true },
  );
  for (const r of rows) {
    cache.set(r.sortName, r.id);
    stored?.set(r.id, r.name);
    record(log, 'organisation', r.id, 'created');
  }
}

export async function resolveTags(
  db: Q,
  workspaceId: string,
  names: string[],
  cache: Map<string, string>,
  log: ChangeLog,
  now: string,
  stored?: Map<string, string>,
): Promise<void> {
  const wanted = new Map<string, string>();
  for (const n of names) {
    const k = fold(n);
    if (k && !cache.has(k) && !wanted.has(k)) wanted.set(k, n.trim().slice(0, 60));
  }
  if (wanted.size === 0) return;
  const keys = [...wanted.keys()];
  const found = await db
    .selectFrom('tags')
    .select(['id', 'normalized', 'name'])
    .where('workspaceId', '=', workspaceId)
    .where('normalized', 'in', keys)
    .execute();
  for (const f of found) {
    cache.set(f.normalized, f.id);
    stored?.set(f.id, f.name);
  }
  const rows = keys
    .filter((k) => !cache.has(k))
    .map((k) => ({
      id: uuidv7(),
      workspaceId,
      name: wanted.get(k) as string,
      normalized: k,
      color: null,
      createdAt: now,
    }));
  await insertChunked(db, 'tags', rows);
  for (const r of rows) {
    cache.set(r.normalized, r.id);
    stored?.set(r.id, r.name);
    record(log, 'tag', r.id, 'created');
  }
}

export function contactRows(
  workspaceId: string,
  personId: string,
  p: Pick<PersonDraft, 'emails' | 'phones' | 'links'>,
  startPositions: { email: number; phone: number; link: number } = { email: 0, phone: 0, link: 0 },
) {
  const rows: {
    id: string;
    workspaceId: string;
    personId: string;
    kind: 'email' | 'phone' | 'link';
    label: string | null;
    value: string;
    normalized: string;
    isPrimary: number;
    position: number;
  }[] = [];
  const add = (kind: 'email' | 'phone' | 'link', value: string, label: string | null, i: number, norm: string) => {
    const position = startPositions[kind] + i;
    rows.push({
      id: uuidv7(),
      workspaceId,
      personId,
      kind,
      label,
      value,
      normalized: norm,
      isPrimary: position === 0 ? 1 : 0,
      position,
    });
  };
  for (const [i, e] of p.emails.entries()) add('email', e.value, e.label, i, normaliseEmail(e.value));
  for (const [i, e] of p.phones.entries()) add('phone', e.value, e.label, i, normalisePhone(e.value));
  for (const [i, l] of p.links.entries()) add('link', l.url, l.label, i, normaliseUrl(l.url));
  return rows;
}

export interface NewPersonPlan {
  id: string;
  draft: PersonDraft;
}

/** Inserts new people and everything that hangs off them; records each person (undo deletes them with a cascade). */
export async function insertPeople(
  db: Q,
  workspaceId: string,
  plans: NewPersonPlan[],
  ctx: { now: string; nowDate: Date; settings: KeepInTouchSettings; cache: NameCache; log: ChangeLog },
): Promise<void> {
  if (plans.length === 0) return;
  const { now, settings, cache, log } = ctx;
  await resolveOrganisations(
    db,
    workspaceId,
    plans.map((p) => p.draft.organisation ?? '').filter(Boolean),
    cache.organisations,
    log,
    now,
    cache.names,
  );
  await resolveTags(
    db,
    workspaceId,
    plans.flatMap((p) => p.draft.tags),
    cache.tags,
    log,
    now,
    cache.names,
  );
  const createdOn = localDate(ctx.nowDate, settings.timeZone);
  const due = nextDueOn({
    cadenceDays: effectiveCadence('none', null, settings.cadences),
    lastMeaningfulOn: null,
    createdOn,
    snoozedUntil: null,
  });
  const { strength, trend } = assessStrength([], ctx.nowDate);
  const people: Record<string, unknown>[] = [];
  const points: Record<string, unknown>[] = [];
  const roles: Record<string, unknown>[] = [];
  const tags: Record<string, unknown>[] = [];
  const dates: Record<string, unknown>[] = [];
  // What the search index is built from, as reindex would read it back.
  const sources: PersonSource[] = [];
  const tagNames = new Map<string, string[]>();
  const mails = new Map<string, string[]>();
  for (const { id, draft: d } of plans) {
    const orgId = d.organisation ? (cache.organisations.get(fold(d.organisation)) ?? null) : null;
    const search = fold(
      [d.fullName, d.nickname, d.headline, d.roleTitle, d.location, d.organisation, ...d.emails.map((e) => e.value)]
        .filter(Boolean)
        .join(' '),
    );
    people.push({
      id,
      workspaceId,
      fullName: d.fullName,
      givenName: d.givenName,
      familyName: d.familyName,
      nickname: d.nickname,
      sortName: fold(d.fullName),
      searchText: search,
      headline: d.headline,
      roleTitle: d.roleTitle,
      organisationId: orgId,
      location: d.location,
      timeZone: null,
      photoUrl: d.photoUrl,
      cadenceDays: null,
      notes: d.notes ?? '',
      metChannel: d.metChannel,
      metPlatform: d.metPlatform,
      metOn: d.metOn,
      metEvent: null,
      metContext: d.metContext,
      introducedById: null,
      lastInteractionAt: null,
      nextDueOn: due,
      strength,
      strengthTrend: trend,
      strengthOn: STRENGTH_SETTLED,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    points.push(...contactRows(workspaceId, id, d));
    if (d.roleTitle || orgId) {
      roles.push({
        id: uuidv7(),
        workspaceId,
        personId: id,
        title: d.roleTitle,
        organisationId: orgId,
        startedOn: null,
        endedOn: null,
        createdAt: now,
      });
    }
    const seen = new Set<string>();
    const named: string[] = [];
    for (const t of d.tags) {
      const tagId = cache.tags.get(fold(t));
      if (tagId && !seen.has(tagId)) {
        seen.add(tagId);
        tags.push({ workspaceId, personId: id, tagId });
        named.push(cache.names.get(tagId) ?? t);
      }
    }
    if (named.length > 0) tagNames.set(id, named);
    if (d.emails.length > 0)
      mails.set(
        id,
        d.emails.map((e) => e.value),
      );
    sources.push({
      id,
      fullName: d.fullName,
      nickname: d.nickname,
      headline: d.headline,
      roleTitle: d.roleTitle,
      location: d.location,
      notes: d.notes ?? '',
      metEvent: null,
      metContext: d.metContext,
      lastInteractionAt: null,
      updatedAt: now,
      orgName: orgId ? (cache.names.get(orgId) ?? null) : null,
    });
    if (d.birthday) {
      dates.push({
        id: uuidv7(),
        workspaceId,
        personId: id,
        kind: 'birthday',
        label: null,
        month: d.birthday.month,
        day: d.birthday.day,
        year: d.birthday.year,
        position: 0,
      });
    }
    record(log, 'person', id, 'created');
  }
  await insertChunked(db, 'people', people, 250);
  await insertChunked(db, 'contactPoints', points);
  await insertChunked(db, 'personRoles', roles);
  await insertChunked(db, 'personTags', tags);
  await insertChunked(db, 'importantDates', dates);
  await indexNewPeople(db, workspaceId, sources, tagNames, mails);
}

/** The columns of people an import may change, as the person row names them. */
export const PERSON_FIELDS = [
  'fullName',
  'givenName',
  'familyName',
  'nickname',
  'headline',
  'roleTitle',
  'organisationId',
  'location',
  'notes',
  'photoUrl',
  'metChannel',
  'metPlatform',
  'metOn',
  'metContext',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export interface UpdatePlan {
  personId: string;
  /** New values of changed columns; organisationId is resolved from organisationName at write time. */
  set: Partial<Record<PersonField, string | null>>;
  previous: Partial<Record<PersonField, string | null>>;
  organisationName?: string | null;
  add: Pick<PersonDraft, 'emails' | 'phones' | 'links'>;
  positions: { email: number; phone: number; link: number };
  tags: string[];
  birthday: PersonDraft['birthday'];
  roleChange: { title: string | null; organisation: string | null; was: string } | null;
}

export async function applyUpdates(
  db: Q,
  workspaceId: string,
  plans: UpdatePlan[],
  ctx: { now: string; nowDate: Date; settings: KeepInTouchSettings; cache: NameCache; log: ChangeLog },
): Promise<number> {
  if (plans.length === 0) return 0;
  const { now, cache, log, settings } = ctx;
  const today = localDate(ctx.nowDate, settings.timeZone);
  await resolveOrganisations(
    db,
    workspaceId,
    plans.map((p) => p.organisationName ?? '').filter(Boolean),
    cache.organisations,
    log,
    now,
    cache.names,
  );
  await resolveTags(
    db,
    workspaceId,
    plans.flatMap((p) => p.tags),
    cache.tags,
    log,
    now,
    cache.names,
  );
  let achievements = 0;
  const raw = sqliteOf(db);
  const points: Record<string, unknown>[] = [];
  const personTags: Record<string, unknown>[] = [];
  const dates: Record<string, unknown>[] = [];
  for (const p of plans) {
    const set: Record<string, unknown> = { ...p.set };
    if (p.organisationName !== undefined) {
      set.organisationId = p.organisationName ? (cache.organisations.get(fold(p.organisationName)) ?? null) : null;
    }
    if (set.fullName) set.sortName = fold(String(set.fullName));
    // Every plan changes the person, if only by a contact point, tag or birthday: a new version
    // and update time tell CardDAV clients (the vCard's ETag, the changes since a sync) and the
    // web's edit form (its version check) that the card is not what they hold.
    const cols = Object.keys(set);
    if (raw) {
      const assign = cols.map((c) => `${c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`)} = ?, `).join('');
      prepared(
        raw,
        `update people set ${assign}updated_at = ?, version = version + 1 where workspace_id = ? and id = ?`,
      ).run(...cols.map((c) => set[c] ?? null), now, workspaceId, p.personId);
    } else {
      await db
        .updateTable('people')
        .set({ ...set, updatedAt: now, version: sql`version + 1` })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', p.personId)
        .execute();
    }
    if (cols.length > 0) {
      const prev = { ...p.previous } as Record<string, unknown>;
      if (set.fullName) prev.sortName = fold(String(p.previous.fullName ?? ''));
      record(log, 'person', p.personId, 'updated', prev);
    }
    for (const row of contactRows(workspaceId, p.personId, p.add, p.positions)) {
      points.push(row);
      record(log, 'contact_point', row.id, 'created');
    }
    const seen = new Set<string>();
    for (const t of p.tags) {
      const tagId = cache.tags.get(fold(t));
      if (!tagId || seen.has(tagId)) continue;
      seen.add(tagId);
      personTags.push({ workspaceId, personId: p.personId, tagId });
      record(log, 'person_tag', `${p.personId}|${tagId}`, 'created');
    }
    if (p.birthday) {
      const id = uuidv7();
      dates.push({
        id,
        workspaceId,
        personId: p.personId,
        kind: 'birthday',
        label: null,
        month: p.birthday.month,
        day: p.birthday.day,
        year: p.birthday.year,
        position: 0,
      });
      record(log, 'important_date', id, 'created');
    }
    if (p.roleChange) {
      const open = await db
        .selectFrom('personRoles')
        .select(['id'])
        .where('workspaceId', '=', workspaceId)
        .where('personId', '=', p.personId)
        .where('endedOn', 'is', null)
        .execute();
      for (const r of open) {
        await db
          .updateTable('personRoles')
          .set({ endedOn: today })
          .where('workspaceId', '=', workspaceId)
          .where('id', '=', r.id)
          .execute();
        record(log, 'person_role', r.id, 'updated', { endedOn: null });
      }
      const roleId = uuidv7();
      const orgId = p.roleChange.organisation
        ? (cache.organisations.get(fold(p.roleChange.organisation)) ?? null)
        : null;
      await db
        .insertInto('personRoles')
        .values({
          id: roleId,
          workspaceId,
          personId: p.personId,
          title: p.roleChange.title,
          organisationId: orgId,
          startedOn: today,
          endedOn: null,
          createdAt: now,
        })
        .execute();
      record(log, 'person_role', roleId, 'created');
      const achievementId = uuidv7();
      const title = [p.roleChange.title, p.roleChange.organisation].filter(Boolean).join(' at ') || 'New role';
      await db
        .insertInto('achievements')
        .values({
          id: achievementId,
          workspaceId,
          personId: p.personId,
          kind: 'new_role',
          title: title.slice(0, 300),
          occurredOn: today,
          url: null,
          notes: `Seen in an import; before: ${p.roleChange.was}.`,
          congratulatedAt: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      record(log, 'achievement', achievementId, 'created');
      achievements++;
    }
  }
  await insertChunked(db, 'contactPoints', points);
  await insertChunked(db, 'personTags', personTags);
  await insertChunked(db, 'importantDates', dates);
  await refreshSearchText(
    db,
    workspaceId,
    plans.map((p) => p.personId),
  );
  return achievements;
}
