import { z } from 'zod';
import { DateOnly, Id, text } from './common.js';

/* Away periods: when you will be away, so Today can plan around it (docs/keep-in-touch.md). */

export const AwayPeriod = z.object({
  id: Id,
  from: DateOnly.describe('First day away'),
  to: DateOnly.describe('Last day away (inclusive)'),
  label: z.string().nullable(),
  createdAt: z.string(),
});
export type AwayPeriod = z.infer<typeof AwayPeriod>;

export const AwayPeriodCreate = z.strictObject({
  from: DateOnly.describe('First day away'),
  to: DateOnly.describe('Last day away (inclusive), on or after from'),
  label: text(80, 1).optional().describe('What it is, e.g. "Holidays"'),
});
export type AwayPeriodCreate = z.infer<typeof AwayPeriodCreate>;

export const AwayListQuery = z.strictObject({
  past: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Include periods that have ended'),
});

export const AwayPeriodList = z.object({ items: z.array(AwayPeriod) });
