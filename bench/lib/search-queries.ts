/*
 * The search queries of the benchmarks, built from the data itself (real names,
 * their prefixes, typos, words of summaries), and the raw index query each is
 * compared with: the names btree range of the longest word, then the full-text
 * match through the dialect backend, bounded as the search service bounds them.
 */
import { prefixEnd, queryTokens } from '../../src/domain/search.js';
import type { Db } from '../../src/storage/db.js';
import { backendOf, DOC_KINDS } from '../../src/storage/search/index.js';
import { prng } from './dataset.js';

/** Query classes built from the data itself: real names, their prefixes, typos, words of summaries. */
export async function queryClasses(db: Db, ws: string) {
  const { int } = prng(7);
  const people = await db.kysely
    .selectFrom('people')
    .select('fullName')
    .where('workspaceId', '=', ws)
    .orderBy('id')
    .limit(5000)
    .execute();
  const names = people.map((p) => p.fullName.split(' ').filter((w) => /^\p{L}+$/u.test(w)));
  const some = (n: number) => Array.from({ length: n }, () => names[int(0, names.length - 1)] ?? ['Ana', 'Silva']);
  const typo = (w: string) => (w.length < 5 ? `${w}x` : `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}`);
  const words = ['coffee', 'call', 'message', 'rust', 'climate', 'design', 'hiring', 'intro', 'conference', 'payments'];
  return {
    '1-char prefix': some(50).map((n) => (n[0] ?? 'a').slice(0, 1)),
    '2-char prefix': some(50).map((n) => (n[0] ?? 'an').slice(0, 2)),
    'full name': some(50).map((n) => n.join(' ')),
    'multi-word name prefix': some(50).map((n) => `${(n[0] ?? '').slice(0, 3)} ${(n[n.length - 1] ?? '').slice(0, 2)}`),
    'typo in family name': some(50).map((n) => typo((n[n.length - 1] ?? 'silva').toLowerCase())),
    'multi-word text': Array.from({ length: 50 }, () => `${words[int(0, 9)]} ${words[int(0, 9)]}`),
    'worst case': ['co', 'a e i o u', 'zzqx', 'message about', 'the and of', 'x'.repeat(40), 'co ca me ru cl'],
  } satisfies Record<string, string[]>;
}

export async function rawSearch(db: Db, ws: string, q: string) {
  const tokens = queryTokens(q);
  const k = db.kysely;
  // Names: the btree range of the longest word, bounded as the service bounds it.
  const longest = [...tokens].sort((a, b) => b.length - a.length)[0] ?? '';
  await k
    .selectFrom('searchNames')
    .select(['kind', 'refId'])
    .where('workspaceId', '=', ws)
    .where('field', '=', 'n')
    .where('token', '>=', longest)
    .where('token', '<', prefixEnd(longest))
    .limit(1001)
    .execute();
  const words = tokens.filter((t) => t.length >= 2);
  if (words.some((t) => t.length >= 3)) {
    await backendOf(k).match(k, { workspaceId: ws, tokens: words, kinds: DOC_KINDS, filter: null, limit: 200 });
  }
}
