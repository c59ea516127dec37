import type { Faker } from '@faker-js/faker';
import { type Channel, DEFAULT_CHANNEL, type InteractionKind } from '../contract/common.js';
import type { Conference } from './generate.js';
import type { DemoInteraction, DemoOrganisation, DemoPerson } from './model.js';
import { CAFES, MEETUPS, RESTAURANTS, TOPICS } from './vocabulary.js';

/*
 * A year of interactions: many with the inner circle, a few with loose ties,
 * some cooling relationships, group meetings with colleagues, introductions,
 * and the encounters and thank-yous around a conference.
 */

const DAY = 86_400_000;

/** Interactions a year, on average, by circle. */
const PER_YEAR = { inner: 30, close: 14, wider: 4.2, loose: 1.5, none: 0.5 } as const;

const KIND_WEIGHTS: Record<keyof typeof PER_YEAR, Partial<Record<InteractionKind, number>>> = {
  inner: { coffee: 5, meal: 4, call: 3, video_call: 2, message: 5, article_share: 1, congratulation: 1, meeting: 1 },
  close: {
    coffee: 4,
    meal: 1,
    video_call: 3,
    call: 2,
    message: 4,
    email: 2,
    meeting: 2,
    article_share: 2,
    online_engagement: 1,
    congratulation: 1,
  },
  wider: {
    message: 3,
    email: 3,
    online_engagement: 3,
    event_encounter: 2,
    coffee: 1,
    video_call: 2,
    article_share: 2,
    congratulation: 2,
    meeting: 1,
  },
  loose: { online_engagement: 4, congratulation: 3, message: 2, event_encounter: 2, email: 1, article_share: 1 },
  none: { online_engagement: 4, congratulation: 3, message: 2, event_encounter: 2, email: 1, article_share: 1 },
};

const ASKS = [
  'hiring a first designer',
  'negotiating an offer',
  'moving into management',
  'choosing a database',
  'pricing a consulting gig',
  'finding a mentor',
  'giving a first conference talk',
];

const FOLLOW_UPS = [
  'send the article on {topic}',
  'intro to someone at {otherOrg}',
  'check in after the launch',
  'share my talk slides',
  'ask how the {project} went',
];

interface Ctx {
  p: DemoPerson;
  first: string;
  poss: string;
  obj: string;
  subj: string;
  be: string;
  topic: string;
  project: string;
  org: string;
  otherOrg: string;
  cafe: string;
  restaurant: string;
  meetup: string;
  ask: string;
}

type Template = (c: Ctx) => string;

const SOLO: Record<InteractionKind, Template[]> = {
  coffee: [
    (c) => `Coffee at ${c.cafe} — talked about ${c.poss} ${c.project}`,
    (c) => `Coffee at ${c.cafe}: ${c.first} is weighing an offer from ${c.otherOrg}`,
    (c) => `Morning coffee at ${c.cafe} — swapped notes on ${c.topic}`,
    (c) => `Quick coffee near ${c.org} — caught up after ${c.poss} holiday`,
  ],
  meal: [
    (c) => `Lunch at ${c.restaurant} — caught up on ${c.poss} ${c.project}`,
    (c) => `Dinner at ${c.restaurant}; long chat about ${c.topic} and life`,
    (c) => `Breakfast before work — ${c.first} asked for advice on ${c.ask}`,
  ],
  call: [
    (c) => `Call about ${c.topic} — ${c.first} asked for advice on ${c.ask}`,
    (c) => `Phone catch-up: the ${c.project} is nearly done`,
    (c) => `Quick call to help ${c.obj} prepare a talk on ${c.topic}`,
  ],
  video_call: [
    (c) => `Video call: walked through ${c.poss} ${c.project}`,
    (c) => `Video catch-up about ${c.topic}`,
    (c) => `Reviewed ${c.poss} CV before an interview at ${c.otherOrg}`,
  ],
  meeting: [
    (c) => `Meeting at ${c.org} about a possible collaboration on ${c.topic}`,
    (c) => `Workshop with ${c.obj} on ${c.topic}`,
    (c) => `Visited ${c.org} to see the ${c.project}`,
  ],
  message: [
    (c) => `Checked in after the ${c.project} launch`,
    (c) => `Sent ${c.obj} a ${c.topic} role that looked like a fit`,
    (c) => `Asked how the first weeks at ${c.org} are going`,
    (c) => `Thanked ${c.obj} for the intro`,
    () => 'Checked in, no agenda — just saying hello',
  ],
  check_in: [
    (c) => `Checked in with ${c.obj}, no agenda — ${c.subj} ${c.be} busy with the ${c.project}`,
    () => 'Quick hello to see how things are going',
  ],
  email: [
    (c) => `Emailed ${c.obj} the notes from our ${c.topic} chat`,
    (c) => `Email thread about speaking at ${c.meetup}`,
    (c) => `Sent ${c.obj} a draft of my ${c.topic} post for feedback`,
  ],
  online_engagement: [
    (c) => `Commented on ${c.poss} LinkedIn post about ${c.topic}`,
    (c) => `Replied to ${c.poss} thread on the ${c.project}`,
    (c) => `Reposted ${c.poss} write-up on ${c.topic}`,
  ],
  event_encounter: [
    (c) => `Bumped into ${c.obj} at ${c.meetup} — chatted about ${c.topic}`,
    (c) => `Saw ${c.poss} lightning talk on ${c.topic} at ${c.meetup}`,
  ],
  introduction: [(c) => `Introduced ${c.first} to a friend working on ${c.topic}`],
  article_share: [
    (c) => `Shared an article on ${c.topic} ${c.subj} might like`,
    (c) => `Sent ${c.obj} a talk about ${c.topic}`,
  ],
  congratulation: [
    (c) => `Congratulated ${c.obj} on the new role at ${c.org}`,
    (c) => `Congratulations on shipping the ${c.project}`,
    (c) => `Congratulated ${c.obj} on ${c.poss} promotion`,
  ],
  other: [(c) => `Caught up about ${c.topic}`],
};

const GROUP: Partial<Record<InteractionKind, ((c: Ctx, names: string) => string)[]>> = {
  coffee: [(c, n) => `Coffee at ${c.cafe} with ${n} — talked about ${c.topic}`],
  meal: [(c, n) => `Lunch at ${c.restaurant} with ${n}`],
  meeting: [(c, n) => `Workshop on ${c.topic} with ${n}`, (c, n) => `Planning session at ${c.org} with ${n}`],
  video_call: [(c, n) => `Call with ${n} about the ${c.project}`],
  call: [(c, n) => `Group call with ${n} about ${c.topic}`],
  event_encounter: [(c, n) => `Drinks after ${c.meetup} with ${n}`],
};

const PLATFORMS: Partial<Record<InteractionKind, string[]>> = {
  message: ['LinkedIn', 'Signal', 'WhatsApp', 'Slack'],
  video_call: ['Zoom', 'Google Meet', 'Microsoft Teams'],
  online_engagement: ['LinkedIn', 'LinkedIn', 'Mastodon', 'Bluesky'],
  article_share: ['LinkedIn', 'Signal', 'Slack'],
  congratulation: ['LinkedIn', 'LinkedIn', 'WhatsApp'],
};

const DURATION: Partial<Record<InteractionKind, [number, number]>> = {
  coffee: [30, 60],
  meal: [60, 120],
  call: [15, 45],
  video_call: [25, 60],
  meeting: [45, 120],
  event_encounter: [10, 30],
};

const IN_PERSON: ReadonlySet<InteractionKind> = new Set(['coffee', 'meal', 'meeting']);

export interface InteractionInput {
  now: Date;
  people: DemoPerson[];
  organisations: DemoOrganisation[];
  conferences: Conference[];
}

export function generateInteractions(f: Faker, input: InteractionInput): DemoInteraction[] {
  const { now, people, organisations } = input;
  const out: DemoInteraction[] = [];
  const yearAgo = now.getTime() - 365 * DAY;
  const recent = now.getTime() - 2 * 3600_000;
  const byOrg = new Map<number, number[]>();
  people.forEach((p, i) => {
    if (p.organisation === null) return;
    byOrg.set(p.organisation, [...(byOrg.get(p.organisation) ?? []), i]);
  });
  const ctx = (i: number): Ctx => {
    const p = people[i] as DemoPerson;
    const topic = f.helpers.arrayElement(p.topics.length ? p.topics : ['startups']);
    return {
      p,
      first: p.givenName,
      poss: p.pronouns.possessive,
      obj: p.pronouns.object,
      subj: p.pronouns.subject,
      be: p.pronouns.be,
      topic,
      project: f.helpers.arrayElement(TOPICS[topic] ?? ['new project']),
      org: p.organisation === null ? 'the co-working space' : (organisations[p.organisation]?.name ?? 'the office'),
      otherOrg: f.helpers.arrayElement(organisations).name,
      cafe: f.helpers.arrayElement(CAFES),
      restaurant: f.helpers.arrayElement(RESTAURANTS),
      meetup: f.helpers.arrayElement(MEETUPS).name,
      ask: f.helpers.arrayElement(ASKS),
    };
  };
  const notesFor = (c: Ctx) => {
    if (!f.datatype.boolean({ probability: 0.2 })) return '';
    const follow = f.helpers
      .arrayElement(FOLLOW_UPS)
      .replace('{topic}', c.topic)
      .replace('{otherOrg}', c.otherOrg)
      .replace('{project}', c.project);
    return `- ${c.first} mentioned the ${c.project}\n- Follow up: ${follow}\n`;
  };
  const push = (kind: InteractionKind, at: number, summary: string, participants: number[], notes = '') => {
    let channel: Channel = DEFAULT_CHANNEL[kind];
    let platform = PLATFORMS[kind] ? f.helpers.arrayElement(PLATFORMS[kind] ?? []) : null;
    if (kind === 'meeting' && f.datatype.boolean({ probability: 0.25 })) {
      channel = 'online';
      platform = 'Zoom';
    }
    const range = DURATION[kind];
    out.push({
      kind,
      channel,
      platform,
      occurredAt: new Date(Math.min(at, recent)).toISOString(),
      durationMinutes: range ? f.number.int({ min: range[0] / 5, max: range[1] / 5 }) * 5 : null,
      summary,
      notes,
      participants,
    });
  };

  people.forEach((p, i) => {
    const met = Date.parse(`${p.howWeMet.date}T00:00:00Z`);
    const start = Math.max(yearAgo, met + DAY);
    const cooling = (p.circle === 'close' || p.circle === 'wider') && f.datatype.boolean({ probability: 0.2 });
    const end = cooling ? now.getTime() - f.number.int({ min: 100, max: 200 }) * DAY : recent;
    if (end <= start) return;
    const share = (end - start) / (365 * DAY);
    const expected = PER_YEAR[p.circle] * share * f.number.float({ min: 0.6, max: 1.4 });
    const n = Math.floor(expected) + (f.datatype.boolean({ probability: expected % 1 }) ? 1 : 0);
    const inLondon = p.location === 'London';
    for (let k = 0; k < n; k++) {
      // The inner circle is seen steadily; others whenever it happens.
      const slot = (end - start) / n;
      const at =
        p.circle === 'inner'
          ? start + slot * k + f.number.int({ min: 0, max: Math.floor(slot) })
          : f.number.int({ min: start, max: end });
      let kind = f.helpers.weightedArrayElement(
        Object.entries(KIND_WEIGHTS[p.circle]).map(([value, weight]) => ({ value: value as InteractionKind, weight })),
      );
      if (!inLondon && IN_PERSON.has(kind) && f.datatype.boolean({ probability: 0.7 })) kind = 'video_call';
      const c = ctx(i);
      const colleagues = (p.organisation === null ? [] : (byOrg.get(p.organisation) ?? [])).filter((j) => j !== i);
      const group = GROUP[kind];
      if (group && colleagues.length > 0 && f.datatype.boolean({ probability: 0.15 })) {
        const others = f.helpers.arrayElements(colleagues, { min: 1, max: Math.min(2, colleagues.length) });
        const names = [p, ...others.map((j) => people[j] as DemoPerson)].map((x) => x.givenName);
        const joined = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
        push(kind, timeOfDay(f, kind, at), f.helpers.arrayElement(group)(c, joined), [i, ...others], notesFor(c));
        continue;
      }
      let summary = f.helpers.arrayElement(SOLO[kind])(c);
      if (!inLondon && IN_PERSON.has(kind)) summary += ` (${c.subj} ${c.be} in London for work)`;
      push(kind, timeOfDay(f, kind, at), summary, [i], notesFor(c));
    }
  });

  // Introductions: you connect two people who share a topic.
  const introCount = Math.round(people.length / 10);
  for (let k = 0; k < introCount; k++) {
    const a = f.number.int({ min: 0, max: people.length - 1 });
    const pa = people[a] as DemoPerson;
    const topic = pa.topics[0];
    const candidates = people.map((_, j) => j).filter((j) => j !== a && topic && people[j]?.topics.includes(topic));
    if (!topic || candidates.length === 0) continue;
    const b = f.helpers.arrayElement(candidates);
    const pb = people[b] as DemoPerson;
    const at = f.number.int({ min: yearAgo, max: recent });
    push(
      'introduction',
      timeOfDay(f, 'introduction', at),
      `Introduced ${pa.givenName} to ${pb.givenName} — both deep in ${topic}`,
      [a, b],
    );
  }

  // A conference leaves a trail: the encounters, then a thank-you a day or two later.
  for (const conf of input.conferences) {
    const day = Date.parse(`${conf.date}T00:00:00Z`);
    if (day < yearAgo) continue;
    const attendees = people.map((_, i) => i).filter((i) => people[i]?.howWeMet.event === conf.name);
    for (const i of attendees) {
      const c = ctx(i);
      push(
        'event_encounter',
        day + f.number.int({ min: 9, max: 18 }) * 3600_000,
        f.helpers.arrayElement([
          `Met ${c.first} at ${conf.name} — talked about ${c.topic}`,
          `Chatted with ${c.first} after ${c.poss} ${conf.name} talk on ${c.topic}`,
        ]),
        [i],
      );
      if (f.datatype.boolean({ probability: 0.7 })) {
        push(
          'message',
          day + f.number.int({ min: 1, max: 3 }) * DAY + f.number.int({ min: 8, max: 20 }) * 3600_000,
          `Thanks for the chat at ${conf.name} — sent the ${c.topic} link I mentioned`,
          [i],
        );
      }
    }
    if (attendees.length >= 3) {
      const crowd = f.helpers.arrayElements(attendees, { min: 3, max: Math.min(5, attendees.length) });
      const names = crowd.map((i) => people[i]?.givenName ?? '');
      push(
        'event_encounter',
        day + 19 * 3600_000,
        `Drinks after day one of ${conf.name} with ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`,
        crowd,
      );
    }
  }

  return out.sort((x, y) => x.occurredAt.localeCompare(y.occurredAt));
}

/** Coffee in the morning, lunch at noon, messages whenever: a plausible hour on the same day. */
function timeOfDay(f: Faker, kind: InteractionKind, at: number): number {
  const day = Math.floor(at / DAY) * DAY;
  const hours: Record<string, [number, number]> = {
    coffee: [8, 11],
    meal: [12, 13],
    call: [9, 17],
    video_call: [9, 17],
    meeting: [9, 16],
    event_encounter: [17, 20],
  };
  const [lo, hi] = hours[kind] ?? [8, 21];
  const t = day + f.number.int({ min: lo, max: hi }) * 3600_000 + f.helpers.arrayElement([0, 15, 30, 45]) * 60_000;
  return t;
}
