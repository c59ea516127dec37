import { describe, expect, it } from 'vitest';
import {
  editDistance,
  matchRanges,
  nameTokens,
  queryTokens,
  scoreHit,
  snippetOf,
  tokensOf,
  typoCorrections,
} from './search.js';

describe('search words', () => {
  it('folds case, accents and letters without a base form', () => {
    expect(tokensOf('Østergård, JOSÉ-Luis ßtraße')).toEqual(['ostergard', 'jose', 'luis', 'sstrasse']);
    expect(nameTokens('Ana Ana  Silva')).toEqual(['ana', 'silva']);
  });

  it('makes every operator a separator or a plain word', () => {
    expect(queryTokens('"ana" NEAR(silva*) -x OR {ft}:y \'z\':* 😀')).toEqual([
      'ana',
      'near',
      'silva',
      'x',
      'or',
      'ft',
      'y',
      'z',
    ]);
    expect(queryTokens('*** ((( --- "')).toEqual([]);
    expect(queryTokens('a b c d e f g h i j')).toHaveLength(8);
    expect(queryTokens('x'.repeat(100))[0]).toHaveLength(40);
  });
});

describe('typos', () => {
  it('counts swaps, insertions, deletions and substitutions as one edit', () => {
    expect(editDistance('jonatan', 'jonathan', 2)).toBe(1);
    expect(editDistance('jhon', 'john', 2)).toBe(1);
    expect(editDistance('smiht', 'smith', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('corrects to the nearest names only, never short words', () => {
    expect(typoCorrections('jonatan', ['jonathan', 'jonas', 'nathan'])).toEqual(['jonathan']);
    expect(typoCorrections('ana', ['anna'])).toEqual([]);
  });
});

describe('highlights and snippets', () => {
  it('marks whole words that start with a query word, in the original spelling', () => {
    const text = 'Met José at the Ålesund meetup';
    expect(matchRanges(text, ['jose', 'ale']).map((r) => text.slice(r.start, r.end))).toEqual(['José', 'Ålesund']);
  });

  it('cuts a window around the first match with ranges into the window', () => {
    const text = `${'word '.repeat(80)}kombucha and more ${'tail '.repeat(80)}`;
    const s = snippetOf(text, ['kombucha']);
    expect(s?.text.startsWith('…')).toBe(true);
    expect(s?.text.endsWith('…')).toBe(true);
    const r = s?.highlights[0];
    expect(r && s?.text.slice(r.start, r.end)).toBe('kombucha');
    expect(snippetOf('nothing here', ['zzz'])).toBeNull();
  });
});

describe('scores', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('puts every name tier above every text hit, then strength and recency', () => {
    const weakName = scoreHit({ tier: 'typo', strength: 0, at: null, now });
    const strongText = scoreHit({ tier: 'text', strength: 100, at: now.toISOString(), titleMatch: true, now });
    expect(weakName).toBeGreaterThan(strongText);
    expect(scoreHit({ tier: 'name', strength: 80, now })).toBeGreaterThan(
      scoreHit({ tier: 'name', strength: 10, now }),
    );
    expect(scoreHit({ tier: 'text', at: '2026-11-20', now })).toBeGreaterThan(
      scoreHit({ tier: 'text', at: '2025-01-01', now }),
    );
  });
});
