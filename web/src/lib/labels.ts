import type { ExchangeKind } from '../../../src/contract/exchange.js';
import type { Channel, Circle, InteractionKind, MetChannel, Purpose } from '../../../src/contract/common.js';

export const CIRCLES: Circle[] = ['inner', 'close', 'wider', 'loose', 'none'];

export const circleLabel: Record<Circle, string> = {
  inner: 'Inner',
  close: 'Close',
  wider: 'Wider',
  loose: 'Loose',
  none: 'No circle',
};

export const circleHint: Record<Circle, string> = {
  inner: 'The few people you keep closest; every couple of weeks',
  close: 'People you want to hear from about monthly',
  wider: 'Good contacts; a few times a year',
  loose: 'Acquaintances; once or twice a year',
  none: 'No keep-in-touch rhythm',
};

export const kindLabel: Record<InteractionKind, string> = {
  meeting: 'Meeting',
  coffee: 'Coffee',
  meal: 'Meal',
  call: 'Call',
  video_call: 'Video call',
  message: 'Message',
  email: 'Email',
  online_engagement: 'Online engagement',
  event_encounter: 'Met at an event',
  introduction: 'Introduction',
  article_share: 'Shared an article',
  congratulation: 'Congratulations',
  check_in: 'Check-in, no agenda',
  other: 'Other',
};

export const KINDS = Object.keys(kindLabel) as InteractionKind[];

export const channelLabel: Record<Channel, string> = {
  in_person: 'In person',
  online: 'Online',
};

export const purposeLabel: Record<Purpose, string> = {
  mentor: 'Mentor',
  mentee: 'Mentee',
  collaborator: 'Collaborator',
  client: 'Client',
  peer: 'Peer',
  industry_veteran: 'Industry veteran',
  recruiter: 'Recruiter',
  friend: 'Friend',
  investor: 'Investor',
};

export const PURPOSES = Object.keys(purposeLabel) as Purpose[];

export const metChannelLabel: Record<MetChannel, string> = {
  conference: 'At a conference',
  seminar: 'At a seminar',
  meetup: 'At a meetup',
  coffee_chat: 'Over coffee',
  work: 'Through work',
  school: 'At school',
  introduction: 'Through an introduction',
  linkedin: 'On LinkedIn',
  online_community: 'In an online community',
  virtual_event: 'At a virtual event',
  other: 'Some other way',
};

export const MET_CHANNELS = Object.keys(metChannelLabel) as MetChannel[];

export const learningCategoryLabel = {
  goal: 'Goal',
  project: 'Project',
  family: 'Family',
  interest: 'Interest',
  preference: 'Preference',
  other: 'Other',
} as const;

export type LearningCategory = keyof typeof learningCategoryLabel;
export const LEARNING_CATEGORIES = Object.keys(learningCategoryLabel) as LearningCategory[];

/** "Staff engineer at Stripe", "Stripe", "Staff engineer" or null. */
export function roleLine(roleTitle: string | null, organisation: { name: string } | null): string | null {
  if (roleTitle && organisation) return `${roleTitle} at ${organisation.name}`;
  return roleTitle ?? organisation?.name ?? null;
}

export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}

export const exchangeKindLabel: Record<ExchangeKind, string> = {
  shared: 'Shared something useful',
  introduction: 'An introduction',
  help: 'Help',
  congratulation: 'Congratulations',
  referral: 'A referral',
  advice: 'Advice',
  favour: 'A favour',
  other: 'Something else',
};
