import { describe, expect, it } from 'vitest';
import type { StrengthInsight, WeeklyInsight } from './insights.js';
import { strengthTakeaway, weeklyTakeaway } from './insights-text.js';

describe('insight takeaways', () => {
  const week = (total: number) => ({ week: '2026-11-23', total, online: total, inPerson: 0 });

  it('writes large counts with thousands separators', () => {
    const weekly: WeeklyInsight = {
      months: 6,
      from: '2026-06-01',
      to: '2026-11-26',
      weekStartsOn: 1,
      total: 446_825,
      online: 446_825,
      inPerson: 0,
      perWeek: 17_186,
      byWeek: Array.from({ length: 26 }, () => week(17_186)),
    };
    expect(weeklyTakeaway(weekly)).toBe('About 17,186 interactions a week in the last 6 months');
    expect(weeklyTakeaway({ ...weekly, perWeek: 2.5, total: 65, byWeek: [week(65)] })).toBe(
      'About 2.5 interactions a week in the last 6 months',
    );

    const strength: StrengthInsight = {
      months: 6,
      people: 100_000,
      comparedWith: '2026-05-25',
      bands: [],
      warmed: 1_454,
      cooled: 2_310,
      threshold: 3,
    };
    expect(strengthTakeaway(strength)).toBe('Since 25 May, 1,454 relationships warmed and 2,310 cooled');
  });
});
