import { z } from 'zod';
import { ACHIEVEMENT_KINDS } from './enums.js';
import { Exchange, ExchangeKind } from './exchange.js';
import { Circle, Cursor, DateOnly, HttpUrl, Id, InteractionKind, Limit, Timestamp, page, text } from './common.js';
import { KeepInTouch, Trend, canonicalTimeZone, isTimeZone } from './people.js';

export { KeepInTouch, Trend };

/* Keep in touch: settings, follow-ups, achievements, nudges, drafts, the weekly goal and Today. */

export const TemplateKind = z.enum(['thank_you', 'congratulation', 'check_in', 'share_article']);
export type TemplateKind = z.infer<typeof TemplateKind>;

const TimeZone = z
  .string()
  .max(64)
  .refine((tz) => isTimeZone(tz), { message: 'must be an IANA time zone like Europe/Lisbon' })
  .transform(canonicalTimeZone);

const Days = z.number().int().min(1).max(3650);

export const Settings = z.object({
  timeZone: z.string().describe('Today and due dates follow this calendar'),
  weekStartsOn: z.union([z.literal(0), z.literal(1)]).describe('0 Sunday, 1 Monday'),
  cadences: z.object({
    inner: z.number().int(),
    close: z.number().int(),
    wider: z.number().int(),
    loose: z.number().int(),
  }),
  followUps: z.object({
    autoCreate: z.boolean().describe('Create a follow-up after an in-person meeting or event encounter'),
    delayDays: z.number().int(),
  }),
  weeklyGoal: z.object({ touches: z.number().int(), checkIns: z.number().int() }),
  templates: z.record(TemplateKind, z.string()).describe('Message templates, defaults filled in'),
  customTemplates: z.array(TemplateKind).describe('Templates changed from the default'),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsUpdate = z.strictObject({
  timeZone: TimeZone.optional(),
  weekStartsOn: z.union([z.literal(0), z.literal(1)]).optional(),
  cadences: z
    .strictObject({ inner: Days.optional(), close: Days.optional(), wider: Days.optional(), loose: Days.optional() })
    .optional(),
  followUps: z
    .strictObject({ autoCreate: z.boolean().optional(), delayDays: z.number().int().min(0).max(60).optional() })
    .optional(),
  weeklyGoal: z
    .strictObject({
      touches: z.number().int().min(0).max(500).optional(),
      checkIns: z.number().int().min(0).max(100).optional(),
    })
    .optional(),
  templates: z
    .partialRecord(TemplateKind, text(5000, 1).nullable())
    .optional()
    .describe('null restores the default template'),
});
export type SettingsUpdate = z.input<typeof SettingsUpdate>;

/** Send either until or days (checked by the service, after it found what is snoozed, so a stranger gets 404). */
export const SnoozeInput = z.strictObject({
  until: DateOnly.optional().describe('Snooze until this date'),
  days: z.number().int().min(1).max(3650).optional().describe('Or for this many days from today'),
});
export type SnoozeInput = z.input<typeof SnoozeInput>;

const PersonRef = z.object({ id: Id, fullName: z.string(), photoUrl: z.string().nullable() });

export const FollowUpKind = z.enum(['thank_you', 'connect', 'share', 'intro', 'check_in', 'custom']);
export type FollowUpKind = z.infer<typeof FollowUpKind>;
export const FollowUpStatus = z.enum(['open', 'done', 'cancelled']);

export const FollowUp = z.object({
  id: Id,
  version: z.number().int(),
  kind: FollowUpKind,
  title: z.string(),
  notes: z.string(),
  dueOn: DateOnly,
  status: FollowUpStatus,
  snoozeCount: z.number().int(),
  people: z.array(PersonRef),
  sourceInteractionId: Id.nullable(),
  doneInteractionId: Id.nullable(),
  completedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type FollowUp = z.infer<typeof FollowUp>;

const PersonIds = z
  .array(Id)
  .min(1, { message: 'needs at least one person' })
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'lists a person twice' });

export const FollowUpCreate = z.strictObject({
  kind: FollowUpKind.default('custom'),
  title: text(200, 1).optional().describe('Defaults from the kind, e.g. "Send a thank-you"'),
  notes: text(10_000).optional(),
  dueOn: DateOnly.optional().describe('Defaults to today plus the follow-up delay of the settings'),
  personIds: PersonIds,
});
export type FollowUpCreate = z.input<typeof FollowUpCreate>;

export const FollowUpUpdate = z.strictObject({
  kind: FollowUpKind.optional(),
  title: text(200, 1).optional(),
  notes: text(10_000).optional(),
  dueOn: DateOnly.optional(),
  personIds: PersonIds.optional(),
  status: z.enum(['open', 'cancelled']).optional().describe('Use /complete to mark done'),
  version: z.number().int().min(1).optional(),
});
export type FollowUpUpdate = z.input<typeof FollowUpUpdate>;

export const FollowUpListQuery = z.strictObject({
  status: z.enum(['open', 'done', 'cancelled', 'all']).default('open'),
  personId: Id.optional(),
  dueBefore: DateOnly.optional().describe('Due on or before this date'),
  limit: Limit,
  cursor: Cursor,
});
export type FollowUpListQuery = z.input<typeof FollowUpListQuery>;
export const FollowUpPage = page(FollowUp);

export const LogInput = z.strictObject({
  kind: InteractionKind.optional().describe('Defaults from what is being done, e.g. check_in'),
  summary: text(500, 1).optional(),
  notes: text(100_000).optional(),
  occurredAt: Timestamp.optional(),
  exchange: Exchange.nullable().optional().describe('Mark the logged interaction as a give or an ask'),
  exchangeKind: ExchangeKind.nullable().optional(),
});

export const FollowUpComplete = z
  .strictObject({ log: LogInput.optional().describe('Also log the interaction, in the same step') })
  .default({});
export type FollowUpComplete = z.input<typeof FollowUpComplete>;

export const AchievementKind = z.enum(ACHIEVEMENT_KINDS);
export type AchievementKind = z.infer<typeof AchievementKind>;

export const Achievement = z.object({
  id: Id,
  person: PersonRef,
  kind: AchievementKind,
  title: z.string(),
  occurredOn: DateOnly,
  url: z.string().nullable(),
  notes: z.string(),
  congratulatedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Achievement = z.infer<typeof Achievement>;

export const AchievementCreate = z.strictObject({
  kind: AchievementKind,
  title: text(300, 1),
  occurredOn: DateOnly.optional().describe('Defaults to today'),
  url: HttpUrl.nullable().optional(),
  notes: text(10_000).optional(),
});
export type AchievementCreate = z.input<typeof AchievementCreate>;

export const AchievementUpdate = z.strictObject({
  kind: AchievementKind.optional(),
  title: text(300, 1).optional(),
  occurredOn: DateOnly.optional(),
  url: HttpUrl.nullable().optional(),
  notes: text(10_000).optional(),
  congratulated: z.boolean().optional(),
});
export type AchievementUpdate = z.input<typeof AchievementUpdate>;

export const AchievementListQuery = z.strictObject({
  since: DateOnly.optional().describe('Occurred on or after'),
  limit: Limit,
});

export const AchievementList = z.object({ items: z.array(Achievement) });

export const NudgeKind = z.enum([
  'follow_up',
  'congratulate',
  'upcoming_date',
  'check_in_due',
  'cooling',
  'reconnect',
  'complete_intro',
  'thank_source',
  'give_first',
  'event_follow_up',
  'share_resource',
]);

export const Nudge = z.object({
  key: z.string().describe('Stable for one occasion; dismiss or complete it by this key'),
  kind: NudgeKind,
  score: z.number(),
  people: z.array(
    z.object({
      id: Id,
      fullName: z.string(),
      givenName: z.string().nullable(),
      circle: Circle,
      photoUrl: z.string().nullable(),
      timeZone: z.string().nullable(),
    }),
  ),
  reason: z.string().describe('Why, in one sentence'),
  action: z.object({
    type: z.enum([
      'log_check_in',
      'complete_follow_up',
      'congratulate',
      'send_wishes',
      'reconnect',
      'advance_introduction',
      'thank',
      'offer_help',
      'follow_up_event',
      'share_resource',
    ]),
    label: z.string(),
    template: TemplateKind,
    followUpId: Id.optional(),
    achievementId: Id.optional(),
    introductionId: Id.optional(),
    opportunityId: Id.optional(),
    eventId: Id.optional(),
    resourceId: Id.optional(),
  }),
  dueOn: DateOnly.nullable(),
  urgent: z
    .boolean()
    .describe(
      'Lost or late unless done today: a follow-up due within two days, people met at an event in the last two days, an inner or close check-in due (none when more than two are due: a backlog), their dates today, an inner or close check-in due in the last three days before you leave on a recorded away period (even on a backlogged day); no check-in while you are away',
    ),
  beforeAway: DateOnly.optional().describe(
    'Due, or falling due, before or during an away period starting within ten days: check in before you leave. The first day of that period',
  ),
});
export type Nudge = z.infer<typeof Nudge>;

export const NudgeKeyParams = z.strictObject({
  key: z
    .string()
    .max(200)
    .regex(/^(due|fu|ach|date|cool|dormant|give|intro|opp|evt|res)\.[0-9A-Za-z._-]+$/, {
      message: 'must be a nudge key from Today',
    }),
});

export const NudgeDone = z.strictObject({ log: LogInput.optional() }).default({});
export const NudgeResult = z.object({
  key: z.string(),
  state: z.enum(['dismissed', 'acted']),
  interactionId: Id.nullable(),
});

export const DraftQuery = z.strictObject({
  template: TemplateKind.default('check_in'),
  achievementId: Id.optional(),
  article: HttpUrl.optional().describe('A link to share'),
});
export const Draft = z.object({ template: TemplateKind, text: z.string() });
export type Draft = z.infer<typeof Draft>;

export const Week = z.object({
  weekStart: DateOnly,
  touches: z.number().int(),
  checkIns: z.number().int(),
  met: z.boolean(),
});

export const GoalProgress = z.object({
  goal: z.object({ touches: z.number().int(), checkIns: z.number().int() }),
  weekStart: DateOnly,
  touches: z.number().int(),
  checkIns: z.number().int(),
  met: z.boolean(),
  streak: z.number().int().describe('Consecutive weeks meeting the goal'),
  history: z.array(Week).describe('Oldest first, ending with this week'),
});
export type GoalProgress = z.infer<typeof GoalProgress>;
export const GoalQuery = z.strictObject({ weeks: z.coerce.number().int().min(1).max(104).default(12) });

export const DuePerson = z.object({
  id: Id,
  fullName: z.string(),
  headline: z.string().nullable(),
  photoUrl: z.string().nullable(),
  circle: Circle,
  nextDueOn: DateOnly,
  daysOverdue: z.number().int(),
  lastInteractionAt: Timestamp.nullable(),
  strength: z.number(),
  trend: Trend,
});

export const UpcomingDate = z.object({
  person: PersonRef,
  kind: z.enum(['birthday', 'work_anniversary', 'custom']),
  label: z.string().nullable(),
  on: DateOnly,
  inDays: z.number().int(),
  years: z.number().int().nullable().describe('Age or years at work, when the year is known'),
});

export const Today = z.object({
  date: DateOnly,
  timeZone: z.string(),
  nudges: z.array(Nudge),
  due: z.object({
    items: z.array(DuePerson),
    total: z.number().int().describe('Everyone due, counted up to 1000'),
  }),
  followUps: z.array(FollowUp).describe('Open follow-ups due within a week, overdue first'),
  upcomingDates: z.array(UpcomingDate).describe('The next 14 days'),
  goal: GoalProgress,
});
export type Today = z.infer<typeof Today>;

export const TodayQuery = z.strictObject({
  date: DateOnly.optional().describe('Look at another day (defaults to today in your time zone)'),
});
