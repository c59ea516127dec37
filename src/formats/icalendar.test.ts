import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, writeCalendar } from './icalendar.js';

describe('iCalendar writer', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(80)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('writes CRLF lines, all-day dates and refresh hints', () => {
    const ics = writeCalendar({
      name: 'Tend',
      timeZone: 'Europe/Lisbon',
      refreshMinutes: 60,
      stamp: new Date('2026-11-26T09:00:00Z'),
      events: [{ uid: 'x@tend', date: '2026-12-31', summary: 'New year, new me; ok' }],
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(ics).toContain('DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101');
    expect(ics).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(ics).toContain('X-PUBLISHED-TTL:PT1H');
    expect(ics).toContain('DTSTAMP:20261126T090000Z');
    expect(ics).toContain('SUMMARY:New year\\, new me\\; ok');
  });
});
