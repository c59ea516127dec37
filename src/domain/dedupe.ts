import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { fold, normaliseEmail, normalisePhone, splitName } from './text.js';

/*
 * Likely duplicates among people: same email, same phone (E.164), same
 * LinkedIn profile, or similar names (accents folded, nicknames, initials,
 * given and family swapped). Pure. Candidates come from blocking keys (people
 * who share a key are compared), never from comparing everyone with everyone,
 * so 10k+ people take well under a second.
 */

export interface DedupePerson {
  id: string;
  fullName: string;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  emails: string[];
  phones: string[];
  links: string[];
}

export type ReasonKind = 'email' | 'phone' | 'linkedin' | 'name' | 'nickname' | 'initial' | 'swapped';

export interface DuplicateReason {
  kind: ReasonKind;
  /** Human words: "same email ana@example.com", "Bob ~ Robert". */
  detail: string;
}

export interface DuplicateSuggestion {
  /** The smaller id first. */
  a: string;
  b: string;
  /** 0–1: how likely the two are one person. */
  score: number;
  reasons: DuplicateReason[];
}

export interface DedupeOptions {
  /** Region for phone numbers written without a country code (ISO 3166 alpha-2); without one they compare by digits. */
  region?: string | null | undefined;
  /** Pair keys (see pairKey) the user said are not duplicates. */
  dismissed?: ReadonlySet<string>;
  /** Suggestions below this score are not returned. */
  minScore?: number;
  /** Blocks larger than this (a very common name) are skipped for name keys. */
  maxBlock?: number;
}

/** Nickname → formal given names. Modest on purpose: common English and a few Spanish and Portuguese ones. */
const NICKNAMES: Record<string, string[]> = {
  bob: ['robert'],
  bobby: ['robert'],
  rob: ['robert'],
  robbie: ['robert'],
  bert: ['robert', 'albert'],
  liz: ['elizabeth'],
  lizzie: ['elizabeth'],
  beth: ['elizabeth'],
  betty: ['elizabeth'],
  eliza: ['elizabeth'],
  kate: ['katherine', 'catherine', 'kathryn'],
  katie: ['katherine', 'catherine', 'kathryn'],
  kathy: ['katherine', 'kathryn'],
  cathy: ['catherine'],
  kat: ['katherine', 'catherine'],
  bill: ['william'],
  billy: ['william'],
  will: ['william'],
  liam: ['william'],
  jim: ['james'],
  jimmy: ['james'],
  jamie: ['james'],
  mike: ['michael'],
  mick: ['michael'],
  dave: ['david'],
  chris: ['christopher', 'christine', 'christina'],
  tom: ['thomas'],
  tommy: ['thomas'],
  dick: ['richard'],
  rick: ['richard'],
  rich: ['richard'],
  tony: ['anthony', 'antonio'],
  alex: ['alexander', 'alexandra', 'alejandro'],
  sam: ['samuel', 'samantha'],
  dan: ['daniel'],
  danny: ['daniel'],
  joe: ['joseph'],
  joey: ['joseph'],
  ed: ['edward'],
  eddie: ['edward'],
  ted: ['edward', 'theodore'],
  steve: ['steven', 'stephen'],
  matt: ['matthew'],
  nick: ['nicholas'],
  pat: ['patrick', 'patricia'],
  jen: ['jennifer'],
  jenny: ['jennifer'],
  sue: ['susan'],
  meg: ['margaret'],
  maggie: ['margaret'],
  peggy: ['margaret'],
  andy: ['andrew'],
  drew: ['andrew'],
  ben: ['benjamin'],
  greg: ['gregory'],
  jon: ['jonathan', 'john'],
  johnny: ['john'],
  jack: ['john'],
  josh: ['joshua'],
  nate: ['nathan', 'nathaniel'],
  pete: ['peter'],
  phil: ['philip', 'phillip'],
  ron: ['ronald'],
  tim: ['timothy'],
  vicky: ['victoria'],
  zach: ['zachary'],
  fred: ['frederick'],
  harry: ['henry', 'harold'],
  charlie: ['charles'],
  chuck: ['charles'],
  abby: ['abigail'],
  becky: ['rebecca'],
  debbie: ['deborah'],
  jess: ['jessica'],
  mandy: ['amanda'],
  pam: ['pamela'],
  manny: ['manuel'],
  pepe: ['jose'],
  paco: ['francisco'],
  nacho: ['ignacio'],
  lupe: ['guadalupe'],
  quim: ['joaquim'],
  zé: ['jose'],
  ze: ['jose'],
};

/** The formal names a given name may stand for, itself included. */
export function givenForms(given: string): string[] {
  const g = fold(given).replace(/[^\p{L}\p{N}-]/gu, '');
  return [g, ...(NICKNAMES[g] ?? [])];
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** E.164 when the number parses (with the region for national numbers), else its digits. */
export function phoneKey(value: string, region?: string | null): string | null {
  // Fast path: an international number without a "(0)" trunk prefix is already E.164 once
  // the spaces and punctuation go (libphonenumber costs ~50 µs a number; this is 100× less).
  const trimmed = value.trim().replace(/\s*(?:x|ext\.?)\s*\d+$/i, '');
  if (/^\+[\d\s().\-/]+$/.test(trimmed) && !trimmed.includes('(0)')) {
    const digits = trimmed.replace(/\D/g, '');
    if (digits.length >= 8 && digits.length <= 15) return `+${digits}`;
  }
  try {
    const parsed = parsePhoneNumberFromString(value, (region ?? undefined) as CountryCode | undefined);
    if (parsed?.isPossible()) return parsed.number;
  } catch {
    // fall through to digits
  }
  const digits = normalisePhone(value);
  return digits.replace(/\D/g, '').length >= 6 ? digits : null;
}

/** The profile slug of a LinkedIn URL: linkedin.com/in/ana-r → "ana-r". */
export function linkedinKey(url: string): string | null {
  const m = /linkedin\.com\/(?:in|pub)\/([^/?#]+)/i.exec(url);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]).toLowerCase();
  } catch {
    return m[1].toLowerCase();
  }
}

interface NameParts {
  given: string;
  family: string;
  tokens: string[];
  full: string;
  /** Formal forms of the given name and the nickname (computed once, compared per pair). */
  forms: string[];
}

function nameParts(p: DedupePerson): NameParts {
  const clean = (s: string) =>
    fold(s)
      .replace(/[.,'’()"]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const split = splitName(p.fullName);
  const given = clean(p.givenName ?? split.given ?? '');
  const family = clean(p.familyName ?? split.family ?? '');
  const full = clean(p.fullName);
  const first = given.split(' ')[0] ?? '';
  const forms = first.length > 1 ? givenForms(first) : [];
  if (p.nickname) forms.push(...givenForms(p.nickname));
  return { given: first, family, tokens: full.split(' ').filter((t) => t !== ''), full, forms };
}

function nameReason(a: NameParts, b: NameParts, an: DedupePerson, bn: DedupePerson): [number, DuplicateReason] | null {
  if (a.full !== '' && a.full === b.full) return [0.7, { kind: 'name', detail: `same name "${an.fullName}"` }];
  if (a.family !== '' && a.family === b.family && a.given !== '' && b.given !== '') {
    if (a.given.length === 1 || b.given.length === 1) {
      const [short, long] = a.given.length === 1 ? [a.given, b.given] : [b.given, a.given];
      if (long.startsWith(short)) {
        return [0.45, { kind: 'initial', detail: `${an.fullName} ~ ${bn.fullName} (initial ${short.toUpperCase()}.)` }];
      }
      return null;
    }
    if (a.forms.some((x) => b.forms.includes(x))) {
      return [0.6, { kind: 'nickname', detail: `${an.givenName ?? a.given} ~ ${bn.givenName ?? b.given}` }];
    }
  }
  // "Smith John" and "John Smith": the same two words, the other way round.
  if (a.tokens.length === 2 && b.tokens.length === 2) {
    const [a0, a1] = a.tokens as [string, string];
    const [b0, b1] = b.tokens as [string, string];
    if (a0 === b1 && a1 === b0) {
      return [0.55, { kind: 'swapped', detail: `"${an.fullName}" and "${bn.fullName}" swap given and family name` }];
    }
  }
  return null;
}

interface Indexed {
  person: DedupePerson;
  name: NameParts;
  emails: ReadonlySet<string>;
  phones: ReadonlyMap<string, string>;
  linkedin: ReadonlySet<string>;
}

const NO_KEYS: ReadonlySet<string> = new Set();
const NO_PHONES: ReadonlyMap<string, string> = new Map();

/** Likely duplicate pairs, best first. */
export function findDuplicates(people: readonly DedupePerson[], options: DedupeOptions = {}): DuplicateSuggestion[] {
  const minScore = options.minScore ?? 0.4;
  const maxBlock = options.maxBlock ?? 100;
  const dismissed = options.dismissed ?? new Set<string>();
  // Most people have no email, phone or profile link: they share these empty collections,
  // which nothing writes to (at 100k people, three new ones each were a third of the time).
  const indexed: Indexed[] = people.map((p) => {
    let phones = NO_PHONES;
    if (p.phones.length > 0) {
      const keyed = new Map<string, string>();
      for (const ph of p.phones) {
        const key = phoneKey(ph, options.region);
        if (key) keyed.set(key, ph);
      }
      phones = keyed;
    }
    return {
      person: p,
      name: nameParts(p),
      emails: p.emails.length === 0 ? NO_KEYS : new Set(p.emails.map(normaliseEmail).filter((e) => e !== '')),
      phones,
      linkedin:
        p.links.length === 0 ? NO_KEYS : new Set(p.links.map(linkedinKey).filter((x): x is string => x !== null)),
    };
  });

  // Blocking: people who share a key become candidate pairs. A key held by one person (most
  // of them) keeps that person's index; a list is made when a second person shares it.
  const blocks = new Map<string, number | number[]>();
  const add = (key: string, i: number) => {
    const held = blocks.get(key);
    if (held === undefined) blocks.set(key, i);
    else if (typeof held === 'number') {
      if (held !== i) blocks.set(key, [held, i]);
    } else if (held[held.length - 1] !== i) held.push(i);
  };
  // An initials block pairs someone written with an initial ("J. Smith") with the others of
  // that family and letter; without such a person it pairs nobody. So the key is added only
  // where one exists: the initials of each family that has them.
  const initialsOf = new Map<string, Set<string>>();
  for (const { name } of indexed) {
    if (name.family === '' || name.given.length !== 1) continue;
    const held = initialsOf.get(name.family);
    if (held) held.add(name.given);
    else initialsOf.set(name.family, new Set([name.given]));
  }
  indexed.forEach((x, i) => {
    for (const e of x.emails) add(`e:${e}`, i);
    for (const p of x.phones.keys()) add(`p:${p}`, i);
    for (const l of x.linkedin) add(`l:${l}`, i);
    const { given, family, tokens, full } = x.name;
    if (full !== '') add(`n:${full}`, i);
    if (family !== '' && given !== '') {
      const initial = given[0] as string;
      if (initialsOf.get(family)?.has(initial)) add(`i:${family}|${initial}`, i);
      for (const f of x.name.forms) add(`g:${family}|${f}`, i);
    }
    if (tokens.length === 2) {
      const [t0, t1] = tokens as [string, string];
      add(t0 < t1 ? `s:${t0}|${t1}` : `s:${t1}|${t0}`, i);
    }
  });

  const seen = new Set<string>();
  const out: DuplicateSuggestion[] = [];
  for (const [key, members] of blocks) {
    if (typeof members === 'number') continue;
    const isName = /^[nigs]:/.test(key);
    if (isName && members.length > maxBlock) continue;
    // An initials block only matters for pairs where one side is an initial ("J. Smith"):
    // two full given names sharing a first letter are compared by the other keys.
    const initialsOnly = key.startsWith('i:');
    const isInitial = (m: number) => ((indexed[m] as Indexed).name.given.length === 1 ? 1 : 0);
    const ordered = initialsOnly ? [...members].sort((p, q) => isInitial(q) - isInitial(p)) : members;
    const initials = initialsOnly ? ordered.filter((m) => isInitial(m) === 1).length : ordered.length;
    for (let i = 0; i < initials; i++) {
      for (let j = i + 1; j < ordered.length; j++) {
        const x = indexed[ordered[i] as number] as Indexed;
        const y = indexed[ordered[j] as number] as Indexed;
        const pk = pairKey(x.person.id, y.person.id);
        if (seen.has(pk)) continue;
        seen.add(pk);
        if (dismissed.has(pk)) continue;
        const s = scorePair(x, y);
        if (s && s.score >= minScore) {
          const [a, b] = x.person.id < y.person.id ? [x.person.id, y.person.id] : [y.person.id, x.person.id];
          out.push({ a, b, score: s.score, reasons: s.reasons });
        }
      }
    }
  }
  return out.sort((p, q) => q.score - p.score || p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
}

function scorePair(x: Indexed, y: Indexed): { score: number; reasons: DuplicateReason[] } | null {
  const parts: [number, DuplicateReason][] = [];
  for (const e of x.emails) if (y.emails.has(e)) parts.push([0.9, { kind: 'email', detail: `same email ${e}` }]);
  for (const [k, raw] of x.phones)
    if (y.phones.has(k)) parts.push([0.8, { kind: 'phone', detail: `same phone ${raw}` }]);
  for (const l of x.linkedin) {
    if (y.linkedin.has(l)) parts.push([0.95, { kind: 'linkedin', detail: `same LinkedIn profile /in/${l}` }]);
  }
  const name = nameReason(x.name, y.name, x.person, y.person);
  if (name) parts.push(name);
  if (parts.length === 0) return null;
  const score = 1 - parts.reduce((acc, [s]) => acc * (1 - s), 1);
  return { score: Math.round(score * 100) / 100, reasons: parts.map(([, r]) => r) };
}
