import { z } from 'zod';
import { Id, text } from './common.js';
import { NetPerson } from './connections.js';

/*
 * Warm introduction paths: from you, through people you know, to a target
 * (a person, an organisation, a role or a topic). Shared by the API
 * (GET /api/v1/paths), the CLI (`tend path --to "org:Stripe"`) and the map,
 * which draws the chosen path.
 */

export const PathTargetKind = z.enum(['person', 'org', 'role', 'topic']);
export type PathTargetKind = z.infer<typeof PathTargetKind>;

export const PathQuery = z.strictObject({
  to: text(200, 1).describe(
    'The target: "person:<id>", "org:<name or id>", "role:<title words>" or "topic:<topic>". Bare text is read as an organisation.',
  ),
  k: z.coerce.number().int().min(1).max(10).default(3).describe('How many distinct paths, best first'),
  maxHops: z.coerce
    .number()
    .int()
    .min(1)
    .max(4)
    .default(3)
    .describe('Most people between you and the target, the target included'),
});
export type PathQuery = z.input<typeof PathQuery>;

/** A person on a path, with where they work, so the explanation can say it. */
export const PathPerson = NetPerson.extend({
  organisation: z.string().nullable(),
  role: z.string().nullable(),
});
export type PathPerson = z.infer<typeof PathPerson>;

export const PathHop = z.object({
  person: PathPerson,
  /** How this person is linked to the one before (to you, for the first hop). */
  via: z.object({
    kind: z.string().describe('"you" for the first hop; otherwise a connection kind, or "met_together"'),
    strength: z.number().min(0).max(1).describe('0 (cold) to 1 (very close)'),
    label: z.string().describe('Plain words: "close friend, strength 82", "worked with", "met together at DevConf"'),
  }),
});
export type PathHop = z.infer<typeof PathHop>;

export const WarmPath = z.object({
  score: z.number().min(0).max(1).describe('Product of hop strengths: 1 is the warmest possible path'),
  hops: z.array(PathHop).min(1).describe('From the person you know to the target person'),
  explanation: z.string().describe('One sentence: who to ask, and why this path'),
});
export type WarmPath = z.infer<typeof WarmPath>;

export const PathResult = z.object({
  target: z.object({
    kind: PathTargetKind,
    label: z.string().describe('What was searched for, as understood'),
    id: Id.nullable().describe('The person or organisation id, when the target is one'),
    matchedPeople: z.number().int().describe('How many people in your network match the target'),
  }),
  paths: z.array(WarmPath),
});
export type PathResult = z.infer<typeof PathResult>;
