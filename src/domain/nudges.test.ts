import { describe, expect, it } from 'vitest';
import { assess, dueLeadDays, type NudgeCandidate, type NudgePerson, rankNudges, WEIGHTS } from './nudges.js';

const person = (id: string, circle: NudgePerson['circle'], fullName = `Person ${id}`): NudgePerson => ({
  id,
  fullName,
  givenName: fullName.split(' ')[0] ?? null,
  circle,
  photoUrl: null,
  timeZone: null,
});

const today = '2026-11-26';

describe('nudge reasons and actions', () => {
  it('words an overdue check-in like a person would', () => {
    const n = assess(
      {
        kind: 'check_in_due',
        person: person('s', 'wider', 'Sam Lee'),
        dueOn: '2026-11-19',
        cadenceDays: 90,
        lastContactOn: '2026-08-21',
      },
      today,
    );
    expect(n.reason).toBe('No contact with Sam Lee for 97 days, cadence 90: check in, no agenda needed.');
    expect(n.action.type).toBe('log_check_in');
    expect(n.key).toBe('due.s.2026-11-19');
  });

  it('words a follow-up after meeting and a congratulation', () => {
    const fu = assess(
      {
        kind: 'follow_up',
        followUp: { id: 'f1', kind: 'thank_you', title: 'Send a thank-you', dueOn: '2026-11-26' },
        people: [person('r', 'none', 'Raj Patel')],
        source: { how: 'at DevConf', on: '2026-11-24' },
      },
      today,
    );
    expect(fu.reason).toBe('You met Raj Patel at DevConf 2 days ago and have not followed up: send a thank-you.');
    expect(fu.action).toMatchObject({ type: 'complete_follow_up', followUpId: 'f1', template: 'thank_you' });
    const c = assess(
      {
        kind: 'congratulate',
        person: person('a', 'close', 'Ana Ruiz'),
        achievement: { id: 'a1', kind: 'new_role', title: 'Staff Engineer at Acme', occurredOn: '2026-11-23' },
      },
      today,
    );
    expect(c.reason).toBe('Ana Ruiz started a new role 3 days ago (Staff Engineer at Acme): congratulate Ana.');
  });

  it('words birthdays with and without a year, and a birthday already begun in another time zone', () => {
    const withYear = assess(
      {
        kind: 'upcoming_date',
        person: person('a', 'close', 'Ana Ruiz'),
        date: { kind: 'birthday', label: null, year: 1990 },
        on: '2026-11-28',
      },
      today,
    );
    expect(withYear.reason).toBe("Ana Ruiz's 36th birthday is in 2 days: send your wishes.");
    const noYear = assess(
      {
        kind: 'upcoming_date',
        person: person('a', 'close', 'Ana Ruiz'),
        date: { kind: 'birthday', label: null, year: null },
        on: '2026-11-26',
      },
      today,
    );
    expect(noYear.reason).toBe("Ana Ruiz's birthday is today: send your wishes.");
    const tokyo = assess(
      {
        kind: 'upcoming_date',
        person: { ...person('k', 'close', 'Kenji Sato'), timeZone: 'Asia/Tokyo' },
        date: { kind: 'birthday', label: null, year: 1981 },
        on: '2026-11-27',
        alreadyThereToday: true,
      },
      today,
    );
    expect(tokyo.reason).toBe("Kenji Sato's 45th birthday is already today where Kenji lives: send your wishes.");
    expect(tokyo.score).toBe(noYear.score);
    expect(
      assess(
        {
          kind: 'upcoming_date',
          person: person('x', 'close'),
          date: { kind: 'birthday', label: null, year: 2015 },
          on: '2026-12-01',
        },
        today,
      ).reason,
    ).toContain('11th');
  });
});

describe('rankNudges', () => {
  const due = (id: string, circle: NudgePerson['circle'], dueOn: string, cadenceDays = 30): NudgeCandidate => ({
    kind: 'check_in_due',
    person: person(id, circle),
    dueOn,
    cadenceDays,
    lastContactOn: '2026-10-01',
  });

  it('puts inner circles before loose ones, and more overdue before less', () => {
    const ranked = rankNudges([due('loose', 'loose', '2026-11-20'), due('inner', 'inner', '2026-11-25')], today);
    expect(ranked.map((n) => n.people[0]?.id)).toEqual(['inner', 'loose']);
    const overdue = rankNudges([due('a', 'close', '2026-11-25'), due('b', 'close', '2026-10-01')], today);
    expect(overdue.map((n) => n.people[0]?.id)).toEqual(['b', 'a']);
    // Overdue-ness is capped: a year late does not outrank everything forever.
    const capped = assess(due('c', 'close', '2025-01-01'), today).score;
    const w = WEIGHTS.circle.close;
    expect(capped).toBeCloseTo(
      WEIGHTS.base.check_in_due * w * (1 + WEIGHTS.overdueCadencesMax * WEIGHTS.overduePerCadence * w),
      5,
    );
  });

  it('never lets a wider tie months overdue push out an inner or close one due today', () => {
    const ranked = rankNudges(
      [due('w', 'wider', '2025-06-01'), due('i', 'inner', today), due('c', 'close', today)],
      today,
    );
    expect(ranked.map((n) => n.people[0]?.id)).toEqual(['i', 'c', 'w']);
  });

  it('brings inner and close check-ins up before they are due, below those of their circle that are due', () => {
    expect(dueLeadDays('inner', { inner: 14 })).toBe(7);
    expect(dueLeadDays('close', { close: 30 })).toBe(15);
    expect(dueLeadDays('wider', { wider: 90 })).toBe(0);
    const soon = assess(due('s', 'inner', '2026-11-28'), today);
    expect(soon.reason).toContain('due in 2 days');
    expect(soon.urgent).toBe(false);
    const dueNow = assess(due('d', 'inner', today), today);
    expect(dueNow.urgent).toBe(true);
    expect(soon.score).toBeLessThan(dueNow.score);
    // The earlier, the less it is worth.
    expect(assess(due('e', 'inner', '2026-12-02'), today).score).toBeLessThan(soon.score);
  });

  it('marks as urgent only what is lost or late unless done today', () => {
    expect(assess(due('l', 'loose', '2026-10-01'), today).urgent).toBe(false);
    const soon: NudgeCandidate = {
      kind: 'follow_up',
      followUp: { id: 'f', kind: 'connect', title: 'Connect and follow up', dueOn: '2026-11-28' },
      people: [person('n', 'none')],
      source: null,
    };
    expect(assess(soon, today).urgent).toBe(true);
    const later = { ...soon, followUp: { ...soon.followUp, dueOn: '2026-12-01' } } as NudgeCandidate;
    expect(assess(later, today).urgent).toBe(false);
  });

  it('ranks what expires within two days above every check-in, however late', () => {
    // The most a check-in can score: inner, as overdue as counts.
    const latest = due('i', 'inner', '2025-01-01', 14);
    const met: NudgeCandidate = {
      kind: 'follow_up',
      followUp: { id: 'f', kind: 'connect', title: 'Connect and follow up', dueOn: '2026-11-27' },
      people: [person('n', 'loose')],
      source: { how: 'at an event', on: '2026-11-25' },
    };
    const event: NudgeCandidate = {
      kind: 'event_follow_up',
      event: { id: 'e', name: 'DevConf', endsOn: '2026-11-25' },
      people: [person('m', 'none')],
    };
    expect(rankNudges([latest, met, event], today).map((n) => n.kind)).toEqual([
      'event_follow_up',
      'follow_up',
      'check_in_due',
    ]);
    expect(rankNudges([latest, event], today).every((n) => n.urgent)).toBe(true);
    // Once the window has passed, a follow-up no longer jumps the queue.
    const stale = { ...met, followUp: { ...met.followUp, dueOn: '2026-12-01' } } as NudgeCandidate;
    expect(rankNudges([latest, stale], today).map((n) => n.kind)).toEqual(['check_in_due', 'follow_up']);
  });

  it('marks no check-in urgent on a backlogged day, and leaves the urgent marks to what expires', () => {
    const met: NudgeCandidate = {
      kind: 'follow_up',
      followUp: { id: 'f', kind: 'connect', title: 'Connect and follow up', dueOn: '2026-11-27' },
      people: [person('n', 'loose')],
      source: null,
    };
    const few = [due('a', 'inner', '2026-11-24', 14), due('c', 'close', '2026-11-01'), met];
    expect(rankNudges(few, today).every((n) => n.urgent)).toBe(true);
    const many = [...few, due('d', 'close', '2026-11-10'), due('b', 'close', '2026-11-20')];
    const ranked = rankNudges(many, today);
    expect(ranked.filter((n) => n.urgent).map((n) => n.kind)).toEqual(['follow_up']);
    expect(ranked.filter((n) => n.kind === 'check_in_due')).toHaveLength(WEIGHTS.backlog + 2);
  });

  it('on a light day, marks a check-in urgent from the day after it falls due', () => {
    const ranked = rankNudges([due('t', 'inner', today, 14), due('y', 'close', '2026-11-25')], today);
    expect(ranked.map((n) => [n.people[0]?.id, n.urgent])).toEqual([
      ['t', false],
      ['y', true],
    ]);
    expect(rankNudges([due('t', 'inner', today, 14)], '2026-11-27')[0]?.urgent).toBe(true);
  });

  it('on a backlogged day, puts first the check-ins that keep someone in cadence longest', () => {
    const inner = due('i', 'inner', today, 14);
    const close = due('c', 'close', today, 30);
    const wider = due('w', 'wider', '2026-09-01', 90);
    // A light day: the inner friend first, as always.
    expect(rankNudges([inner, close], today).map((n) => n.people[0]?.id)).toEqual(['i', 'c']);
    // A backlog (two more inner due): both due today, the close one (a month in cadence) first.
    const backlog = [due('j', 'inner', '2026-11-20', 14), due('k', 'inner', '2026-11-21', 14)];
    const ranked = rankNudges([inner, close, wider, ...backlog], today).map((n) => n.people[0]?.id);
    expect(ranked.indexOf('c')).toBeLessThan(ranked.indexOf('i'));
    expect(ranked.at(-1)).toBe('w');
    // Later inner ones catch up: 6 days late still below the close one due today, 14 days above.
    expect(ranked.indexOf('c')).toBeLessThan(ranked.indexOf('j'));
    const late = rankNudges([close, due('l', 'inner', '2026-11-12', 14), ...backlog], today);
    expect(late[0]?.people[0]?.id).toBe('l');
    // A close check-in however late scores no more than the latest inner one: below what expires within two days.
    const met: NudgeCandidate = {
      kind: 'follow_up',
      followUp: { id: 'f', kind: 'connect', title: 'Connect and follow up', dueOn: '2026-11-27' },
      people: [person('n', 'loose')],
      source: null,
    };
    const latest = due('x', 'close', '2025-01-01', 30);
    expect(rankNudges([latest, met, ...backlog], today).map((n) => n.kind)[0]).toBe('follow_up');
  });

  it('ranks a time-sensitive follow-up over a routine check-in of the same person and keeps one per person', () => {
    const ranked = rankNudges(
      [
        due('r', 'inner', '2026-11-26'),
        {
          kind: 'follow_up',
          followUp: { id: 'f', kind: 'thank_you', title: 'Send a thank-you', dueOn: '2026-11-27' },
          people: [person('r', 'inner')],
          source: null,
        },
      ],
      today,
    );
    expect(ranked).toHaveLength(1);
    expect(ranked[0]?.kind).toBe('follow_up');
  });

  it('keeps every time-sensitive nudge of a person, and only one routine one', () => {
    const p = person('r', 'close');
    const ranked = rankNudges(
      [
        {
          kind: 'follow_up',
          followUp: { id: 'f', kind: 'thank_you', title: 'Send a thank-you', dueOn: '2026-11-26' },
          people: [p],
          source: null,
        },
        {
          kind: 'congratulate',
          person: p,
          achievement: { id: 'a', kind: 'award', title: 'Prize', occurredOn: '2026-11-25' },
        },
        { kind: 'cooling', person: person('q', 'inner'), strength: 50, lastContactOn: null },
        {
          kind: 'check_in_due',
          person: person('q', 'inner'),
          dueOn: '2026-11-01',
          cadenceDays: 14,
          lastContactOn: null,
        },
      ],
      today,
    );
    expect(ranked.map((n) => n.kind).sort()).toEqual(['check_in_due', 'congratulate', 'follow_up']);
  });

  it('prefers a fresh congratulation over a stale one', () => {
    const ach = (id: string, occurredOn: string): NudgeCandidate => ({
      kind: 'congratulate',
      person: person(id, 'close'),
      achievement: { id, kind: 'promotion', title: 'Promoted', occurredOn },
    });
    expect(rankNudges([ach('old', '2026-11-10'), ach('new', '2026-11-24')], today).map((n) => n.people[0]?.id)).toEqual(
      ['new', 'old'],
    );
  });

  it('leaves out what was dismissed or acted on, until the next occasion', () => {
    const c = due('a', 'close', '2026-11-20');
    expect(rankNudges([c], today, new Set(['due.a.2026-11-20']))).toEqual([]);
    expect(
      rankNudges([{ ...c, dueOn: '2026-12-20' } as NudgeCandidate], '2026-12-21', new Set(['due.a.2026-11-20'])),
    ).toHaveLength(1);
  });

  it('is deterministic on ties and respects the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => due(`p${String(i).padStart(2, '0')}`, 'wider', '2026-11-20'));
    const a = rankNudges(many, today, new Set(), 5);
    const b = rankNudges([...many].reverse(), today, new Set(), 5);
    expect(a).toHaveLength(5);
    expect(a.map((n) => n.key)).toEqual(b.map((n) => n.key));
  });

  it('suggests cooling important ties and dormant strong ones with reasons', () => {
    const ranked = rankNudges(
      [
        { kind: 'cooling', person: person('c', 'inner', 'Cora Diaz'), strength: 60, lastContactOn: '2026-09-01' },
        {
          kind: 'reconnect',
          person: person('d', 'none', 'Dev Rao'),
          interactionCount: 12,
          lastContactOn: '2026-01-01',
        },
      ],
      today,
    );
    expect(ranked[0]?.reason).toContain('Your inner relationship with Cora Diaz is cooling (strength 60');
    expect(ranked[1]?.reason).toBe(
      'You and Dev Rao were in touch 12 times, but not for 329 days: reconnect, a dormant tie is still a strong one.',
    );
  });
});

describe('away periods', () => {
  // Leaving on Monday 30 Nov for two weeks; today is Thursday 26 Nov.
  const trip = { from: '2026-11-30', to: '2026-12-13', label: 'Holidays' };
  const plan = { away: [trip] };
  const due = (id: string, circle: NudgePerson['circle'], dueOn: string, cadenceDays = 14): NudgeCandidate => ({
    kind: 'check_in_due',
    person: person(id, circle, `Person ${id}`),
    dueOn,
    cadenceDays,
    lastContactOn: '2026-11-20',
  });

  it('brings forward an inner check-in that would fall due while away, says why, and ranks it below one due', () => {
    const ahead = assess(due('a', 'inner', '2026-12-04'), today, plan);
    expect(ahead.beforeAway).toBe('2026-11-30');
    expect(ahead.urgent).toBe(false);
    expect(ahead.reason).toBe(
      'No contact with Person a for 6 days, cadence 14: due 4 Dec, while you are away from 30 Nov (Holidays), so check in before you leave.',
    );
    const dueNow = assess(due('b', 'inner', today), today, plan);
    expect(ahead.score).toBeLessThan(dueNow.score);
    // Without the plan it is too far ahead to be suggested at all (7 days for inner): only its weakest early score.
    expect(assess(due('a', 'inner', '2026-12-04'), today).beforeAway).toBeUndefined();
  });

  it('ranks someone due early in the absence above someone due at its end (more days won)', () => {
    const early = assess(due('a', 'inner', '2026-12-01'), today, plan);
    const late = assess(due('b', 'inner', '2026-12-12'), today, plan);
    expect(early.score).toBeGreaterThan(late.score);
  });

  it('makes those already due urgent in the last days before leaving, even on a backlogged day', () => {
    const friday = '2026-11-27';
    const ranked = rankNudges(
      [
        due('a', 'inner', '2026-12-02'),
        due('b', 'inner', '2026-11-20'),
        due('c', 'inner', '2026-11-21'),
        due('d', 'close', '2026-11-01', 30),
        due('e', 'close', '2026-11-02', 30),
      ],
      friday,
      new Set(),
      WEIGHTS.limit,
      plan,
    );
    // Those already due first (a check-in now keeps them in cadence through the whole absence), then the one due
    // while away, which stays routine: it does not take the touches kept for what expires.
    expect(ranked.map((n) => [n.people[0]?.id, n.urgent])).toEqual([
      ['b', true],
      ['c', true],
      ['d', true],
      ['e', true],
      ['a', false],
    ]);
    expect(ranked.find((n) => n.people[0]?.id === 'b')?.reason).toContain(
      'You are away from 30 Nov (Holidays): check in before you leave.',
    );
    // The same day without the trip: a backlog, nothing urgent.
    const plain = rankNudges(
      [due('b', 'inner', '2026-11-20'), due('c', 'inner', '2026-11-21'), due('d', 'close', '2026-11-01', 30)],
      friday,
    );
    expect(plain.every((n) => !n.urgent)).toBe(true);
  });

  it('leaves wider ties, and people due after the return, as they are', () => {
    const wider = assess(due('w', 'wider', '2026-12-05', 90), today, plan);
    expect(wider.beforeAway).toBeUndefined();
    const afterReturn = assess(due('a', 'inner', '2026-12-15'), today, plan);
    expect(afterReturn.beforeAway).toBeUndefined();
  });

  it('piles up no urgency while away, and says after the return why a check-in is late', () => {
    const away = assess(due('a', 'inner', '2026-12-02'), '2026-12-08', plan);
    expect(away.urgent).toBe(false);
    const back = assess(due('a', 'inner', '2026-12-02'), '2026-12-14', plan);
    expect(back.urgent).toBe(true);
    expect(back.reason).toContain('It fell due while you were away.');
    // Recovery is a backlog: the close friend 9 days late (a month in cadence per check-in) first,
    // then the inner ones, the most overdue first.
    const ranked = rankNudges(
      [due('c', 'close', '2026-12-05', 30), due('a', 'inner', '2026-12-02'), due('b', 'inner', '2026-12-09')],
      '2026-12-14',
      new Set(),
      WEIGHTS.limit,
      plan,
    );
    expect(ranked.map((n) => n.people[0]?.id)).toEqual(['c', 'a', 'b']);
  });
});
