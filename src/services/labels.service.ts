import type { z } from 'zod';
import type { LabelCreate, LabelUpdate } from '../contract/labels.js';
import { fold } from '../domain/text.js';
import { ConflictError, NotFoundError } from '../lib/errors.js';
import { uuidv7 } from '../lib/ids.js';
import { type LabelTableName, listLabels } from '../storage/repos/labels.repo.js';
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
      await get(actor, id);
      const set: { name?: string; normalized?: string; color?: string | null } = {};
      if (input.name !== undefined) {
        await ensureFree(actor, input.name, id);
        set.name = input.name;
        set.normalized = fold(input.name);
      }
      if (input.color !== undefined) set.color = input.color;
      if (Object.keys(set).length > 0) {
        await k.updateTable(table).set(set).where('workspaceId', '=', actor.workspaceId).where('id', '=', id).execute();
      }
      return get(actor, id);
    },
    async remove(actor: Actor, id: string) {
      const res = await k
        .deleteFrom(table)
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw NotFoundError(what);
    },
  };
}
