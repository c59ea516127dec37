import { z } from 'zod';
import { Id, text } from './common.js';

/*
 * Team reach: "who on the team knows someone at X". Members opt in per team;
 * a colleague sees the contact's public face (name, headline, role,
 * organisation), who knows them and how well, as a band. Never notes,
 * learnings, interactions, contact details, tags, ids of the contact, or
 * anything of a member who has not opted in.
 */

/** One of org or q is needed; the service says so after checking membership (a stranger gets 404 first). */
export const ReachQuery = z.strictObject({
  org: text(200, 1).optional().describe('An organisation name, or part of it'),
  q: text(200, 1).optional().describe("Words in the contact's name, headline, role or organisation"),
});
export type ReachQuery = z.input<typeof ReachQuery>;

export const StrengthBand = z.enum(['very close', 'close', 'knows', 'barely']);
export type StrengthBand = z.infer<typeof StrengthBand>;

export const ReachEntry = z.object({
  contact: z.object({
    fullName: z.string(),
    headline: z.string().nullable(),
    role: z.string().nullable(),
    organisation: z.string().nullable(),
  }),
  connector: z.object({ userId: Id, displayName: z.string() }),
  strength: StrengthBand.describe('How well the connector knows them, from their circle and relationship strength'),
});
export type ReachEntry = z.infer<typeof ReachEntry>;

export const ReachResult = z.object({
  items: z.array(ReachEntry).describe('Strongest first, at most 100'),
  sharing: z.boolean().describe('Whether you share your own reach with this team'),
  sharingMembers: z.number().int().describe('How many members share theirs'),
});
export type ReachResult = z.infer<typeof ReachResult>;

export const ReachSharing = z.strictObject({
  share: z.boolean().describe('true: colleagues may see whom you know (never your notes or interactions)'),
});
export type ReachSharing = z.input<typeof ReachSharing>;

export const ReachSharingState = z.object({ share: z.boolean(), sharingMembers: z.number().int() });
