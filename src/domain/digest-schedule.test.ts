import { describe, expect, it } from 'vitest';
import { lastOccurrence } from './digest-schedule.js';

describe('digest schedule', () => {
  const daily = { frequency: 'daily' as const, hour: 8, weekday: 1, timeZone: 'Europe/Lisbon' };

  it('is the local hour today once it has passed, else yesterday', () => {
    expect(lastOccurrence(daily, new Date('2026-11-26T08:30:00Z'))?.period).toBe('daily:2026-11-26');
    expect(lastOccurrence(daily, new Date('2026-11-26T07:59:00Z'))?.period).toBe('daily:2026-11-25');
    // Lisbon is UTC+1 in summer: 08:00 local is 07:00 UTC.
    expect(lastOccurrence(daily, new Date('2026-07-01T07:00:00Z'))?.at.toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });

  it('follows the user’s zone across the date line', () => {
    const tokyo = { ...daily, timeZone: 'Asia/Tokyo' };
    // 23:30 UTC on the 25th is 08:30 on the 26th in Tokyo.
    expect(lastOccurrence(tokyo, new Date('2026-11-25T23:30:00Z'))?.period).toBe('daily:2026-11-26');
  });

  it('is weekly on the chosen weekday', () => {
    const weekly = { ...daily, frequency: 'weekly' as const, weekday: 1 }; // Mondays
    expect(lastOccurrence(weekly, new Date('2026-11-26T12:00:00Z'))?.period).toBe('weekly:2026-11-23');
    expect(lastOccurrence(weekly, new Date('2026-11-30T07:00:00Z'))?.period).toBe('weekly:2026-11-23');
    expect(lastOccurrence(weekly, new Date('2026-11-30T08:00:00Z'))?.period).toBe('weekly:2026-11-30');
  });
});
