import { z } from 'zod';

/*
 * Shared building blocks of the contract. Every request schema is strict: an
 * unknown field is an error the caller hears about, never silently dropped.
 */

export const Id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
  message: 'must be an id like 0192f7c4-8a1e-7c3b-9d2e-1f2a3b4c5d6e',
});

export const Timestamp = z.string().datetime({ offset: true, message: 'must be an ISO-8601 date-time' });

export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-03-14' })
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'is not a real calendar date',
    },
  );

/** Text a person typed: trimmed, no NUL or other C0 control characters except tab and newlines. */
export function text(max: number, min = 0) {
  return z
    .string()
    .trim()
    .min(min, { message: min === 1 ? 'must not be empty' : `must have at least ${min} characters` })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), {
      message: 'must not contain control characters',
    });
}

/**
 * Long free text (notes in Markdown): any length up to max, newlines and tabs
 * welcome, but no NUL or other C0 control characters, which PostgreSQL refuses
 * and no editor produces.
 */
export function longText(max: number) {
  return z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), {
      message: 'must not contain control characters',
    });
}

/** A search box or filter value: no control characters (no keyboard types them). */
export const SearchText = z
  .string()
  .max(200, { message: 'must be at most 200 characters' })
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'must not contain control characters' });

export const HttpUrl = z
  .string()
  .trim()
  .max(2048, { message: 'must be at most 2048 characters' })
  .url({ message: 'must be a URL like https://example.com' })
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must start with http:// or https://' });

export const Limit = z.coerce.number().int().min(1).max(500).default(50);

export const Cursor = z.string().max(1000).optional();

export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
    total: z.number().int().optional().describe('Matching rows; given on the first page only.'),
  });
}

export const IdParams = z.strictObject({ id: Id });

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string().describe('Stable machine-readable error code, e.g. not_found, validation_failed'),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .describe('One entry per invalid field'),
});
export type Problem = z.infer<typeof Problem>;

export const Circle = z.enum(['inner', 'close', 'wider', 'loose', 'none']);
export type Circle = z.infer<typeof Circle>;

export const Purpose = z.enum([
  'mentor',
  'mentee',
  'collaborator',
  'client',
  'peer',
  'industry_veteran',
  'recruiter',
  'friend',
  'investor',
]);
export type Purpose = z.infer<typeof Purpose>;

export const Channel = z.enum(['in_person', 'online']);
export type Channel = z.infer<typeof Channel>;

export const MetChannel = z.enum([
  'conference',
  'seminar',
  'meetup',
  'coffee_chat',
  'work',
  'school',
  'introduction',
  'linkedin',
  'online_community',
  'virtual_event',
  'other',
]);
export type MetChannel = z.infer<typeof MetChannel>;

export const InteractionKind = z.enum([
  'meeting',
  'coffee',
  'meal',
  'call',
  'video_call',
  'message',
  'email',
  'online_engagement',
  'event_encounter',
  'introduction',
  'article_share',
  'congratulation',
  'check_in',
  'other',
]);
export type InteractionKind = z.infer<typeof InteractionKind>;

/** The channel a kind usually happens on, when the caller does not say. */
export const DEFAULT_CHANNEL: Record<InteractionKind, Channel> = {
  meeting: 'in_person',
  coffee: 'in_person',
  meal: 'in_person',
  call: 'online',
  video_call: 'online',
  message: 'online',
  email: 'online',
  online_engagement: 'online',
  event_encounter: 'in_person',
  introduction: 'online',
  article_share: 'online',
  congratulation: 'online',
  check_in: 'online',
  other: 'online',
};
