/*
 * The simulated world: a network of people with circles, topics and birthdays,
 * a history before the simulated year, and a year of things that happen
 * outside the user's control (people reaching out, achievements and job
 * changes, events the user attends and the people met there, absences).
 * Everything comes from one seed, so a seed is a reproducible year.
 */
import type { Circle } from '../src/contract/common.js';
import { prng } from '../bench/lib/dataset.js';

export interface WorldOptions {
  seed: number;
  people: number;
  days: number;
  /** The first simulated day (a Monday keeps weeks aligned). */
  start: string;
  /** Two-week absences in the year (default 2). */
  absences?: number;
}

export interface SimPerson {
  key: number;
  name: string;
  circle: Circle;
  topics: string[];
  birthday: { month: number; day: number } | null;
  /** Days before the start of each earlier contact, oldest first. */
  history: number[];
  /** A strong tie gone quiet: many contacts long ago, none for over six months. */
  dormantStrong: boolean;
}

export type Happening =
  | { kind: 'reach_out'; day: number; person: number }
  | { kind: 'achievement'; day: number; person: number; achievement: 'new_role' | 'promotion' | 'launch' | 'award' }
  | { kind: 'event'; day: number; name: string; met: SimPerson[] };

export interface World {
  options: WorldOptions;
  people: SimPerson[];
  happenings: Happening[];
  /** Days the user is away (no Today, no touches). */
  absent: Set<number>;
  absences: { from: number; to: number }[];
}

const GIVEN = [
  'Ana',
  'Ben',
  'Chloé',
  'Dev',
  'Elif',
  'Femi',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kavya',
  'Lars',
  'Maya',
  'Nils',
  'Olu',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tomás',
  'Uma',
  'Vik',
  'Wen',
  'Yara',
  'Zoe',
];
const FAMILY = [
  'Alvarez',
  'Berg',
  'Chen',
  'Dubois',
  'Eze',
  'Fischer',
  'Gupta',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopes',
  'Mensah',
  'Novak',
  'Okafor',
  'Park',
  'Rossi',
  'Silva',
  'Tanaka',
  'Usman',
  'Varga',
  'Weber',
  'Xu',
  'Yilmaz',
  'Zhang',
];
const TOPICS = [
  'climate tech',
  'fintech',
  'machine learning',
  'design',
  'open source',
  'healthcare',
  'security',
  'education',
];

/** Share of the network per circle (inner and close are the ones that must stay warm). */
const CIRCLE_SHARE: [Circle, number][] = [
  ['inner', 0.02],
  ['close', 0.05],
  ['wider', 0.28],
  ['loose', 0.65],
];
/** How often someone reaches out first, in days between contacts, by circle. */
const REACH_OUT_EVERY: Record<Circle, number> = { inner: 21, close: 45, wider: 180, loose: 540, none: 2000 };
/** News worth a congratulation, per person per year (a new role every few years, a launch, an award). */
const ACHIEVEMENTS_PER_YEAR = 0.25;
const CADENCE: Record<Circle, number> = { inner: 14, close: 30, wider: 90, loose: 180, none: 365 };

export function buildWorld(options: WorldOptions): World {
  const { rand, int, pick } = prng(options.seed);
  const people: SimPerson[] = [];
  let serial = 0;
  const person = (circle: Circle): SimPerson => {
    const key = serial++;
    const name = `${GIVEN[key % GIVEN.length]} ${FAMILY[Math.floor(key / GIVEN.length) % FAMILY.length]}${key >= GIVEN.length * FAMILY.length ? ` ${key}` : ''}`;
    return {
      key,
      name,
      circle,
      topics: [TOPICS[int(0, TOPICS.length - 1)] as string],
      birthday: rand() < 0.7 ? { month: int(1, 12), day: int(1, 28) } : null,
      history: [],
      dormantStrong: false,
    };
  };
  for (let i = 0; i < options.people; i++) {
    const p = person(pick(CIRCLE_SHARE));
    const cadence = CADENCE[p.circle];
    // Inner and close start within their cadence, at every phase of it; the others anywhere
    // up to one and a half cadences ago, so some of them start overdue.
    const last = int(0, Math.round(cadence * (p.circle === 'inner' || p.circle === 'close' ? 1 : 1.5)));
    const earlier = p.circle === 'inner' ? 12 : p.circle === 'close' ? 8 : p.circle === 'wider' ? 4 : 2;
    const history = [last];
    for (let j = 0; j < earlier; j++) history.push(last + int(1, 700));
    p.history = history.sort((a, b) => b - a);
    people.push(p);
  }
  // Strong ties gone quiet, among the wider and loose circles.
  const quiet = people
    .filter((p) => p.circle === 'wider' || p.circle === 'loose')
    .slice(0, Math.round(options.people / 20));
  for (const p of quiet) {
    p.dormantStrong = true;
    p.history = Array.from({ length: 25 }, () => int(200, 700)).sort((a, b) => b - a);
  }

  const happenings: Happening[] = [];
  const weekday = (day: number) => (day + 0) % 7; // day 0 is a Monday
  for (let day = 0; day < options.days; day++) {
    for (const p of people) {
      if (rand() < 1 / REACH_OUT_EVERY[p.circle]) happenings.push({ kind: 'reach_out', day, person: p.key });
      if (rand() < ACHIEVEMENTS_PER_YEAR / 365) {
        happenings.push({
          kind: 'achievement',
          day,
          person: p.key,
          achievement: pick([
            ['new_role', 0.4],
            ['promotion', 0.3],
            ['launch', 0.2],
            ['award', 0.1],
          ] as const),
        });
      }
    }
  }
  // Absences of two weeks, one in each part of the year.
  const count = options.absences ?? 2;
  const absences = Array.from({ length: count }, (_, part) => {
    const from = Math.round(part * (options.days / count)) + int(30, Math.round(options.days / count) - 60);
    return { from, to: from + 13 };
  });
  const absent = new Set<number>();
  for (const a of absences) for (let d = a.from; d <= a.to; d++) absent.add(d);
  // About one event a month, on a Tuesday to Thursday, meeting two to four new people.
  for (let month = 0; month * 30 < options.days; month++) {
    let day = month * 30 + int(0, 25);
    while (weekday(day) < 1 || weekday(day) > 3) day++;
    // The user goes to events when they are around, and not on the eve of leaving.
    if (day >= options.days || absent.has(day) || absent.has(day + 1) || absent.has(day + 2)) continue;
    const met = Array.from({ length: int(2, 4) }, () => person('loose'));
    happenings.push({ kind: 'event', day, name: `Meetup ${month + 1}`, met });
  }
  happenings.sort((a, b) => a.day - b.day);

  return { options, people, happenings, absent, absences };
}

export { CADENCE, REACH_OUT_EVERY };
