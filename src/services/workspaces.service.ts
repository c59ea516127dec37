import { uuidv7 } from '../lib/ids.js';
import type { Db } from '../storage/db.js';

/**
 * The workspace of a single-user install, made on first start. Accounts (a
 * later step) give each user their own; until then every request acts in it.
 */
export async function ensureLocalWorkspace(db: Db): Promise<string> {
  const existing = await db.kysely.selectFrom('workspaces').select('id').where('isLocal', '=', 1).executeTakeFirst();
  if (existing) return existing.id;
  const id = uuidv7();
  const now = new Date().toISOString();
  await db.kysely
    .insertInto('workspaces')
    .values({ id, workspaceId: id, name: 'My network', kind: 'personal', isLocal: 1, createdAt: now, updatedAt: now })
    .execute();
  return id;
}
