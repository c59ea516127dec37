import type { Channel, Circle, InteractionKind, MetChannel, Purpose } from '../contract/common.js';
import type { LearningCreate } from '../contract/people.js';

/*
 * A generated network as plain data, before it is written anywhere. People and
 * organisations refer to each other by position in these arrays; the writer
 * maps positions to the ids the API hands back.
 */

export interface Pronouns {
  subject: 'she' | 'he' | 'they';
  object: 'her' | 'him' | 'them';
  possessive: 'her' | 'his' | 'their';
  be: 'is' | 'are';
}

export interface DemoOrganisation {
  name: string;
  domain: string;
  website: string;
  industry: string;
  location: string;
}

export interface DemoPerson {
  givenName: string;
  familyName: string;
  fullName: string;
  pronouns: Pronouns;
  /** Index into organisations, or null for independents. */
  organisation: number | null;
  roleTitle: string;
  headline: string | null;
  location: string;
  timeZone: string;
  circle: Circle;
  cadenceDays: number | null;
  emails: { value: string; label: string; primary: boolean }[];
  phones: { value: string; label: string; primary: boolean }[];
  links: { url: string; label: string }[];
  tags: string[];
  topics: string[];
  purposes: Purpose[];
  howWeMet: {
    channel: MetChannel;
    platform: string | null;
    date: string;
    event: string | null;
    context: string | null;
    /** Index of an earlier person in the list. */
    introducedBy: number | null;
  };
  importantDates: {
    kind: 'birthday' | 'work_anniversary';
    label?: string;
    month: number;
    day: number;
    year?: number;
  }[];
  notes: string;
  learnings: (LearningCreate & { category: NonNullable<LearningCreate['category']> })[];
}

export interface DemoInteraction {
  kind: InteractionKind;
  channel: Channel;
  platform: string | null;
  occurredAt: string;
  durationMinutes: number | null;
  summary: string;
  notes: string;
  /** Indexes into people. */
  participants: number[];
}

export interface DemoNetwork {
  seed: number;
  tags: { name: string; color: string }[];
  organisations: DemoOrganisation[];
  people: DemoPerson[];
  interactions: DemoInteraction[];
}
