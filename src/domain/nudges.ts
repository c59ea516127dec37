import type { Circle } from '../contract/common.js';
import {
  AWAY,
  type AwayPeriod,
  awayOn,
  awayPhrase,
  backFrom,
  daysWonBeforeLeaving,
  leavingSoon,
  shortDate,
} from './away.js';
import { type IsoDate, daysBetween, yearsAt } from './dates.js';
import type { TemplateKind } from './drafts.js';

/*
 * Nudges: what to do today and why. Storage gathers a bounded set of
 * candidates (index range scans with limits); this pure function scores them,
 * words the reason, proposes one action, drops what was dismissed or acted
 * on, and keeps the best nudge per person. Every weight lives in WEIGHTS so a
 * simulator can tune them.
 */

export const WEIGHTS = {
  base: {
    follow_up: 90,
    congratulate: 65,
    thank_source: 62,
    upcoming_date: 60,
    complete_intro: 55,
    check_in_due: 50,
    cooling: 40,
    reconnect: 30,
    give_first: 35,
    event_follow_up: 68,
    /** Stands in for the person's check-in, so it scores like one and a little more. */
    share_resource: 55,
  },
  circle: { inner: 1, close: 0.8, wider: 0.45, loose: 0.3, none: 0.2 } satisfies Record<Circle, number>,
  /**
   * Follow-ups due within this many hours count as time-sensitive: they expire (a note
   * after a meeting lands in the first two days), so they rank above every check-in,
   * however late, which will still be there tomorrow.
   */
  followUpSoonHours: 48,
  followUpSoon: 1.8,
  followUpOverduePerDay: 0.05,
  followUpOverdueMax: 0.5,
  /** Congratulations are worth most in the first week. */
  congratulateFreshDays: 7,
  congratulateFresh: 1.3,
  congratulateStale: 0.7,
  dateToday: 1.5,
  dateSoonDays: 2,
  dateSoon: 1.2,
  /**
   * Inner and close relationships come up a little before they are due (this
   * share of their cadence, at least a day), so a busy week or a weekend does
   * not push them past it; the day before it they score dueEarly of a due one,
   * falling to dueEarlyMin at the start of the lead.
   */
  dueLead: { inner: 0.5, close: 0.5 } as Partial<Record<Circle, number>>,
  dueEarly: 0.85,
  dueEarlyMin: 0.5,
  /** Overdue check-ins rise with the share of the cadence they are late, up to this many cadences. */
  overdueCadencesMax: 2,
  overduePerCadence: 0.5,
  /** Cooling and dormant ties scale with how strong they were (0–100 → 0.5–1.5). */
  strengthFactorMin: 0.5,
  /** An introduction waiting on one step longer than this many days asks to be completed… */
  introWaitDays: 5,
  /** …and rises a little with every further day, up to this factor. */
  introLatePerDay: 0.03,
  introLateMax: 0.5,
  /** Thank the person an opportunity came through within this many days of winning it… */
  thankWithinDays: 30,
  /** …most of all in the first week. */
  thankFreshDays: 7,
  thankFresh: 1.3,
  /** Give and ask: the window of the balance, and how many asks (more than gives) make it lopsided. */
  giveFirst: { windowDays: 365, minAsks: 2, perExtraAsk: 0.15, extraAsksMax: 4 },
  /**
   * Follow up after an event: most urgent in the first days (above every check-in, like a
   * follow-up due soon), a little more with more people waiting.
   */
  eventFreshDays: 3,
  eventFresh: 1.6,
  eventPerPerson: 0.05,
  eventPeopleMax: 5,
  /** "Who should get this?": topics matched, then who is due for a check-in. */
  recipients: { perTopic: 10, due: 8, overduePerCadence: 6, soonDays: 14, soon: 3, strength: 0.05 },
  /**
   * More inner and close check-ins due than this is a backlog (after an absence, or a network
   * larger than the week's touches): none of them is marked urgent, since one more day costs
   * each of them the same, and the urgent marks (and the touches kept for them) are left to
   * what expires: follow-ups after meetings and events, dates today.
   */
  backlog: 2,
  /**
   * On a backlogged day the check-ins cannot all be done, so they are ranked by what a check-in
   * buys: the days it keeps the person within cadence, which grow with the cadence (a check-in
   * with a monthly friend lasts a month, one with a fortnightly friend two weeks). An inner or
   * close check-in scores (cadence / backlogCadenceDays) ^ backlogCadenceExponent times more
   * (at most what the latest inner one scores, so what expires still ranks above): a close
   * friend due today (30 days) comes before an inner one due today (14 days), and the inner one
   * comes first again once it is about 12 days late. The exponent is below 1 because an inner
   * day matters more than a close one (measured in docs/efficacy.md).
   */
  backlogCadenceDays: 14,
  backlogCadenceExponent: 0.75,
  /**
   * On a light day (no backlog) an inner or close check-in is urgent from this many days after its
   * due date, not on the day itself: a day later costs one day in cadence, while the touches a
   * user keeps for what is urgent are what a follow-up after tomorrow evening's event will need.
   */
  urgentFromDaysLate: 1,
  /** How many nudges Today shows. */
  limit: 12,
} as const;

export type NudgeKind = keyof typeof WEIGHTS.base;

export interface NudgePerson {
  id: string;
  fullName: string;
  givenName: string | null;
  circle: Circle;
  photoUrl: string | null;
  timeZone: string | null;
}

export type NudgeCandidate =
  | {
      kind: 'check_in_due';
      person: NudgePerson;
      dueOn: IsoDate;
      cadenceDays: number;
      lastContactOn: IsoDate | null;
    }
  | {
      kind: 'follow_up';
      followUp: { id: string; kind: string; title: string; dueOn: IsoDate };
      people: NudgePerson[];
      /** The meeting that created it: how it reads after "You met Raj" ("at DevConf", "for coffee"), and when. */
      source: { how: string; on: IsoDate } | null;
    }
  | {
      kind: 'congratulate';
      person: NudgePerson;
      achievement: { id: string; kind: string; title: string; occurredOn: IsoDate };
    }
  | {
      kind: 'upcoming_date';
      person: NudgePerson;
      date: { kind: 'birthday' | 'work_anniversary' | 'custom'; label: string | null; year: number | null };
      /** The occurrence in the user's calendar. */
      on: IsoDate;
      /** True when it is already that day where the person lives, though not yet where the user is. */
      alreadyThereToday?: boolean;
    }
  | { kind: 'cooling'; person: NudgePerson; strength: number; lastContactOn: IsoDate | null }
  | {
      kind: 'complete_intro';
      introduction: { id: string; step: IntroWaitingStep; since: IsoDate; nextAction: string };
      /** A, then B. */
      people: [NudgePerson, NudgePerson];
    }
  | {
      kind: 'thank_source';
      person: NudgePerson;
      opportunity: { id: string; title: string; closedOn: IsoDate };
    }
  | {
      kind: 'reconnect';
      person: NudgePerson;
      interactionCount: number;
      lastContactOn: IsoDate;
    }
  | { kind: 'give_first'; person: NudgePerson; gives: number; asks: number; lastAskOn: IsoDate }
  | {
      kind: 'event_follow_up';
      event: { id: string; name: string; endsOn: IsoDate };
      /** Met there and not followed up yet. */
      people: NudgePerson[];
    }
  | {
      kind: 'share_resource';
      person: NudgePerson;
      resource: { id: string; title: string; savedOn: IsoDate };
      matchedTopics: string[];
      /** When they are due for a check-in (they are, or they would not be a candidate). */
      dueOn: IsoDate;
      cadenceDays: number;
    };

export type NudgeActionType =
  | 'log_check_in'
  | 'complete_follow_up'
  | 'congratulate'
  | 'send_wishes'
  | 'reconnect'
  | 'advance_introduction'
  | 'thank'
  | 'offer_help'
  | 'follow_up_event'
  | 'share_resource';

export type IntroWaitingStep = 'proposed' | 'asked_a' | 'a_agreed' | 'asked_b' | 'b_agreed';

export interface Nudge {
  /** Stable for one occasion: dismissing it hides this occasion, not the next one. */
  key: string;
  kind: NudgeKind;
  score: number;
  people: NudgePerson[];
  reason: string;
  action: {
    type: NudgeActionType;
    label: string;
    template: TemplateKind;
    followUpId?: string;
    achievementId?: string;
    introductionId?: string;
    opportunityId?: string;
    eventId?: string;
    resourceId?: string;
  };
  dueOn: IsoDate | null;
  /**
   * Lost or late unless done today: a follow-up due within two days, an event met at in the last
   * two days, an inner or close check-in due since yesterday or longer (WEIGHTS.urgentFromDaysLate;
   * none when more than WEIGHTS.backlog are due), their dates today,
   * an inner or close check-in due in the last days before leaving on an away period (even on a backlogged day).
   */
  urgent: boolean;
  /** Tied to the away period starting on this day: out of cadence during it unless done before leaving. */
  beforeAway?: IsoDate;
}

/** What Today knows of the user's plans: the away periods that matter around today. */
export interface NudgePlan {
  away: readonly AwayPeriod[];
}

const NO_PLAN: NudgePlan = { away: [] };

const MATTERS: ReadonlySet<Circle> = new Set(['inner', 'close']);

/** The most a check-in scores: an inner one the most cadences late. Whatever expires ranks above it. */
const CHECK_IN_MAX = WEIGHTS.base.check_in_due * (1 + WEIGHTS.overdueCadencesMax * WEIGHTS.overduePerCadence);

/** How many days before the due date a circle's check-ins are suggested (0: on the day). */
export function dueLeadDays(circle: Circle, cadences: Partial<Record<Circle, number>>): number {
  const share = WEIGHTS.dueLead[circle];
  const cadence = cadences[circle];
  if (!share || !cadence) return 0;
  return Math.max(1, Math.round(cadence * share));
}

function first(p: NudgePerson): string {
  return p.givenName ?? p.fullName.split(' ')[0] ?? p.fullName;
}

function ago(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

function inDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

function ordinal(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function names(people: readonly NudgePerson[]): string {
  const n = people.map((p) => p.fullName);
  if (n.length <= 1) return n[0] ?? 'them';
  if (n.length === 2) return `${n[0]} and ${n[1]}`;
  return `${n[0]}, ${n[1]} and ${n.length - 2} more`;
}

function strengthFactor(strength: number): number {
  return WEIGHTS.strengthFactorMin + Math.max(0, Math.min(100, strength)) / 100;
}

const ACHIEVEMENT_WORDS: Record<string, string> = {
  new_role: 'started a new role',
  promotion: 'was promoted',
  launch: 'launched something',
  publication: 'published something',
  award: 'won an award',
  work_anniversary: 'has a work anniversary',
  other: 'had news',
};

/** Score, reason and action of one candidate. */
export function assess(c: NudgeCandidate, today: IsoDate, plan: NudgePlan = NO_PLAN): Nudge {
  const W = WEIGHTS;
  switch (c.kind) {
    case 'check_in_due': {
      const late = daysBetween(c.dueOn, today);
      const ratio = Math.min(Math.max(late, 0) / c.cadenceDays, W.overdueCadencesMax);
      // Not due yet: worth less the earlier it is, so an early one never pushes out one that is due.
      const lead = dueLeadDays(c.person.circle, { [c.person.circle]: c.cadenceDays });
      const early =
        late < 0
          ? Math.max(
              W.dueEarlyMin / 2,
              W.dueEarlyMin + (W.dueEarly - W.dueEarlyMin) * (1 + (late + 1) / Math.max(lead, 1)),
            )
          : 1;
      const weight = W.circle[c.person.circle];
      // Lateness raises a check-in in proportion to how much the circle matters: a wider
      // tie months overdue must not push an inner one that is due today off the list.
      const score = W.base.check_in_due * weight * (1 + ratio * W.overduePerCadence * weight) * early;
      const since =
        c.lastContactOn === null
          ? `You have not been in touch with ${c.person.fullName} since adding them`
          : `No contact with ${c.person.fullName} for ${daysBetween(c.lastContactOn, today)} days`;
      const when = late < 0 ? ` (due ${inDays(-late)})` : '';
      const usual: Nudge = {
        key: `due.${c.person.id}.${c.dueOn}`,
        kind: 'check_in_due',
        score,
        people: [c.person],
        reason: `${since}, cadence ${c.cadenceDays}${when}: check in, no agenda needed.${whileAway(c.dueOn, today, plan)}`,
        action: { type: 'log_check_in', label: 'Log a check-in', template: 'check_in' },
        dueOn: c.dueOn,
        // While away, nothing routine is an emergency: it waits for the return.
        urgent: late >= 0 && MATTERS.has(c.person.circle) && !awayOn(today, plan.away),
      };
      return beforeLeaving(c, today, plan, usual);
    }
    case 'follow_up': {
      const until = daysBetween(today, c.followUp.dueOn);
      let factor = until * 24 <= W.followUpSoonHours ? W.followUpSoon : 1;
      if (until < 0) factor += Math.min(-until * W.followUpOverduePerDay, W.followUpOverdueMax);
      const best = Math.max(...c.people.map((p) => W.circle[p.circle]), W.circle.none);
      const score = W.base.follow_up * (0.5 + best / 2) * factor;
      const who = names(c.people);
      const reason = c.source
        ? `You met ${who}${c.source.how ? ` ${c.source.how}` : ''} ${ago(daysBetween(c.source.on, today))} and have not followed up: ${c.followUp.title.charAt(0).toLowerCase()}${c.followUp.title.slice(1)}.`
        : `${c.followUp.title} for ${who}, due ${until < 0 ? `${-until} days ago` : inDays(until)}.`;
      return {
        key: `fu.${c.followUp.id}.${c.followUp.dueOn}`,
        kind: 'follow_up',
        score,
        people: c.people,
        reason,
        action: {
          type: 'complete_follow_up',
          label: 'Mark done',
          template:
            c.followUp.kind === 'share' ? 'share_article' : c.followUp.kind === 'check_in' ? 'check_in' : 'thank_you',
          followUpId: c.followUp.id,
        },
        dueOn: c.followUp.dueOn,
        urgent: until * 24 <= W.followUpSoonHours,
      };
    }
    case 'congratulate': {
      const age = daysBetween(c.achievement.occurredOn, today);
      const factor = age <= W.congratulateFreshDays ? W.congratulateFresh : W.congratulateStale;
      const score = W.base.congratulate * W.circle[c.person.circle] * factor;
      const what = ACHIEVEMENT_WORDS[c.achievement.kind] ?? 'had news';
      return {
        key: `ach.${c.achievement.id}`,
        kind: 'congratulate',
        score,
        people: [c.person],
        reason: `${c.person.fullName} ${what} ${ago(Math.max(age, 0))} (${c.achievement.title}): congratulate ${first(c.person)}.`,
        action: {
          type: 'congratulate',
          label: 'Congratulate',
          template: 'congratulation',
          achievementId: c.achievement.id,
        },
        dueOn: c.achievement.occurredOn,
        urgent: false,
      };
    }
    case 'upcoming_date': {
      const until = daysBetween(today, c.on);
      const factor = until === 0 || c.alreadyThereToday ? W.dateToday : until <= W.dateSoonDays ? W.dateSoon : 1;
      const score = W.base.upcoming_date * W.circle[c.person.circle] * factor;
      const years = yearsAt(c.on, c.date.year);
      const what =
        c.date.kind === 'birthday'
          ? `${c.person.fullName}'s ${years ? `${ordinal(years)} ` : ''}birthday`
          : c.date.kind === 'work_anniversary'
            ? `${c.person.fullName}'s ${years ? `${ordinal(years)} ` : ''}work anniversary`
            : `${c.date.label ?? 'A date to remember'} (${c.person.fullName})`;
      const when =
        c.alreadyThereToday && until > 0 ? `is already today where ${first(c.person)} lives` : `is ${inDays(until)}`;
      const verb = c.date.kind === 'custom' ? 'send a note' : 'send your wishes';
      return {
        key: `date.${c.person.id}.${c.date.kind}.${c.on}`,
        kind: 'upcoming_date',
        score,
        people: [c.person],
        reason: `${what} ${when}: ${verb}.`,
        action: { type: 'send_wishes', label: 'Send wishes', template: 'congratulation' },
        dueOn: c.on,
        urgent: (until === 0 || c.alreadyThereToday === true) && MATTERS.has(c.person.circle),
      };
    }
    case 'cooling': {
      const score = W.base.cooling * W.circle[c.person.circle] * strengthFactor(c.strength);
      const since = c.lastContactOn ? `, last contact ${ago(daysBetween(c.lastContactOn, today))}` : '';
      return {
        key: `cool.${c.person.id}.${today.slice(0, 7)}`,
        kind: 'cooling',
        score,
        people: [c.person],
        reason: `Your ${c.person.circle} relationship with ${c.person.fullName} is cooling (strength ${Math.round(c.strength)}${since}): reach out before it fades.`,
        action: { type: 'log_check_in', label: 'Log a check-in', template: 'check_in' },
        dueOn: null,
        urgent: false,
      };
    }
    case 'complete_intro': {
      const [a, b] = c.people;
      const waited = Math.max(daysBetween(c.introduction.since, today), 0);
      const late = Math.min(Math.max(waited - W.introWaitDays, 0) * W.introLatePerDay, W.introLateMax);
      const best = Math.max(W.circle[a.circle], W.circle[b.circle]);
      const score = W.base.complete_intro * (0.5 + best / 2) * (1 + late);
      const label: Record<IntroWaitingStep, string> = {
        proposed: `Mark ${first(a)} asked`,
        asked_a: `Nudge ${first(a)}`,
        a_agreed: `Mark ${first(b)} asked`,
        asked_b: `Nudge ${first(b)}`,
        b_agreed: 'Mark introduced',
      };
      const next = c.introduction.nextAction;
      return {
        key: `intro.${c.introduction.id}.${c.introduction.step}`,
        kind: 'complete_intro',
        score,
        people: [a, b],
        reason: `Your introduction of ${a.fullName} and ${b.fullName} has waited ${waited} days: ${next.charAt(0).toLowerCase()}${next.slice(1)}.`,
        action: {
          type: 'advance_introduction',
          label: label[c.introduction.step],
          template: 'check_in',
          introductionId: c.introduction.id,
        },
        dueOn: c.introduction.since,
        urgent: false,
      };
    }
    case 'thank_source': {
      const age = Math.max(daysBetween(c.opportunity.closedOn, today), 0);
      const factor = age <= W.thankFreshDays ? W.thankFresh : 1;
      const score = W.base.thank_source * (0.5 + W.circle[c.person.circle] / 2) * factor;
      return {
        key: `opp.${c.opportunity.id}`,
        kind: 'thank_source',
        score,
        people: [c.person],
        reason: `${c.opportunity.title} came through ${c.person.fullName} and was won ${ago(age)}: thank ${first(c.person)}, and tell them how it went.`,
        action: {
          type: 'thank',
          label: `Thank ${first(c.person)}`,
          template: 'thank_you',
          opportunityId: c.opportunity.id,
        },
        dueOn: c.opportunity.closedOn,
        urgent: false,
      };
    }
    case 'reconnect': {
      const days = daysBetween(c.lastContactOn, today);
      const score =
        W.base.reconnect * (0.5 + W.circle[c.person.circle] / 2) * Math.min(1.5, Math.log10(10 + c.interactionCount));
      return {
        key: `dormant.${c.person.id}.${today.slice(0, 7)}`,
        kind: 'reconnect',
        score,
        people: [c.person],
        reason: `You and ${c.person.fullName} were in touch ${c.interactionCount} times, but not for ${days} days: reconnect, a dormant tie is still a strong one.`,
        action: { type: 'reconnect', label: 'Reconnect', template: 'check_in' },
        dueOn: null,
        urgent: false,
      };
    }
    case 'give_first': {
      const G = W.giveFirst;
      const extra = Math.min(c.asks - c.gives, G.extraAsksMax);
      const score = W.base.give_first * (0.5 + W.circle[c.person.circle] / 2) * (1 + extra * G.perExtraAsk);
      const gave = c.gives === 0 ? 'gave nothing back' : `gave ${c.gives === 1 ? 'once' : `${c.gives} times`}`;
      return {
        key: `give.${c.person.id}.${c.lastAskOn}`,
        kind: 'give_first',
        score,
        people: [c.person],
        reason: `You asked ${c.person.fullName} for something ${c.asks} times in the last year and ${gave}, last ask ${ago(Math.max(daysBetween(c.lastAskOn, today), 0))}: give before you ask again (share something useful, make an intro, offer help).`,
        action: { type: 'offer_help', label: 'Log a give', template: 'check_in' },
        dueOn: null,
        urgent: false,
      };
    }
    case 'event_follow_up': {
      const since = Math.max(daysBetween(c.event.endsOn, today), 0);
      const factor = since <= W.eventFreshDays ? W.eventFresh : 1;
      const score =
        W.base.event_follow_up * factor * (1 + Math.min(c.people.length, W.eventPeopleMax) * W.eventPerPerson);
      return {
        key: `evt.${c.event.id}`,
        kind: 'event_follow_up',
        score,
        people: c.people,
        reason: `You met ${names(c.people)} at ${c.event.name} ${since === 0 ? 'today' : ago(since)} and have not followed up: a short note while they still remember you.`,
        action: {
          type: 'follow_up_event',
          label: c.people.length === 1 ? 'Mark followed up' : 'Mark all followed up',
          template: 'thank_you',
          eventId: c.event.id,
        },
        dueOn: c.event.endsOn,
        // A note after an event lands while they still remember you: the first two days.
        urgent: since * 24 <= W.followUpSoonHours,
      };
    }
    case 'share_resource': {
      const overdue = Math.min(Math.max(daysBetween(c.dueOn, today), 0) / c.cadenceDays, W.overdueCadencesMax);
      const score = W.base.share_resource * W.circle[c.person.circle] * (1 + overdue * W.overduePerCadence);
      const topics = c.matchedTopics.slice(0, 2).join(' and ');
      const saved = daysBetween(c.resource.savedOn, today);
      const late = daysBetween(c.dueOn, today);
      return {
        key: `res.${c.resource.id}.${c.person.id}`,
        kind: 'share_resource',
        score,
        people: [c.person],
        reason: `${c.person.fullName} is interested in ${topics} and due for a check-in${late > 0 ? ` (${late} ${late === 1 ? 'day' : 'days'} overdue)` : ''}: share "${c.resource.title}", saved ${ago(Math.max(saved, 0))}.`,
        action: { type: 'share_resource', label: 'Share it', template: 'share_article', resourceId: c.resource.id },
        dueOn: c.dueOn,
        // It stands in for the person's check-in, so it is as urgent as that check-in.
        urgent: late >= 0 && MATTERS.has(c.person.circle) && !awayOn(today, plan.away),
      };
    }
  }
}

/** Kinds that any contact settles: one of them per person, and none for someone with a time-sensitive nudge. */
const ROUTINE: ReadonlySet<NudgeKind> = new Set(['check_in_due', 'cooling', 'reconnect']);

/**
 * Ranked nudges for a day: highest score first, ties by due date then key;
 * what was dismissed or acted on is left out. Time-sensitive nudges (follow-ups,
 * congratulations, dates) all stay; routine ones (due, cooling, dormant) are
 * kept to one per person and dropped for people who already have a time-sensitive one.
 */
export function rankNudges(
  candidates: readonly NudgeCandidate[],
  today: IsoDate,
  handled: ReadonlySet<string> = new Set(),
  limit: number = WEIGHTS.limit,
  plan: NudgePlan = NO_PLAN,
): Nudge[] {
  const assessed = candidates.map((c) => ({ c, n: assess(c, today, plan) })).filter(({ n }) => !handled.has(n.key));
  // On a backlogged day no check-in is an emergency: the urgent marks are left to what expires.
  // A check-in brought forward before leaving is not part of a backlog: tomorrow may be too late for it.
  const standsForCheckIn = (n: Nudge) =>
    (n.kind === 'check_in_due' || n.kind === 'share_resource') && !leavingShortly(n, today);
  const backlog = new Set(assessed.filter(({ n }) => standsForCheckIn(n) && n.urgent).map(({ n }) => n.people[0]?.id))
    .size;
  if (backlog > WEIGHTS.backlog) {
    // Not all can be done: the ones a check-in keeps in cadence longest first.
    for (const { c, n } of assessed) {
      if (!standsForCheckIn(n)) continue;
      n.urgent = false;
      n.score = Math.min(n.score * lastsLonger(c), CHECK_IN_MAX);
    }
  } else {
    // A light day: a check-in due today waits for a spare touch; it is urgent from the next day.
    for (const { n } of assessed) {
      if (standsForCheckIn(n) && n.urgent && daysBetween(n.dueOn ?? today, today) < WEIGHTS.urgentFromDaysLate) {
        n.urgent = false;
      }
    }
  }
  const all = assessed
    .map(({ n }) => n)
    .sort(
      (a, b) => b.score - a.score || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.key.localeCompare(b.key),
    );
  const seen = new Set<string>();
  for (const n of all) if (!ROUTINE.has(n.kind)) for (const p of n.people) seen.add(p.id);
  const out: Nudge[] = [];
  for (const n of all) {
    if (ROUTINE.has(n.kind)) {
      if (n.people.every((p) => seen.has(p.id))) continue;
      for (const p of n.people) seen.add(p.id);
    }
    out.push({ ...n, score: Math.round(n.score * 10) / 10 });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * An inner or close check-in that would be out of cadence while the user is
 * away, in the days before they leave. Someone already due keeps their score
 * (touching them now keeps them in cadence through the absence, the best use
 * of a touch); someone who would fall due during the absence comes up early,
 * below anyone due of their circle, the more the more in-cadence days a
 * check-in now wins before the return. In the last days before leaving
 * (AWAY.lastDays, so a weekend can come first) those already due, or due
 * before leaving, are urgent and not part of a backlog: waiting a day may mean
 * waiting until the return. Those due during the absence stay routine (marked
 * urgent too, they took the touches kept for follow-ups after the return:
 * measured in docs/efficacy.md).
 */
function beforeLeaving(
  c: Extract<NudgeCandidate, { kind: 'check_in_due' }>,
  today: IsoDate,
  plan: NudgePlan,
  usual: Nudge,
): Nudge {
  const W = WEIGHTS;
  if (!MATTERS.has(c.person.circle)) return usual;
  const trip = leavingSoon(today, plan.away);
  if (!trip || c.dueOn > trip.to) return usual;
  const last = daysBetween(today, trip.from) <= AWAY.lastDays;
  const marked = { ...usual, urgent: usual.urgent || last, beforeAway: trip.from };
  if (c.dueOn < trip.from) {
    return { ...marked, reason: `${usual.reason} You are away ${awayPhrase(trip)}: check in before you leave.` };
  }
  const won = daysWonBeforeLeaving(today, c.dueOn, c.cadenceDays, trip);
  if (won <= 0) return usual;
  const share = Math.min(1, won / Math.max(1, daysBetween(trip.from, trip.to) + 1));
  const worth = W.dueEarlyMin + (1 - W.dueEarlyMin) * share;
  const since =
    c.lastContactOn === null
      ? `You have not been in touch with ${c.person.fullName} since adding them`
      : `No contact with ${c.person.fullName} for ${daysBetween(c.lastContactOn, today)} days`;
  return {
    ...marked,
    urgent: usual.urgent,
    score: W.base.check_in_due * W.circle[c.person.circle] * worth * (last ? 1 : W.dueEarly),
    reason: `${since}, cadence ${c.cadenceDays}: due ${shortDate(c.dueOn)}, while you are away ${awayPhrase(trip)}, so check in before you leave.`,
  };
}

/**
 * On a backlogged day, what an inner or close check-in is worth against one on a 14-day cadence:
 * the days in cadence it buys grow with the cadence (WEIGHTS.backlogCadenceExponent).
 */
export function lastsLonger(c: NudgeCandidate): number {
  if (c.kind !== 'check_in_due' && c.kind !== 'share_resource') return 1;
  if (!MATTERS.has(c.person.circle)) return 1;
  return (c.cadenceDays / WEIGHTS.backlogCadenceDays) ** WEIGHTS.backlogCadenceExponent;
}

/** In the last days before leaving, a check-in that would be out while away is not part of a backlog. */
function leavingShortly(n: Nudge, today: IsoDate): boolean {
  return n.beforeAway !== undefined && daysBetween(today, n.beforeAway) <= AWAY.lastDays;
}

/** " It fell due while you were away." for a check-in due during a period the user just came back from. */
function whileAway(dueOn: IsoDate, today: IsoDate, plan: NudgePlan): string {
  const back = backFrom(today, plan.away);
  return back && dueOn >= back.from && dueOn <= back.to ? ' It fell due while you were away.' : '';
}
