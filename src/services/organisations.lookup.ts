import type { Kysely } from 'kysely';
import { fold } from '../domain/text.js';
import { uuidv7 } from '../lib/ids.js';
import type { Database } from '../storage/schema.js';

/** The live organisation with this name, or a new one: how "works at Acme" becomes a link. */
export async function findOrCreateOrganisation(
  db: Kysely<Database>,
  workspaceId: string,
  name: string,
  now: string,
): Promise<string> {
  const sortName = fold(name);
  const found = await db
    .selectFrom('organisations')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('sortName', '=', sortName)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (found) return found.id;
  const id = uuidv7();
  await db
    .insertInto('organisations')
    .values({
      id,
      workspaceId,
      name: name.trim(),
      sortName,
      domain: null,
      website: null,
      industry: null,
      location: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    })
    .execute();
  return id;
}
