import { describe, expect, it } from 'vitest';
import { mostlyAsks, resolveExchange } from './exchange.js';
import { type NudgePerson, assess, rankNudges } from './nudges.js';
import { rankRecipients } from './recipients.js';

const person = (id: string, fullName: string, circle: NudgePerson['circle'] = 'close'): NudgePerson => ({
  id,
  fullName,
  givenName: null,
  circle,
  photoUrl: null,
  timeZone: null,
});

describe('give and ask', () => {
  it('implies a give for shares, intros and congratulations, and checks the kind fits the side', () => {
    expect(resolveExchange('article_share', undefined, undefined)).toEqual({
      exchange: 'give',
      exchangeKind: 'shared',
    });
    expect(resolveExchange('call', undefined, undefined)).toEqual({ exchange: null, exchangeKind: null });
    expect(resolveExchange('article_share', null, undefined)).toEqual({ exchange: null, exchangeKind: null });
    expect(resolveExchange('call', 'ask', undefined)).toEqual({ exchange: 'ask', exchangeKind: 'other' });
    expect(resolveExchange('call', 'ask', 'shared')).toMatchObject({ path: 'exchangeKind' });
    expect(resolveExchange('call', 'give', 'introduction')).toEqual({ exchange: 'give', exchangeKind: 'introduction' });
    expect(resolveExchange('call', undefined, 'help')).toMatchObject({ path: 'exchange' });
  });

  it('calls a relationship lopsided from two asks more than gives', () => {
    expect(mostlyAsks(0, 1)).toBe(false);
    expect(mostlyAsks(0, 2)).toBe(true);
    expect(mostlyAsks(2, 2)).toBe(false);
    expect(mostlyAsks(1, 3)).toBe(true);
  });
});

describe('networking nudges', () => {
  const today = '2026-11-26';
  it('words "give before you ask again" and scores more lopsided higher', () => {
    const a = assess(
      { kind: 'give_first', person: person('a', 'Sam Lee'), gives: 0, asks: 2, lastAskOn: '2026-11-24' },
      today,
    );
    const b = assess(
      { kind: 'give_first', person: person('b', 'Kim Ono'), gives: 0, asks: 5, lastAskOn: '2026-11-24' },
      today,
    );
    expect(a.reason).toBe(
      'You asked Sam Lee for something 2 times in the last year and gave nothing back, last ask 2 days ago: give before you ask again (share something useful, make an intro, offer help).',
    );
    expect(a.key).toBe('give.a.2026-11-24');
    expect(b.score).toBeGreaterThan(a.score);
  });

  it('ranks a fresh event follow-up above an older one, and keeps it apart from routine nudges', () => {
    const fresh = assess(
      {
        kind: 'event_follow_up',
        event: { id: 'e1', name: 'DevConf', endsOn: '2026-11-25' },
        people: [person('a', 'Ana Ruiz')],
      },
      today,
    );
    const old = assess(
      {
        kind: 'event_follow_up',
        event: { id: 'e2', name: 'PyCon', endsOn: '2026-11-16' },
        people: [person('b', 'Bo')],
      },
      today,
    );
    expect(fresh.score).toBeGreaterThan(old.score);
    expect(fresh.reason).toContain('You met Ana Ruiz at DevConf yesterday');
    const ranked = rankNudges(
      [
        {
          kind: 'event_follow_up',
          event: { id: 'e1', name: 'DevConf', endsOn: '2026-11-25' },
          people: [person('a', 'Ana Ruiz')],
        },
        {
          kind: 'check_in_due',
          person: person('a', 'Ana Ruiz'),
          dueOn: '2026-11-20',
          cadenceDays: 30,
          lastContactOn: null,
        },
      ],
      today,
    );
    expect(ranked.map((n) => n.kind)).toEqual(['event_follow_up']);
  });

  it('proposes sharing a matching resource with its reason', () => {
    const n = assess(
      {
        kind: 'share_resource',
        person: person('a', 'Li Wei', 'inner'),
        resource: { id: 'r1', title: 'Async Rust', savedOn: '2026-11-25' },
        matchedTopics: ['Rust'],
        dueOn: '2026-11-23',
        cadenceDays: 14,
      },
      today,
    );
    const checkIn = assess(
      {
        kind: 'check_in_due',
        person: person('a', 'Li Wei', 'inner'),
        dueOn: '2026-11-23',
        cadenceDays: 14,
        lastContactOn: null,
      },
      today,
    );
    // It replaces the person's check-in, so it must not rank below it.
    expect(n.score).toBeGreaterThan(checkIn.score);
    expect(n).toMatchObject({
      key: 'res.r1.a',
      action: { type: 'share_resource', resourceId: 'r1', template: 'share_article' },
    });
    expect(n.reason).toBe(
      'Li Wei is interested in Rust and due for a check-in (3 days overdue): share "Async Rust", saved yesterday.',
    );
  });
});

describe('who should get this', () => {
  it('prefers more matching topics, then people due, and explains why', () => {
    const base = { cadenceDays: 30, strength: 0 };
    const ranked = rankRecipients(
      [
        { id: '1', fullName: 'Not due', matchedTopics: ['Rust'], nextDueOn: '2027-03-01', ...base },
        { id: '2', fullName: 'Due', matchedTopics: ['Rust'], nextDueOn: '2026-11-20', ...base },
        { id: '3', fullName: 'Two topics', matchedTopics: ['AI', 'Rust'], nextDueOn: null, ...base },
      ],
      '2026-11-26',
      10,
    );
    expect(ranked.map((r) => r.fullName)).toEqual(['Two topics', 'Due', 'Not due']);
    expect(ranked[0]?.reason).toBe('Interested in AI and Rust.');
    expect(ranked[1]?.reason).toBe('Interested in Rust; due for a check-in (6 days overdue).');
  });
});
