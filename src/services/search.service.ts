import { type RawBuilder, sql } from 'kysely';
import type { z } from 'zod';
import {
  SEARCH_TYPES,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchType,
} from '../contract/search.js';
import { addDays, localDate } from '../domain/dates.js';
import {
  type MatchTier,
  matchRanges,
  nameTokens,
  queryTokens,
  scoreHit,
  snippetOf,
  tokensOf,
  typoBudget,
  typoCorrections,
} from '../domain/search.js';
import { fold } from '../domain/text.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import {
  backendOf,
  type DocKind,
  type DocRow,
  ensureBuilt,
  nameCandidates,
  nameVocabulary,
  peopleNameMatch,
  rebuildWorkspace,
  type TokenCond,
} from '../storage/search/index.js';
import type { Q } from '../storage/search/types.js';
import type { Actor, ServiceDeps } from './context.js';

type Query = z.output<typeof SearchQuery>;

/** Name matches ranked in full when at most this many; beyond, the strongest relationships are walked in order. */
const NAME_CAP = 1000;
/**
 * When every word of a name query matches more names than this (several one-letter words),
 * the matches are not listed: only this many of the strongest relationships are walked.
 */
const NAME_SCAN = 5000;
/** Full-text candidates ranked per query (newest first from the index). */
const TEXT_CANDIDATES = 100;

const PERSON_SCOPED: readonly DocKind[] = ['person', 'note', 'learning', 'interaction'];

interface Candidate {
  type: SearchType;
  id: string;
  title: string;
  subtitle: string;
  body: string | null;
  personId: string | null;
  tier: MatchTier;
  at: string | null;
  strength: number | null;
  titleMatch: boolean;
}

/** The order of hits: score, then title. */
function byScoreThenTitle(a: { score: number; title: string }, b: { score: number; title: string }): number {
  return b.score - a.score || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
}

function hasPersonFilter(f: Query): boolean {
  return !!(f.tag || f.circle || f.purpose || f.metAtEventId || f.due || f.organisationId || f.topic);
}

export function searchService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  /** `col in (live people of the workspace matching the filters)`, or null without filters. */
  async function personFilter(ws: string, f: Query, col: string): Promise<RawBuilder<boolean> | null> {
    if (!hasPersonFilter(f)) return null;
    let q = k
      .selectFrom('people as fp')
      .select('fp.id')
      .where('fp.workspaceId', '=', ws)
      .where('fp.deletedAt', 'is', null);
    if (f.circle) q = q.where('fp.circle', '=', f.circle);
    if (f.organisationId) q = q.where('fp.organisationId', '=', f.organisationId);
    if (f.due) {
      const s = await readSettings(k, ws);
      const today = localDate(clock.now(), s.timeZone);
      // Through the due-order expression and its index (migration 2026-11-27-1000); people
      // without a cadence ('9999-12-31') are never overdue nor due within the week.
      const due = sql<string>`coalesce(fp.next_due_on, '9999-12-31')`;
      q = f.due === 'overdue' ? q.where(due, '<', today) : q.where(due, '<=', addDays(today, 7));
    }
    if (f.purpose) {
      const purpose = f.purpose;
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('personPurposes as pp')
            .select('pp.personId')
            .whereRef('pp.workspaceId', '=', 'fp.workspaceId')
            .whereRef('pp.personId', '=', 'fp.id')
            .where('pp.purpose', '=', purpose),
        ),
      );
    }
    for (const [table, link, col2, value] of [
      ['tags', 'personTags', 'tagId', f.tag],
      ['topics', 'personTopics', 'topicId', f.topic],
    ] as const) {
      if (!value) continue;
      const norm = fold(value);
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom(`${link} as pl` as 'personTags as pl')
            .innerJoin(`${table} as t` as 'tags as t', (j) =>
              j.onRef('t.workspaceId', '=', 'pl.workspaceId').onRef('t.id', '=', `pl.${col2}` as 'pl.tagId'),
            )
            .select('pl.personId')
            .whereRef('pl.workspaceId', '=', 'fp.workspaceId')
            .whereRef('pl.personId', '=', 'fp.id')
            .where('t.normalized', '=', norm),
        ),
      );
    }
    if (f.metAtEventId) {
      const eventId = f.metAtEventId;
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('eventPeople as ep')
            .select('ep.personId')
            .whereRef('ep.workspaceId', '=', 'fp.workspaceId')
            .whereRef('ep.personId', '=', 'fp.id')
            .where('ep.eventId', '=', eventId)
            .where('ep.role', '=', 'met'),
        ),
      );
    }
    return sql<boolean>`${sql.ref(col)} in (${q})`;
  }

  /** Which kinds to look in, given the types asked for and the filters (filters are about people). */
  function kindsOf(f: Query): DocKind[] {
    const asked: readonly DocKind[] = f.types ?? SEARCH_TYPES;
    if (!hasPersonFilter(f)) return [...asked];
    return asked.filter(
      (t) =>
        PERSON_SCOPED.includes(t) || (t === 'organisation' && !!f.organisationId) || (t === 'resource' && !!f.topic),
    );
  }

  /** Live people of a workspace with what a person hit shows: name, role at organisation, strength. */
  function personDetailQuery(ws: string) {
    // The organisation's name per person, by its key: as a join, PostgreSQL hashed every
    // organisation of the workspace (a sequential scan) for a page of 20 people.
    return k
      .selectFrom('people as p')
      .select(['p.id', 'p.fullName', 'p.nickname', 'p.headline', 'p.roleTitle', 'p.strength', 'p.lastInteractionAt'])
      .select((eb) =>
        eb
          .selectFrom('organisations as o')
          .select('o.name')
          .whereRef('o.workspaceId', '=', 'p.workspaceId')
          .whereRef('o.id', '=', 'p.organisationId')
          .as('orgName'),
      )
      .where('p.workspaceId', '=', ws)
      .where('p.deletedAt', 'is', null);
  }

  type PersonDetail = Awaited<ReturnType<ReturnType<typeof personDetailQuery>['execute']>>[number];

  function personCandidate(p: PersonDetail, tokens: string[], tier: MatchTier): Candidate {
    const role = p.roleTitle && p.orgName ? `${p.roleTitle} at ${p.orgName}` : (p.roleTitle ?? p.orgName);
    return {
      type: 'person',
      id: p.id,
      title: p.fullName,
      subtitle: role ?? p.headline ?? '',
      body: null,
      personId: p.id,
      tier: personTier(p, tokens, tier),
      at: p.lastInteractionAt,
      strength: Number(p.strength),
      titleMatch: true,
    };
  }

  function personTier(p: { fullName: string; nickname: string | null }, tokens: string[], tier: MatchTier): MatchTier {
    if (tier !== 'name') return tier;
    const names = nameTokens(p.fullName, p.nickname ?? '');
    return tokens.every((t) => names.includes(t)) ? 'exact-name' : tier;
  }

  /**
   * The best `limit` of some name-matching people, as the final sort orders them (score, then
   * name). Ranked from a narrow read (name, strength, last contact: no organisation, no other
   * columns), so only the people shown are read in full.
   */
  async function rankPeople(
    ws: string,
    ids: string[],
    filter: RawBuilder<boolean> | null,
    tokens: string[],
    tier: MatchTier,
    limit: number,
    now: Date,
  ): Promise<Candidate[]> {
    if (ids.length === 0) return [];
    if (ids.length <= 4 * limit) {
      // A few: one read of what they show is cheaper than two.
      let q = personDetailQuery(ws).where('p.id', 'in', ids);
      if (filter) q = q.where(filter);
      const people = (await q.execute()).map((p) => personCandidate(p, tokens, tier));
      return people
        .map((c) => ({ c, score: scoreHit({ ...c, now }), title: c.title }))
        .sort(byScoreThenTitle)
        .slice(0, limit)
        .map((x) => x.c);
    }
    let q = k
      .selectFrom('people as p')
      .select(['p.id', 'p.fullName', 'p.nickname', 'p.strength', 'p.lastInteractionAt'])
      .where('p.workspaceId', '=', ws)
      .where('p.id', 'in', ids)
      .where('p.deletedAt', 'is', null);
    if (filter) q = q.where(filter);
    const ranked = (await q.execute())
      .map((p) => ({
        id: p.id,
        title: p.fullName,
        score: scoreHit({
          tier: personTier(p, tokens, tier),
          strength: Number(p.strength),
          at: p.lastInteractionAt,
          titleMatch: true,
          now,
        }),
      }))
      .sort(byScoreThenTitle)
      .slice(0, limit);
    const people = await detailsInOrder(
      ws,
      ranked.map((r) => r.id),
    );
    return people.map((p) => personCandidate(p, tokens, tier));
  }

  /** What a person hit shows, for a page of people, in the order given. */
  async function detailsInOrder(ws: string, ids: string[]): Promise<PersonDetail[]> {
    if (ids.length === 0) return [];
    const rows = await personDetailQuery(ws).where('p.id', 'in', ids).execute();
    const byId = new Map(rows.map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id)).filter((p): p is PersonDetail => !!p);
  }

  /**
   * The strongest live people whose names match, walked in order on the strength index; with
   * `scan`, only among that many of the strongest (words too common to list the matches of).
   */
  async function strongestByName(
    ws: string,
    conds: TokenCond[],
    filter: RawBuilder<boolean> | null,
    limit: number,
    scan: number | null,
  ): Promise<PersonDetail[]> {
    if (scan === null) {
      let q = personDetailQuery(ws).where(peopleNameMatch(ws, conds));
      if (filter) q = q.where(filter);
      return q.orderBy('p.strength', 'desc').orderBy('p.id', 'desc').limit(limit).execute();
    }
    const { rows } = await sql<{ id: string }>`select p.id from (select p.id, p.strength from people p
      where p.workspace_id = ${ws} and p.deleted_at is null and ${filter ?? sql`1 = 1`}
      order by p.strength desc, p.id desc limit ${scan}) p
      where ${peopleNameMatch(ws, conds)} order by p.strength desc, p.id desc limit ${limit}`.execute(k);
    return detailsInOrder(
      ws,
      rows.map((r) => r.id),
    );
  }

  /** People and organisations by name: the first tier of every search. */
  async function byName(
    ws: string,
    conds: TokenCond[],
    tokens: string[],
    f: Query,
    kinds: DocKind[],
    tier: MatchTier,
    now: Date,
  ): Promise<Candidate[]> {
    const nameKinds = (['person', 'organisation'] as const).filter((x) => kinds.includes(x));
    if (nameKinds.length === 0 || conds.length === 0) return [];
    const filter = await personFilter(ws, f, 'p.id');
    const found = await nameCandidates(k, ws, conds, nameKinds, NAME_CAP, NAME_SCAN);
    const out: Candidate[] = [];
    if (found === null || found.length > NAME_CAP) {
      // Too many to rank (a one-letter prefix): walk the strongest relationships first, on their index.
      const people = nameKinds.includes('person')
        ? await strongestByName(ws, conds, filter, f.limit, found === null ? NAME_SCAN : null)
        : [];
      for (const p of people) out.push(personCandidate(p, tokens, tier));
    } else {
      const ids = found.filter((c) => c.kind === 'person').map((c) => c.refId);
      out.push(...(await rankPeople(ws, ids, filter, tokens, tier, f.limit, now)));
    }
    if (found === null) return out;
    const orgIds = found.filter((c) => c.kind === 'organisation').map((c) => c.refId);
    const orgAllowed = !hasPersonFilter(f) || !!f.organisationId;
    if (orgIds.length > 0 && orgAllowed) {
      let q = k
        .selectFrom('organisations')
        .select(['id', 'name', 'industry', 'location', 'updatedAt'])
        .where('workspaceId', '=', ws)
        .where('id', 'in', orgIds.slice(0, NAME_CAP))
        .where('deletedAt', 'is', null);
      if (f.organisationId) q = q.where('id', '=', f.organisationId);
      for (const o of await q.orderBy('sortName').limit(f.limit).execute()) {
        const exact = tier === 'name' && tokens.every((t) => nameTokens(o.name).includes(t));
        out.push({
          type: 'organisation',
          id: o.id,
          title: o.name,
          subtitle: [o.industry, o.location].filter(Boolean).join(' · '),
          body: null,
          personId: null,
          tier: exact ? 'exact-name' : tier,
          at: o.updatedAt,
          // An organisation ranks like a relationship of middling strength.
          strength: 50,
          titleMatch: true,
        });
      }
    }
    return out;
  }

  /** Mistyped names: each word of four letters or more may be read as a close name word. */
  async function typoConds(ws: string, tokens: string[]): Promise<{ conds: TokenCond[]; corrections: string[] }> {
    const conds: TokenCond[] = [];
    const corrections: string[] = [];
    for (const t of tokens) {
      const budget = typoBudget([...t].length);
      const fixes = budget > 0 ? typoCorrections(t, await nameVocabulary(k, ws, t, budget)) : [];
      corrections.push(...fixes);
      conds.push({ prefix: t, exact: fixes });
    }
    return { conds, corrections };
  }

  async function byText(ws: string, tokens: string[], f: Query, kinds: DocKind[]): Promise<Candidate[]> {
    // One-letter words are too common to look up in the text; names already took them into account.
    const words = tokens.filter((t) => [...t].length >= 2);
    if (words.length === 0 || !words.some((t) => [...t].length >= 3) || kinds.length === 0) return [];
    let filter = await personFilter(ws, f, 'd.person_id');
    if (filter && f.topic && kinds.includes('resource')) {
      const topic = fold(f.topic);
      const topical = k
        .selectFrom('resourceTopics as rt')
        .innerJoin('topics as t', (j) =>
          j.onRef('t.workspaceId', '=', 'rt.workspaceId').onRef('t.id', '=', 'rt.topicId'),
        )
        .select('rt.resourceId')
        .where('rt.workspaceId', '=', ws)
        .where('t.normalized', '=', topic);
      filter = sql<boolean>`(${filter} or (d.kind = 'resource' and d.ref_id in (${topical})))`;
    }
    if (f.organisationId && kinds.includes('organisation')) {
      filter = sql<boolean>`(${filter ?? sql`1 = 0`} or (d.kind = 'organisation' and d.ref_id = ${f.organisationId}))`;
    }
    // Things filed under a person in the trash stay out of sight with them.
    const live = sql<boolean>`(d.person_id is null or not exists (select 1 from people dp
      where dp.workspace_id = d.workspace_id and dp.id = d.person_id and dp.deleted_at is not null))`;
    const rows: DocRow[] = await backendOf(k).match(k, {
      workspaceId: ws,
      tokens: words,
      kinds,
      filter: filter ? sql<boolean>`${filter} and ${live}` : live,
      limit: TEXT_CANDIDATES,
    });
    const personIds = [...new Set(rows.map((r) => r.personId).filter((x): x is string => !!x))];
    const strength = new Map<string, number>();
    if (personIds.length > 0) {
      const ps = await k
        .selectFrom('people')
        .select(['id', 'strength'])
        .where('workspaceId', '=', ws)
        .where('id', 'in', personIds)
        .execute();
      for (const p of ps) strength.set(p.id, Number(p.strength));
    }
    return rows.map((r) => {
      const titleWords = tokensOf(r.title);
      return {
        type: r.kind as SearchType,
        id: r.refId,
        title: r.title,
        subtitle: r.subtitle,
        body: r.body,
        personId: r.personId,
        tier: 'text' as const,
        at: r.at,
        strength: r.personId ? (strength.get(r.personId) ?? 0) : null,
        titleMatch: words.every((w) => titleWords.some((x) => x.startsWith(w))),
      };
    });
  }

  function present(c: Candidate, body: string | null, score: number, highlight: string[]): SearchHit {
    return {
      type: c.type,
      id: c.id,
      title: c.title,
      titleHighlights: matchRanges(c.title, highlight),
      subtitle: c.subtitle,
      snippet: body ? snippetOf(body, highlight) : null,
      personId: c.personId,
      match: c.tier,
      score,
    };
  }

  return {
    async search(actor: Actor, f: Query): Promise<SearchResult> {
      const ws = actor.workspaceId;
      const tokens = queryTokens(f.q);
      if (tokens.length === 0) return { items: [], words: [], corrections: [] };
      await ensureBuilt(k, ws);
      const kinds = kindsOf(f);
      const now = clock.now();
      // The longest word drives the names lookup: it is the most selective.
      const ordered = [...tokens].sort((a, b) => b.length - a.length);
      const names = await byName(
        ws,
        ordered.map((t) => ({ prefix: t, exact: [] })),
        tokens,
        f,
        kinds,
        'name',
        now,
      );
      const text = await byText(ws, tokens, f, kinds);
      // Typos are a fallback: only when neither a name nor (much) text matched the words as typed.
      let corrections: string[] = [];
      let typos: Candidate[] = [];
      if (names.length === 0 && text.length < 3 && tokens.some((t) => typoBudget([...t].length) > 0)) {
        const t = await typoConds(ws, ordered);
        if (t.corrections.length > 0) {
          corrections = t.corrections;
          typos = await byName(ws, t.conds, tokens, f, kinds, 'typo', now);
        }
      }
      // Score everything, keep the best per thing, and only then cut snippets for the few shown.
      const best = new Map<string, { c: Candidate; score: number; text: Candidate | null }>();
      for (const c of [...names, ...typos, ...text]) {
        const key = `${c.type}:${c.id}`;
        const score = scoreHit({ tier: c.tier, strength: c.strength, at: c.at, titleMatch: c.titleMatch, now });
        const prev = best.get(key);
        if (!prev) best.set(key, { c, score, text: c.body ? c : null });
        else if (!prev.text && c.body) prev.text = c;
      }
      const highlight = [...tokens, ...corrections];
      const items = [...best.values()]
        .sort((a, b) => byScoreThenTitle({ score: a.score, title: a.c.title }, { score: b.score, title: b.c.title }))
        .slice(0, f.limit)
        .map((b) => present(b.c, b.text?.body ?? null, b.score, highlight));
      return { items, words: tokens, corrections };
    },

    /** Rebuilds the caller's workspace index (after a restore, an upgrade, or by hand). */
    async reindex(actor: Actor): Promise<{ indexed: number }> {
      const indexed = await k.transaction().execute((trx) => rebuildWorkspace(trx as Q, actor.workspaceId));
      return { indexed };
    },
  };
}

export type SearchService = ReturnType<typeof searchService>;
