/*
 * The words the demo network is made of. Organisations are invented; emails
 * and websites use the reserved .example domains and phone numbers come from
 * the ranges set aside for fiction, so no demo message can reach a real person.
 */

export type OrgKind =
  | 'tech'
  | 'climate'
  | 'vc'
  | 'design'
  | 'recruiting'
  | 'fintech'
  | 'oss'
  | 'academia'
  | 'consulting'
  | 'media'
  | 'govtech';

export interface OrgSeed {
  name: string;
  industry: string;
  kind: OrgKind;
}

export const ORGANISATIONS: readonly OrgSeed[] = [
  { name: 'Northwind Labs', industry: 'Developer tools', kind: 'tech' },
  { name: 'Brightwater Energy', industry: 'Climate tech', kind: 'climate' },
  { name: 'Copperleaf Capital', industry: 'Venture capital', kind: 'vc' },
  { name: 'Fernhill Design Studio', industry: 'Design agency', kind: 'design' },
  { name: 'Kestrel Payments', industry: 'Fintech', kind: 'fintech' },
  { name: 'Atlas Cloudworks', industry: 'Cloud infrastructure', kind: 'tech' },
  { name: 'Oakridge Talent', industry: 'Recruiting', kind: 'recruiting' },
  { name: 'Greenfield Carbon', industry: 'Carbon removal', kind: 'climate' },
  { name: 'The Open Rust Collective', industry: 'Open-source foundation', kind: 'oss' },
  { name: 'Halcyon Health', industry: 'Health tech', kind: 'tech' },
  { name: 'Saltmarsh Ventures', industry: 'Venture capital', kind: 'vc' },
  { name: 'Tidewater Analytics', industry: 'Data and analytics', kind: 'tech' },
  { name: 'Lumen & Loom', industry: 'Product design consultancy', kind: 'design' },
  { name: 'Meridian Grid', industry: 'Energy infrastructure', kind: 'climate' },
  { name: 'Pinecrest University', industry: 'Higher education', kind: 'academia' },
  { name: 'Orchard AI', industry: 'Machine learning', kind: 'tech' },
  { name: 'Harbourline Bank', industry: 'Banking', kind: 'fintech' },
  { name: 'Riverbend Consulting', industry: 'Management consulting', kind: 'consulting' },
  { name: 'Cobalt Shield', industry: 'Cybersecurity', kind: 'tech' },
  { name: 'Lantern Media', industry: 'Technology media', kind: 'media' },
  { name: 'Sundial Mobility', industry: 'Electric mobility', kind: 'climate' },
  { name: 'Granite Data', industry: 'Databases', kind: 'tech' },
  { name: 'Civic Digital', industry: 'Government digital services', kind: 'govtech' },
  { name: 'Beacon Hill Partners', industry: 'Angel syndicate', kind: 'vc' },
  { name: 'Tessellate', industry: 'Design tooling', kind: 'tech' },
  { name: 'Mosaic Learning', industry: 'Education technology', kind: 'tech' },
  { name: 'Velvet Fox Games', industry: 'Games', kind: 'tech' },
  { name: 'Fathom Climate Analytics', industry: 'Climate data', kind: 'climate' },
  { name: 'Driftwood Studio', industry: 'Brand and UX', kind: 'design' },
  { name: 'Keystone Logistics', industry: 'Logistics software', kind: 'tech' },
  { name: 'Wildflower Foods', industry: 'Food tech', kind: 'tech' },
  { name: 'Polaris Robotics', industry: 'Robotics', kind: 'tech' },
  { name: 'Quillon', industry: 'Publishing software', kind: 'tech' },
  { name: 'Emberly', industry: 'Consumer apps', kind: 'tech' },
];

export const ROLES: Record<OrgKind, readonly string[]> = {
  tech: [
    'Software Engineer',
    'Senior Software Engineer',
    'Staff Engineer',
    'Principal Engineer',
    'Engineering Manager',
    'Director of Engineering',
    'VP Engineering',
    'CTO',
    'Platform Engineer',
    'Site Reliability Engineer',
    'Product Manager',
    'Senior Product Manager',
    'Head of Product',
    'Product Designer',
    'Data Scientist',
    'Machine Learning Engineer',
    'Developer Advocate',
    'Founder & CEO',
    'Security Engineer',
    'Data Engineer',
    'Frontend Engineer',
  ],
  climate: [
    'Climate Data Scientist',
    'Head of Sustainability',
    'Energy Systems Engineer',
    'Founder & CEO',
    'Policy Lead',
    'Software Engineer',
    'Product Manager',
    'Carbon Markets Analyst',
    'Head of Engineering',
  ],
  vc: ['Partner', 'Principal', 'Associate', 'Venture Partner', 'Platform Lead', 'General Partner'],
  design: [
    'Product Designer',
    'Senior Product Designer',
    'Design Director',
    'UX Researcher',
    'Brand Designer',
    'Design Systems Lead',
    'Creative Director',
  ],
  recruiting: ['Technical Recruiter', 'Talent Partner', 'Head of Talent', 'Executive Search Consultant'],
  fintech: [
    'Software Engineer',
    'Staff Engineer',
    'Engineering Manager',
    'Risk Analyst',
    'Product Manager',
    'Head of Payments',
    'Compliance Engineer',
  ],
  oss: ['Maintainer', 'Community Manager', 'Executive Director', 'Developer Advocate'],
  academia: [
    'Lecturer in Computer Science',
    'PhD Candidate',
    'Professor of Human-Computer Interaction',
    'Research Fellow',
  ],
  consulting: ['Senior Consultant', 'Partner', 'Engagement Manager', 'Principal Consultant'],
  media: ['Technology Editor', 'Podcast Host', 'Staff Writer', 'Conference Programme Lead'],
  govtech: ['Service Designer', 'Head of Digital', 'Delivery Manager', 'Software Engineer'],
};

export const INDEPENDENT_ROLES = [
  'Independent Consultant',
  'Freelance Product Designer',
  'Fractional CTO',
  'Executive Coach',
  'Angel Investor',
] as const;

/** What a person might care about, and the kind of project that goes with it. */
export const TOPICS: Record<string, readonly string[]> = {
  Rust: ['Rust migration', 'rewrite of the ingestion service in Rust', 'first Rust crate going 1.0'],
  TypeScript: ['move to strict TypeScript', 'monorepo migration'],
  'platform engineering': ['move to platform engineering', 'internal developer platform'],
  'distributed systems': ['event-sourcing rollout', 'multi-region failover work'],
  'developer experience': ['developer portal launch', 'CI speed-up project'],
  'design systems': ['design system rewrite', 'component library 2.0'],
  accessibility: ['accessibility audit', 'WCAG 2.2 push'],
  'UX research': ['user research programme', 'diary study with nurses'],
  'climate tech': ['climate startup idea', 'grid-balancing pilot'],
  'carbon removal': ['carbon-removal pilot', 'direct air capture project'],
  'energy transition': ['heat-pump rollout project', 'battery storage tender'],
  'machine learning': ['recommendation model launch', 'ML platform work'],
  LLMs: ['LLM evaluation work', 'retrieval-augmented search prototype'],
  'data engineering': ['data warehouse migration', 'streaming pipeline rebuild'],
  security: ['SOC 2 audit', 'zero-trust rollout'],
  fundraising: ['seed round', 'Series A prep'],
  startups: ['new startup', 'first ten hires'],
  'product strategy': ['roadmap reset', 'pricing experiment'],
  'engineering leadership': ['first months as a manager', 'reorg of the platform team'],
  hiring: ['hiring plan for the platform team', 'search for a head of design'],
  'open source': ['open-source maintainership', 'foundation governance work'],
  payments: ['instant payments launch', 'payments reconciliation rewrite'],
  'public speaking': ['conference talk', 'first keynote'],
  mentoring: ['mentoring programme', 'new mentee group'],
  observability: ['OpenTelemetry rollout', 'on-call overhaul'],
};

export const KIND_TOPICS: Record<OrgKind, readonly string[]> = {
  tech: [
    'Rust',
    'TypeScript',
    'platform engineering',
    'distributed systems',
    'developer experience',
    'machine learning',
    'LLMs',
    'data engineering',
    'security',
    'observability',
  ],
  climate: ['climate tech', 'carbon removal', 'energy transition', 'data engineering', 'startups'],
  vc: ['fundraising', 'startups', 'climate tech', 'LLMs', 'product strategy'],
  design: ['design systems', 'accessibility', 'UX research', 'product strategy'],
  recruiting: ['hiring', 'engineering leadership', 'startups'],
  fintech: ['payments', 'security', 'distributed systems', 'Rust', 'TypeScript'],
  oss: ['open source', 'Rust', 'developer experience', 'public speaking'],
  academia: ['machine learning', 'UX research', 'accessibility', 'mentoring'],
  consulting: ['product strategy', 'engineering leadership', 'energy transition'],
  media: ['public speaking', 'LLMs', 'startups', 'open source'],
  govtech: ['accessibility', 'UX research', 'platform engineering', 'TypeScript'],
};

export const TAG_COLORS: Record<string, string> = {
  climate: '#16a34a',
  rust: '#ea580c',
  design: '#db2777',
  investor: '#7c3aed',
  'ex-colleague': '#0891b2',
  founder: '#ca8a04',
  recruiter: '#64748b',
  speaker: '#2563eb',
  'open-source': '#059669',
};

export interface City {
  name: string;
  timeZone: string;
  /** Faker locale for names. */
  locale: 'en_GB' | 'en_US' | 'en_CA' | 'en_IN' | 'de' | 'es' | 'fr' | 'pt_PT' | 'nl' | 'sv' | 'it' | 'pl';
  /** Numbers reserved for drama and fiction, or none where there is no such range. */
  phone?: (n: number) => string;
  weight: number;
}

export const CITIES: readonly City[] = [
  {
    name: 'London',
    timeZone: 'Europe/London',
    locale: 'en_GB',
    phone: (n) => `+44 20 7946 0${String(n % 1000).padStart(3, '0')}`,
    weight: 45,
  },
  { name: 'Berlin', timeZone: 'Europe/Berlin', locale: 'de', weight: 8 },
  { name: 'Lisbon', timeZone: 'Europe/Lisbon', locale: 'pt_PT', weight: 5 },
  { name: 'Barcelona', timeZone: 'Europe/Madrid', locale: 'es', weight: 5 },
  { name: 'Paris', timeZone: 'Europe/Paris', locale: 'fr', weight: 5 },
  { name: 'Amsterdam', timeZone: 'Europe/Amsterdam', locale: 'nl', weight: 5 },
  { name: 'Stockholm', timeZone: 'Europe/Stockholm', locale: 'sv', weight: 3 },
  { name: 'Milan', timeZone: 'Europe/Rome', locale: 'it', weight: 2 },
  { name: 'Warsaw', timeZone: 'Europe/Warsaw', locale: 'pl', weight: 2 },
  {
    name: 'New York',
    timeZone: 'America/New_York',
    locale: 'en_US',
    phone: (n) => `+1 212 555 01${String(n % 100).padStart(2, '0')}`,
    weight: 7,
  },
  {
    name: 'San Francisco',
    timeZone: 'America/Los_Angeles',
    locale: 'en_US',
    phone: (n) => `+1 415 555 01${String(n % 100).padStart(2, '0')}`,
    weight: 5,
  },
  {
    name: 'Toronto',
    timeZone: 'America/Toronto',
    locale: 'en_CA',
    phone: (n) => `+1 416 555 01${String(n % 100).padStart(2, '0')}`,
    weight: 3,
  },
  { name: 'Bengaluru', timeZone: 'Asia/Kolkata', locale: 'en_IN', weight: 5 },
];

export const CAFES = [
  'Tate Modern',
  'Monmouth Coffee',
  'Prufrock',
  'the Barbican café',
  'Ozone Coffee',
  'the British Library café',
  'Kaffeine',
  'Origin in Shoreditch',
  'the Southbank Centre',
  'Kings Cross',
];

export const RESTAURANTS = ['Dishoom', 'Padella', 'Rochelle Canteen', 'Bao Soho', 'Flat Iron', 'St. John', 'Koya'];

export const MEETUPS: readonly { name: string; topic: string }[] = [
  { name: 'Rust London User Group', topic: 'Rust' },
  { name: 'London Design Meetup', topic: 'design systems' },
  { name: 'Climate Tech Drinks', topic: 'climate tech' },
  { name: 'Platform Engineering London', topic: 'platform engineering' },
  { name: 'London TypeScript meetup', topic: 'TypeScript' },
  { name: 'Women in Tech breakfast', topic: 'engineering leadership' },
];

export const COMMUNITIES: readonly { platform: string; topic: string }[] = [
  { platform: 'Rust Discord', topic: 'Rust' },
  { platform: 'Climate Tech Slack', topic: 'climate tech' },
  { platform: 'Design Systems Slack', topic: 'design systems' },
  { platform: 'Rands Leadership Slack', topic: 'engineering leadership' },
  { platform: 'Mastodon', topic: 'open source' },
];

export const INTERESTS = [
  'Runs marathons — did Berlin last autumn',
  'Into bouldering; goes to the wall twice a week',
  'Plays cello in an amateur orchestra',
  'Keen cyclist, rides to work every day',
  'Bakes sourdough and has opinions about it',
  'Collects vintage synthesisers',
  'Learning Japanese for a trip next year',
  'Big on board games — hosts a monthly night',
  'Volunteers at a coding club for teenagers',
  'Sails on weekends when the weather allows',
];

export const PREFERENCES = [
  'Prefers async messages to calls',
  'Does not drink coffee — suggest tea or a walk',
  'Best reached on Signal',
  'Mornings are best; protects afternoons for deep work',
  'Likes a written agenda before any call',
  'Vegetarian — pick restaurants accordingly',
];

export const GOALS = [
  'Wants to move into engineering management within a year',
  'Hoping to speak at a big conference next year',
  'Looking to raise a seed round in the spring',
  'Thinking about leaving consulting for a product role',
  'Wants to write a book about {topic}',
  'Planning a sabbatical to travel through South America',
  'Wants to mentor more junior people in {topic}',
];

export const CHILD_NAMES = ['Maya', 'Leo', 'Noah', 'Isla', 'Aria', 'Theo', 'Zoe', 'Omar', 'Ines', 'Felix'];
export const PET_NAMES = ['Biscuit', 'Pepper', 'Miso', 'Luna', 'Otto', 'Juniper'];

/** Surnames common in Britain, Ireland and North America, more familiar than Faker's English list. */
export const ENGLISH_SURNAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Patel',
  'Khan',
  'Ahmed',
  'Okafor',
  'Adeyemi',
  'Nguyen',
  'Chen',
  'Wong',
  'Murphy',
  "O'Brien",
  'Kelly',
  'Campbell',
  'Stewart',
  'Hughes',
  'Edwards',
  'Lewis',
  'Harris',
  'Martin',
  'Cooper',
  'King',
  'Lee',
  'Baker',
  'Turner',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Young',
  'Allen',
  'Mitchell',
  'Bennett',
  'Carter',
  'Phillips',
  'Shaw',
  'Price',
  'Reid',
  'Fraser',
  'Gill',
  'Ali',
  'Hussain',
  'Mensah',
  'Osei',
  'Kaur',
  'Sharma',
  'Fitzgerald',
  'Gallagher',
  'Sullivan',
  'Brennan',
  'Garcia',
  'Rodriguez',
  'Kim',
  'Park',
  'Tanaka',
  'Cohen',
  'Levine',
  'Schwartz',
  'Bailey',
  'Hayes',
  'Foster',
];

/** London is a city of many origins: these locales name some of its people. */
export const LONDON_MIX = ['en_IN', 'pl', 'es', 'it', 'pt_PT', 'fr', 'de', 'nl'] as const;
