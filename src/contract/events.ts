import { z } from 'zod';
import { DateOnly, HttpUrl, Id, longText, text, Timestamp } from './common.js';
import { LogInput } from './keep-in-touch.js';

/*
 * Events: conferences, seminars, meetups, virtual events, coffee rounds. The
 * people you plan to see and the people you met, and after the event a
 * follow-up checklist for everyone met.
 */

export const EventKind = z.enum(['conference', 'seminar', 'meetup', 'virtual', 'coffee_round', 'other']);
export type EventKind = z.infer<typeof EventKind>;

export const EventRole = z.enum(['planned', 'met']);
export type EventRole = z.infer<typeof EventRole>;

const fields = {
  name: text(200, 1),
  kind: EventKind,
  startsOn: DateOnly,
  endsOn: DateOnly.describe('Last day; defaults to the start date'),
  place: text(300).nullable().describe('A venue or a city'),
  url: HttpUrl.nullable().describe('The event page or the link of a virtual event'),
  goals: longText(5000).describe('What you want from it, e.g. "meet three people working on climate tech"'),
  notes: longText(100_000).describe('Markdown'),
};

export const EventCreate = z.strictObject({
  name: fields.name,
  kind: fields.kind.default('other'),
  startsOn: fields.startsOn,
  endsOn: fields.endsOn.optional(),
  place: fields.place.optional(),
  url: fields.url.optional(),
  goals: fields.goals.optional(),
  notes: fields.notes.optional(),
});
export type EventCreate = z.input<typeof EventCreate>;

export const EventUpdate = z.strictObject({
  name: fields.name.optional(),
  kind: fields.kind.optional(),
  startsOn: fields.startsOn.optional(),
  endsOn: fields.endsOn.optional(),
  place: fields.place.optional(),
  url: fields.url.optional(),
  goals: fields.goals.optional(),
  notes: fields.notes.optional(),
  version: z.number().int().min(1).optional(),
});
export type EventUpdate = z.input<typeof EventUpdate>;

export const EventCounts = z.object({
  planned: z.number().int().describe('Planned and not (yet) met'),
  met: z.number().int(),
  followedUp: z.number().int().describe('Met and followed up'),
  followUpRate: z.number().nullable().describe('followedUp / met, from 0 to 1; null when nobody was met'),
});

export const Event = z.object({
  id: Id,
  version: z.number().int(),
  name: z.string(),
  kind: EventKind,
  startsOn: DateOnly,
  endsOn: DateOnly,
  place: z.string().nullable(),
  url: z.string().nullable(),
  goals: z.string(),
  notes: z.string(),
  counts: EventCounts,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Event = z.infer<typeof Event>;

export const EventPerson = z.object({
  person: z.object({
    id: Id,
    fullName: z.string(),
    headline: z.string().nullable(),
    photoUrl: z.string().nullable(),
  }),
  role: EventRole,
  context: z.string().nullable().describe('One line: "works on Rust payments at Acme"'),
  metAt: Timestamp.nullable(),
  followedUpAt: Timestamp.nullable(),
  followUpInteractionId: Id.nullable(),
});
export type EventPerson = z.infer<typeof EventPerson>;

export const EventDetail = Event.extend({
  people: z.array(EventPerson).describe('Met first (not followed up first), then planned; by name'),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const EventListQuery = z.strictObject({
  when: z.enum(['all', 'upcoming', 'past']).default('all').describe('upcoming: not ended before today'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const EventList = z.object({ items: z.array(Event) });

export const EventPersonParams = z.strictObject({ id: Id, personId: Id });

export const EventPlan = z.strictObject({
  personId: Id,
  context: text(300).optional(),
});

export const EventMet = z
  .strictObject({
    personId: Id.optional().describe('Someone already in your network'),
    fullName: text(200, 1).optional().describe('Someone new: matched by email or LinkedIn URL, else created'),
    context: text(300).optional().describe('One line of context'),
    email: z.string().trim().max(320).email({ message: 'must be an email address like ana@example.com' }).optional(),
    linkedinUrl: HttpUrl.optional(),
  })
  .refine((b) => (b.personId === undefined) !== (b.fullName === undefined), {
    message: 'send either personId or fullName',
    path: ['fullName'],
  });
export type EventMet = z.input<typeof EventMet>;

export const EventMetResult = z.object({
  created: z.boolean().describe('A new person was added to your network'),
  matchedBy: z.enum(['id', 'email', 'linkedin']).nullable(),
  entry: EventPerson,
});

export const EventFollowUp = z
  .strictObject({
    interactionId: Id.optional().describe('Link an interaction already logged instead of logging one'),
    log: LogInput.optional().describe('What to log (default: a message "Followed up after <event>")'),
  })
  .refine((b) => !(b.interactionId && b.log), { message: 'send interactionId or log, not both', path: ['log'] })
  .default({});

export const PersonEvents = z.object({
  items: z.array(
    z.object({
      event: z.object({ id: Id, name: z.string(), kind: EventKind, startsOn: DateOnly, endsOn: DateOnly }),
      role: EventRole,
      context: z.string().nullable(),
      followedUpAt: Timestamp.nullable(),
    }),
  ),
});
export type PersonEvents = z.infer<typeof PersonEvents>;
