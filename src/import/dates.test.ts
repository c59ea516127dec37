import { describe, expect, it } from 'vitest';
import { parseBirthday, parseDate, parseInstant } from './dates.js';

describe('dates as export files write them', () => {
  it('reads LinkedIn, US, ISO and named-month dates, and refuses impossible ones', () => {
    expect(parseDate('15 Mar 2021')).toBe('2021-03-15');
    expect(parseDate('3 Apr 22')).toBe('2022-04-03');
    expect(parseDate('March 5, 2020')).toBe('2020-03-05');
    expect(parseDate('4/5/23, 2:03 PM')).toBe('2023-04-05');
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('31 Foo 2021')).toBeNull();
    expect(parseDate('')).toBeNull();
  });
  it('reads instants in UTC', () => {
    expect(parseInstant('2023-04-05 14:03:22 UTC')).toBe('2023-04-05T14:03:22.000Z');
    expect(parseInstant('2023-04-05T14:03:22+02:00')).toBe('2023-04-05T12:03:22.000Z');
    expect(parseInstant('4/5/23, 2:03 PM')).toBe('2023-04-05T14:03:00.000Z');
    expect(parseInstant('12/1/23, 12:15 AM')).toBe('2023-12-01T00:15:00.000Z');
    expect(parseInstant('not a date')).toBeNull();
  });
  it('reads birthdays with and without a year', () => {
    expect(parseBirthday('--07-04')).toEqual({ month: 7, day: 4, year: null });
    expect(parseBirthday('1990-04-12')).toEqual({ month: 4, day: 12, year: 1990 });
    expect(parseBirthday('--02-30')).toBeNull();
  });
});
