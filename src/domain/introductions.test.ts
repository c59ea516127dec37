import { describe, expect, it } from 'vitest';
import { INTRO_STEPS } from '../contract/introductions.js';
import { canMove, nextAction, refusal } from './introductions.js';

describe('introduction steps', () => {
  it('walks the double opt-in in order only', () => {
    const path = ['proposed', 'asked_a', 'a_agreed', 'asked_b', 'b_agreed', 'introduced'] as const;
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1] ?? 'proposed', path[i] ?? 'proposed')).toBe(true);
    expect(canMove('proposed', 'introduced')).toBe(false);
    expect(canMove('asked_a', 'asked_b')).toBe(false);
    expect(canMove('a_declined', 'asked_b')).toBe(false);
    for (const s of INTRO_STEPS) expect(canMove('introduced', s)).toBe(false);
  });

  it('names the next action and who it is with', () => {
    const n = { a: 'Ana', b: 'Raj' };
    expect(nextAction('proposed', n)).toEqual({
      title: 'Ask Ana whether they would like to meet Raj',
      with: 'a',
      dueInDays: 0,
    });
    expect(nextAction('a_agreed', n)?.with).toBe('b');
    expect(nextAction('b_agreed', n)?.title).toBe('Introduce Ana and Raj');
    expect(nextAction('introduced', n, true)).toBeNull();
    expect(nextAction('b_declined', n)).toBeNull();
  });

  it('explains a refused step', () => {
    expect(refusal('proposed', 'introduced')).toMatch(/next step is asked_a, not introduced/);
    expect(refusal('introduced', 'asked_a')).toMatch(/record the outcome/);
  });
});
