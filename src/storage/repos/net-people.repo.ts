import type { Kysely } from 'kysely';
import type { NetPerson } from '../../contract/connections.js';
import { ValidationError } from '../../lib/errors.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database>;

/** People by id as networking lists show them (trashed people too: history keeps their names). */
export async function netPeople(db: Q, workspaceId: string, ids: readonly string[]): Promise<Map<string, NetPerson>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'fullName', 'photoUrl', 'headline'])
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', unique)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { id: r.id, fullName: r.fullName, photoUrl: r.photoUrl, headline: r.headline }]),
  );
}

/** The person, or a placeholder when the row is gone (never expected: foreign keys cascade). */
export function personOr(map: Map<string, NetPerson>, id: string): NetPerson {
  return map.get(id) ?? { id, fullName: 'Unknown person', photoUrl: null, headline: null };
}

/** Each named field must hold a live person of the workspace; one validation error per field that does not. */
export async function requireLivePeople(db: Q, workspaceId: string, fields: Record<string, string>): Promise<void> {
  const ids = [...new Set(Object.values(fields))];
  const found = await db
    .selectFrom('people')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', ids)
    .where('deletedAt', 'is', null)
    .execute();
  const known = new Set(found.map((f) => f.id));
  const errors = Object.entries(fields)
    .filter(([, id]) => !known.has(id))
    .map(([path]) => ({ path, message: 'no such person in this workspace' }));
  if (errors.length > 0) throw ValidationError(errors);
}
