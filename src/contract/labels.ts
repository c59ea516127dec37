import { z } from 'zod';
import { Id, text } from './common.js';

/* Tags (the user's own grouping) and topics (what a person cares about) share a shape. */

export const Label = z.object({
  id: Id,
  name: z.string(),
  color: z.string().nullable(),
  peopleCount: z.number().int(),
});
export type Label = z.infer<typeof Label>;

const Color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour like #3b82f6' })
  .nullable()
  .optional();

export const LabelCreate = z.strictObject({ name: text(60, 1), color: Color });
export type LabelCreate = z.input<typeof LabelCreate>;

export const LabelUpdate = z.strictObject({ name: text(60, 1).optional(), color: Color });
export type LabelUpdate = z.input<typeof LabelUpdate>;

export const LabelList = z.object({ items: z.array(Label) });
