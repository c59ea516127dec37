import { describe, expect, it } from 'vitest';
import { type DedupePerson, findDuplicates, givenForms, linkedinKey, pairKey, phoneKey } from './dedupe.js';

let seq = 0;
function person(fullName: string, extra: Partial<DedupePerson> = {}): DedupePerson {
  seq++;
  return {
    id: `p${String(seq).padStart(6, '0')}`,
    fullName,
    givenName: null,
    familyName: null,
    nickname: null,
    emails: [],
    phones: [],
    links: [],
    ...extra,
  };
}

function reasonsOf(people: DedupePerson[], region?: string) {
  return findDuplicates(people, { region }).map((s) => ({ score: s.score, kinds: s.reasons.map((r) => r.kind) }));
}

describe('findDuplicates', () => {
  it('matches the same email whatever its case', () => {
    const r = reasonsOf([
      person('Ana Ruiz', { emails: ['Ana@Example.com'] }),
      person('A. R.', { emails: ['ana@example.com'] }),
    ]);
    expect(r).toEqual([{ score: 0.9, kinds: ['email'] }]);
  });

  it('matches phones in E.164, with the region for national numbers', () => {
    const a = person('Raj Patel', { phones: ['+44 20 7946 0958'] });
    const b = person('R Patel-Smith', { phones: ['020 7946 0958'] });
    expect(reasonsOf([a, b], 'GB')[0]?.kinds).toEqual(['phone']);
    expect(reasonsOf([a, b])).toEqual([]);
    expect(phoneKey('(020) 7946-0958', 'GB')).toBe('+442079460958');
  });

  it('matches LinkedIn profiles however the URL is written', () => {
    expect(linkedinKey('https://www.linkedin.com/in/Ana-Ruiz/?trk=x')).toBe('ana-ruiz');
    const r = reasonsOf([
      person('Ana Ruiz', { links: ['https://www.linkedin.com/in/ana-ruiz/'] }),
      person('Ana Ruiz Gómez', { links: ['http://linkedin.com/in/Ana-Ruiz'] }),
    ]);
    expect(r[0]?.kinds).toEqual(['linkedin']);
  });

  it('folds accents, knows nicknames, initials and swapped names', () => {
    expect(reasonsOf([person('José Núñez'), person('Jose Nunez')])).toEqual([{ score: 0.7, kinds: ['name'] }]);
    expect(reasonsOf([person('Bob Smith'), person('Robert Smith')])[0]?.kinds).toEqual(['nickname']);
    expect(reasonsOf([person('Liz Taylor'), person('Elizabeth Taylor')])[0]?.kinds).toEqual(['nickname']);
    expect(reasonsOf([person('Kate Bush'), person('Katherine Bush')])[0]?.kinds).toEqual(['nickname']);
    expect(reasonsOf([person('J. Smith'), person('John Smith')])[0]?.kinds).toEqual(['initial']);
    expect(reasonsOf([person('Smith John'), person('John Smith')])[0]?.kinds).toEqual(['swapped']);
    expect(givenForms('Bobby')).toEqual(['bobby', 'robert']);
  });

  it('does not pair different people', () => {
    expect(reasonsOf([person('John Smith'), person('Jane Smith'), person('J. Doe'), person('Mark Smith')])).toEqual([]);
    expect(reasonsOf([person('K. Smith'), person('John Smith')])).toEqual([]);
  });

  it('adds evidence up and puts the strongest first', () => {
    const a = person('Bob Smith', { emails: ['bob@x.test'] });
    const b = person('Robert Smith', { emails: ['bob@x.test'] });
    const c = person('J. Doe');
    const d = person('John Doe');
    const r = findDuplicates([a, b, c, d]);
    expect(r.map((s) => [s.a, s.b])).toEqual([
      [a.id, b.id],
      [c.id, d.id],
    ]);
    expect(r[0]?.score).toBe(0.96);
  });

  it('leaves out dismissed pairs', () => {
    const a = person('Ana Ruiz');
    const b = person('Ana Ruiz');
    expect(findDuplicates([a, b], { dismissed: new Set([pairKey(b.id, a.id)]) })).toEqual([]);
  });

  it('handles 20,000 people quickly (blocking, not all pairs)', () => {
    const given = ['Ana', 'Raj', 'John', 'Mei', 'Olu', 'Sven', 'Lucía', 'Noor', 'Kai', 'Ivan'];
    const people: DedupePerson[] = [];
    for (let i = 0; i < 20_000; i++) {
      people.push(
        person(`${given[i % 10]} Family${i}`, {
          emails: [`p${i}@example.test`],
          phones: [`+1 415 555 ${String(i).padStart(4, '0')}`],
        }),
      );
    }
    // Ten planted duplicates.
    for (let i = 0; i < 10; i++) people.push(person(`${given[(i * 7) % 10]} Family${i * 7}`));
    const t0 = performance.now();
    const r = findDuplicates(people);
    const ms = performance.now() - t0;
    console.log(`dedupe of ${people.length} people: ${Math.round(ms)} ms`);
    expect(r.length).toBeGreaterThanOrEqual(10);
    expect(ms).toBeLessThan(20_000); // about 1 s on a quiet machine; the shared CI box is slower
  });
});
