import { describe, expect, it } from 'vitest';
import { DEPTH, STRENGTH, assessStrength, isMeaningful, strengthAt, trendAt } from './strength.js';

const at = new Date('2026-11-26T12:00:00.000Z');
const daysAgo = (n: number) => new Date(at.getTime() - n * 86_400_000).toISOString();

describe('relationship strength', () => {
  it('is zero without interactions and stays within 0–100', () => {
    expect(strengthAt([], at)).toBe(0);
    const many = Array.from({ length: 500 }, (_, i) => ({ kind: 'meal' as const, occurredAt: daysAgo(i) }));
    const s = strengthAt(many, at);
    expect(s).toBeGreaterThan(99);
    expect(s).toBeLessThanOrEqual(100);
  });

  it('weighs an in-person meeting more than a like', () => {
    expect(DEPTH.meeting).toBeGreaterThan(DEPTH.online_engagement * 10);
    const meeting = strengthAt([{ kind: 'meeting', occurredAt: daysAgo(1) }], at);
    const like = strengthAt([{ kind: 'online_engagement', occurredAt: daysAgo(1) }], at);
    expect(meeting).toBeGreaterThan(like * 5);
    expect(isMeaningful('online_engagement')).toBe(false);
    expect(isMeaningful('check_in')).toBe(true);
  });

  it('rewards recency: the same coffee counts half after one half-life', () => {
    const fresh = strengthAt([{ kind: 'coffee', occurredAt: daysAgo(0) }], at);
    const old = strengthAt([{ kind: 'coffee', occurredAt: daysAgo(STRENGTH.halfLifeDays) }], at);
    // 100·(1−e^(−3/4)) vs 100·(1−e^(−1.5/4))
    expect(fresh).toBeCloseTo(52.8, 1);
    expect(old).toBeCloseTo(31.3, 1);
  });

  it('rewards frequency', () => {
    const once = strengthAt([{ kind: 'call', occurredAt: daysAgo(10) }], at);
    const monthly = strengthAt(
      [0, 30, 60, 90].map((d) => ({ kind: 'call' as const, occurredAt: daysAgo(d + 10) })),
      at,
    );
    expect(monthly).toBeGreaterThan(once * 1.8);
  });

  it('decays with time and forgets beyond the horizon', () => {
    const h = [{ kind: 'meeting' as const, occurredAt: '2026-01-01T10:00:00.000Z' }];
    const values = [0, 30, 90, 365].map((d) => strengthAt(h, new Date(Date.parse('2026-01-02T00:00:00Z') + d * 864e5)));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(strengthAt(h, new Date('2029-06-01T00:00:00Z'))).toBe(0);
  });

  it('ignores interactions in the future', () => {
    expect(strengthAt([{ kind: 'meeting', occurredAt: daysAgo(-3) }], at)).toBe(0);
  });

  it('calls a relationship warming after recent contact, cooling after silence, steady when faint', () => {
    expect(trendAt([{ kind: 'coffee', occurredAt: daysAgo(2) }], at)).toBe('warming');
    const past = [0, 20, 40, 60].map((d) => ({ kind: 'meeting' as const, occurredAt: daysAgo(100 + d) }));
    expect(trendAt(past, at)).toBe('cooling');
    expect(trendAt([{ kind: 'online_engagement', occurredAt: daysAgo(400) }], at)).toBe('steady');
    expect(assessStrength([], at)).toEqual({ strength: 0, trend: 'steady' });
  });
});
