import { describe, expect, it } from 'vitest';
import { groupReport, opportunityChannel, tally } from './opportunities.js';

describe('opportunity report', () => {
  it('prefers the conversation channel, then how you met the source', () => {
    expect(opportunityChannel('online', 'conference')).toBe('online');
    expect(opportunityChannel(null, 'conference')).toBe('in_person');
    expect(opportunityChannel(null, 'linkedin')).toBe('online');
    expect(opportunityChannel(null, 'introduction')).toBe('unknown');
    expect(opportunityChannel(null, null)).toBe('unknown');
    expect(opportunityChannel(null, 'linkedin', 'meetup')).toBe('in_person');
    expect(opportunityChannel(null, 'conference', 'virtual')).toBe('online');
    expect(opportunityChannel('in_person', null, 'virtual')).toBe('in_person');
  });

  it('counts won value per currency, never adding currencies together', () => {
    const r = tally([
      { stage: 'won', valueAmount: 1000, valueCurrency: 'EUR' },
      { stage: 'won', valueAmount: 500.5, valueCurrency: 'EUR' },
      { stage: 'won', valueAmount: 200, valueCurrency: 'USD' },
      { stage: 'won', valueAmount: null, valueCurrency: null },
      { stage: 'lost', valueAmount: 9999, valueCurrency: 'EUR' },
      { stage: 'lead', valueAmount: 9999, valueCurrency: 'EUR' },
    ]);
    expect(r).toEqual({
      count: 6,
      open: 1,
      won: 4,
      lost: 1,
      wonValue: [
        { currency: 'EUR', amount: 1500.5 },
        { currency: 'USD', amount: 200 },
      ],
    });
  });

  it('ranks groups by what they produced', () => {
    const rows = groupReport(
      [
        { k: 'a', stage: 'lead' as const, valueAmount: null, valueCurrency: null },
        { k: 'a', stage: 'lead' as const, valueAmount: null, valueCurrency: null },
        { k: 'b', stage: 'won' as const, valueAmount: 10, valueCurrency: 'EUR' },
      ],
      (i) => i.k,
      (i) => i.k,
    );
    expect(rows.map((r) => [r.label, r.count, r.won])).toEqual([
      ['b', 1, 1],
      ['a', 2, 0],
    ]);
  });
});
