import { fold } from './text.js';

/*
 * Pure rules of search: how text and queries become tokens, how a typo is
 * recognised, how a hit is scored and highlighted. The storage layer only
 * ever sees the tokens made here, so no character of a query can reach the
 * FTS5 or tsquery syntax (see docs/search.md).
 */

/** Longer queries are refused with a 400: nobody types 500 characters into a search box. */
export const MAX_QUERY_CHARS = 500;
/** Words after the eighth are ignored; each word is cut at 40 characters. */
export const MAX_QUERY_TOKENS = 8;
export const MAX_TOKEN_CHARS = 40;

const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** Letters that keep no base letter under NFKD, spelled as a keyboard without them would. */
const LATIN: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};
const LATIN_RE = new RegExp(`[${Object.keys(LATIN).join('')}]`, 'g');

/** Case, accents and the letters above folded: "Østergård" and "ostergard" are one word. */
export function foldWord(s: string): string {
  return fold(s).replace(LATIN_RE, (c) => LATIN[c] ?? c);
}

/** Folded words (letters and digits only) of a text, in order, as the index stores them. */
export function tokensOf(text: string | null | undefined): string[] {
  if (!text) return [];
  return foldWord(text)
    .replace(NON_WORD, ' ')
    .split(' ')
    .filter((w) => w.length > 0);
}

/** The text the full-text index is given: folded words separated by single spaces. */
export function indexText(...parts: (string | null | undefined)[]): string {
  return parts.flatMap((p) => tokensOf(p)).join(' ');
}

/** Distinct words of a name (or any short field), each at most 64 characters: rows of the names index. */
export function nameTokens(...parts: (string | null | undefined)[]): string[] {
  return [...new Set(parts.flatMap((p) => tokensOf(p)).map((t) => t.slice(0, 64)))];
}

/**
 * The words of a query: every character is either part of a word (a letter or
 * a digit, folded) or a separator. Quotes, `*`, `-`, parentheses, NEAR/AND/OR
 * are therefore plain words or nothing, never operators.
 */
export function queryTokens(q: string): string[] {
  const out: string[] = [];
  for (const t of tokensOf(q)) {
    const w = t.slice(0, MAX_TOKEN_CHARS);
    if (!out.includes(w)) out.push(w);
    if (out.length === MAX_QUERY_TOKENS) break;
  }
  return out;
}

/** The smallest string greater than every string starting with `prefix` (binary order). */
export function prefixEnd(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

/** How many edits a word of this length may carry and still count as a typo of a name. */
export function typoBudget(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/** Optimal-string-alignment distance (Damerau–Levenshtein with adjacent swaps), or max+1 when larger. */
export function editDistance(a: string, b: string, max: number): number {
  const A = [...a];
  const B = [...b];
  if (Math.abs(A.length - B.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= B.length; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[B.length] ?? max + 1;
}

/** The closest names of a vocabulary to a mistyped word, best first. */
export function typoCorrections(word: string, vocabulary: readonly string[], limit = 5): string[] {
  const budget = typoBudget([...word].length);
  if (budget === 0) return [];
  return vocabulary
    .filter((v) => v !== word)
    .map((v) => ({ v, d: editDistance(word, v.slice(0, [...word].length + budget), budget) }))
    .map((c) => ({ ...c, d: Math.min(c.d, editDistance(word, c.v, budget)) }))
    .filter((c) => c.d <= budget)
    .sort((x, y) => x.d - y.d || x.v.length - y.v.length || (x.v < y.v ? -1 : 1))
    .slice(0, limit)
    .map((c) => c.v);
}

export interface Range {
  start: number;
  end: number;
}

export interface Snippet {
  text: string;
  highlights: Range[];
}

/** Words of `text` (original spelling) whose folded form starts with one of the tokens, as ranges. */
export function matchRanges(text: string, tokens: readonly string[]): Range[] {
  if (tokens.length === 0) return [];
  const out: Range[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const folded = foldWord(m[0]);
    if (tokens.some((t) => folded.startsWith(t))) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * A window of `text` around its first match, cut at word boundaries, with the
 * matched words as ranges into the returned text. Null when nothing matches.
 * The web renders the ranges as <mark> elements: the text is never HTML.
 */
export function snippetOf(text: string, tokens: readonly string[], width = 160): Snippet | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  const ranges = matchRanges(flat, tokens);
  const first = ranges[0];
  if (!first) return null;
  let start = Math.max(0, first.start - Math.floor(width / 3));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < first.start ? space + 1 : first.start;
  }
  let end = Math.min(flat.length, start + width);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    end = space > first.end ? space : Math.max(end, first.end);
  }
  const lead = start > 0 ? '…' : '';
  const tail = end < flat.length ? '…' : '';
  const shift = lead.length - start;
  return {
    text: `${lead}${flat.slice(start, end)}${tail}`,
    highlights: ranges
      .filter((r) => r.start >= start && r.end <= end)
      .map((r) => ({ start: r.start + shift, end: r.end + shift })),
  };
}

/** How a hit was found; earlier tiers rank first. */
export type MatchTier = 'exact-name' | 'name' | 'typo' | 'text';

// Tiers are 2000 apart, more than all bonuses together (1100): a tier always outranks the next.
const TIER_BASE: Record<MatchTier, number> = { 'exact-name': 8000, name: 6000, typo: 4000, text: 2000 };

/**
 * A hit's score: its tier, then up to 600 points for the relationship's
 * strength (0–100) and up to 300 for how recent it is (halving every 90 days).
 * A title match of a text hit adds 200, so a resource titled "Rust" comes before
 * a message that mentions Rust once.
 */
export function scoreHit(input: {
  tier: MatchTier;
  strength?: number | null;
  at?: string | null;
  titleMatch?: boolean;
  now: Date;
}): number {
  const strength = Math.max(0, Math.min(100, input.strength ?? 0)) * 6;
  let recency = 0;
  if (input.at) {
    const t = Date.parse(input.at.length === 10 ? `${input.at}T12:00:00Z` : input.at);
    if (!Number.isNaN(t)) {
      const days = Math.max(0, (input.now.getTime() - t) / 86_400_000);
      recency = 300 * 0.5 ** (days / 90);
    }
  }
  return Math.round(TIER_BASE[input.tier] + strength + recency + (input.titleMatch ? 200 : 0));
}
