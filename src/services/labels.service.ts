import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { LabelCreate, LabelUpdate } from '../contract/labels.js';
import { fold } from '../domain/text.js';
import { ConflictError, NotFoundError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { type LabelTableName, listLabels, peopleWithLabel } from '../storage/repos/labels.repo.js';
import { touchPeople } from '../storage/repos/people.repo.js';
import type { Database } from '../storage/schema.js';
import { reindex } from '../storage/search/index.js';
import { type Actor, type ServiceDeps, nowIso } from './context.js';

export function labelsService({ db, clock }: ServiceDeps, table: LabelTableName) {
  const k = db.kysely;
  const what = table === 'tags' ? 'Tag' : 'Topic';

  async function get(actor: Actor, id: string) {
    const all = await listLabels(k, table, actor.workspaceId);
    const found = all.find((l) => l.id === id);
    if (!found) throw NotFoundError(what);
    return found;
  }

  async function ensureFree(actor: Actor, name: string, except?: string) {
    let q = k
      .selectFrom(table)
      .select('id')
      .where('workspaceId', '=', actor.workspaceId)
      .where('normalized', '=', fold(name));
    if (except) q = q.where('id', '!=', except);
    if (await q.executeTakeFirst()) {
      throw ConflictError(
        `${table.slice(0, -1)}_exists`,
        `${what} exists`,
        `"${name}" already exists. Use it, or pick another name.`,
      );
    }
  }

  /** A label's people after it was renamed or deleted: a new version (their vCards list it) and their search entries again. */
  async function cardsChanged(trx: Kysely<Database>, actor: Actor, carriers: string[]) {
    await touchPeople(trx, actor.workspaceId, carriers, nowIso(clock));
    await reindex(trx, actor.workspaceId, 'person', carriers);
  }

  return {
    async list(actor: Actor) {
      return { items: await listLabels(k, table, actor.workspaceId) };
    },
    async create(actor: Actor, input: z.output<typeof LabelCreate>) {
      await ensureFree(actor, input.name);
      const id = uuidv7();
      await k
        .insertInto(table)
        .values({
          id,
          workspaceId: actor.workspaceId,
          name: input.name,
          normalized: fold(input.name),
          color: input.color ?? null,
          createdAt: nowIso(clock),
        })
        .execute();
      return get(actor, id);
    },
    async update(actor: Actor, id: string, input: z.output<typeof LabelUpdate>) {
      const before = await get(actor, id);
      const set: { name?: string; normalized?: string; color?: string | null } = {};
      if (input.name !== undefined) {
        await ensureFree(actor, input.name, id);
        set.name = input.name;
        set.normalized = fold(input.name);
      }
      if (input.color !== undefined) set.color = input.color;
      if (Object.keys(set).length > 0) {
        await k.transaction().execute(async (trx) => {
          await trx
            .updateTable(table)
            .set(set)
            .where('workspaceId', '=', actor.workspaceId)
            .where('id', '=', id)
            .execute();
          // A new name is on the cards and in the search entries of everyone carrying it; a colour is in neither.
          if (set.name !== undefined && set.name !== before.name)
            await cardsChanged(trx, actor, await peopleWithLabel(trx, table, actor.workspaceId, id));
        });
      }
      return get(actor, id);
    },
    async remove(actor: Actor, id: string) {
      await k.transaction().execute(async (trx) => {
        const carriers = await peopleWithLabel(trx, table, actor.workspaceId, id);
        const res = await trx
          .deleteFrom(table)
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) === 0) throw NotFoundError(what);
        await cardsChanged(trx, actor, carriers);
      });
    },
  };
}
