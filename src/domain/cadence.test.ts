import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCES, effectiveCadence, lastMeaningfulOn, nextDueOn } from './cadence.js';

describe('cadence', () => {
  it('takes the override, else the circle default, and none has no cadence', () => {
    expect(effectiveCadence('inner', null, DEFAULT_CADENCES)).toBe(14);
    expect(effectiveCadence('loose', null, DEFAULT_CADENCES)).toBe(180);
    expect(effectiveCadence('close', 7, DEFAULT_CADENCES)).toBe(7);
    expect(effectiveCadence('none', null, DEFAULT_CADENCES)).toBeNull();
    expect(effectiveCadence('none', 60, DEFAULT_CADENCES)).toBe(60);
    expect(effectiveCadence('inner', null, { ...DEFAULT_CADENCES, inner: 10 })).toBe(10);
  });

  it('is due one cadence after the last meaningful contact, or after being added', () => {
    const base = { cadenceDays: 30, createdOn: '2026-01-01', snoozedUntil: null };
    expect(nextDueOn({ ...base, lastMeaningfulOn: '2026-11-01' })).toBe('2026-12-01');
    expect(nextDueOn({ ...base, lastMeaningfulOn: null })).toBe('2026-01-31');
    expect(nextDueOn({ ...base, cadenceDays: null, lastMeaningfulOn: '2026-11-01' })).toBeNull();
  });

  it('lets a snooze push the date later, never earlier', () => {
    const base = { cadenceDays: 30, createdOn: '2026-01-01', lastMeaningfulOn: '2026-11-01' };
    expect(nextDueOn({ ...base, snoozedUntil: '2026-12-20' })).toBe('2026-12-20');
    expect(nextDueOn({ ...base, snoozedUntil: '2026-11-10' })).toBe('2026-12-01');
  });

  it('ignores likes and counts the contact on the local day of the user', () => {
    const history = [
      { kind: 'coffee' as const, occurredAt: '2026-11-01T23:30:00.000Z' },
      { kind: 'online_engagement' as const, occurredAt: '2026-11-20T10:00:00.000Z' },
    ];
    expect(lastMeaningfulOn(history, 'UTC')).toBe('2026-11-01');
    expect(lastMeaningfulOn(history, 'Asia/Tokyo')).toBe('2026-11-02');
    expect(lastMeaningfulOn([history[1] as (typeof history)[number]], 'UTC')).toBeNull();
  });

  it('is due on the right day across a DST change', () => {
    // Contact on the evening before Lisbon springs forward; 14 days later is still a calendar date.
    const on = lastMeaningfulOn([{ kind: 'call', occurredAt: '2026-03-28T22:30:00.000Z' }], 'Europe/Lisbon');
    expect(on).toBe('2026-03-28');
    expect(nextDueOn({ cadenceDays: 14, createdOn: '2026-01-01', lastMeaningfulOn: on, snoozedUntil: null })).toBe(
      '2026-04-11',
    );
  });
});
