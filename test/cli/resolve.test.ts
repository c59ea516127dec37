import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors.js';
import { foldName, nameFits, pickPerson } from '../../src/cli/resolve.js';
import type { PersonSummary } from '../../src/contract/people.js';

let n = 0;
function person(fullName: string, org?: string): PersonSummary {
  n++;
  return {
    id: `0192f7c4-8a1e-7c3b-9d2e-${String(n).padStart(12, '0')}`,
    fullName,
    headline: null,
    roleTitle: null,
    organisation: org ? { id: '0192f7c4-8a1e-7c3b-9d2e-ffffffffffff', name: org } : null,
    photoUrl: null,
    circle: 'none',
    primaryEmail: null,
    tags: [],
    lastInteractionAt: null,
    interactionCount: 0,
    nextDueOn: null,
    strength: 0,
    trend: 'steady',
    createdAt: '2026-11-26T00:00:00.000Z',
    deletedAt: null,
  };
}

describe('pickPerson', () => {
  const ana = person('Ana Ruiz');
  const anaS = person('Ana Silva');
  const anabel = person('Anabel Ruizova');

  it('prefers an exact name (ignoring case and accents) over partial ones', () => {
    expect(pickPerson('ana ruiz', [ana, anabel], false)).toBe(ana);
    expect(pickPerson('José García', [person('Jose Garcia')], false).fullName).toBe('Jose Garcia');
  });

  it('takes a single partial match', () => {
    expect(pickPerson('silva', [ana, anaS], false)).toBe(anaS);
    expect(pickPerson('ana r', [ana, anaS], false)).toBe(ana);
  });

  it('takes a single hit found by organisation or email', () => {
    const raj = person('Raj Patel', 'Acme');
    expect(pickPerson('acme', [raj], false)).toBe(raj);
  });

  it('refuses to guess between several, listing them', () => {
    try {
      pickPerson('ana', [ana, anaS, anabel], false);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CliError);
      const e = err as CliError;
      expect(e.message).toBe('"ana" matches 3 people — use the full name or one of these ids:');
      expect(e.details).toHaveLength(3);
      expect(e.details[0]).toContain(ana.id);
    }
  });

  it('refuses two people with the very same name', () => {
    expect(() => pickPerson('Ana Ruiz', [ana, person('Ana Ruiz', 'Acme')], false)).toThrow(/matches 2 people/);
  });

  it('explains how to add someone who is not there', () => {
    expect(() => pickPerson('Zed', [], false)).toThrow(
      'Person not found: No person named "Zed" — add them with: tend people add "Zed"',
    );
  });

  it('folds and matches word starts', () => {
    expect(foldName('  José   GARCÍA ')).toBe('jose garcia');
    expect(nameFits('Ana Ruiz', 'ru')).toBe(true);
    expect(nameFits('Ana Ruiz', 'uiz')).toBe(false);
  });
});
