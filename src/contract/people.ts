import { z } from 'zod';
import { PEOPLE_SORTS } from './enums.js';
import { ExchangeBalance } from './exchange.js';
import {
  Circle,
  Cursor,
  DateOnly,
  HttpUrl,
  Id,
  Limit,
  longText,
  MetChannel,
  Purpose,
  page,
  SearchText,
  Timestamp,
  text,
} from './common.js';

const Label = text(40).optional();

export const EmailInput = z.strictObject({
  value: z.string().trim().max(320).email({ message: 'must be an email address like ana@example.com' }),
  label: Label,
  primary: z.boolean().optional(),
});

export const PhoneInput = z.strictObject({
  value: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().\-/]{3,40}(\s*(x|ext\.?)\s*\d{1,6})?$/i, {
      message: 'must be a phone number like +44 20 7946 0958',
    }),
  label: Label,
  primary: z.boolean().optional(),
});

export const LinkInput = z.strictObject({
  url: HttpUrl,
  label: Label.describe('e.g. linkedin, website, github, mastodon'),
});

export const ImportantDateKind = z.enum(['birthday', 'work_anniversary', 'custom']);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const ImportantDateInput = z
  .strictObject({
    kind: ImportantDateKind,
    label: text(80).optional(),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    year: z.number().int().min(1900).max(2200).optional().describe('Leave out when unknown'),
  })
  .refine((d) => d.day <= (DAYS_IN_MONTH[d.month - 1] ?? 31), {
    message: 'day does not exist in that month',
    path: ['day'],
  })
  .refine((d) => !(d.month === 2 && d.day === 29 && d.year !== undefined && !isLeap(d.year)), {
    message: 'February 29 only exists in leap years',
    path: ['day'],
  });

function isLeap(y: number) {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export const HowWeMetInput = z.strictObject({
  channel: MetChannel.nullable().optional(),
  platform: text(100).nullable().optional().describe('e.g. "Rust Discord", "Zoom"'),
  date: DateOnly.nullable().optional(),
  event: text(200).nullable().optional(),
  context: text(1000).nullable().optional().describe('One line: what brought you together'),
  introducedById: Id.nullable().optional(),
});

export const LearningCategory = z.enum(['goal', 'project', 'family', 'interest', 'preference', 'other']);

const personFields = {
  fullName: text(200, 1),
  givenName: text(100).nullable().optional(),
  familyName: text(100).nullable().optional(),
  nickname: text(100).nullable().optional(),
  headline: text(300).nullable().optional(),
  roleTitle: text(200).nullable().optional(),
  organisationId: Id.nullable().optional(),
  organisationName: text(200)
    .nullable()
    .optional()
    .describe('Finds the organisation by name or creates it; ignored when organisationId is given'),
  location: text(200).nullable().optional(),
  timeZone: z
    .string()
    .max(64)
    .refine((tz) => isTimeZone(tz), { message: 'must be an IANA time zone like Europe/Lisbon' })
    .transform(canonicalTimeZone)
    .nullable()
    .optional(),
  photoUrl: HttpUrl.nullable().optional(),
  circle: Circle.optional(),
  cadenceDays: z.number().int().min(1).max(3650).nullable().optional().describe('Overrides the circle cadence'),
  notes: longText(100_000).optional().describe('Markdown'),
  emails: z.array(EmailInput).max(50).optional(),
  phones: z.array(PhoneInput).max(50).optional(),
  links: z.array(LinkInput).max(50).optional(),
  tags: z.array(text(60, 1)).max(100).optional(),
  topics: z.array(text(60, 1)).max(100).optional(),
  purposes: z.array(Purpose).max(20).optional(),
  howWeMet: HowWeMetInput.optional(),
  importantDates: z.array(ImportantDateInput).max(50).optional(),
};

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const Trend = z.enum(['warming', 'cooling', 'steady']);
export type Trend = z.infer<typeof Trend>;

export const KeepInTouch = z.object({
  cadenceDays: z.number().int().nullable().describe('Effective cadence: the override or the circle default'),
  nextDueOn: DateOnly.nullable(),
  snoozedUntil: DateOnly.nullable(),
  lastMeaningfulAt: Timestamp.nullable(),
  strength: z.number().describe('0–100, see docs/keep-in-touch.md'),
  trend: Trend,
});
export type KeepInTouch = z.infer<typeof KeepInTouch>;

/** "europe/lisbon" and "Europe/Lisbon" are one zone: store the spelling the runtime uses. */
export function canonicalTimeZone(tz: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
}

export const PersonCreate = z.strictObject(personFields);
export type PersonCreate = z.input<typeof PersonCreate>;

export const PersonUpdate = z.strictObject({
  ...personFields,
  fullName: personFields.fullName.optional(),
  version: z.number().int().min(1).optional().describe('The version you read; or send If-Match'),
});
export type PersonUpdate = z.input<typeof PersonUpdate>;

const OrgRef = z.object({ id: Id, name: z.string() });
const PersonRef = z.object({ id: Id, fullName: z.string() });

export const Learning = z.object({
  id: Id,
  personId: Id,
  category: LearningCategory,
  body: z.string(),
  learnedOn: z.string().nullable(),
  createdAt: Timestamp,
});
export type Learning = z.infer<typeof Learning>;

export const LearningCreate = z.strictObject({
  category: LearningCategory.default('other'),
  body: text(5000, 1),
  learnedOn: DateOnly.optional(),
});
export type LearningCreate = z.input<typeof LearningCreate>;

export const Person = z.object({
  id: Id,
  version: z.number().int(),
  fullName: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  nickname: z.string().nullable(),
  headline: z.string().nullable(),
  roleTitle: z.string().nullable(),
  organisation: OrgRef.nullable(),
  location: z.string().nullable(),
  timeZone: z.string().nullable(),
  photoUrl: z.string().nullable(),
  circle: Circle,
  cadenceDays: z.number().int().nullable(),
  notes: z.string(),
  emails: z.array(z.object({ value: z.string(), label: z.string().nullable(), primary: z.boolean() })),
  phones: z.array(z.object({ value: z.string(), label: z.string().nullable(), primary: z.boolean() })),
  links: z.array(z.object({ url: z.string(), label: z.string().nullable() })),
  tags: z.array(z.string()),
  topics: z.array(z.string()),
  purposes: z.array(Purpose),
  howWeMet: z.object({
    channel: MetChannel.nullable(),
    platform: z.string().nullable(),
    date: z.string().nullable(),
    event: z.string().nullable(),
    context: z.string().nullable(),
    introducedBy: PersonRef.nullable(),
  }),
  roles: z.array(
    z.object({
      id: Id,
      title: z.string().nullable(),
      organisation: OrgRef.nullable(),
      startedOn: z.string().nullable(),
      endedOn: z.string().nullable(),
    }),
  ),
  importantDates: z.array(
    z.object({
      kind: ImportantDateKind,
      label: z.string().nullable(),
      month: z.number().int(),
      day: z.number().int(),
      year: z.number().int().nullable(),
    }),
  ),
  learnings: z.array(Learning),
  visibility: z.enum(['private', 'shared']),
  lastInteractionAt: Timestamp.nullable(),
  interactionCount: z.number().int(),
  keepInTouch: KeepInTouch,
  exchange: ExchangeBalance.describe('Gives and asks with this person over the last 12 months'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Timestamp.nullable(),
});
export type Person = z.infer<typeof Person>;

/** The row shape of lists: what a table or a picker needs, nothing more. */
export const PersonSummary = z.object({
  id: Id,
  fullName: z.string(),
  headline: z.string().nullable(),
  roleTitle: z.string().nullable(),
  organisation: OrgRef.nullable(),
  photoUrl: z.string().nullable(),
  circle: Circle,
  primaryEmail: z.string().nullable(),
  tags: z.array(z.string()),
  lastInteractionAt: Timestamp.nullable(),
  interactionCount: z.number().int(),
  nextDueOn: DateOnly.nullable(),
  strength: z.number(),
  trend: Trend,
  createdAt: Timestamp,
  deletedAt: Timestamp.nullable(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const PeopleSort = z.enum(PEOPLE_SORTS);
export type PeopleSort = z.infer<typeof PeopleSort>;

export const PeopleListQuery = z.strictObject({
  q: SearchText.optional().describe('Words that must all appear in name, headline, role, organisation or email'),
  circle: Circle.optional(),
  tag: SearchText.optional(),
  topic: SearchText.optional(),
  purpose: Purpose.optional(),
  organisationId: Id.optional(),
  deleted: z.enum(['exclude', 'only']).default('exclude').describe('"only" lists the trash'),
  sort: PeopleSort.default('name'),
  limit: Limit,
  cursor: Cursor,
});
export type PeopleListQuery = z.input<typeof PeopleListQuery>;

export const PeoplePage = page(PersonSummary);
export type PeoplePage = z.infer<typeof PeoplePage>;

export const LearningParams = z.strictObject({ id: Id, learningId: Id });
