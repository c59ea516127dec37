import { describe, expect, it } from 'vitest';
import { analyzeCadence } from './bulk.js';

describe('analyzeCadence', () => {
  it('asks for statistics after the first 1,000 rows, then each time the tables may have doubled', () => {
    const c = analyzeCadence();
    const asked: number[] = [];
    let total = 0;
    for (let i = 0; i < 40; i++) {
      total += 500;
      if (c.wrote(500)) asked.push(total);
    }
    expect(asked).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('counts rows written in chunks larger than the first mark', () => {
    const c = analyzeCadence();
    expect([c.wrote(5000), c.wrote(5000), c.wrote(5000), c.wrote(5000)]).toEqual([true, true, false, true]);
  });
});
