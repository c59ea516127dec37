import { z } from 'zod';
import { Circle, DateOnly, InteractionKind, Timestamp } from './common.js';
import { NetPerson } from './connections.js';
import { OpportunityReport } from './opportunities.js';

/*
 * Insights: the numbers behind each chart of the Insights page. Every insight
 * takes `months`, the window it looks back over (the current month or week
 * included), like the give/ask insight does.
 */

const months = z.coerce
  .number({ message: 'months must be a whole number of months, 1 to 24' })
  .int({ message: 'months must be a whole number of months, 1 to 24' })
  .min(1, { message: 'months must be at least 1' })
  .max(24, { message: 'months can be at most 24 (two years)' })
  .default(6)
  .describe('How many months to look back, the current one included (default 6)');

export const InsightsQuery = z.strictObject({ months });
export type InsightsQuery = z.input<typeof InsightsQuery>;

const Window = {
  months: z.number().int(),
  from: DateOnly.describe('First day of the window, in the workspace time zone'),
  to: DateOnly.describe('Last day of the window (today)'),
};

export const GrowthInsight = z.object({
  ...Window,
  startTotal: z.number().int().describe('People who had joined before the window'),
  added: z.number().int(),
  total: z.number().int().describe('People in the network now (joined by today)'),
  byMonth: z.array(
    z.object({
      month: z.string().describe('YYYY-MM'),
      added: z.number().int(),
      total: z.number().int().describe('Cumulative, at the end of the month'),
    }),
  ),
});
export type GrowthInsight = z.infer<typeof GrowthInsight>;

export const WeeklyInsight = z.object({
  ...Window,
  weekStartsOn: z.union([z.literal(0), z.literal(1)]).describe('0: Sunday, 1: Monday (workspace setting)'),
  total: z.number().int(),
  online: z.number().int(),
  inPerson: z.number().int(),
  perWeek: z.number().describe('Average interactions per week over the window, one decimal'),
  byWeek: z.array(
    z.object({
      week: DateOnly.describe('First day of the week'),
      total: z.number().int(),
      online: z.number().int(),
      inPerson: z.number().int(),
    }),
  ),
});
export type WeeklyInsight = z.infer<typeof WeeklyInsight>;

export const ChannelInsight = z.object({
  ...Window,
  total: z.number().int(),
  online: z.number().int(),
  inPerson: z.number().int(),
  onlineShare: z.number().nullable().describe('Online interactions / all, 0 to 1 (null: none)'),
  byKind: z
    .array(
      z.object({
        kind: InteractionKind,
        total: z.number().int(),
        online: z.number().int(),
        inPerson: z.number().int(),
      }),
    )
    .describe('Most used first'),
});
export type ChannelInsight = z.infer<typeof ChannelInsight>;

export const StrengthBand = z.object({
  min: z.number().int(),
  max: z.number().int().describe('Exclusive, except 100'),
  label: z.string(),
  now: z.number().int(),
  before: z.number().int().nullable().describe('At the snapshot compared with; null: no snapshot yet'),
});

export const StrengthInsight = z.object({
  months: z.number().int(),
  people: z.number().int(),
  comparedWith: DateOnly.nullable().describe(
    'The week of the snapshot compared with: the latest at or before the start of the window, else the oldest kept; null when none was written yet',
  ),
  bands: z.array(StrengthBand),
  warmed: z.number().int().describe('People up by at least the trend threshold since then'),
  cooled: z.number().int().describe('People down by at least the trend threshold since then'),
  threshold: z.number().describe('Points of change counted as warming or cooling'),
});
export type StrengthInsight = z.infer<typeof StrengthInsight>;

export const CoolingQuery = z.strictObject({
  months,
  limit: z.coerce
    .number({ message: 'limit must be a whole number, 1 to 50' })
    .int({ message: 'limit must be a whole number, 1 to 50' })
    .min(1, { message: 'limit must be at least 1' })
    .max(50, { message: 'limit can be at most 50' })
    .default(10),
});
export type CoolingQuery = z.input<typeof CoolingQuery>;

export const CoolingInsight = z.object({
  months: z.number().int(),
  comparedWith: DateOnly.nullable(),
  items: z.array(
    z.object({
      person: NetPerson,
      circle: Circle,
      strength: z.number(),
      strengthThen: z.number().nullable(),
      drop: z.number().describe('Points lost since comparedWith (0 if none or unknown)'),
      trend: z.enum(['warming', 'cooling', 'steady']),
      lastContactAt: Timestamp.nullable(),
      nextDueOn: DateOnly.nullable(),
      overdueDays: z.number().int().nullable(),
      reason: z.string().describe('In plain words, why this relationship is listed'),
    }),
  ),
});
export type CoolingInsight = z.infer<typeof CoolingInsight>;

export const OpportunitySourcesInsight = OpportunityReport.extend({
  months: z.number().int(),
  from: DateOnly.describe('Opportunities opened on or after this day'),
});
export type OpportunitySourcesInsight = z.infer<typeof OpportunitySourcesInsight>;
