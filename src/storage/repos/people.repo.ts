import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Person, PersonSummary } from '../../contract/people.js';
import { type CircleCadences, DEFAULT_CADENCES, effectiveCadence } from '../../domain/cadence.js';
import { queryTokens } from '../../domain/search.js';
import { escapeLike, fold, searchWords } from '../../domain/text.js';
import { prepared, sqliteOf } from '../bulk-insert.js';
import type { Database, PersonRow } from '../schema.js';
import { type CursorValue, decodeCursor, encodeCursor } from './cursor.js';
import { exchangeBalance } from './exchange.repo.js';
import { emailsOfPeople } from './contact-points.repo.js';
import { countLiveWithLabel, labelIdOf, labelsOfPeople } from './labels.repo.js';
import { isBuilt, personWordsMatch, reindex } from '../search/index.js';

type Q = Kysely<Database>;

export interface PeopleFilter {
  q?: string | undefined;
  circle?: string | undefined;
  tag?: string | undefined;
  topic?: string | undefined;
  purpose?: string | undefined;
  organisationId?: string | undefined;
  deleted: 'exclude' | 'only';
  sort: string;
  limit: number;
  cursor?: string | undefined;
}

/*
 * Each sort is a text key plus the id as tie-breaker, so one keyset condition
 * serves them all. The last-contact key maps "never" to '' so both databases
 * order it the same way (they disagree on where NULLs go).
 */
const SORT_KEYS = {
  name: sql<string>`p.sort_name`,
  created: sql<string>`p.created_at`,
  updated: sql<string>`p.updated_at`,
  lastContact: sql<string>`coalesce(p.last_interaction_at, '')`,
  // Strength is a number: the cursor's text is cast back so both databases compare numbers.
  strength: sql<string>`p.strength`,
  // People without a cadence are never due: last when ascending, on both databases.
  due: sql<string>`coalesce(p.next_due_on, '9999-12-31')`,
} as const;

function sortOf(sort: string) {
  const desc = sort.startsWith('-');
  const name = (desc ? sort.slice(1) : sort) as keyof typeof SORT_KEYS;
  return { key: SORT_KEYS[name] ?? SORT_KEYS.name, desc, numeric: name === 'strength' };
}

/** The ids of the list's tag and topic filters, looked up once per list (labelIdOf). */
interface LabelIds {
  tagId?: string;
  topicId?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the same filters apply to the page query (joined) and the count query (not); Kysely cannot type one function over both
type AnyPeopleQuery<O> = SelectQueryBuilder<any, any, O>;

/**
 * The WHERE of a people list; `p` must be the people table in the query.
 * `forCount`: tag, topic and purpose filters as `p.id in (…)` rather than a correlated
 * EXISTS. The page walks its sort index and stops after a page, so EXISTS is cheapest
 * there; the count has no such stop, and SQLite ran the EXISTS once per person
 * (~100 ms at 100k people) where the IN form looks up only the tagged ones.
 */
function applyFilters<O>(
  qb: AnyPeopleQuery<O>,
  workspaceId: string,
  f: PeopleFilter,
  indexed: boolean,
  labels: LabelIds,
  forCount = false,
): AnyPeopleQuery<O> {
  let q = qb.where('p.workspaceId', '=', workspaceId);
  q = f.deleted === 'only' ? q.where('p.deletedAt', 'is not', null) : q.where('p.deletedAt', 'is', null);
  const words = queryTokens(f.q ?? '');
  if (indexed && f.deleted !== 'only' && words.length > 0) {
    // Each word starts a word of the name, headline, role, organisation, place or an e-mail: a btree range each.
    q = q.where(personWordsMatch(workspaceId, words));
  } else {
    // The trash (not in the search index), or an index not built yet: a scan of the folded text.
    for (const w of searchWords(f.q)) {
      q = q.where(sql<boolean>`p.search_text like ${`%${escapeLike(w)}%`} escape '\\'`);
    }
  }
  if (f.circle) q = q.where('p.circle', '=', f.circle);
  if (f.organisationId) q = q.where('p.organisationId', '=', f.organisationId);
  if (f.purpose && forCount) {
    const purpose = f.purpose;
    q = q.where((eb) =>
      eb(
        'p.id',
        'in',
        eb
          .selectFrom('personPurposes as pp')
          .select('pp.personId')
          .where('pp.workspaceId', '=', workspaceId)
          .where('pp.purpose', '=', purpose),
      ),
    );
  } else if (f.purpose) {
    const purpose = f.purpose;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('personPurposes as pp')
          .select('pp.personId')
          .whereRef('pp.workspaceId', '=', 'p.workspaceId')
          .whereRef('pp.personId', '=', 'p.id')
          .where('pp.purpose', '=', purpose),
      ),
    );
  }
  // Tags and topics by the label's id, looked up once (labelIds): the page probes the links'
  // primary key (workspace, person, label) for each person its sort index hands out, instead of
  // joining the label table for every one of them; the count reads the label's links.
  for (const [id, link, col] of [
    [labels.tagId, 'personTags', 'tagId'],
    [labels.topicId, 'personTopics', 'topicId'],
  ] as const) {
    if (id === undefined) continue;
    const labelCol = `l.${col}` as 'l.tagId';
    q = forCount
      ? q.where((eb) =>
          eb(
            'p.id',
            'in',
            eb
              .selectFrom(`${link} as l` as 'personTags as l')
              .select('l.personId')
              .where('l.workspaceId', '=', workspaceId)
              .where(labelCol, '=', id),
          ),
        )
      : q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom(`${link} as l` as 'personTags as l')
              .select('l.personId')
              .whereRef('l.workspaceId', '=', 'p.workspaceId')
              .whereRef('l.personId', '=', 'p.id')
              .where(labelCol, '=', id)
              // With exact statistics SQLite turned the EXISTS into a join and first built a
              // Bloom filter over the label's links (15 ms for 5.9k links at L); a LIMIT keeps it a
              // probe of the links' key per person walked (2 ms). PostgreSQL drops the LIMIT.
              .limit(1),
          ),
        );
  }
  return q;
}

/** What a list shows of each person, with `p` the people table and `o` its organisation. */
const SUMMARY_COLUMNS = [
  'p.id',
  'p.fullName',
  'p.headline',
  'p.roleTitle',
  'p.organisationId',
  'o.name as organisationName',
  'p.photoUrl',
  'p.circle',
  'p.lastInteractionAt',
  'p.interactionCount',
  'p.nextDueOn',
  'p.strength',
  'p.strengthTrend',
  'p.createdAt',
  'p.deletedAt',
] as const;

export async function listPeople(
  db: Q,
  workspaceId: string,
  f: PeopleFilter,
): Promise<{ items: PersonSummary[]; nextCursor: string | null; total?: number }> {
  const { key, desc, numeric } = sortOf(f.sort);
  const cursor: CursorValue | undefined = decodeCursor(f.cursor, f.sort);
  const indexed = f.q ? await isBuilt(db, workspaceId) : false;
  const labels: LabelIds = {};
  for (const [table, name, key] of [
    ['tags', f.tag, 'tagId'],
    ['topics', f.topic, 'topicId'],
  ] as const) {
    if (!name) continue;
    const id = await labelIdOf(db, table, workspaceId, fold(name));
    // No such label: nobody has it.
    if (id === undefined) return cursor ? { items: [], nextCursor: null } : { items: [], nextCursor: null, total: 0 };
    labels[key] = id;
  }
  const dir = desc ? 'desc' : 'asc';
  /** The filters, the cursor and the sort on `p`, one page and one row more. */
  const page = <O>(qb: AnyPeopleQuery<O>): AnyPeopleQuery<O> => {
    let q = applyFilters(qb, workspaceId, f, indexed, labels);
    if (cursor) {
      const op = desc ? '<' : '>';
      q = q.where(
        // A row-value comparison lets both planners seek the index instead of scanning to the cursor.
        sql<boolean>`(${key}, p.id) ${sql.raw(op)} (${numeric ? sql`cast(${cursor.k} as double precision)` : cursor.k}, ${cursor.id})`,
      );
    }
    return q
      .orderBy(key, dir)
      .orderBy('p.id', dir)
      .limit(f.limit + 1);
  };
  // A tag, topic or purpose filter, or words, pass over people who are not on the page: the page is
  // found in the sort index alone, then its rows are read. Reading each passed-over person's row
  // made PostgreSQL's investor list at L read 963 rows for 51 (9.8 → 5.0 ms).
  const passesOver = labels.tagId !== undefined || labels.topicId !== undefined || !!f.purpose || indexed;
  const plain = db
    .selectFrom('people as p')
    .leftJoin('organisations as o', (j) =>
      j.onRef('o.workspaceId', '=', 'p.workspaceId').onRef('o.id', '=', 'p.organisationId'),
    )
    .select([...SUMMARY_COLUMNS, key.as('sortKey')]);
  let rows: Awaited<ReturnType<typeof plain.execute>>;
  if (passesOver) {
    const keys = page(db.selectFrom('people as p').select(['p.id', key.as('sortKey')])) as SelectQueryBuilder<
      Database & { p: PersonRow },
      'p',
      { id: string; sortKey: string }
    >;
    rows = await db
      .selectFrom(keys.as('k'))
      .innerJoin('people as p', (j) => j.on('p.workspaceId', '=', workspaceId).onRef('p.id', '=', 'k.id'))
      .leftJoin('organisations as o', (j) =>
        j.onRef('o.workspaceId', '=', 'p.workspaceId').onRef('o.id', '=', 'p.organisationId'),
      )
      .select([...SUMMARY_COLUMNS, 'k.sortKey'])
      .orderBy('k.sortKey', dir)
      .orderBy('k.id', dir)
      .execute();
  } else {
    rows = await (page(plain) as typeof plain).execute();
  }
  const more = rows.length > f.limit;
  const pageRows = more ? rows.slice(0, f.limit) : rows;
  const ids = pageRows.map((r) => r.id);
  // The total (first page only) is read beside the page's tags and e-mails: one wait fewer on PostgreSQL.
  const [tags, emails, total] = await Promise.all([
    labelsOfPeople(db, 'tags', workspaceId, ids),
    primaryEmails(db, workspaceId, ids),
    cursor ? undefined : more ? totalOf(db, workspaceId, f, indexed, labels) : pageRows.length,
  ]);
  const items: PersonSummary[] = pageRows.map((r) => ({
    id: r.id,
    fullName: r.fullName,
    headline: r.headline,
    roleTitle: r.roleTitle,
    organisation: r.organisationId && r.organisationName ? { id: r.organisationId, name: r.organisationName } : null,
    photoUrl: r.photoUrl,
    circle: r.circle as PersonSummary['circle'],
    primaryEmail: emails.get(r.id) ?? null,
    tags: tags.get(r.id) ?? [],
    lastInteractionAt: r.lastInteractionAt,
    interactionCount: r.interactionCount,
    nextDueOn: r.nextDueOn,
    strength: Number(r.strength),
    trend: r.strengthTrend as PersonSummary['trend'],
    createdAt: r.createdAt,
    deletedAt: r.deletedAt,
  }));
  const last = pageRows[pageRows.length - 1];
  const result: { items: PersonSummary[]; nextCursor: string | null; total?: number } = {
    items,
    nextCursor: more && last ? encodeCursor({ k: String(last.sortKey), id: last.id, s: f.sort }) : null,
  };
  if (total !== undefined) result.total = total;
  return result;
}

/** How many people the filters match in all, for a list's first page that has more than a page. */
async function totalOf(db: Q, workspaceId: string, f: PeopleFilter, indexed: boolean, labels: LabelIds) {
  if (!f.q && !f.circle && !f.organisationId && !f.purpose && f.deleted !== 'only' && !f.tag && !f.topic) {
    // No filter: the counter the triggers on people keep (migration 2026-11-26-1000).
    return liveCount(db, workspaceId);
  }
  if (!f.q && !f.circle && !f.organisationId && !f.purpose && f.deleted !== 'only' && !f.tag !== !f.topic) {
    // A tag or a topic alone: counted from the label's links.
    return countLiveWithLabel(db, f.tag ? 'tags' : 'topics', workspaceId, (labels.tagId ?? labels.topicId) as string);
  }
  const counter = db.selectFrom('people as p').select((eb) => eb.fn.countAll<string | number>().as('n'));
  const c = await (
    applyFilters(counter, workspaceId, f, indexed, labels, true) as typeof counter
  ).executeTakeFirstOrThrow();
  return Number(c.n);
}

/**
 * A new version and update time for people whose card changed without their row: a tag renamed,
 * an organisation renamed, what an import added taken away. CardDAV's ETag and its changes since
 * a sync follow both, and the web's edit form checks the version.
 */
export async function touchPeople(db: Q, workspaceId: string, personIds: readonly string[], now: string) {
  const unique = [...new Set(personIds)];
  for (let i = 0; i < unique.length; i += 500) {
    await db
      .updateTable('people')
      .set({ updatedAt: now, version: sql`version + 1` })
      .where('workspaceId', '=', workspaceId)
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
  }
}

/** Live people in the workspace, read from the counter kept by triggers on `people`. */
export async function liveCount(db: Q, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('peopleCounts')
    .select('live')
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.live ?? 0);
}

async function primaryEmails(db: Q, workspaceId: string, personIds: string[]) {
  const out = new Map<string, string>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom('contactPoints')
    .select(['personId', 'value', 'isPrimary', 'position'])
    .where('workspaceId', '=', workspaceId)
    .where('personId', 'in', personIds)
    .where('kind', '=', 'email')
    .orderBy('isPrimary', 'desc')
    .orderBy('position')
    .execute();
  for (const r of rows) if (!out.has(r.personId)) out.set(r.personId, r.value);
  return out;
}

export async function findPersonRow(db: Q, workspaceId: string, id: string): Promise<PersonRow | undefined> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Everything the person page shows, in a handful of indexed queries. The page itself is
 * read in one statement (person-page.repo.ts); this is the plain version its tests compare with.
 */
export async function hydratePerson(
  db: Q,
  row: PersonRow,
  cadences: CircleCadences = DEFAULT_CADENCES,
  now: Date = new Date(),
): Promise<Person> {
  const ws = row.workspaceId;
  const [org, points, tags, topics, purposes, roles, dates, learnings, introducer, exchange] = await Promise.all([
    row.organisationId
      ? db
          .selectFrom('organisations')
          .select(['id', 'name'])
          .where('workspaceId', '=', ws)
          .where('id', '=', row.organisationId)
          .executeTakeFirst()
      : undefined,
    db
      .selectFrom('contactPoints')
      .selectAll()
      .where('workspaceId', '=', ws)
      .where('personId', '=', row.id)
      .orderBy('position')
      .execute(),
    labelsOfPeople(db, 'tags', ws, [row.id]),
    labelsOfPeople(db, 'topics', ws, [row.id]),
    db
      .selectFrom('personPurposes')
      .select('purpose')
      .where('workspaceId', '=', ws)
      .where('personId', '=', row.id)
      .orderBy('purpose')
      .execute(),
    db
      .selectFrom('personRoles as r')
      .leftJoin('organisations as o', (j) =>
        j.onRef('o.workspaceId', '=', 'r.workspaceId').onRef('o.id', '=', 'r.organisationId'),
      )
      .select(['r.id', 'r.title', 'r.organisationId', 'o.name as organisationName', 'r.startedOn', 'r.endedOn'])
      .where('r.workspaceId', '=', ws)
      .where('r.personId', '=', row.id)
      .orderBy(sql`coalesce(r.ended_on, '9999')`, 'desc')
      .orderBy('r.createdAt', 'desc')
      .orderBy('r.id', 'desc')
      .execute(),
    db
      .selectFrom('importantDates')
      .selectAll()
      .where('workspaceId', '=', ws)
      .where('personId', '=', row.id)
      .orderBy('position')
      .execute(),
    listLearningsOf(db, ws, row.id),
    row.introducedById
      ? db
          .selectFrom('people')
          .select(['id', 'fullName'])
          .where('workspaceId', '=', ws)
          .where('id', '=', row.introducedById)
          .executeTakeFirst()
      : undefined,
    exchangeBalance(db, ws, row.id, now),
  ]);
  return {
    id: row.id,
    version: row.version,
    fullName: row.fullName,
    givenName: row.givenName,
    familyName: row.familyName,
    nickname: row.nickname,
    headline: row.headline,
    roleTitle: row.roleTitle,
    organisation: org ? { id: org.id, name: org.name } : null,
    location: row.location,
    timeZone: row.timeZone,
    photoUrl: row.photoUrl,
    circle: row.circle as Person['circle'],
    cadenceDays: row.cadenceDays,
    notes: row.notes,
    emails: points
      .filter((p) => p.kind === 'email')
      .map((p) => ({ value: p.value, label: p.label, primary: p.isPrimary === 1 })),
    phones: points
      .filter((p) => p.kind === 'phone')
      .map((p) => ({ value: p.value, label: p.label, primary: p.isPrimary === 1 })),
    links: points.filter((p) => p.kind === 'link').map((p) => ({ url: p.value, label: p.label })),
    tags: tags.get(row.id) ?? [],
    topics: topics.get(row.id) ?? [],
    purposes: purposes.map((p) => p.purpose as Person['purposes'][number]),
    howWeMet: {
      channel: row.metChannel as Person['howWeMet']['channel'],
      platform: row.metPlatform,
      date: row.metOn,
      event: row.metEvent,
      context: row.metContext,
      introducedBy: introducer ? { id: introducer.id, fullName: introducer.fullName } : null,
    },
    roles: roles.map((r) => ({
      id: r.id,
      title: r.title,
      organisation: r.organisationId && r.organisationName ? { id: r.organisationId, name: r.organisationName } : null,
      startedOn: r.startedOn,
      endedOn: r.endedOn,
    })),
    importantDates: dates.map((d) => ({
      kind: d.kind as Person['importantDates'][number]['kind'],
      label: d.label,
      month: d.month,
      day: d.day,
      year: d.year,
    })),
    learnings,
    visibility: row.visibility as Person['visibility'],
    lastInteractionAt: row.lastInteractionAt,
    interactionCount: row.interactionCount,
    keepInTouch: {
      cadenceDays: effectiveCadence(row.circle as Person['circle'], row.cadenceDays, cadences),
      nextDueOn: row.nextDueOn,
      snoozedUntil: row.snoozedUntil,
      lastMeaningfulAt: row.lastMeaningfulAt,
      strength: Number(row.strength),
      trend: row.strengthTrend as Person['keepInTouch']['trend'],
    },
    exchange,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
  };
}

export async function listLearningsOf(db: Q, workspaceId: string, personId: string) {
  const rows = await db
    .selectFrom('learnings')
    .select(['id', 'personId', 'category', 'body', 'learnedOn', 'createdAt'])
    .where('workspaceId', '=', workspaceId)
    .where('personId', '=', personId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, category: r.category as Person['learnings'][number]['category'] }));
}

/** Recomputes the folded text the list filter searches, after anything in it changed. */
export async function refreshSearchText(db: Q, workspaceId: string, personIds: string[]): Promise<void> {
  const unique = [...new Set(personIds)];
  const raw = sqliteOf(db);
  const update = raw ? prepared(raw, 'update people set search_text = ? where workspace_id = ? and id = ?') : null;
  for (let i = 0; i < unique.length; i += 500) {
    const ids = unique.slice(i, i + 500);
    const rows = await db
      .selectFrom('people as p')
      .leftJoin('organisations as o', (j) =>
        j.onRef('o.workspaceId', '=', 'p.workspaceId').onRef('o.id', '=', 'p.organisationId'),
      )
      .select([
        'p.id',
        'p.fullName',
        'p.nickname',
        'p.headline',
        'p.roleTitle',
        'p.location',
        'p.searchText',
        'o.name as orgName',
      ])
      .where('p.workspaceId', '=', workspaceId)
      .where('p.id', 'in', ids)
      .execute();
    if (rows.length === 0) continue;
    const mails = await emailsOfPeople(
      db,
      workspaceId,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      const text = fold(
        [
          row.fullName,
          row.nickname,
          row.headline,
          row.roleTitle,
          row.location,
          row.orgName,
          ...(mails.get(row.id) ?? []),
        ]
          .filter(Boolean)
          .join(' '),
      );
      if (text === row.searchText) continue;
      if (update) {
        update.run(text, workspaceId, row.id);
        continue;
      }
      await db
        .updateTable('people')
        .set({ searchText: text })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', row.id)
        .execute();
    }
  }
  await reindex(db, workspaceId, 'person', personIds);
}
