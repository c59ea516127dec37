import { z } from 'zod';
import { Circle, DateOnly, Id, SearchText } from './common.js';

/*
 * The network map: people, their organisations and who knows whom, as one
 * graph the web app draws. Huge networks answer with their strongest part
 * (people ordered by relationship strength) and say so with `truncated`.
 */

export const NETWORK_GRAPH_DEFAULT_LIMIT = 5000;
export const NETWORK_GRAPH_MAX_LIMIT = 20000;

export const NetworkGraphQuery = z.strictObject({
  tag: SearchText.optional().describe('Only people with this tag'),
  circle: Circle.optional().describe('Only people of this circle'),
  organisationId: Id.optional().describe('Only people at this organisation'),
  minStrength: z.coerce.number().int().min(0).max(100).optional().describe('Only people at least this strong (0–100)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(NETWORK_GRAPH_MAX_LIMIT)
    .default(NETWORK_GRAPH_DEFAULT_LIMIT)
    .describe('Most people in the answer; the strongest come first'),
});
export type NetworkGraphQuery = z.input<typeof NetworkGraphQuery>;

export const Dueness = z.enum(['overdue', 'due', 'later', 'none']);
export type Dueness = z.infer<typeof Dueness>;

export const GraphPerson = z.object({
  id: Id,
  label: z.string().describe('Full name'),
  headline: z.string().nullable(),
  roleTitle: z.string().nullable(),
  organisationId: Id.nullable(),
  organisation: z.string().nullable(),
  photoUrl: z.string().nullable(),
  tags: z.array(z.string()),
  circle: Circle,
  strength: z.number().min(0).max(100),
  nextDueOn: DateOnly.nullable(),
  dueness: Dueness.describe('overdue: past the keep-in-touch date; due: within 7 days; later; none: no cadence'),
});
export type GraphPerson = z.infer<typeof GraphPerson>;

export const GraphOrganisation = z.object({
  id: Id,
  label: z.string(),
  members: z.number().int().describe('Live people of the workspace at this organisation (on the map or not)'),
});
export type GraphOrganisation = z.infer<typeof GraphOrganisation>;

export const GRAPH_YOU_ID = 'you';

export const GraphEdge = z.object({
  source: z.string().describe('A person id, or "you"'),
  target: z.string().describe('A person or organisation id'),
  type: z.enum(['connection', 'member', 'you']),
  kind: z.string().describe('The connection kind (knows, worked_with …); "member" or "you" for the other types'),
  strength: z.number().int().min(1).max(5).describe('1 (barely) to 5 (very close)'),
  origin: z.string().nullable().describe('For connections: how it was recorded (manual, introduction, met together …)'),
});
export type GraphEdge = z.infer<typeof GraphEdge>;

export const NetworkGraph = z.object({
  you: z.object({ id: z.literal(GRAPH_YOU_ID), label: z.string() }),
  people: z.array(GraphPerson).describe('Strongest first'),
  organisations: z.array(GraphOrganisation),
  edges: z.array(GraphEdge),
  truncated: z.boolean().describe('More people match than `limit`: the weakest were left out'),
  totals: z.object({
    people: z.number().int().describe('People matching the filters'),
    connections: z.number().int().describe('Connections between people in the whole workspace'),
  }),
});
export type NetworkGraph = z.infer<typeof NetworkGraph>;
