import { z } from 'zod';
import { Id, Timestamp, text } from './common.js';

/* Connections: who knows whom among the people of a workspace (the edges of the network graph). */

/** A person as networking lists show them: face, name and the one line that matters. */
export const NetPerson = z.object({
  id: Id,
  fullName: z.string(),
  photoUrl: z.string().nullable(),
  headline: z.string().nullable(),
});
export type NetPerson = z.infer<typeof NetPerson>;

export const CONNECTION_KINDS = ['knows', 'worked_with', 'introduced', 'family', 'reports_to'] as const;
export const ConnectionKind = z.enum(CONNECTION_KINDS, {
  message: `must be one of ${CONNECTION_KINDS.join(', ')}`,
});
export type ConnectionKind = z.infer<typeof ConnectionKind>;

/** interaction / event: known from interactions or events the two shared (kept in step automatically). */
export const ConnectionSource = z.enum(['manual', 'introduction', 'interaction', 'event']);
export type ConnectionSource = z.infer<typeof ConnectionSource>;

/** 1 barely know each other … 5 very close; an introduction starts at 2. */
export const ConnectionStrength = z
  .number()
  .int({ message: 'must be a whole number from 1 to 5' })
  .min(1, { message: 'must be from 1 (barely) to 5 (very close)' })
  .max(5, { message: 'must be from 1 (barely) to 5 (very close)' });

export const Connection = z.object({
  id: Id,
  kind: ConnectionKind,
  strength: z.number().int().describe('1 (barely know each other) to 5 (very close)'),
  source: ConnectionSource,
  sourceId: Id.nullable().describe('The introduction that made it, for source introduction'),
  note: z.string(),
  sharedInteractions: z.number().int().describe('Live interactions both took part in (of 12 people or fewer)'),
  sharedEvents: z.number().int().describe('Events where you met both (of 40 people met or fewer)'),
  from: NetPerson.describe('For reports_to: the person who reports; otherwise either side'),
  to: NetPerson,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Connection = z.infer<typeof Connection>;

export const ConnectionCreate = z.strictObject({
  fromId: Id,
  toId: Id.describe('For reports_to: the manager'),
  kind: ConnectionKind.default('knows'),
  strength: ConnectionStrength.default(3),
  note: text(2000).optional(),
});
export type ConnectionCreate = z.input<typeof ConnectionCreate>;

export const ConnectionUpdate = z.strictObject({
  strength: ConnectionStrength.optional(),
  note: text(2000).optional(),
});
export type ConnectionUpdate = z.input<typeof ConnectionUpdate>;

export const ConnectionList = z.object({ items: z.array(Connection) });

export const IntroducedPeople = z.object({
  items: z.array(NetPerson).describe('People whose "introduced by" is this person, newest first'),
});
