import { describe, expect, it } from 'vitest';
import { joinNames, relativeTime, table, truncate } from '../../src/cli/format.js';
import { createStyle, stripAnsi, wantsColor } from '../../src/cli/style.js';

const now = new Date(2026, 10, 26, 15, 0);
const ago = (ms: number) => new Date(now.getTime() - ms);
const H = 3600_000;
const D = 24 * H;

describe('relativeTime', () => {
  it.each([
    [ago(10_000), 'just now'],
    [ago(5 * 60_000), '5 minutes ago'],
    [ago(3 * H), '3 hours ago'],
    [new Date(2026, 10, 25, 23, 0), 'yesterday'],
    [ago(3 * D), '3 days ago'],
    [ago(9 * D), '1 week ago'],
    [ago(45 * D), '1 month ago'],
    [ago(340 * D), '11 months ago'],
    [ago(800 * D), '2 years ago'],
    [new Date(now.getTime() + 2 * D), 'in 2 days'],
  ])('%s reads as %s', (date, expected) => {
    expect(relativeTime(date, now)).toBe(expected);
  });
});

describe('table', () => {
  const rows = [
    { name: 'Ana Ruiz', role: 'Staff Engineer at Fernwood Labs', n: 3 },
    { name: 'Li', role: 'Designer', n: 12 },
  ];
  const plain = createStyle(false);

  it('aligns columns under a header, right-aligning numbers', () => {
    const lines = table(
      rows,
      [
        { header: 'NAME', value: (r) => r.name },
        { header: 'N', value: (r) => String(r.n), align: 'right' },
        { header: 'ROLE', value: (r) => r.role },
      ],
      plain,
    );
    expect(lines).toEqual([
      'NAME       N  ROLE',
      'Ana Ruiz   3  Staff Engineer at Fernwood Labs',
      'Li        12  Designer',
    ]);
  });

  it('shortens shrinkable columns to fit the width, and colours after cutting', () => {
    const color = createStyle(true);
    const lines = table(
      rows,
      [
        { header: 'NAME', value: (r) => r.name, color: (s) => color.bold(s) },
        { header: 'ROLE', value: (r) => r.role, shrink: true },
      ],
      color,
      24,
    );
    for (const l of lines) expect(stripAnsi(l).length).toBeLessThanOrEqual(24);
    expect(stripAnsi(lines[1] ?? '')).toBe('Ana Ruiz  Staff Enginee…');
    expect(lines[1]).toContain('\u001b[1mAna Ruiz\u001b[22m');
  });
});

describe('small helpers', () => {
  it('joins names as a person would', () => {
    expect(joinNames(['Ana'])).toBe('Ana');
    expect(joinNames(['Ana', 'Raj'])).toBe('Ana and Raj');
    expect(joinNames(['Ana', 'Raj', 'Li'])).toBe('Ana, Raj and Li');
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('colours only a TTY that wants colour (Node checks NO_COLOR)', () => {
    expect(wantsColor({ isTTY: false, hasColors: () => true })).toBe(false);
    expect(wantsColor({ isTTY: true, hasColors: () => false })).toBe(false);
    expect(wantsColor({ isTTY: true, hasColors: () => true })).toBe(true);
    expect(createStyle(false).red('x')).toBe('x');
  });
});
