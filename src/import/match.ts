import type { Kysely } from 'kysely';
import { fold, normaliseEmail, normalisePhone, normaliseUrl } from '../domain/text.js';
import type { Database } from '../storage/schema.js';
import type { PersonDraft } from './types.js';

/*
 * Finding the person a row describes: by LinkedIn profile, then email, then
 * phone, then the exact folded name (only when one live person has it and
 * no LinkedIn profile says they are someone else). Lookups go by the batch,
 * a handful of indexed queries per few hundred rows.
 */

type Q = Kysely<Database>;
const IN_CHUNK = 500;

export interface Keys {
  urls: string[];
  emails: string[];
  phones: string[];
  name: string;
}

export function keysOf(p: PersonDraft): Keys {
  return {
    urls: p.links.filter((l) => l.label === 'LinkedIn').map((l) => normaliseUrl(l.url)),
    emails: p.emails.map((e) => normaliseEmail(e.value)).filter(Boolean),
    phones: p.phones.map((e) => normalisePhone(e.value)).filter((x) => x.replace('+', '').length >= 5),
    name: fold(p.fullName),
  };
}

export type MatchKind = 'linkedin' | 'email' | 'phone' | 'name';

export interface KnownPoints {
  /** `${kind}:${normalized}` → person ids (live people only). */
  byValue: Map<string, string[]>;
  /** folded name → live person ids. */
  byName: Map<string, string[]>;
  /** person id → their LinkedIn profiles (normalised), for telling namesakes apart. */
  linkedInOf: Map<string, Set<string>>;
}

function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += IN_CHUNK) out.push(xs.slice(i, i + IN_CHUNK));
  return out;
}

export async function lookup(db: Q, workspaceId: string, keys: Keys[]): Promise<KnownPoints> {
  const out: KnownPoints = { byValue: new Map(), byName: new Map(), linkedInOf: new Map() };
  const wanted: Record<'link' | 'email' | 'phone', Set<string>> = {
    link: new Set(),
    email: new Set(),
    phone: new Set(),
  };
  const names = new Set<string>();
  for (const k of keys) {
    for (const u of k.urls) wanted.link.add(u);
    for (const e of k.emails) wanted.email.add(e);
    for (const p of k.phones) wanted.phone.add(p);
    if (k.name) names.add(k.name);
  }
  for (const kind of ['link', 'email', 'phone'] as const) {
    for (const part of chunks([...wanted[kind]])) {
      if (part.length === 0) continue;
      const rows = await db
        .selectFrom('contactPoints as c')
        .innerJoin('people as p', (j) =>
          j.onRef('p.workspaceId', '=', 'c.workspaceId').onRef('p.id', '=', 'c.personId'),
        )
        .select(['c.personId', 'c.normalized'])
        .where('c.workspaceId', '=', workspaceId)
        .where('c.kind', '=', kind)
        .where('c.normalized', 'in', part)
        .where('p.deletedAt', 'is', null)
        .execute();
      for (const r of rows) {
        const k = `${kind}:${r.normalized}`;
        const list = out.byValue.get(k) ?? [];
        if (!list.includes(r.personId)) list.push(r.personId);
        out.byValue.set(k, list);
      }
    }
  }
  const nameIds: string[] = [];
  for (const part of chunks([...names])) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom('people')
      .select(['id', 'sortName'])
      .where('workspaceId', '=', workspaceId)
      .where('deletedAt', 'is', null)
      .where('sortName', 'in', part)
      .execute();
    for (const r of rows) {
      const list = out.byName.get(r.sortName) ?? [];
      list.push(r.id);
      out.byName.set(r.sortName, list);
      nameIds.push(r.id);
    }
  }
  for (const part of chunks(nameIds)) {
    // By person only, filtered here: with `kind = 'link'` in the query SQLite picks the
    // (workspace, kind, normalized) index and scans every link of the workspace, ~200 ms a chunk.
    const rows = await db
      .selectFrom('contactPoints')
      .select(['personId', 'kind', 'normalized'])
      .where('workspaceId', '=', workspaceId)
      .where('personId', 'in', part)
      .execute();
    for (const r of rows) {
      if (r.kind !== 'link' || !r.normalized.includes('linkedin.com/')) continue;
      const set = out.linkedInOf.get(r.personId) ?? new Set<string>();
      set.add(r.normalized);
      out.linkedInOf.set(r.personId, set);
    }
  }
  return out;
}

export interface Match {
  personId: string;
  by: MatchKind;
}

/**
 * The person a row's keys point to, or a reason it is only a possible
 * duplicate (a namesake with another LinkedIn profile, or several namesakes).
 */
export function match(k: Keys, known: KnownPoints): { match: Match | null; possibleDuplicateOf: string | null } {
  const first = (kind: string, values: string[]) => {
    for (const v of values) {
      const ids = known.byValue.get(`${kind}:${v}`);
      if (ids && ids.length > 0) return ids[0] ?? null;
    }
    return null;
  };
  const byUrl = first('link', k.urls);
  if (byUrl) return { match: { personId: byUrl, by: 'linkedin' }, possibleDuplicateOf: null };
  const byEmail = first('email', k.emails);
  if (byEmail) return { match: { personId: byEmail, by: 'email' }, possibleDuplicateOf: null };
  const byPhone = first('phone', k.phones);
  if (byPhone) return { match: { personId: byPhone, by: 'phone' }, possibleDuplicateOf: null };
  const namesakes = known.byName.get(k.name) ?? [];
  if (namesakes.length === 0) return { match: null, possibleDuplicateOf: null };
  const candidate = namesakes[0] as string;
  if (namesakes.length > 1) return { match: null, possibleDuplicateOf: candidate };
  const theirs = known.linkedInOf.get(candidate);
  if (k.urls.length > 0 && theirs && theirs.size > 0 && !k.urls.some((u) => theirs.has(u))) {
    return { match: null, possibleDuplicateOf: candidate };
  }
  return { match: { personId: candidate, by: 'name' }, possibleDuplicateOf: null };
}
