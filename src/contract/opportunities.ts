import { z } from 'zod';
import { NetPerson } from './connections.js';
import { DateOnly, Id, Limit, Timestamp, longText, text } from './common.js';

/* Opportunities: job leads, referrals, clients… and the people and events they came through. */

export const OPPORTUNITY_KINDS = [
  'job_lead',
  'referral',
  'partnership',
  'client',
  'speaking',
  'investment',
  'other',
] as const;
export const OpportunityKind = z.enum(OPPORTUNITY_KINDS, {
  message: `must be one of ${OPPORTUNITY_KINDS.join(', ')}`,
});
export type OpportunityKind = z.infer<typeof OpportunityKind>;

/** The pipeline, in board order. won and lost close an opportunity. */
export const OPPORTUNITY_STAGES = ['lead', 'contacted', 'in_progress', 'won', 'lost'] as const;
export const OpportunityStage = z.enum(OPPORTUNITY_STAGES, {
  message: `must be one of ${OPPORTUNITY_STAGES.join(', ')}`,
});
export type OpportunityStage = z.infer<typeof OpportunityStage>;
export const CLOSED_STAGES: ReadonlySet<OpportunityStage> = new Set(['won', 'lost']);

export const OPPORTUNITY_ROLES = ['source', 'contact', 'referrer', 'other'] as const;
export const OpportunityRole = z.enum(OPPORTUNITY_ROLES, { message: `must be one of ${OPPORTUNITY_ROLES.join(', ')}` });
export type OpportunityRole = z.infer<typeof OpportunityRole>;

export const Money = z.strictObject({
  amount: z
    .number()
    .min(0, { message: 'must not be negative' })
    .max(1e12, { message: 'must be at most 1,000,000,000,000' }),
  currency: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, { message: 'must be a three-letter currency code like EUR' })),
});
export type Money = z.output<typeof Money>;

export const OpportunityPerson = NetPerson.extend({ role: OpportunityRole });

export const Opportunity = z.object({
  id: Id,
  version: z.number().int(),
  title: z.string(),
  kind: OpportunityKind,
  stage: OpportunityStage,
  value: z.object({ amount: z.number(), currency: z.string() }).nullable(),
  openedOn: DateOnly,
  expectedCloseOn: DateOnly.nullable(),
  closedOn: DateOnly.nullable().describe('Set when moved to won or lost'),
  notes: z.string(),
  people: z.array(OpportunityPerson).describe('Source first'),
  eventId: Id.nullable().describe('The event it came through'),
  event: z.object({ id: Id, name: z.string(), startsOn: DateOnly }).nullable(),
  sourceInteractionId: Id.nullable().describe('The conversation it came from (decides its channel)'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Opportunity = z.infer<typeof Opportunity>;

const PeopleInput = z
  .array(z.strictObject({ personId: Id, role: OpportunityRole.default('contact') }))
  .max(20)
  .refine((ps) => new Set(ps.map((p) => p.personId)).size === ps.length, { message: 'lists a person twice' })
  .refine((ps) => ps.filter((p) => p.role === 'source').length <= 1, {
    message: 'has more than one source: an opportunity comes through one person',
  });

export const OpportunityCreate = z.strictObject({
  title: text(200, 1),
  kind: OpportunityKind,
  stage: OpportunityStage.default('lead'),
  value: Money.nullable().optional(),
  openedOn: DateOnly.optional().describe('Defaults to today'),
  expectedCloseOn: DateOnly.nullable().optional(),
  closedOn: DateOnly.nullable().optional().describe('Defaults to today when created won or lost'),
  notes: longText(20_000).optional(),
  people: PeopleInput.optional(),
  eventId: Id.nullable().optional(),
  sourceInteractionId: Id.nullable().optional(),
});
export type OpportunityCreate = z.input<typeof OpportunityCreate>;

export const OpportunityUpdate = z.strictObject({
  title: text(200, 1).optional(),
  kind: OpportunityKind.optional(),
  stage: OpportunityStage.optional(),
  value: Money.nullable().optional(),
  openedOn: DateOnly.optional(),
  expectedCloseOn: DateOnly.nullable().optional(),
  closedOn: DateOnly.nullable().optional(),
  notes: longText(20_000).optional(),
  people: PeopleInput.optional(),
  eventId: Id.nullable().optional(),
  sourceInteractionId: Id.nullable().optional(),
  version: z.number().int().min(1).optional(),
});
export type OpportunityUpdate = z.input<typeof OpportunityUpdate>;

export const OpportunityMove = z.strictObject({ stage: OpportunityStage });
export type OpportunityMove = z.input<typeof OpportunityMove>;

export const OpportunityListQuery = z.strictObject({
  stage: OpportunityStage.optional(),
  kind: OpportunityKind.optional(),
  personId: Id.optional().describe('Only those this person is on'),
  limit: Limit,
});
export type OpportunityListQuery = z.input<typeof OpportunityListQuery>;

export const OpportunityList = z.object({ items: z.array(Opportunity) });

const ReportRow = z.object({
  count: z.number().int(),
  open: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  wonValue: z.array(z.object({ currency: z.string(), amount: z.number() })).describe('Per currency, largest first'),
});

export const OpportunityChannel = z.enum(['in_person', 'online', 'unknown']);

export const OpportunityReport = z.object({
  totals: ReportRow,
  bySource: z.array(ReportRow.extend({ person: NetPerson.nullable().describe('null: no source person') })),
  byChannel: z.array(ReportRow.extend({ channel: OpportunityChannel })),
  byEvent: z.array(
    ReportRow.extend({
      event: z.object({ id: Id, name: z.string() }).nullable().describe('null: not through an event'),
    }),
  ),
});
export type OpportunityReport = z.infer<typeof OpportunityReport>;
