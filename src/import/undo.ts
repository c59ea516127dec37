import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Clock } from '../services/context.js';
import { readSettings, refreshWeeks } from '../storage/repos/keep-in-touch.repo.js';
import { refreshSearchText, touchPeople } from '../storage/repos/people.repo.js';
import { reindex } from '../storage/search/index.js';
import type { Database } from '../storage/schema.js';
import { recomputeContacts } from './messages.js';

/*
 * Undoing a batch walks its recorded changes backwards in one transaction:
 * what it created is deleted (a person takes their contact points, roles,
 * tags and dates along by cascade), what it updated gets its previous values
 * back, and organisations and tags it created go once nothing uses them.
 */

type Q = Kysely<Database>;

export async function undoBatch(db: Q, workspaceId: string, batchId: string, clock: Clock): Promise<void> {
  const now = clock.now().toISOString();
  const touched = new Set<string>();
  const instants: string[] = [];
  await db.transaction().execute(async (trx) => {
    const changes = await trx
      .selectFrom('importChanges')
      .selectAll()
      .where('workspaceId', '=', workspaceId)
      .where('batchId', '=', batchId)
      .orderBy('seq', 'desc')
      .execute();
    const updatedPeople = new Set<string>();
    const deletedPeople = new Set<string>();
    /** People who keep their row but lose what the import added to them (a contact point, tag, date, role). */
    const childrenChanged = new Set<string>();
    const byEntity = (e: string, action: string) => changes.filter((c) => c.entity === e && c.action === action);
    // Interactions first, remembering whose last contact to recompute.
    const interactions = byEntity('interaction', 'created');
    for (const c of interactions) {
      const prev = JSON.parse(c.previous ?? '{}') as { personIds?: string[] };
      for (const p of prev.personIds ?? []) touched.add(p);
    }
    const times = await inChunks(
      interactions.map((c) => c.entityId),
      (ids) =>
        trx
          .selectFrom('interactions')
          .select('occurredAt')
          .where('workspaceId', '=', workspaceId)
          .where('id', 'in', ids)
          .execute(),
    );
    instants.push(...times.map((t) => t.occurredAt));
    await inChunks(
      interactions.map((c) => c.entityId),
      (ids) => trx.deleteFrom('interactions').where('workspaceId', '=', workspaceId).where('id', 'in', ids).execute(),
    );
    for (const [entity, table] of [
      ['achievement', 'achievements'],
      ['contact_point', 'contactPoints'],
      ['important_date', 'importantDates'],
      ['person_role', 'personRoles'],
    ] as const) {
      const owners = await inChunks(
        byEntity(entity, 'created').map((c) => c.entityId),
        (ids) =>
          trx
            .deleteFrom(table)
            .where('workspaceId', '=', workspaceId)
            .where('id', 'in', ids)
            .returning('personId')
            .execute(),
      );
      for (const o of owners) childrenChanged.add(o.personId);
    }
    for (const c of byEntity('person_tag', 'created')) {
      const [personId, tagId] = c.entityId.split('|');
      if (!personId || !tagId) continue;
      childrenChanged.add(personId);
      await trx
        .deleteFrom('personTags')
        .where('workspaceId', '=', workspaceId)
        .where('personId', '=', personId)
        .where('tagId', '=', tagId)
        .execute();
    }
    for (const c of byEntity('person_role', 'updated')) {
      const prev = JSON.parse(c.previous ?? '{}') as { endedOn?: string | null };
      const role = await trx
        .updateTable('personRoles')
        .set({ endedOn: prev.endedOn ?? null })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', c.entityId)
        .returning('personId')
        .executeTakeFirst();
      if (role) childrenChanged.add(role.personId);
    }
    // Newest change first: a person updated twice ends with the oldest values.
    for (const c of byEntity('person', 'updated')) {
      const prev = JSON.parse(c.previous ?? '{}') as Record<string, string | null>;
      await trx
        .updateTable('people')
        .set({ ...prev, updatedAt: now, version: sql`version + 1` })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', c.entityId)
        .execute();
      updatedPeople.add(c.entityId);
    }
    const created = byEntity('person', 'created').map((c) => c.entityId);
    for (const id of created) deletedPeople.add(id);
    // Interactions logged with them since the import lose a participant, and the import's own
    // interactions are gone: the weeks of both are recounted here, in the undo's transaction
    // (they were recounted after it, and not at all when every participant was created by
    // the import, which left those weeks counting the deleted interactions).
    const since = await inChunks(created, (ids) =>
      trx
        .selectFrom('interactionParticipants')
        .select('occurredAt')
        .where('workspaceId', '=', workspaceId)
        .where('personId', 'in', ids)
        .execute(),
    );
    await inChunks(created, (ids) =>
      trx.deleteFrom('people').where('workspaceId', '=', workspaceId).where('id', 'in', ids).execute(),
    );
    await refreshWeeks(
      trx,
      workspaceId,
      [...since.map((t) => t.occurredAt), ...instants],
      await readSettings(trx, workspaceId),
    );
    for (const c of byEntity('organisation', 'created')) {
      const used = await trx
        .selectFrom('people')
        .select('id')
        .where('workspaceId', '=', workspaceId)
        .where('organisationId', '=', c.entityId)
        .limit(1)
        .executeTakeFirst();
      const usedByRole = await trx
        .selectFrom('personRoles')
        .select('id')
        .where('workspaceId', '=', workspaceId)
        .where('organisationId', '=', c.entityId)
        .limit(1)
        .executeTakeFirst();
      if (!used && !usedByRole) {
        await trx
          .deleteFrom('organisations')
          .where('workspaceId', '=', workspaceId)
          .where('id', '=', c.entityId)
          .execute();
      }
    }
    for (const c of byEntity('tag', 'created')) {
      const used = await trx
        .selectFrom('personTags')
        .select('personId')
        .where('workspaceId', '=', workspaceId)
        .where('tagId', '=', c.entityId)
        .limit(1)
        .executeTakeFirst();
      if (!used)
        await trx.deleteFrom('tags').where('workspaceId', '=', workspaceId).where('id', '=', c.entityId).execute();
    }
    // Their card changed too, as the import's own update of them did.
    const bumped = [...childrenChanged].filter((id) => !deletedPeople.has(id) && !updatedPeople.has(id));
    await touchPeople(trx, workspaceId, bumped, now);
    // Search text holds e-mails: a person who lost one is found by it no more.
    const live = [...updatedPeople].filter((id) => !deletedPeople.has(id));
    if (live.length + bumped.length > 0) await refreshSearchText(trx, workspaceId, [...live, ...bumped]);
    // What the import created is gone: so are its index entries.
    await reindex(trx, workspaceId, 'person', [...deletedPeople]);
    await reindex(
      trx,
      workspaceId,
      'interaction',
      interactions.map((c) => c.entityId),
    );
    await reindex(
      trx,
      workspaceId,
      'organisation',
      byEntity('organisation', 'created').map((c) => c.entityId),
    );
    for (const id of deletedPeople) touched.delete(id);
  });
  if (touched.size > 0) await recomputeContacts(db, workspaceId, [...touched], [], clock);
}

async function inChunks<T>(
  ids: string[],
  fn: (ids: string[]) => Promise<T>,
): Promise<T extends (infer U)[] ? U[] : T[]> {
  const out: unknown[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const r = await fn(ids.slice(i, i + 500));
    if (Array.isArray(r)) out.push(...r);
  }
  return out as T extends (infer U)[] ? U[] : T[];
}
