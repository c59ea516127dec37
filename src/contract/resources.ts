import { z } from 'zod';
import { DateOnly, HttpUrl, Id, Limit, longText, SearchText, text, Timestamp } from './common.js';

/*
 * Resources: articles, talks, papers and tools you might share, with topics.
 * The share log remembers what went to whom, so nothing is sent twice.
 */

export const ResourceKind = z.enum(['article', 'talk', 'paper', 'tool', 'video', 'book', 'podcast', 'other']);
export type ResourceKind = z.infer<typeof ResourceKind>;

const Topics = z
  .array(text(60, 1))
  .max(20, { message: 'at most 20 topics' })
  .describe('Matched against the topics people care about');

export const ResourceCreate = z.strictObject({
  url: HttpUrl,
  title: text(300, 1).optional().describe('Defaults to the address without https://'),
  note: longText(5000).optional().describe('Why it is worth sharing'),
  kind: ResourceKind.default('article'),
  topics: Topics.optional(),
});
export type ResourceCreate = z.input<typeof ResourceCreate>;

export const ResourceUpdate = z.strictObject({
  url: HttpUrl.optional(),
  title: text(300, 1).optional(),
  note: longText(5000).optional(),
  kind: ResourceKind.optional(),
  topics: Topics.optional(),
  version: z.number().int().min(1).optional(),
});
export type ResourceUpdate = z.input<typeof ResourceUpdate>;

const PersonRef = z.object({ id: Id, fullName: z.string(), photoUrl: z.string().nullable() });

export const Resource = z.object({
  id: Id,
  version: z.number().int(),
  url: z.string(),
  title: z.string(),
  note: z.string(),
  kind: ResourceKind,
  topics: z.array(z.string()),
  shareCount: z.number().int(),
  lastSharedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Resource = z.infer<typeof Resource>;

export const ResourceShare = z.object({
  person: PersonRef,
  sharedAt: Timestamp,
  interactionId: Id.nullable(),
});

export const ResourceDetail = Resource.extend({
  shares: z.array(ResourceShare).describe('The share log: who got it and when, latest first'),
});
export type ResourceDetail = z.infer<typeof ResourceDetail>;

export const ResourceListQuery = z.strictObject({
  topic: SearchText.optional(),
  q: SearchText.optional().describe('Words in the title, note or address'),
  url: z
    .string()
    .max(2048)
    .optional()
    .describe('The resource saved at this address (compared without scheme, www. or query)'),
  limit: Limit,
});
export const ResourceList = z.object({ items: z.array(Resource) });

export const ShareInput = z.strictObject({
  personIds: z
    .array(Id)
    .min(1, { message: 'needs at least one person' })
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'lists a person twice' }),
  ifShared: z
    .enum(['refuse', 'skip'])
    .default('refuse')
    .describe('Someone who already got it: refuse the whole share (409), or skip them and share with the rest'),
  summary: text(500, 1).optional().describe('Defaults to Shared "<title>"'),
  occurredAt: Timestamp.optional(),
});
export type ShareInput = z.input<typeof ShareInput>;

export const ShareResult = z.object({
  shared: z.array(ResourceShare),
  skipped: z.array(ResourceShare).describe('Already had it: when they got it'),
});
export type ShareResult = z.infer<typeof ShareResult>;

export const SuggestionQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const Suggestions = z.object({
  items: z.array(
    z.object({
      person: PersonRef.extend({ headline: z.string().nullable() }),
      score: z.number(),
      matchedTopics: z.array(z.string()),
      nextDueOn: DateOnly.nullable(),
      reason: z.string().describe('Why them, in plain words'),
    }),
  ),
});
export type Suggestions = z.infer<typeof Suggestions>;
