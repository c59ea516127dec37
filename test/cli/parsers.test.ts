import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { collectList, integer, oneOf, parsePast, parseWhen } from '../../src/cli/parsers.js';

describe('parseWhen', () => {
  const now = new Date(2026, 10, 26, 15, 30);

  it('reads dates as noon local time, and today as now', () => {
    expect(parseWhen('2026-03-14', now)).toBe(new Date(2026, 2, 14, 12, 0).toISOString());
    expect(parseWhen('2026-11-26', now)).toBe(now.toISOString());
    expect(parseWhen('today', now)).toBe(now.toISOString());
  });

  it('reads local times, ISO date-times and relative days', () => {
    expect(parseWhen('2026-03-14 09:30', now)).toBe(new Date(2026, 2, 14, 9, 30).toISOString());
    expect(parseWhen('2026-03-14T09:30:00+01:00', now)).toBe('2026-03-14T08:30:00.000Z');
    expect(parseWhen('2026-03-14T09:30Z', now)).toBe('2026-03-14T09:30:00.000Z');
    expect(parseWhen('yesterday', now)).toBe(new Date(2026, 10, 25, 12, 0).toISOString());
    expect(parseWhen('3 days ago', now)).toBe(new Date(2026, 10, 23, 12, 0).toISOString());
    expect(parseWhen('2w ago', now)).toBe(new Date(2026, 10, 12, 12, 0).toISOString());
  });

  it.each(['2026-02-30', '2026-13-01', 'last tuesday', '14/03/2026', '2026-03-14 25:00'])('rejects %s', (v) => {
    expect(() => parseWhen(v, now)).toThrow(InvalidArgumentError);
  });
});

describe('option parsers', () => {
  it('accepts whole numbers in range only', () => {
    expect(integer(1, 10)('7')).toBe(7);
    for (const bad of ['0', '11', '1.5', 'ten', '']) expect(() => integer(1, 10)(bad)).toThrow(/whole number/);
  });

  it('forgives case and dashes and suggests the closest choice', () => {
    const kind = oneOf(['coffee', 'video_call', 'meeting'] as const);
    expect(kind('Video-Call')).toBe('video_call');
    expect(() => kind('cofee')).toThrow('Did you mean coffee? Choose one of: coffee, video-call, meeting.');
    expect(() => kind('zzzzzzzz')).toThrow(/^Choose one of/);
  });

  it('collects repeated and comma-separated values', () => {
    expect(collectList('b, c', collectList('a', undefined))).toEqual(['a', 'b', 'c']);
  });
});

describe('parsePast', () => {
  const now = new Date(2026, 10, 26, 15, 30);
  it('accepts the past and today, and refuses the future', () => {
    expect(parsePast('last week', now)).toBe(new Date(2026, 10, 19, 12, 0).toISOString());
    expect(parsePast('2026-11-26 18:00', now)).toBe(new Date(2026, 10, 26, 18, 0).toISOString());
    expect(() => parsePast('2062-11-26', now)).toThrow('2062-11-26 is in the future; log what has already happened.');
  });
});
