import { describe, expect, it } from 'vitest';
import { escapeLike, fold, normalisePhone, normaliseUrl, searchWords, splitName } from './text.js';

describe('fold', () => {
  it('removes accents and case so "José" sorts and matches with "jose"', () => {
    expect(fold('  José   ÁLVAREZ ')).toBe('jose alvarez');
    expect(fold('Zoë Ångström')).toBe('zoe angstrom');
  });

  it('folds plain ASCII (its quick path) exactly as the full Unicode path does', () => {
    const full = (s: string) =>
      s
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim();
    let ascii = '';
    for (let c = 0; c < 128; c++) ascii += String.fromCharCode(c);
    for (const s of [ascii, ` \t${ascii}\r\n `, "O'Neil-SMITH Jr.", '\u000b\u000cA\u001fB', '']) {
      expect(fold(s)).toBe(full(s));
    }
    // One character past ASCII takes the full path.
    expect(fold('Ana\u00a0Ruiz\u0301')).toBe('ana ruiz');
  });
});

describe('searchWords', () => {
  it('splits on spaces and keeps at most ten words', () => {
    expect(searchWords(' Ana  Ruiz ')).toEqual(['ana', 'ruiz']);
    expect(searchWords('a b c d e f g h i j k l')).toHaveLength(10);
    expect(searchWords(undefined)).toEqual([]);
  });
});

describe('escapeLike', () => {
  it('escapes LIKE wildcards so user input matches literally', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
  });
});

describe('splitName', () => {
  it('takes the last word as the family name', () => {
    expect(splitName('Ana María Ruiz')).toEqual({ given: 'Ana María', family: 'Ruiz' });
    expect(splitName('Cher')).toEqual({ given: 'Cher', family: null });
  });
});

describe('normalisers', () => {
  it('normalises phones and URLs for matching', () => {
    expect(normalisePhone('+44 (20) 7946-0958 ext. 12')).toBe('+442079460958');
    expect(normaliseUrl('https://www.LinkedIn.com/in/ana-ruiz/?trk=x')).toBe('linkedin.com/in/ana-ruiz');
  });
});
