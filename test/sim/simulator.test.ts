import { describe, expect, it } from 'vitest';
import { personCurve, upperBound } from '../../sim/bound.js';
import { setUp, simulate, tearDown } from '../../sim/harness.js';
import { random, tend } from '../../sim/policies.js';
import { buildWorld } from '../../sim/world.js';

/*
 * A short simulated stretch, to prove the simulator runs through the real
 * services and measures what it says: the full year is `npm run sim`.
 */
describe('efficacy simulator', () => {
  const options = { seed: 7, people: 60, days: 63, start: '2026-01-05', absences: 0 };

  it('builds the same world from the same seed', () => {
    const a = buildWorld(options);
    const b = buildWorld(options);
    expect(JSON.stringify(a.happenings)).toBe(JSON.stringify(b.happenings));
    expect(a.people.map((p) => p.name)).toEqual(b.people.map((p) => p.name));
    expect(JSON.stringify(buildWorld({ ...options, seed: 8 }).happenings)).not.toBe(JSON.stringify(a.happenings));
    expect(a.happenings.some((h) => h.kind === 'event')).toBe(true);
  });

  it('bounds what a policy can do: out-of-cadence days by touches, for one person', () => {
    const always = () => true;
    // Cadence 14, last contact on day 0, a 30-day year: out from day 14 unless touched.
    expect(personCurve(14, 0, [], always, 30, 5)).toEqual([16, 2, 0]);
    // They write on day 14: nothing to do.
    expect(personCurve(14, 0, [14], always, 30, 5)).toEqual([2, 0]);
    // Away from day 10 to 20: the best is a touch on day 9, out from day 23 until the next one.
    const away = (d: number) => d < 10 || d > 20;
    expect(personCurve(14, 0, [], away, 30, 5).slice(0, 3)).toEqual([16, 7, 0]);
  });

  it("runs Tend's Today and a baseline within the budget, and Tend follows up after events", async () => {
    const world = buildWorld(options);
    const base = await setUp(world);
    try {
      const mine = await simulate(world, base, tend, { budget: 5 });
      const other = await simulate(world, base, random, { budget: 5 });
      for (const r of [mine, other]) {
        // 9 weeks of 5 touches, plus the reserve the bucket starts with.
        expect(r.touches).toBeGreaterThan(0);
        expect(r.touches).toBeLessThanOrEqual(9 * 5 + 3);
        for (const share of [r.keptInCadence, r.eventFollowUps48h, r.congratulated7d]) {
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(1);
        }
        expect(r.daily).toHaveLength(options.days);
      }
      expect(mine.eventsMet).toBeGreaterThan(0);
      expect(mine.eventFollowUps48h).toBeGreaterThanOrEqual(0.9);
      expect(mine.eventFollowUps48h).toBeGreaterThan(other.eventFollowUps48h);
      expect(mine.keptInCadence).toBeGreaterThan(other.keptInCadence);
      // Nothing beats the oracle that knows the year.
      const bound = upperBound(world, 5);
      expect(bound.touches).toBeGreaterThanOrEqual(Math.max(mine.touches, other.touches));
      expect(mine.keptInCadence).toBeLessThanOrEqual(bound.inCadenceNoFollowUps + 1e-9);
      expect(other.keptInCadence).toBeLessThanOrEqual(bound.inCadenceNoFollowUps + 1e-9);
    } finally {
      tearDown(base);
    }
  }, 120_000);

  it('records each absence in Tend ahead of time when told to, and Today then brings check-ins forward', async () => {
    const world = buildWorld({ ...options, days: 120, absences: 1 });
    const base = await setUp(world);
    try {
      const told = await simulate(world, base, tend, { budget: 5, awayNotice: 14 });
      const silent = await simulate(world, base, tend, { budget: 5, awayNotice: 0 });
      expect(told.diagnostics.touchesByLabel.before_away).toBeGreaterThan(0);
      expect(silent.diagnostics.touchesByLabel.before_away).toBeUndefined();
      // Nothing else about the world changes: the same people were met at the same events.
      expect(told.eventsMet).toBe(silent.eventsMet);
    } finally {
      tearDown(base);
    }
  }, 120_000);
});
