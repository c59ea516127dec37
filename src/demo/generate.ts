import {
  base,
  de,
  en,
  en_CA,
  en_GB,
  en_IN,
  en_US,
  es,
  Faker,
  fr,
  it,
  type LocaleDefinition,
  nl,
  pl,
  pt_PT,
  sv,
} from '@faker-js/faker';
import type { Circle, MetChannel, Purpose } from '../contract/common.js';
import { generateInteractions } from './interactions.js';
import type { DemoNetwork, DemoOrganisation, DemoPerson, Pronouns } from './model.js';
import {
  CHILD_NAMES,
  CITIES,
  type City,
  COMMUNITIES,
  ENGLISH_SURNAMES,
  GOALS,
  INDEPENDENT_ROLES,
  INTERESTS,
  KIND_TOPICS,
  LONDON_MIX,
  MEETUPS,
  ORGANISATIONS,
  type OrgKind,
  PET_NAMES,
  PREFERENCES,
  ROLES,
  TAG_COLORS,
  TOPICS,
} from './vocabulary.js';

/*
 * A believable professional network, the same every time for the same seed:
 * every random choice comes from one seeded Faker (plus one per name locale,
 * seeded from it), and dates are offsets from `now`, so only dates move.
 */

export const DEFAULT_SEED = 2026;
export const DEFAULT_PEOPLE = 150;
const DAY = 86_400_000;

export interface GenerateOptions {
  seed?: number;
  people?: number;
  now?: Date;
}

const LOCALES: Record<City['locale'], LocaleDefinition> = {
  en_GB,
  en_US,
  en_CA,
  en_IN,
  de,
  es,
  fr,
  pt_PT,
  nl,
  sv,
  it,
  pl,
};

export interface Conference {
  name: string;
  date: string;
  topic: string;
  weight: number;
}

/** Conferences of the past year and a half, named after the year they fall in. */
export function conferences(now: Date): Conference[] {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const year = (d: Date) => d.getUTCFullYear();
  const make = (name: string, daysAgo: number, topic: string, weight: number): Conference => {
    const d = at(daysAgo);
    return { name: `${name} ${year(d)}`, date: isoDate(d), topic, weight };
  };
  return [
    make('DevConf', 150, 'developer experience', 10),
    make('ClimateTech Summit', 60, 'climate tech', 3),
    make('LeadDev London', 200, 'engineering leadership', 3),
    make('RustConf', 440, 'Rust', 2),
    make('Config', 540, 'design systems', 2),
  ];
}

export function generateNetwork(options: GenerateOptions = {}): DemoNetwork {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = options.people ?? DEFAULT_PEOPLE;
  const now = options.now ?? new Date();
  const f = new Faker({ locale: [en, base], seed });
  const nameFakers = new Map<City['locale'], Faker>();
  const nameFaker = (locale: City['locale']) => {
    let nf = nameFakers.get(locale);
    if (!nf) {
      nf = new Faker({ locale: [LOCALES[locale], en, base], seed: seed * 7919 + nameFakers.size + 1 });
      nameFakers.set(locale, nf);
    }
    return nf;
  };

  const orgCount = Math.max(2, Math.min(ORGANISATIONS.length, Math.round(count / 5)));
  const orgSeeds = f.helpers.shuffle([...ORGANISATIONS]).slice(0, orgCount);
  const orgCities = orgSeeds.map(() => pickCity(f));
  const organisations: DemoOrganisation[] = orgSeeds.map((o, i) => {
    const domain = `${slug(o.name.replace(/^the /i, ''))}.example`;
    return {
      name: o.name,
      domain,
      website: `https://${domain}`,
      industry: o.industry,
      location: orgCities[i]?.name ?? 'London',
    };
  });
  // Some organisations are where much of the network works; most have a handful.
  const orgWeights = orgSeeds.map(() =>
    f.helpers.weightedArrayElement([
      { weight: 5, value: 1 },
      { weight: 3, value: 3 },
      { weight: 1, value: 6 },
    ]),
  );

  const confs = conferences(now);
  const people: DemoPerson[] = [];
  const usedNames = new Set<string>();
  let phoneCounter = f.number.int({ min: 0, max: 400 });

  for (let i = 0; i < count; i++) {
    const circle = f.helpers.weightedArrayElement<Circle>([
      { weight: 5, value: 'inner' },
      { weight: 15, value: 'close' },
      { weight: 35, value: 'wider' },
      { weight: 35, value: 'loose' },
      { weight: 10, value: 'none' },
    ]);
    const orgIndex = f.datatype.boolean({ probability: 0.88 })
      ? f.helpers.weightedArrayElement(orgWeights.map((weight, value) => ({ weight, value })))
      : null;
    const orgSeed = orgIndex === null ? undefined : orgSeeds[orgIndex];
    const kind: OrgKind | undefined = orgSeed?.kind;
    const city =
      orgIndex !== null && f.datatype.boolean({ probability: 0.8 })
        ? (orgCities[orgIndex] ?? pickCity(f))
        : pickCity(f);

    const sex = f.person.sexType();
    const pronouns: Pronouns = f.datatype.boolean({ probability: 0.08 })
      ? { subject: 'they', object: 'them', possessive: 'their', be: 'are' }
      : sex === 'female'
        ? { subject: 'she', object: 'her', possessive: 'her', be: 'is' }
        : { subject: 'he', object: 'him', possessive: 'his', be: 'is' };
    const locale =
      city.name === 'London' && f.datatype.boolean({ probability: 0.4 })
        ? f.helpers.arrayElement(LONDON_MIX)
        : city.locale;
    const nf = nameFaker(locale);
    let givenName = '';
    let familyName = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      givenName = nf.person.firstName(sex);
      // Faker's English surnames lean American-whimsical ("VonRueden"); these read as real people.
      familyName = /^en_(GB|US|CA)$/.test(locale) ? nf.helpers.arrayElement(ENGLISH_SURNAMES) : nf.person.lastName(sex);
      // Polish surnames in -ski/-cki take the feminine -ska/-cka.
      if (locale === 'pl' && sex === 'female') familyName = familyName.replace(/([sc]k|dzk)i$/, '$1a');
      if (!usedNames.has(`${givenName} ${familyName}`)) break;
    }
    const fullName = `${givenName} ${familyName}`;
    usedNames.add(fullName);

    const roleTitle = kind ? f.helpers.arrayElement(ROLES[kind]) : f.helpers.arrayElement(INDEPENDENT_ROLES);
    const topics = pickTopics(f, kind, roleTitle);
    const orgName = orgSeed?.name ?? null;
    const otherOrg = f.helpers.arrayElement(organisations.filter((_, j) => j !== orgIndex)).name;

    const howWeMet = pickHowWeMet(f, now, confs, people, i, topics, otherOrg, pronouns);
    const tags = pickTags(kind, roleTitle, topics, howWeMet);
    const purposes = pickPurposes(f, kind, roleTitle, circle, howWeMet.channel);

    const ascii = (s: string) => slug(s, '.');
    const emails: DemoPerson['emails'] = [];
    const org = orgIndex === null ? undefined : organisations[orgIndex];
    if (org && f.datatype.boolean({ probability: 0.9 })) {
      emails.push({ value: `${ascii(givenName)}.${ascii(familyName)}@${org.domain}`, label: 'work', primary: true });
    }
    if (emails.length === 0 || f.datatype.boolean({ probability: 0.3 })) {
      const provider = f.helpers.arrayElement(['example.com', 'example.net', 'example.org']);
      emails.push({
        value: `${ascii(givenName)}${ascii(familyName).slice(0, 1)}${f.number.int({ min: 1, max: 99 })}@${provider}`,
        label: 'personal',
        primary: emails.length === 0,
      });
    }
    const phones: DemoPerson['phones'] = [];
    if (city.phone && f.datatype.boolean({ probability: circle === 'inner' || circle === 'close' ? 0.7 : 0.15 })) {
      phones.push({ value: city.phone(phoneCounter++), label: 'mobile', primary: true });
    }
    const links: DemoPerson['links'] = [];
    if (f.datatype.boolean({ probability: 0.75 })) {
      links.push({
        url: `https://www.linkedin.com/in/${slug(`${givenName}-${familyName}`, '-')}-${f.string.hexadecimal({ length: 6, casing: 'lower', prefix: '' })}`,
        label: 'linkedin',
      });
    }
    if (
      /Design|Founder|Independent|Freelance|Fractional|Coach|Writer|Podcast/.test(roleTitle) &&
      f.datatype.boolean()
    ) {
      links.push({ url: `https://${slug(givenName + familyName)}.example`, label: 'website' });
    }

    const importantDates: DemoPerson['importantDates'] = [];
    if (f.datatype.boolean({ probability: circle === 'inner' ? 0.9 : circle === 'close' ? 0.5 : 0.2 })) {
      const withYear = f.datatype.boolean();
      importantDates.push({
        kind: 'birthday',
        month: f.number.int({ min: 1, max: 12 }),
        day: f.number.int({ min: 1, max: 28 }),
        ...(withYear ? { year: f.number.int({ min: 1965, max: 2001 }) } : {}),
      });
    }
    if (org && f.datatype.boolean({ probability: 0.06 })) {
      importantDates.push({
        kind: 'work_anniversary',
        label: `Joined ${org.name}`,
        month: f.number.int({ min: 1, max: 12 }),
        day: f.number.int({ min: 1, max: 28 }),
        year: now.getUTCFullYear() - f.number.int({ min: 1, max: 6 }),
      });
    }

    const projectOf = (t: string) => f.helpers.arrayElement(TOPICS[t] ?? ['new project']);
    const mainTopic = topics[0] ?? 'startups';
    const project = projectOf(mainTopic);

    const learnings: DemoPerson['learnings'] = [];
    const learnCount =
      circle === 'inner'
        ? f.number.int({ min: 2, max: 4 })
        : circle === 'close'
          ? f.number.int({ min: 0, max: 3 })
          : f.datatype.boolean({ probability: 0.2 })
            ? 1
            : 0;
    const metTime = Date.parse(`${howWeMet.date}T12:00:00Z`);
    for (let k = 0; k < learnCount; k++) {
      const category = f.helpers.arrayElement(['goal', 'project', 'family', 'interest', 'preference'] as const);
      const body = learningBody(f, category, { org: orgName, project, topic: mainTopic });
      const from = Math.max(metTime, now.getTime() - 730 * DAY);
      learnings.push({
        category,
        body,
        learnedOn: isoDate(new Date(f.number.int({ min: from, max: now.getTime() - DAY }))),
      });
    }

    const headline = f.datatype.boolean({ probability: 0.85 })
      ? pickHeadline(f, kind, roleTitle, orgName, topics, project, otherOrg, orgSeed?.industry)
      : null;

    const notes = f.datatype.boolean({ probability: circle === 'inner' || circle === 'close' ? 0.5 : 0.15 })
      ? personNotes(f, givenName, howWeMet.event ?? howWeMet.context, topics, project, people)
      : '';

    people.push({
      givenName,
      familyName,
      fullName,
      pronouns,
      organisation: orgIndex,
      roleTitle,
      headline,
      location: city.name,
      timeZone: city.timeZone,
      circle,
      cadenceDays: f.datatype.boolean({ probability: 0.05 }) ? f.helpers.arrayElement([7, 21, 45, 60]) : null,
      emails,
      phones,
      links,
      tags,
      topics,
      purposes,
      howWeMet,
      importantDates,
      notes,
      learnings,
    });
  }

  const usedTags = new Set(people.flatMap((p) => p.tags));
  const tags = [...usedTags].sort().map((name) => ({ name, color: TAG_COLORS[name] ?? '#0d9488' }));
  const interactions = generateInteractions(f, { now, people, organisations, conferences: confs });
  return { seed, tags, organisations, people, interactions };
}

function pickCity(f: Faker): City {
  return f.helpers.weightedArrayElement(CITIES.map((c) => ({ weight: c.weight, value: c })));
}

function pickTopics(f: Faker, kind: OrgKind | undefined, role: string): string[] {
  const pool = new Set<string>(kind ? KIND_TOPICS[kind] : ['product strategy', 'startups', 'engineering leadership']);
  if (/Manager|Director|VP|Head|CTO/.test(role)) pool.add('engineering leadership').add('hiring');
  if (/Design/.test(role)) pool.add('design systems').add('accessibility');
  if (/Data|Machine Learning/.test(role)) pool.add('machine learning').add('data engineering');
  if (/Founder|CEO|Angel/.test(role)) pool.add('fundraising').add('startups');
  if (/Advocate|Podcast|Programme/.test(role)) pool.add('public speaking');
  if (/Professor|Lecturer|Coach/.test(role)) pool.add('mentoring');
  return f.helpers.arrayElements([...pool], { min: 1, max: 4 });
}

function pickHowWeMet(
  f: Faker,
  now: Date,
  confs: Conference[],
  earlier: DemoPerson[],
  index: number,
  topics: string[],
  otherOrg: string,
  pronouns: Pronouns,
): DemoPerson['howWeMet'] {
  const yearsAgo = (min: number, max: number) =>
    isoDate(new Date(now.getTime() - f.number.int({ min: Math.round(min * 365), max: Math.round(max * 365) }) * DAY));
  const topic = topics[0] ?? 'startups';
  const channel = f.helpers.weightedArrayElement<MetChannel>(
    [
      { weight: 18, value: 'work' as const },
      { weight: 20, value: 'conference' as const },
      { weight: 13, value: 'meetup' as const },
      { weight: 14, value: 'linkedin' as const },
      { weight: index > 5 ? 14 : 0, value: 'introduction' as const },
      { weight: 7, value: 'online_community' as const },
      { weight: 5, value: 'school' as const },
      { weight: 4, value: 'virtual_event' as const },
      { weight: 5, value: 'coffee_chat' as const },
    ].filter((c) => c.weight > 0),
  );
  const none = { platform: null, event: null, context: null, introducedBy: null };
  switch (channel) {
    case 'work':
      return { ...none, channel, date: yearsAgo(2, 9), context: `Worked together at ${otherOrg}` };
    case 'conference': {
      const conf = f.helpers.weightedArrayElement(confs.map((c) => ({ weight: c.weight, value: c })));
      const context = f.helpers.arrayElement([
        `Sat next to each other at the ${conf.topic} track`,
        `Chatted after ${pronouns.possessive} talk on ${topic}`,
        `Met in the hallway queue for coffee`,
        `Same table at the speakers' dinner`,
      ]);
      return { ...none, channel, date: conf.date, event: conf.name, context };
    }
    case 'meetup': {
      const m = f.helpers.arrayElement(MEETUPS);
      return { ...none, channel, date: yearsAgo(0.3, 4), event: m.name, context: `Talked about ${m.topic} over pizza` };
    }
    case 'linkedin':
      return {
        ...none,
        channel,
        platform: 'LinkedIn',
        date: yearsAgo(0.2, 5),
        context: f.helpers.arrayElement([
          `Connected after a post about ${topic}`,
          `Reached out about a ${topic} role`,
          `Commented on each other's posts about ${topic}`,
        ]),
      };
    case 'introduction': {
      const candidates = earlier
        .map((p, i) => ({ p, i }))
        .filter(({ p }) => p.circle === 'inner' || p.circle === 'close' || p.circle === 'wider');
      const by = candidates.length ? f.helpers.arrayElement(candidates) : undefined;
      if (!by) return { ...none, channel: 'other', date: yearsAgo(0.5, 3) };
      return {
        ...none,
        channel,
        date: yearsAgo(0.1, 3),
        introducedBy: by.i,
        context: `${by.p.givenName} thought we should talk about ${topic}`,
      };
    }
    case 'online_community': {
      const c = f.helpers.arrayElement(COMMUNITIES);
      return {
        ...none,
        channel,
        platform: c.platform,
        date: yearsAgo(0.3, 4),
        context: `Helpful answers in #${slug(c.topic, '-')}`,
      };
    }
    case 'school':
      return { ...none, channel, date: yearsAgo(9, 16), context: 'Studied together at Pinecrest University' };
    case 'virtual_event':
      return {
        ...none,
        channel,
        platform: 'Zoom',
        date: yearsAgo(0.5, 3),
        event: `Remote ${topic} Summit`,
        context: 'Same breakout room',
      };
    default:
      return {
        ...none,
        channel: 'coffee_chat',
        date: yearsAgo(0.5, 4),
        context: 'Paired up by the LeadDev mentoring scheme',
      };
  }
}

function pickTags(kind: OrgKind | undefined, role: string, topics: string[], met: DemoPerson['howWeMet']): string[] {
  const tags = new Set<string>();
  if (kind === 'climate' || topics.some((t) => ['climate tech', 'carbon removal', 'energy transition'].includes(t))) {
    tags.add('climate');
  }
  if (topics.includes('Rust')) tags.add('rust');
  if (kind === 'design' || /Design/.test(role)) tags.add('design');
  if (kind === 'vc' || /Angel/.test(role)) tags.add('investor');
  if (met.channel === 'work') tags.add('ex-colleague');
  if (met.event?.startsWith('DevConf ')) tags.add(slug(met.event, '-'));
  if (/Founder/.test(role)) tags.add('founder');
  if (kind === 'recruiting') tags.add('recruiter');
  if (topics.includes('public speaking') || /Advocate/.test(role)) tags.add('speaker');
  if (kind === 'oss' || topics.includes('open source')) tags.add('open-source');
  return [...tags];
}

function pickPurposes(f: Faker, kind: OrgKind | undefined, role: string, circle: Circle, met: MetChannel): Purpose[] {
  const out = new Set<Purpose>();
  if (kind === 'vc' || /Angel/.test(role)) out.add('investor');
  if (kind === 'recruiting') out.add('recruiter');
  if (circle === 'inner' && f.datatype.boolean({ probability: 0.6 })) out.add('friend');
  if (
    /Director|VP|CTO|Partner|Professor|Principal|Executive|Head of/.test(role) &&
    f.datatype.boolean({ probability: 0.5 })
  ) {
    out.add(f.datatype.boolean() ? 'mentor' : 'industry_veteran');
  }
  if (/PhD|Associate|^Software Engineer|Frontend/.test(role) && f.datatype.boolean({ probability: 0.3 }))
    out.add('mentee');
  if ((kind === 'design' || kind === 'consulting') && f.datatype.boolean({ probability: 0.3 })) out.add('client');
  if (met === 'work') out.add('peer');
  if (out.size === 0)
    out.add(
      f.helpers.weightedArrayElement([
        { weight: 3, value: 'peer' as const },
        { weight: 2, value: 'collaborator' as const },
      ]),
    );
  return [...out];
}

function pickHeadline(
  f: Faker,
  kind: OrgKind | undefined,
  role: string,
  org: string | null,
  topics: string[],
  project: string,
  otherOrg: string,
  industry: string | undefined,
): string {
  const [a = 'startups', b] = topics;
  const ab = b ? `${a} and ${b}` : a;
  if (!org) return `${role} · ${ab} · open to new projects`;
  switch (kind) {
    case 'vc':
      return f.helpers.arrayElement([`Investing in ${ab} at ${org}`, `${role} at ${org} — pre-seed and seed`]);
    case 'recruiting':
      return `Hiring engineers and designers for ${(industry ?? 'tech').toLowerCase()} teams`;
    case 'academia':
      return `Researching ${ab} at ${org}`;
    case 'media':
      return `${role} at ${org} — stories about ${a}`;
    default:
      return f.helpers.arrayElement([
        `${role} at ${org} · ${ab}`,
        `Working on the ${project} at ${org}`,
        `${role}. Writes about ${a}.`,
        `Ex-${otherOrg}. ${role} at ${org}`,
      ]);
  }
}

function learningBody(
  f: Faker,
  category: 'goal' | 'project' | 'family' | 'interest' | 'preference',
  c: { org: string | null; project: string; topic: string },
): string {
  switch (category) {
    case 'goal':
      return f.helpers.arrayElement(GOALS).replace('{topic}', c.topic);
    case 'project':
      return f.helpers.arrayElement([
        c.org ? `Leading the ${c.project} at ${c.org}` : `Consulting on a ${c.project}`,
        `Side project: a newsletter about ${c.topic}`,
        `Writing a conference talk about the ${c.project}`,
      ]);
    case 'family': {
      const [k1, k2] = f.helpers.arrayElements(CHILD_NAMES, 2);
      return f.helpers.arrayElement([
        `Has two kids, ${k1} (${f.number.int({ min: 5, max: 9 })}) and ${k2} (${f.number.int({ min: 1, max: 4 })})`,
        `Dog called ${f.helpers.arrayElement(PET_NAMES)}; brings it to the office on Fridays`,
        `Became a parent this year — a daughter, ${k1}`,
        'Partner is a nurse; they moved to the city two years ago',
      ]);
    }
    case 'interest':
      return f.helpers.arrayElement(INTERESTS);
    default:
      return f.helpers.arrayElement(PREFERENCES);
  }
}

function personNotes(
  f: Faker,
  given: string,
  context: string | null,
  topics: string[],
  project: string,
  earlier: DemoPerson[],
): string {
  const lines = [`**Context:** ${context ?? 'long-standing contact'}.`, ''];
  lines.push(`- Working on the ${project}`);
  if (topics[1]) lines.push(`- Also cares about ${topics[1]}`);
  const peer = earlier.length ? f.helpers.arrayElement(earlier) : undefined;
  if (peer && f.datatype.boolean())
    lines.push(`- Possible intro: ${peer.fullName} (${peer.topics[0] ?? 'same field'})`);
  lines.push(`- [ ] Send ${given} something good on ${topics[0] ?? 'their work'}`);
  return `${lines.join('\n')}\n`;
}

/** ASCII, lower case, letters and digits only, with `sep` between words. */
export function slug(s: string, sep = ''): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ø/gi, 'o')
    .replace(/ł/gi, 'l')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep || '-'}+|\\${sep || '-'}+$`, 'g'), '');
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
