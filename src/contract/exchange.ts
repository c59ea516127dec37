import { z } from 'zod';
import { DateOnly, Id, Timestamp } from './common.js';

/*
 * Give and ask: an interaction can be something you gave (shared an article,
 * made an introduction, helped, congratulated) or something you asked for (a
 * referral, advice, a favour). The balance per person shows where you mostly ask.
 */

export const Exchange = z.enum(['give', 'ask']);
export type Exchange = z.infer<typeof Exchange>;

export const GIVE_KINDS = ['shared', 'introduction', 'help', 'congratulation', 'other'] as const;
export const ASK_KINDS = ['referral', 'advice', 'favour', 'introduction', 'other'] as const;

export const ExchangeKind = z.enum([
  'shared',
  'introduction',
  'help',
  'congratulation',
  'referral',
  'advice',
  'favour',
  'other',
]);
export type ExchangeKind = z.infer<typeof ExchangeKind>;

export function kindsOf(exchange: Exchange): readonly ExchangeKind[] {
  return exchange === 'give' ? GIVE_KINDS : ASK_KINDS;
}

/** Gives and asks with one person over a window (12 months unless asked otherwise). */
export const ExchangeBalance = z.object({
  months: z.number().int(),
  since: DateOnly,
  gives: z.number().int(),
  asks: z.number().int(),
  lastGiveAt: Timestamp.nullable(),
  lastAskAt: Timestamp.nullable(),
  mostlyAsks: z
    .boolean()
    .describe('You asked more than you gave (and asked at least twice): give before you ask again'),
});
export type ExchangeBalance = z.infer<typeof ExchangeBalance>;

export const GiveAskQuery = z.strictObject({
  months: z.coerce.number().int().min(1).max(60).default(12),
});

export const GiveAskInsights = z.object({
  months: z.number().int(),
  since: DateOnly,
  gives: z.number().int().describe('Interactions marked as a give in the window'),
  asks: z.number().int(),
  byMonth: z.array(
    z.object({ month: z.string().describe('YYYY-MM'), gives: z.number().int(), asks: z.number().int() }),
  ),
  askHeavy: z
    .array(
      z.object({
        person: z.object({ id: Id, fullName: z.string(), photoUrl: z.string().nullable() }),
        gives: z.number().int(),
        asks: z.number().int(),
      }),
    )
    .describe('People you mostly ask, most lopsided first (at most 20)'),
});
export type GiveAskInsights = z.infer<typeof GiveAskInsights>;
