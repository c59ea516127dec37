import type { Kysely } from 'kysely';
import { reindex } from '../storage/search/index.js';
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
  const find = () =>
    db
      .selectFrom('organisations')
      .select('id')
      .where('workspaceId', '=', workspaceId)
      .where('sortName', '=', sortName)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  const found = await find();
  if (found) return found.id;
  // Several new people may name the same new organisation at once: the partial
  // unique index lets one insert win and the others read it back.
  await db
    .insertInto('organisations')
    .values({
      id: uuidv7(),
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
    .onConflict((oc) => oc.columns(['workspaceId', 'sortName']).where('deletedAt', 'is', null).doNothing())
    .execute();
  const created = await find();
  if (!created) throw new Error(`organisation "${name}" vanished while being created`);
  await reindex(db, workspaceId, 'organisation', [created.id]);
  return created.id;
}
