import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const DuplicateReason = z.object({
  kind: z.enum(['email', 'phone', 'linkedin', 'name', 'nickname', 'initial', 'swapped']),
  detail: z.string(),
});

export const DuplicatePerson = z.object({
  id: Id,
  fullName: z.string(),
  headline: z.string().nullable(),
  roleTitle: z.string().nullable(),
  organisation: z.string().nullable(),
  location: z.string().nullable(),
  photoUrl: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  links: z.array(z.string()),
  tags: z.array(z.string()),
  interactionCount: z.number().int(),
  lastInteractionAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type DuplicatePerson = z.infer<typeof DuplicatePerson>;

export const DuplicatePair = z.object({
  a: DuplicatePerson,
  b: DuplicatePerson,
  score: z.number().describe('0–1: how likely the two are one person'),
  reasons: z.array(DuplicateReason),
});
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const DuplicatesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  minScore: z.coerce.number().min(0).max(1).default(0.4),
});

export const DuplicatesList = z.object({
  items: z.array(DuplicatePair),
  total: z.number().int().describe('All suggestions above minScore'),
});
export type DuplicatesList = z.infer<typeof DuplicatesList>;

export const DismissDuplicate = z.strictObject({ a: Id, b: Id });

export const MergeField = z.enum([
  'fullName',
  'givenName',
  'familyName',
  'nickname',
  'headline',
  'roleTitle',
  'organisation',
  'location',
  'timeZone',
  'photoUrl',
  'circle',
  'cadenceDays',
  'howWeMet',
]);
export type MergeField = z.infer<typeof MergeField>;

export const MergeRequest = z.strictObject({
  survivorId: Id.describe('The person who stays'),
  mergedId: Id.describe('The person merged into the survivor (moved to the trash; undo brings them back)'),
  prefer: z
    .partialRecord(MergeField, z.enum(['survivor', 'merged']))
    .optional()
    .describe("Single-valued fields where the merged person's value should win; by default the survivor's does"),
  dryRun: z.boolean().default(false).describe('Report what would happen; change nothing'),
});
export type MergeRequest = z.input<typeof MergeRequest>;

export const MergeRecord = z.object({
  id: Id,
  survivor: z.object({ id: Id, fullName: z.string() }),
  merged: z.object({ id: Id, fullName: z.string() }),
  createdAt: Timestamp,
  undoneAt: Timestamp.nullable(),
});
export type MergeRecord = z.infer<typeof MergeRecord>;

export const MergeResult = z.object({
  dryRun: z.boolean(),
  merge: MergeRecord.nullable().describe('null on a dry run'),
  moved: z.record(z.string(), z.number().int()).describe('Rows moved to the survivor, per kind'),
  kept: z.record(z.string(), z.number().int()).describe('Values already on the survivor, not repeated'),
  fields: z.record(z.string(), z.enum(['survivor', 'merged', 'filled'])).describe('Whose value each field now has'),
  notesAdded: z.array(z.string()).describe('Lines added to the notes: values of the merged person that did not win'),
});
export type MergeResult = z.infer<typeof MergeResult>;

export const MergesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const MergesList = z.object({ items: z.array(MergeRecord) });
export type MergesList = z.infer<typeof MergesList>;
