import { type RawBuilder, sql } from 'kysely';
import { prefixEnd } from '../../domain/search.js';
import { prepared, sqliteOf } from '../bulk-insert.js';
import { isPostgres } from '../db.js';
import { preparedQuery, type Slots } from '../prepared-query.js';
import {
  addPeople,
  type IndexBatch,
  interactionDoc,
  loadBatch,
  type NameRow,
  type PersonSource,
  type SearchDoc,
  type SourceKind,
} from './docs.js';
import { docValues, postgresSearch } from './postgres.js';
import { sqliteSearch } from './sqlite.js';
import type { Q, SearchBackend } from './types.js';

/*
 * The one interface to the search index. Write paths call `reindex(k, ws,
 * kind, ids)` in their own transaction after changing source rows: it reads
 * the rows back and makes the index match them (a missing or trashed row
 * loses its entries). Names (a btree of folded words) are portable; the
 * full-text part is picked by dialect.
 */

export type { DocKind, SourceKind } from './docs.js';
export { DOC_KINDS } from './docs.js';
export type { DocRow, FtsQuery, SearchBackend } from './types.js';

export function backendOf(k: Q): SearchBackend {
  return isPostgres(k) ? postgresSearch : sqliteSearch;
}

const CHUNK = 500;

const nameKey = (n: NameRow) => `${n.kind}\u0000${n.refId}\u0000${n.field}\u0000${n.token}`;

/**
 * The name rows of `batch.clearNames` made to match `batch.names`: rows that no longer belong
 * are deleted, and what is returned is only what is missing. Most reindexing changes no name
 * word (a tag renamed, a note, a role's dates), and deleting every word of a person to insert
 * the same words again was most of the time of reindexing people: 3.2 of 4.2 s of statements
 * for a tag on 5,894 people at L.
 */
async function settleNames(k: Q, ws: string, batch: IndexBatch): Promise<NameRow[]> {
  if (batch.clearNames.length === 0) return batch.names;
  const clearing = new Set(batch.clearNames);
  const wanted = new Set<string>();
  for (const n of batch.names) if (clearing.has(n.refId)) wanted.add(nameKey(n));
  const held = new Set<string>();
  const gone: NameRow[] = [];
  for (let i = 0; i < batch.clearNames.length; i += CHUNK) {
    const rows = await k
      .selectFrom('searchNames')
      .select(['kind', 'refId', 'field', 'token'])
      .where('workspaceId', '=', ws)
      .where('refId', 'in', batch.clearNames.slice(i, i + CHUNK))
      .execute();
    for (const r of rows as NameRow[]) {
      const key = nameKey(r);
      held.add(key);
      if (!wanted.has(key)) gone.push(r);
    }
  }
  // Row values in a VALUES list: one statement per 200 rows on both databases.
  for (let i = 0; i < gone.length; i += 200) {
    const part = gone.slice(i, i + 200);
    await k
      .deleteFrom('searchNames')
      .where('workspaceId', '=', ws)
      .where(
        sql<boolean>`(kind, ref_id, field, token) in (values ${sql.join(
          part.map((n) => sql`(${n.kind}, ${n.refId}, ${n.field}, ${n.token})`),
        )})`,
      )
      .execute();
  }
  return batch.names.filter((n) => !held.has(nameKey(n)));
}

/** Inserts name rows (the caller settled what was there first). */
async function writeNames(k: Q, ws: string, names: readonly NameRow[]) {
  const raw = sqliteOf(k);
  if (raw) {
    // A SQLite transaction with its connection attached (an import): one prepared statement per row.
    const insert = prepared(
      raw,
      'insert into search_names (workspace_id, kind, ref_id, token, field) values (?, ?, ?, ?, ?) on conflict do nothing',
    );
    for (const n of names) insert.run(ws, n.kind, n.refId, n.token, n.field);
    return;
  }
  if (isPostgres(k)) {
    // One array per column: the statement's size does not grow with the rows, so PostgreSQL
    // parses and plans it once per batch instead of a VALUES list of thousands of parameters.
    for (let i = 0; i < names.length; i += CHUNK * 10) {
      const part = names.slice(i, i + CHUNK * 10);
      await sql`insert into search_names (workspace_id, kind, ref_id, token, field)
        select ${ws}, * from unnest(${part.map((n) => n.kind)}::text[], ${part.map((n) => n.refId)}::text[],
          ${part.map((n) => n.token)}::text[], ${part.map((n) => n.field)}::text[])
        on conflict do nothing`.execute(k);
    }
    return;
  }
  for (let i = 0; i < names.length; i += CHUNK) {
    const rows = names.slice(i, i + CHUNK).map((n: NameRow) => ({ workspaceId: ws, ...n }));
    await k
      .insertInto('searchNames')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/**
 * Writes batches to the index. On SQLite with the connection attached (an import), the name
 * words of all the batches go in at the end in key order, so the inserts walk the token
 * indexes from one page to the next instead of at random (not measured on its own).
 */
function indexWriter(k: Q, ws: string) {
  const backend = backendOf(k);
  const sorted = sqliteOf(k) ? ([] as NameRow[]) : null;
  return {
    async write(batch: IndexBatch) {
      await backend.writeDocs(k, ws, batch);
      const missing = await settleNames(k, ws, batch);
      if (sorted) for (const n of missing) sorted.push(n);
      else await writeNames(k, ws, missing);
    },
    async end() {
      if (!sorted || sorted.length === 0) return;
      sorted.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
      await writeNames(k, ws, sorted);
    },
  };
}

/** Makes the index match the source rows of these ids (created, changed, trashed or gone). */
export async function reindex(
  k: Q,
  ws: string,
  kind: SourceKind,
  ids: readonly string[],
  opts: { fresh?: boolean } = {},
): Promise<void> {
  const unique = [...new Set(ids)];
  const writer = indexWriter(k, ws);
  for (let i = 0; i < unique.length; i += CHUNK) {
    const batch = await loadBatch(k, ws, kind, unique.slice(i, i + CHUNK));
    if (opts.fresh) {
      // A rebuild cleared the workspace first: there is nothing old to look up.
      batch.clear = [];
      batch.clearNames = [];
    }
    await writer.write(batch);
  }
  await writer.end();
}

/** SQLite: a new search doc and its full-text row (`indexNewInteraction`). */
const insertSqliteDoc = preparedQuery(
  (k, $: Slots<'ws' | 'kind' | 'refId' | 'personId' | 'title' | 'subtitle' | 'body' | 'at'>) =>
    k
      .insertInto('searchDocs')
      .values({
        workspaceId: $.ws,
        kind: $.kind,
        refId: $.refId,
        personId: $.personId,
        title: $.title,
        subtitle: $.subtitle,
        body: $.body,
        at: $.at,
      })
      .returning(sql<number>`doc_id`.as('docId')),
);
const insertSqliteFts = preparedQuery(
  (_, $: Slots<'rowid' | 'ft' | 'fb'>) =>
    sql`insert into search_fts (rowid, ft, fb) values (${$.rowid}, ${$.ft}, ${$.fb})`,
);

/**
 * SQLite: indexes an interaction just inserted from the values written (its people in name
 * order), without reading it back: the doc `reindex` would build from the same rows. Two
 * prepared statements: the hot path of logging (PostgreSQL writes the doc with the
 * interaction's own inserts, `newInteractionDocValues`).
 */
export async function indexNewInteraction(
  k: Q,
  ws: string,
  row: Parameters<typeof interactionDoc>[0],
  people: Parameters<typeof interactionDoc>[1],
): Promise<void> {
  const d = interactionDoc(row, people);
  if (isPostgres(k)) {
    await postgresSearch.writeDocs(k, ws, { clear: [], docs: [d], names: [], clearNames: [] });
    return;
  }
  const [doc] = (await insertSqliteDoc(k, { ws, ...d })).rows;
  await insertSqliteFts(k, { rowid: doc?.docId, ft: d.ft, fb: d.fb });
}

/** PostgreSQL: the columns of `newInteractionDocValues`, camel-cased as Kysely's builder names them. */
export const NEW_DOC_COLUMNS = ['workspaceId', 'kind', 'refId', 'personId', 'title', 'subtitle', 'body', 'at', 'tsv'];

/** The slots of a search doc in a prepared statement (`newInteractionDocValues`). */
export type DocSlot = `doc${Capitalize<keyof SearchDoc>}`;

/** A new interaction's search doc as the values of `DocSlot`s. */
export function newInteractionDocSlots(
  row: Parameters<typeof interactionDoc>[0],
  people: Parameters<typeof interactionDoc>[1],
): Record<DocSlot, unknown> {
  const d = interactionDoc(row, people);
  return {
    docKind: d.kind,
    docRefId: d.refId,
    docPersonId: d.personId,
    docTitle: d.title,
    docSubtitle: d.subtitle,
    docBody: d.body,
    docAt: d.at,
    docFt: d.ft,
    docFb: d.fb,
  };
}

/**
 * PostgreSQL: `values (…)` of a new interaction's search doc from slots, for a prepared
 * statement that sends it with the interaction's own inserts (`logInteraction`); what
 * `indexNewInteraction` writes.
 */
export function newInteractionDocValues(ws: unknown, $: Slots<DocSlot>): RawBuilder<unknown> {
  return sql`values ${docValues(ws as string, {
    kind: $.docKind,
    refId: $.docRefId,
    personId: $.docPersonId,
    title: $.docTitle,
    subtitle: $.docSubtitle,
    body: $.docBody,
    at: $.docAt,
    ft: $.docFt,
    fb: $.docFb,
  })}`;
}

/** Many interactions just inserted (an import), each with its people in name order: as `indexNewInteraction`. */
export async function indexNewInteractions(
  k: Q,
  ws: string,
  items: readonly { row: Parameters<typeof interactionDoc>[0]; people: Parameters<typeof interactionDoc>[1] }[],
): Promise<void> {
  const backend = backendOf(k);
  for (let i = 0; i < items.length; i += CHUNK) {
    const docs = items.slice(i, i + CHUNK).map((x) => interactionDoc(x.row, x.people));
    await backend.writeDocs(k, ws, { clear: [], docs, names: [], clearNames: [] });
  }
}

/**
 * Indexes people just inserted from the values the caller wrote (an import), without
 * reading them back: what `reindex` would build from the same rows. `tags` holds each
 * person's tag names as stored, `mails` their e-mails in position order.
 */
export async function indexNewPeople(
  k: Q,
  ws: string,
  people: readonly PersonSource[],
  tags: ReadonlyMap<string, string[]>,
  mails: ReadonlyMap<string, string[]>,
): Promise<void> {
  const writer = indexWriter(k, ws);
  const none = new Map<string, string[]>();
  for (let i = 0; i < people.length; i += CHUNK) {
    const batch: IndexBatch = { clear: [], docs: [], names: [], clearNames: [] };
    addPeople(batch, people.slice(i, i + CHUNK), tags, none, mails);
    await writer.write(batch);
  }
  await writer.end();
}

/**
 * A person and everything filed under them: their learnings and the
 * interactions they took part in (after a merge moved them, or a name changed
 * that interaction subtitles show).
 */
export async function reindexPeopleDeep(k: Q, ws: string, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await reindex(k, ws, 'person', personIds);
  const ids = [...personIds];
  const [learnings, interactions, stale] = await Promise.all([
    k.selectFrom('learnings').select('id').where('workspaceId', '=', ws).where('personId', 'in', ids).execute(),
    k
      .selectFrom('interactionParticipants')
      .select('interactionId')
      .where('workspaceId', '=', ws)
      .where('personId', 'in', ids)
      .execute(),
    // Docs still filed under a person that no longer holds them (a merged-away person).
    k
      .selectFrom('searchDocs')
      .select(['kind', 'refId'])
      .where('workspaceId', '=', ws)
      .where('personId', 'in', ids)
      .where('kind', 'in', ['learning', 'interaction'])
      .execute(),
  ]);
  const l = new Set(learnings.map((r) => r.id));
  const i = new Set(interactions.map((r) => r.interactionId));
  for (const s of stale) (s.kind === 'learning' ? l : i).add(s.refId);
  await reindex(k, ws, 'learning', [...l]);
  await reindex(k, ws, 'interaction', [...i]);
}

const SOURCES: {
  kind: SourceKind;
  table: 'people' | 'organisations' | 'learnings' | 'interactions' | 'events' | 'resources';
}[] = [
  { kind: 'person', table: 'people' },
  { kind: 'organisation', table: 'organisations' },
  { kind: 'learning', table: 'learnings' },
  { kind: 'interaction', table: 'interactions' },
  { kind: 'event', table: 'events' },
  { kind: 'resource', table: 'resources' },
];

/** Rebuilds a workspace's whole index from its source rows; returns how many rows were read. */
export async function rebuildWorkspace(
  k: Q,
  ws: string,
  progress?: (kind: SourceKind, done: number) => void,
): Promise<number> {
  const backend = backendOf(k);
  await backend.clearWorkspace(k, ws);
  await k.deleteFrom('searchNames').where('workspaceId', '=', ws).execute();
  let total = 0;
  for (const s of SOURCES) {
    let after = '';
    for (;;) {
      const rows = await k
        .selectFrom(s.table)
        .select('id')
        .where('workspaceId', '=', ws)
        .where('id', '>', after)
        .orderBy('id')
        .limit(2000)
        .execute();
      if (rows.length === 0) break;
      await reindex(
        k,
        ws,
        s.kind,
        rows.map((r) => r.id),
        { fresh: true },
      );
      total += rows.length;
      after = rows[rows.length - 1]?.id ?? after;
      progress?.(s.kind, total);
    }
  }
  await k.deleteFrom('searchState').where('workspaceId', '=', ws).execute();
  await k.insertInto('searchState').values({ workspaceId: ws, builtAt: new Date().toISOString() }).execute();
  return total;
}

export async function isBuilt(k: Q, ws: string): Promise<boolean> {
  const row = await k.selectFrom('searchState').select('workspaceId').where('workspaceId', '=', ws).executeTakeFirst();
  return row !== undefined;
}

/** Builds a workspace's index on its first search (a database from before search existed). */
export async function ensureBuilt(k: Q, ws: string): Promise<void> {
  if (await isBuilt(k, ws)) return;
  await k.transaction().execute(async (trx) => {
    if (await isBuilt(trx, ws)) return;
    await rebuildWorkspace(trx, ws);
  });
}

/** One word of a query against the names index: a prefix, and (for a typo) exact alternatives. */
export interface TokenCond {
  prefix: string | null;
  exact: string[];
}

function condSql(alias: string, c: TokenCond): RawBuilder<boolean> {
  const col = sql.ref(`${alias}.token`);
  const parts: RawBuilder<boolean>[] = [];
  if (c.prefix !== null) parts.push(sql<boolean>`(${col} >= ${c.prefix} and ${col} < ${prefixEnd(c.prefix)})`);
  if (c.exact.length > 0) parts.push(sql<boolean>`${col} in (${sql.join(c.exact)})`);
  return parts.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/**
 * The name rows (kind, ref_id) of a condition: one range of the covering words index per
 * alternative, joined by UNION ALL. As an OR in one WHERE, SQLite read the whole index
 * instead of the two ranges once the index covered the query.
 */
function condRows(ws: string, c: TokenCond): RawBuilder<unknown> {
  const from = sql`select kind, ref_id from search_names where workspace_id = ${ws} and field = 'n'`;
  const parts: RawBuilder<unknown>[] = [];
  if (c.prefix !== null) parts.push(sql`${from} and token >= ${c.prefix} and token < ${prefixEnd(c.prefix)}`);
  if (c.exact.length > 0) parts.push(sql`${from} and token in (${sql.join(c.exact)})`);
  if (parts.length === 0) parts.push(sql`${from} and 1 = 0`);
  return sql.join(parts, sql` union all `);
}

/** How many name rows match a condition, counted up to `upTo` + 1. */
async function rangeSize(k: Q, ws: string, c: TokenCond, upTo: number): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (select 1 from (${condRows(ws, c)}) r
    limit ${upTo + 1}) x`.execute(k);
  return Number(rows[0]?.n ?? 0);
}

/**
 * People and organisations whose name words match every condition, at most
 * cap + 1 of them (the caller knows the set was cut when it gets cap + 1).
 * With several words, the first with at most `cap` names, or else the one with
 * the fewest, drives and the others are checked per candidate (a seek each), so
 * `Mar Co` walks the 3,100 `mar…` names rather than the 4,500 `co…` ones. Null when every word matches more than `scan`
 * names (one-letter words): listing them would walk most of the network.
 */
export async function nameCandidates(
  k: Q,
  ws: string,
  conds: readonly TokenCond[],
  kinds: readonly ('person' | 'organisation')[],
  cap: number,
  scan: number,
): Promise<{ kind: string; refId: string }[] | null> {
  if (conds.length === 0 || kinds.length === 0) return [];
  let ordered = [...conds];
  if (conds.length > 1) {
    // In the caller's order (longest word first): a word with at most `cap` names drives at once.
    let least = 0;
    let fewest = Number.POSITIVE_INFINITY;
    for (const [i, c] of conds.entries()) {
      const n = await rangeSize(k, ws, c, scan);
      if (n < fewest) [least, fewest] = [i, n];
      if (n <= cap) break;
    }
    if (fewest > scan) return null;
    ordered = [conds[least] as TokenCond, ...conds.filter((_, i) => i !== least)];
  }
  const [first, ...rest] = ordered as [TokenCond, ...TokenCond[]];
  const others = rest.map(
    (c, i) => sql<boolean>`exists (select 1 from search_names ${sql.raw(`n${i + 2}`)}
      where ${sql.ref(`n${i + 2}.workspace_id`)} = ${ws} and ${sql.ref(`n${i + 2}.ref_id`)} = n.ref_id
        and ${sql.ref(`n${i + 2}.field`)} = 'n' and ${condSql(`n${i + 2}`, c)})`,
  );
  const { rows } = await sql<{
    kind: string;
    refId: string;
  }>`select distinct n.kind, n.ref_id from (${condRows(ws, first)}) n
    where n.kind in (${sql.join(kinds)})${others.length > 0 ? sql` and ${sql.join(others, sql` and `)}` : sql``}
    limit ${cap + 1}`.execute(k);
  return rows;
}

/** A condition on a people row `p` that its name words match every condition. */
export function peopleNameMatch(ws: string, conds: readonly TokenCond[]): RawBuilder<boolean> {
  return sql.join(
    conds.map(
      (c, i) =>
        sql<boolean>`exists (select 1 from search_names ${sql.raw(`w${i}`)} where ${sql.ref(`w${i}.workspace_id`)} = ${ws}
          and ${sql.ref(`w${i}.ref_id`)} = p.id and ${sql.ref(`w${i}.field`)} = 'n' and ${condSql(`w${i}`, c)})`,
    ),
    sql` and `,
  ) as RawBuilder<boolean>;
}

/** `p.id in (people with a word of name, role, organisation, place or e-mail starting with w)`, per word. */
export function personWordsMatch(ws: string, words: readonly string[], col = 'p.id'): RawBuilder<boolean> {
  return sql.join(
    words.map(
      (w) =>
        sql<boolean>`${sql.ref(col)} in (select sw.ref_id from search_names sw where sw.workspace_id = ${ws}
          and sw.kind = 'person' and sw.token >= ${w} and sw.token < ${prefixEnd(w)})`,
    ),
    sql` and `,
  ) as RawBuilder<boolean>;
}

/** Distinct name words near a mistyped word: same first letter, or starting with its second (a first-letter slip). */
export async function nameVocabulary(k: Q, ws: string, word: string, slack: number): Promise<string[]> {
  const chars = [...word];
  const heads = [...new Set([chars[0], chars[1]].filter((c): c is string => !!c))];
  const out = new Set<string>();
  // One range per letter: an OR of two ranges is not an index bound on PostgreSQL (it filtered every name word).
  // SQLite's planner sometimes prefers the primary key (four times the entries) for a common letter.
  const words = isPostgres(k) ? sql`search_names` : sql`search_names indexed by search_names_words_idx`;
  for (const h of heads) {
    const { rows } = await sql<{ token: string }>`select distinct token from ${words}
      where workspace_id = ${ws} and field = 'n' and token >= ${h} and token < ${prefixEnd(h)}
        and length(token) between ${chars.length - slack} and ${chars.length + slack}
      limit 10000`.execute(k);
    for (const r of rows) out.add(r.token);
  }
  return [...out];
}
