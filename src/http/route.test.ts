import { describe, expect, it } from 'vitest';
import { nulPath } from './route.js';

describe('nulPath', () => {
  it('finds a NUL in a nested string and names where it is', () => {
    expect(nulPath({ a: 'ok', b: [{ c: 'x\u0000y' }] }, ['body'])).toBe('body.b.0.c');
    expect(nulPath('\u0000', ['query', 'url'])).toBe('query.url');
  });
  it('finds a NUL in a key', () => {
    expect(nulPath({ 'k\u0000': 1 }, ['body'])).toBe('body.k\\0');
  });
  it('passes text without one, including other control characters and emoji', () => {
    expect(nulPath({ a: 'tab\there', b: ['🙂', 1, null, true], c: { d: 'line\nbreak' } }, ['body'])).toBeUndefined();
    expect(nulPath(undefined, ['body'])).toBeUndefined();
  });
});
