import { describe, expect, it } from 'vitest';
import { countWeek, metGoal, streak, weekHistory } from './goals.js';

const goal = { touches: 3, checkIns: 1 };

describe('weekly goal', () => {
  it('counts touches per person and check-ins, ignoring likes', () => {
    const w = countWeek('2026-11-23', [
      { kind: 'coffee', people: 2 },
      { kind: 'check_in', people: 1 },
      { kind: 'online_engagement', people: 5 },
    ]);
    expect(w).toEqual({ weekStart: '2026-11-23', touches: 3, checkIns: 1 });
    expect(metGoal(w, goal)).toBe(true);
    expect(metGoal({ touches: 10, checkIns: 0 }, goal)).toBe(false);
  });

  it('counts a streak back from last week while this week is still open', () => {
    const ok = { touches: 3, checkIns: 1 };
    const weeks = [
      { weekStart: '2026-11-02', ...ok },
      { weekStart: '2026-11-09', ...ok },
      { weekStart: '2026-11-16', ...ok },
      { weekStart: '2026-11-23', touches: 1, checkIns: 0 },
    ];
    expect(streak(weeks, '2026-11-23', goal)).toBe(3);
    expect(streak([...weeks.slice(0, 3), { weekStart: '2026-11-23', ...ok }], '2026-11-23', goal)).toBe(4);
    // A missed week breaks it.
    expect(
      streak(
        [weeks[0], weeks[2]].filter((w) => w !== undefined),
        '2026-11-23',
        goal,
      ),
    ).toBe(1);
    expect(streak([], '2026-11-23', goal)).toBe(0);
  });

  it('fills the history with empty weeks, oldest first, across the year end', () => {
    const h = weekHistory([{ weekStart: '2026-12-28', touches: 4, checkIns: 1 }], '2027-01-04', 3, goal);
    expect(h.map((w) => [w.weekStart, w.touches, w.met])).toEqual([
      ['2026-12-21', 0, false],
      ['2026-12-28', 4, true],
      ['2027-01-04', 0, false],
    ]);
  });
});
