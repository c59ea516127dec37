import { describe, expect, it } from 'vitest';
import {
  type Circle,
  coParticipationStrength,
  edgeWeight,
  findWarmPaths,
  type GraphEdge,
  type GraphPerson,
  scoreWords,
  youWeight,
} from './intro-paths.js';

function person(id: string, circle: Circle = 'none', strength = 0, extra: Partial<GraphPerson> = {}): GraphPerson {
  return {
    id,
    fullName: id.charAt(0).toUpperCase() + id.slice(1),
    photoUrl: null,
    headline: null,
    organisation: null,
    role: null,
    circle,
    strength,
    ...extra,
  };
}

function graph(...ps: GraphPerson[]) {
  return new Map(ps.map((p) => [p.id, p]));
}

const edge = (a: string, b: string, strength = 3, kind = 'knows', more: Partial<GraphEdge> = {}): GraphEdge => ({
  a,
  b,
  kind,
  strength,
  ...more,
});

const names = (p: { hops: { person: { id: string } }[] }) => p.hops.map((h) => h.person.id).join('>');

describe('weights', () => {
  it('takes the larger of circle floor and score for you, none below the threshold', () => {
    expect(youWeight({ circle: 'close', strength: 10 })).toBe(0.65);
    expect(youWeight({ circle: 'close', strength: 90 })).toBe(0.9);
    expect(youWeight({ circle: 'none', strength: 2 })).toBe(0);
    expect(youWeight({ circle: 'none', strength: 30 })).toBe(0.3);
  });
  it('weighs ties by strength and kind, all in (0, 1]', () => {
    expect(edgeWeight({ kind: 'family', strength: 5 })).toBe(1);
    expect(edgeWeight({ kind: 'worked_with', strength: 5 })).toBeGreaterThan(
      edgeWeight({ kind: 'knows', strength: 5 }),
    );
    expect(edgeWeight({ kind: 'knows', strength: 1 })).toBeGreaterThan(0);
  });
  it('puts scores into words', () => {
    expect(scoreWords(0.7)).toBe('very warm');
    expect(scoreWords(0.4)).toBe('warm');
    expect(scoreWords(0.2)).toBe('lukewarm');
    expect(scoreWords(0.01)).toBe('cold');
  });
});

describe('findWarmPaths', () => {
  it('finds the path through the person you know best, and explains it', () => {
    const people = graph(
      person('ana', 'close', 80),
      person('bo', 'loose', 10),
      person('raj', 'none', 0, { organisation: 'Stripe', role: 'Engineer' }),
    );
    const paths = findWarmPaths(people, [edge('ana', 'raj', 4, 'worked_with'), edge('bo', 'raj', 5)], ['raj'], {
      k: 3,
      maxHops: 3,
    });
    expect(paths.map(names)).toEqual(['ana>raj', 'bo>raj']);
    const [best] = paths;
    expect(best?.score).toBeCloseTo(0.8 * 0.8 * 0.95, 4);
    expect(best?.hops[0]?.via).toEqual({ kind: 'you', strength: 0.8, label: 'close, strength 80' });
    expect(best?.hops[1]?.via.kind).toBe('worked_with');
    expect(best?.explanation).toBe('Ask Ana (close, strength 80), who worked with Raj, Engineer at Stripe.');
    expect(paths[0]?.score).toBeGreaterThanOrEqual(paths[1]?.score ?? 1);
  });

  it('returns a direct path when you know the target', () => {
    const people = graph(person('raj', 'inner', 90, { organisation: 'Stripe' }));
    const [p] = findWarmPaths(people, [], ['raj'], { k: 3, maxHops: 3 });
    expect(p?.hops).toHaveLength(1);
    expect(p?.explanation).toBe('You know Raj (Stripe) yourself (inner circle, strength 90): reach out directly.');
  });

  it('returns nothing when the target is disconnected or unknown', () => {
    const people = graph(person('ana', 'close', 80), person('raj'), person('li'));
    expect(findWarmPaths(people, [edge('raj', 'li')], ['raj'], { k: 3, maxHops: 4 })).toEqual([]);
    expect(findWarmPaths(people, [], ['nobody'], { k: 3, maxHops: 4 })).toEqual([]);
    expect(findWarmPaths(people, [], [], { k: 3, maxHops: 4 })).toEqual([]);
  });

  it('respects the hop limit (the target counts as a hop)', () => {
    // you → ana → bo → cy → raj: four people.
    const people = graph(person('ana', 'inner', 90), person('bo'), person('cy'), person('raj'));
    const edges = [edge('ana', 'bo'), edge('bo', 'cy'), edge('cy', 'raj')];
    expect(findWarmPaths(people, edges, ['raj'], { k: 3, maxHops: 3 })).toEqual([]);
    const [p] = findWarmPaths(people, edges, ['raj'], { k: 3, maxHops: 4 });
    expect(p && names(p)).toBe('ana>bo>cy>raj');
    expect(p?.explanation).toBe('Ask Ana (inner circle, strength 90), who knows Bo, who knows Cy, who knows Raj.');
    expect(findWarmPaths(people, edges, ['ana'], { k: 3, maxHops: 1 }).map(names)).toEqual(['ana']);
  });

  it('terminates on cycles and never visits a person twice', () => {
    const people = graph(person('ana', 'close', 70), person('bo', 'close', 60), person('cy'), person('raj'));
    const edges = [edge('ana', 'bo'), edge('bo', 'cy'), edge('cy', 'ana'), edge('cy', 'raj', 5)];
    const paths = findWarmPaths(people, edges, ['raj'], { k: 10, maxHops: 4 });
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      const ids = p.hops.map((h) => h.person.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(paths.map(names)).toEqual(['ana>cy>raj', 'bo>cy>raj', 'ana>bo>cy>raj', 'bo>ana>cy>raj']);
  });

  it('returns every path when k is larger than their number, best first', () => {
    const people = graph(person('ana', 'close', 70), person('bo', 'wider', 40), person('raj'));
    const paths = findWarmPaths(people, [edge('ana', 'raj'), edge('bo', 'raj')], ['raj'], { k: 10, maxHops: 2 });
    expect(paths.map(names)).toEqual(['ana>raj', 'bo>raj']);
  });

  it('keeps one path per set of intermediates, the best, across several targets', () => {
    const people = graph(
      person('ana', 'close', 70),
      person('raj', 'none', 0, { organisation: 'Stripe' }),
      person('li', 'none', 0, { organisation: 'Stripe' }),
    );
    const paths = findWarmPaths(people, [edge('ana', 'raj', 2), edge('ana', 'li', 5)], ['raj', 'li'], {
      k: 5,
      maxHops: 3,
    });
    expect(paths.map(names)).toEqual(['ana>li']);
  });

  it('ends a path at the first target it reaches', () => {
    const people = graph(person('ana', 'close', 70), person('raj'), person('li'));
    const paths = findWarmPaths(people, [edge('ana', 'raj', 5), edge('raj', 'li', 5)], ['raj', 'li'], {
      k: 5,
      maxHops: 3,
    });
    expect(paths.map(names)).toEqual(['ana>raj']);
  });

  it('breaks ties by name, so the order is stable', () => {
    const people = graph(person('zoe', 'close', 60), person('amy', 'close', 60), person('raj'));
    const paths = findWarmPaths(people, [edge('zoe', 'raj'), edge('amy', 'raj')], ['raj'], { k: 2, maxHops: 2 });
    expect(paths.map(names)).toEqual(['amy>raj', 'zoe>raj']);
    expect(paths[0]?.score).toBe(paths[1]?.score);
  });

  it('reaches through reports_to in either direction, and says which way it goes', () => {
    const people = graph(person('ana', 'close', 70), person('boss'));
    const up = findWarmPaths(people, [edge('ana', 'boss', 4, 'reports_to', { fromId: 'ana' })], ['boss'], {
      k: 1,
      maxHops: 2,
    });
    expect(up[0]?.explanation).toContain('who reports to Boss');
    const down = findWarmPaths(people, [edge('boss', 'ana', 4, 'reports_to', { fromId: 'boss' })], ['boss'], {
      k: 1,
      maxHops: 2,
    });
    expect(down[0]?.explanation).toContain('who manages Boss');
    expect(down[0]?.score).toBe(up[0]?.score);
  });

  it('uses the strongest tie when two people have several', () => {
    const people = graph(person('ana', 'close', 70), person('raj'));
    const [p] = findWarmPaths(people, [edge('ana', 'raj', 2, 'knows'), edge('ana', 'raj', 5, 'family')], ['raj'], {
      k: 3,
      maxHops: 2,
    });
    expect(p?.hops[1]?.via.kind).toBe('family');
  });

  it('labels co-participation ties', () => {
    const people = graph(person('ana', 'close', 70), person('raj'));
    const [p] = findWarmPaths(people, [edge('ana', 'raj', 2, 'met_together', { shared: 3 })], ['raj'], {
      k: 1,
      maxHops: 2,
    });
    expect(p?.hops[1]?.via.label).toBe('met together 3 times');
    expect(p?.explanation).toContain('has met several times with Raj');
  });

  it('prefers a warm long path over a cold short one', () => {
    const people = graph(person('ana', 'inner', 95), person('bo'), person('cold', 'none', 6), person('raj'));
    const edges = [edge('ana', 'bo', 5, 'family'), edge('bo', 'raj', 5, 'family'), edge('cold', 'raj', 1)];
    const paths = findWarmPaths(people, edges, ['raj'], { k: 2, maxHops: 3 });
    expect(paths.map(names)).toEqual(['ana>bo>raj', 'cold>raj']);
  });
});

describe('coParticipationStrength', () => {
  it('grows with the log of how often, capped below a vouched-for 5', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 100].map(coParticipationStrength)).toEqual([0, 1, 2, 2, 3, 3, 4, 4]);
  });
});
