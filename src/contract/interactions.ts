import { z } from 'zod';
import { Exchange, ExchangeKind } from './exchange.js';
import { Channel, Cursor, Id, InteractionKind, Limit, longText, page, Timestamp, text } from './common.js';

const fields = {
  kind: InteractionKind,
  channel: Channel.optional().describe('Defaults from the kind: coffee is in person, email online'),
  platform: text(100).nullable().optional().describe('e.g. Zoom, LinkedIn, "Rust Discord"'),
  occurredAt: Timestamp.optional().describe('Defaults to now'),
  durationMinutes: z.number().int().min(0).max(10_080).nullable().optional(),
  summary: text(500, 1),
  notes: longText(100_000).optional().describe('Markdown'),
  exchange: Exchange.nullable()
    .optional()
    .describe(
      'A give (you shared, introduced, helped, congratulated) or an ask (a referral, advice, a favour). Left out, an article share, introduction or congratulation counts as a give.',
    ),
  exchangeKind: ExchangeKind.nullable()
    .optional()
    .describe(
      'What was given or asked; defaults to other. Give: shared, introduction, help, congratulation; ask: referral, advice, favour, introduction',
    ),
  participantIds: z
    .array(Id)
    .min(1, { message: 'needs at least one person' })
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'lists a person twice' }),
};

export const InteractionCreate = z.strictObject(fields);
export type InteractionCreate = z.input<typeof InteractionCreate>;

export const InteractionUpdate = z.strictObject({
  kind: fields.kind.optional(),
  channel: Channel.optional(),
  platform: fields.platform,
  occurredAt: Timestamp.optional(),
  durationMinutes: fields.durationMinutes,
  summary: fields.summary.optional(),
  notes: fields.notes,
  exchange: fields.exchange,
  exchangeKind: fields.exchangeKind,
  participantIds: fields.participantIds.optional(),
  version: z.number().int().min(1).optional(),
});
export type InteractionUpdate = z.input<typeof InteractionUpdate>;

export const Interaction = z.object({
  id: Id,
  version: z.number().int(),
  kind: InteractionKind,
  channel: Channel,
  platform: z.string().nullable(),
  occurredAt: Timestamp,
  durationMinutes: z.number().int().nullable(),
  summary: z.string(),
  notes: z.string(),
  exchange: Exchange.nullable(),
  exchangeKind: ExchangeKind.nullable(),
  participants: z.array(z.object({ id: Id, fullName: z.string(), photoUrl: z.string().nullable() })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Timestamp.nullable(),
});
export type Interaction = z.infer<typeof Interaction>;

export const InteractionListQuery = z.strictObject({
  personId: Id.optional(),
  kind: InteractionKind.optional(),
  channel: Channel.optional(),
  exchange: Exchange.optional(),
  from: Timestamp.optional().describe('Occurred at or after'),
  to: Timestamp.optional().describe('Occurred before'),
  deleted: z.enum(['exclude', 'only']).default('exclude'),
  limit: Limit,
  cursor: Cursor,
});
export type InteractionListQuery = z.input<typeof InteractionListQuery>;

export const InteractionPage = page(Interaction);
