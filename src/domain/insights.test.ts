import { describe, expect, it } from 'vitest';
import { coolingReason, insightWindow, weekList } from './insights.js';

describe('insight calendar', () => {
  it('covers the last N months, the current one included, across a year end', () => {
    expect(insightWindow('2026-02-10', 3)).toEqual({
      months: 3,
      from: '2025-12-01',
      to: '2026-02-10',
      monthList: ['2025-12', '2026-01', '2026-02'],
    });
    expect(insightWindow('2026-11-26', 1).monthList).toEqual(['2026-11']);
  });

  it('lists the weeks overlapping the window from their first day', () => {
    const w = insightWindow('2026-11-26', 1);
    expect(weekList(w, 1)).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weekList(w, 0)[0]).toBe('2026-11-01');
  });
});

describe('cooling reason', () => {
  const base = {
    strength: 40.4,
    strengthThen: 72,
    drop: 31.6,
    trend: 'cooling',
    lastContactAt: '2026-10-01T10:00:00.000Z',
    overdueDays: 12,
    comparedWith: '2026-08-31',
    today: '2026-11-26',
    threshold: 3,
  };
  it('says what fell, by how much, since when, and how long it has been', () => {
    expect(coolingReason(base)).toBe(
      'Strength fell from 72 to 40 in 12 weeks, 12 days past due, last contact 56 days ago',
    );
  });
  it('names an overdue relationship without a measured drop', () => {
    expect(coolingReason({ ...base, strengthThen: null, drop: 0, overdueDays: 1, lastContactAt: null })).toBe(
      '1 day past due, never contacted',
    );
  });
  it('falls back to the trend', () => {
    expect(coolingReason({ ...base, drop: 1, overdueDays: null })).toBe(
      'Cooling over the last 30 days, last contact 56 days ago',
    );
  });
});
