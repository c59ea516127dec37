import { describe, expect, it } from 'vitest';
import { dueness, youTie } from './network-graph.js';

describe('dueness on the map', () => {
  it('reads the next due date against today', () => {
    expect(dueness(null, '2026-11-26')).toBe('none');
    expect(dueness('2026-11-25', '2026-11-26')).toBe('overdue');
    expect(dueness('2026-11-26', '2026-11-26')).toBe('due');
    expect(dueness('2026-12-03', '2026-11-26')).toBe('due');
    expect(dueness('2026-12-04', '2026-11-26')).toBe('later');
  });
});

describe('the tie from you', () => {
  it('joins the inner and close circles and anyone strong enough, 1 to 5 by strength', () => {
    expect(youTie(5, 'loose')).toBeNull();
    expect(youTie(24, 'wider')).toBeNull();
    expect(youTie(25, 'wider')).toBe(2);
    expect(youTie(0, 'inner')).toBe(1);
    expect(youTie(3, 'close')).toBe(1);
    expect(youTie(100, 'none')).toBe(5);
  });
});
