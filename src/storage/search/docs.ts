import type { Kysely } from 'kysely';
import { indexText, nameTokens } from '../../domain/search.js';
import { fold } from '../../domain/text.js';
import { emailsOfPeople } from '../repos/contact-points.repo.js';
import { labelsOfPeople } from '../repos/labels.repo.js';
import type { Database } from '../schema.js';

/*
 * What the search index holds for each kind of thing, built from the source
 * rows. Portable reads only: the dialect-specific writes are in sqlite.ts and
 * postgres.ts.
 */

type Q = Kysely<Database>;

export const DOC_KINDS = ['person', 'organisation', 'note', 'learning', 'interaction', 'event', 'resource'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** What a write path names when it asks for a reindex: a person also stands for their notes. */
export type SourceKind = 'person' | 'organisation' | 'learning' | 'interaction' | 'event' | 'resource';

export interface SearchDoc {
  kind: DocKind;
  refId: string;
  personId: string | null;
  title: string;
  subtitle: string;
  body: string;
  at: string | null;
  /** Folded words of the title, then of the body: what the full-text index is given. */
  ft: string;
  fb: string;
}

export interface NameRow {
  kind: 'person' | 'organisation';
  refId: string;
  token: string;
  field: 'n' | 'o';
}

/** Docs and name rows for some source rows; `clear` lists every (kind, id) whose old rows go first. */
export interface IndexBatch {
  clear: { kind: DocKind; refIds: string[] }[];
  docs: SearchDoc[];
  names: NameRow[];
  /** Ids whose name rows go first. */
  clearNames: string[];
}

/** Stored bodies are cut here (the snippet needs the text); the full text is still indexed. */
const BODY_CHARS = 4000;

const join = (parts: (string | null | undefined)[], sep = ' · ') =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(sep);

function doc(d: Omit<SearchDoc, 'ft' | 'fb'>, ftText: string, fbText: string): SearchDoc {
  return { ...d, body: d.body.slice(0, BODY_CHARS), ft: indexText(ftText), fb: indexText(fbText) };
}

function names(kind: NameRow['kind'], refId: string, name: string[], other: string[]): NameRow[] {
  const n = nameTokens(...name);
  const rows: NameRow[] = n.map((token) => ({ kind, refId, token, field: 'n' }));
  for (const token of nameTokens(...other)) if (!n.includes(token)) rows.push({ kind, refId, token, field: 'o' });
  return rows;
}

export async function loadBatch(k: Q, ws: string, kind: SourceKind, ids: string[]): Promise<IndexBatch> {
  const batch: IndexBatch = { clear: [], docs: [], names: [], clearNames: [] };
  if (ids.length === 0) return batch;
  switch (kind) {
    case 'person':
      await loadPeople(k, ws, ids, batch);
      break;
    case 'organisation':
      await loadOrganisations(k, ws, ids, batch);
      break;
    case 'learning':
      await loadLearnings(k, ws, ids, batch);
      break;
    case 'interaction':
      await loadInteractions(k, ws, ids, batch);
      break;
    case 'event':
      await loadEvents(k, ws, ids, batch);
      break;
    case 'resource':
      await loadResources(k, ws, ids, batch);
      break;
  }
  return batch;
}

async function loadPeople(k: Q, ws: string, ids: string[], batch: IndexBatch) {
  batch.clear.push({ kind: 'person', refIds: ids }, { kind: 'note', refIds: ids });
  batch.clearNames.push(...ids);
  const rows = await k
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
      'p.notes',
      'p.metEvent',
      'p.metContext',
      'p.lastInteractionAt',
      'p.updatedAt',
      'o.name as orgName',
    ])
    .where('p.workspaceId', '=', ws)
    .where('p.id', 'in', ids)
    .where('p.deletedAt', 'is', null)
    .execute();
  if (rows.length === 0) return;
  const live = rows.map((r) => r.id);
  const [tags, topics, mails] = await Promise.all([
    labelsOfPeople(k, 'tags', ws, live),
    labelsOfPeople(k, 'topics', ws, live),
    emailsOfPeople(k, ws, live),
  ]);
  addPeople(batch, rows, tags, topics, mails);
}

/**
 * Labels by their folded name, compared in code: the database's order depends on its collation
 * (PostgreSQL's may skip punctuation), and an import builds the same entries without a query.
 */
function inOrder(names: readonly string[] | undefined): string[] {
  if (!names || names.length < 2) return names ? [...names] : [];
  return names
    .map((n) => [fold(n), n] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map((x) => x[1]);
}

/** What the index holds of a person, as loadPeople reads it (or an import has it in hand). */
export interface PersonSource {
  id: string;
  fullName: string;
  nickname: string | null;
  headline: string | null;
  roleTitle: string | null;
  location: string | null;
  notes: string;
  metEvent: string | null;
  metContext: string | null;
  lastInteractionAt: string | null;
  updatedAt: string;
  orgName: string | null;
}

/** Docs and name rows of people, given their tags, topics and e-mails (in position order). */
export function addPeople(
  batch: IndexBatch,
  rows: readonly PersonSource[],
  tags: ReadonlyMap<string, string[]>,
  topics: ReadonlyMap<string, string[]>,
  mails: ReadonlyMap<string, string[]>,
): void {
  for (const r of rows) {
    const labels = [...inOrder(tags.get(r.id)), ...inOrder(topics.get(r.id))];
    const role = r.roleTitle && r.orgName ? `${r.roleTitle} at ${r.orgName}` : (r.roleTitle ?? r.orgName);
    const body = join([
      r.headline,
      role,
      r.location,
      r.nickname,
      ...(mails.get(r.id) ?? []),
      ...labels,
      r.metEvent,
      r.metContext,
    ]);
    batch.docs.push(
      doc(
        {
          kind: 'person',
          refId: r.id,
          personId: r.id,
          title: r.fullName,
          subtitle: role ?? r.headline ?? '',
          body,
          at: r.lastInteractionAt ?? r.updatedAt,
        },
        join([r.fullName, r.nickname], ' '),
        body,
      ),
    );
    if (r.notes.trim() !== '') {
      batch.docs.push(
        doc(
          {
            kind: 'note',
            refId: r.id,
            personId: r.id,
            title: r.fullName,
            subtitle: 'Notes',
            body: r.notes,
            at: r.updatedAt,
          },
          '',
          r.notes,
        ),
      );
    }
    batch.names.push(
      ...names(
        'person',
        r.id,
        [r.fullName, r.nickname ?? ''],
        [r.headline, r.roleTitle, r.orgName, r.location, ...(mails.get(r.id) ?? [])].filter((x): x is string => !!x),
      ),
    );
  }
}

async function loadOrganisations(k: Q, ws: string, ids: string[], batch: IndexBatch) {
  batch.clear.push({ kind: 'organisation', refIds: ids });
  batch.clearNames.push(...ids);
  const rows = await k
    .selectFrom('organisations')
    .select(['id', 'name', 'domain', 'website', 'industry', 'location', 'notes', 'updatedAt'])
    .where('workspaceId', '=', ws)
    .where('id', 'in', ids)
    .where('deletedAt', 'is', null)
    .execute();
  for (const r of rows) {
    const body = join([r.industry, r.location, r.domain, r.website, r.notes]);
    batch.docs.push(
      doc(
        {
          kind: 'organisation',
          refId: r.id,
          personId: null,
          title: r.name,
          subtitle: join([r.industry, r.location]),
          body,
          at: r.updatedAt,
        },
        r.name,
        body,
      ),
    );
    batch.names.push(
      ...names(
        'organisation',
        r.id,
        [r.name],
        [r.domain, r.industry, r.location].filter((x): x is string => !!x),
      ),
    );
  }
}

async function loadLearnings(k: Q, ws: string, ids: string[], batch: IndexBatch) {
  batch.clear.push({ kind: 'learning', refIds: ids });
  const rows = await k
    .selectFrom('learnings as l')
    .innerJoin('people as p', (j) => j.onRef('p.workspaceId', '=', 'l.workspaceId').onRef('p.id', '=', 'l.personId'))
    .select(['l.id', 'l.personId', 'l.category', 'l.body', 'l.learnedOn', 'l.createdAt', 'p.fullName'])
    .where('l.workspaceId', '=', ws)
    .where('l.id', 'in', ids)
    .execute();
  for (const r of rows) {
    batch.docs.push(
      doc(
        {
          kind: 'learning',
          refId: r.id,
          personId: r.personId,
          title: r.fullName,
          subtitle: `Learned · ${r.category}`,
          body: r.body,
          at: r.learnedOn ?? r.createdAt,
        },
        '',
        r.body,
      ),
    );
  }
}

async function loadInteractions(k: Q, ws: string, ids: string[], batch: IndexBatch) {
  batch.clear.push({ kind: 'interaction', refIds: ids });
  const rows = await k
    .selectFrom('interactions')
    .select(['id', 'kind', 'summary', 'notes', 'occurredAt'])
    .where('workspaceId', '=', ws)
    .where('id', 'in', ids)
    .where('deletedAt', 'is', null)
    .execute();
  if (rows.length === 0) return;
  const parts = await k
    .selectFrom('interactionParticipants as ip')
    .innerJoin('people as p', (j) => j.onRef('p.workspaceId', '=', 'ip.workspaceId').onRef('p.id', '=', 'ip.personId'))
    .select(['ip.interactionId', 'p.id', 'p.fullName', 'p.sortName'])
    .where('ip.workspaceId', '=', ws)
    .where(
      'ip.interactionId',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  // Sorted here: with an ORDER BY SQLite walked every person in name order and probed the
  // participants of each (350 ms a batch at 1,000 people, most of a rebuild's time at 100k).
  parts.sort((a, b) =>
    a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const who = new Map<string, { id: string; fullName: string }[]>();
  for (const p of parts) who.set(p.interactionId, [...(who.get(p.interactionId) ?? []), p]);
  for (const r of rows) batch.docs.push(interactionDoc(r, who.get(r.id) ?? []));
}

/**
 * The search doc of one interaction, from its row and its people in name order: what
 * a reindex builds, and what logging a new interaction writes without reading it back.
 */
export function interactionDoc(
  r: { id: string; kind: string; summary: string; notes: string; occurredAt: string },
  people: readonly { id: string; fullName: string }[],
): SearchDoc {
  const kind = r.kind.replace(/_/g, ' ');
  const withWhom = people.length > 0 ? ` with ${people.map((p) => p.fullName).join(', ')}` : '';
  return doc(
    {
      kind: 'interaction',
      refId: r.id,
      personId: people[0]?.id ?? null,
      title: r.summary,
      subtitle: `${kind[0]?.toUpperCase() ?? ''}${kind.slice(1)}${withWhom} · ${r.occurredAt.slice(0, 10)}`,
      // The summary is the title; the snippet comes from the notes.
      body: r.notes,
      at: r.occurredAt,
    },
    r.summary,
    r.notes,
  );
}

async function loadEvents(k: Q, ws: string, ids: string[], batch: IndexBatch) {
  batch.clear.push({ kind: 'event', refIds: ids });
  const rows = await k
    .selectFrom('events')
    .select(['id', 'name', 'kind', 'startsOn', 'place', 'url', 'goals', 'notes'])
    .where('workspaceId', '=', ws)
    .where('id', 'in', ids)
    .execute();
  for (const r of rows) {
    const body = join([r.place, r.goals, r.notes, r.url], '\n');
    batch.docs.push(
      doc(
        {
          kind: 'event',
          refId: r.id,
          personId: null,
          title: r.name,
          subtitle: join([r.startsOn, r.place]),
          body,
          at: r.startsOn,
        },
        r.name,
        body,
      ),
    );
  }
}

async function loadResources(k: Q, ws: string, ids: string[], batch: IndexBatch) {
  batch.clear.push({ kind: 'resource', refIds: ids });
  const rows = await k
    .selectFrom('resources')
    .select(['id', 'title', 'url', 'note', 'kind', 'createdAt'])
    .where('workspaceId', '=', ws)
    .where('id', 'in', ids)
    .execute();
  if (rows.length === 0) return;
  const topics = await k
    .selectFrom('resourceTopics as rt')
    .innerJoin('topics as t', (j) => j.onRef('t.workspaceId', '=', 'rt.workspaceId').onRef('t.id', '=', 'rt.topicId'))
    .select(['rt.resourceId', 't.name'])
    .where('rt.workspaceId', '=', ws)
    .where(
      'rt.resourceId',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byResource = new Map<string, string[]>();
  for (const t of topics) byResource.set(t.resourceId, [...(byResource.get(t.resourceId) ?? []), t.name]);
  for (const r of rows) {
    let host = r.url;
    try {
      host = new URL(r.url).host;
    } catch {
      // keep the address as it is
    }
    const body = join([r.note, ...(byResource.get(r.id) ?? []), r.url], '\n');
    batch.docs.push(
      doc(
        {
          kind: 'resource',
          refId: r.id,
          personId: null,
          title: r.title,
          subtitle: join([r.kind, host]),
          body,
          at: r.createdAt,
        },
        r.title,
        body,
      ),
    );
  }
}
