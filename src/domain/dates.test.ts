import { describe, expect, it } from 'vitest';
import {
  addDays,
  anniversaryIn,
  daysBetween,
  localDate,
  monthDayRanges,
  nextAnniversary,
  startOfLocalDay,
  startOfWeek,
  yearsAt,
} from './dates.js';

describe('date arithmetic', () => {
  it('adds days across month, year and leap day', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('never loses a day over a DST change (dates are not instants)', () => {
    // Europe/Lisbon springs forward on 2026-03-29 and falls back on 2026-10-25.
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2026-04-01', '2026-03-01')).toBe(-31);
  });
});

describe('local dates in time zones', () => {
  it('puts an instant on the right calendar day per zone', () => {
    const t = '2026-11-26T23:30:00.000Z';
    expect(localDate(t, 'UTC')).toBe('2026-11-26');
    expect(localDate(t, 'Asia/Tokyo')).toBe('2026-11-27');
    expect(localDate(t, 'America/Los_Angeles')).toBe('2026-11-26');
    expect(localDate('2026-11-27T05:00:00.000Z', 'America/Los_Angeles')).toBe('2026-11-26');
  });

  it('finds local midnight on ordinary and DST days', () => {
    expect(startOfLocalDay('2026-11-26', 'UTC')).toBe('2026-11-26T00:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', 'Europe/Lisbon')).toBe('2026-06-30T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-29', 'Europe/Lisbon')).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Lisbon')).toBe('2026-03-29T23:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfLocalDay('2026-11-02', 'America/New_York')).toBe('2026-11-02T05:00:00.000Z');
  });

  it('handles a zone whose midnight does not exist on the DST day', () => {
    // America/Santiago moves clocks from 00:00 to 01:00 in September.
    const start = startOfLocalDay('2026-09-06', 'America/Santiago');
    expect(localDate(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDate(new Date(Date.parse(start) - 1), 'America/Santiago')).toBe('2026-09-05');
  });

  it('starts weeks on Monday or Sunday', () => {
    expect(startOfWeek('2026-11-26')).toBe('2026-11-23'); // a Thursday
    expect(startOfWeek('2026-11-23')).toBe('2026-11-23');
    expect(startOfWeek('2026-11-22')).toBe('2026-11-16'); // a Sunday
    expect(startOfWeek('2026-11-22', 0)).toBe('2026-11-22');
    expect(startOfWeek('2027-01-01')).toBe('2026-12-28');
  });
});

describe('anniversaries', () => {
  it('celebrates 29 February on 28 February in common years', () => {
    expect(anniversaryIn(2027, 2, 29)).toBe('2027-02-28');
    expect(anniversaryIn(2028, 2, 29)).toBe('2028-02-29');
    expect(anniversaryIn(2100, 2, 29)).toBe('2100-02-28');
    expect(nextAnniversary(2, 29, '2027-01-10')).toBe('2027-02-28');
    expect(nextAnniversary(2, 29, '2027-03-01')).toBe('2028-02-29');
  });

  it('rolls over the year end', () => {
    expect(nextAnniversary(1, 2, '2026-12-30')).toBe('2027-01-02');
    expect(nextAnniversary(12, 30, '2026-12-30')).toBe('2026-12-30');
  });

  it('gives month/day ranges for index lookups, including the leap day in common years', () => {
    expect(monthDayRanges('2026-12-28', '2027-01-03')).toEqual([
      { month: 12, fromDay: 28, toDay: 31 },
      { month: 1, fromDay: 1, toDay: 3 },
    ]);
    expect(monthDayRanges('2027-02-26', '2027-03-02')).toEqual([
      { month: 2, fromDay: 26, toDay: 29 },
      { month: 3, fromDay: 1, toDay: 2 },
    ]);
    expect(monthDayRanges('2028-02-26', '2028-02-28')).toEqual([{ month: 2, fromDay: 26, toDay: 28 }]);
  });

  it('counts years only when the year is known', () => {
    expect(yearsAt('2026-05-01', 1990)).toBe(36);
    expect(yearsAt('2026-05-01', null)).toBeNull();
    expect(yearsAt('2026-05-01', 2026)).toBeNull();
  });
});
