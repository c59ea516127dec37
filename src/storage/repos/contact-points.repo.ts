import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * The e-mail addresses of some people, each person's in position order. Read
 * by person and filtered here: with `kind = 'email'` in the query SQLite picks
 * the (workspace, kind, normalized) index and walks every e-mail address of the
 * workspace, which made imports and person edits slow down as it grew.
 */
export async function emailsOfPeople(
  db: Kysely<Database>,
  workspaceId: string,
  personIds: readonly string[],
): Promise<Map<string, string[]>> {
  const mails = new Map<string, string[]>();
  if (personIds.length === 0) return mails;
  const points = await db
    .selectFrom('contactPoints')
    .select(['personId', 'kind', 'value', 'position'])
    .where('workspaceId', '=', workspaceId)
    .where('personId', 'in', [...personIds])
    .execute();
  points.sort((a, b) => a.position - b.position);
  for (const p of points) {
    if (p.kind !== 'email') continue;
    const list = mails.get(p.personId);
    if (list) list.push(p.value);
    else mails.set(p.personId, [p.value]);
  }
  return mails;
}
