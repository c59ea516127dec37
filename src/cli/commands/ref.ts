import { CliError } from '../errors.js';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A record by its full id, or by the start or end of its id among the ones a
 * list shows (as the list commands print them), so nobody has to paste 36 characters.
 */
export async function resolveById<T extends { id: string }>(
  ref: string,
  what: { one: string; listCommand: string },
  load: (id: string) => Promise<T>,
  list: () => Promise<T[]>,
  label: (item: T) => string,
): Promise<T> {
  const r = ref.trim().toLowerCase();
  if (ID.test(r)) return load(r);
  if (r.length < 4) throw new CliError(`Give the ${what.one}'s id (or at least its first 4 characters), not "${ref}"`);
  const hits = (await list()).filter((x) => x.id.startsWith(r) || x.id.endsWith(r));
  if (hits.length === 1 && hits[0]) return hits[0];
  if (hits.length === 0) throw new CliError(`No ${what.one} with an id like "${ref}" — see: ${what.listCommand}`);
  throw new CliError(
    `Several ${what.one}s match "${ref}": give more of the id`,
    hits.map((h) => `  ${h.id}  ${label(h)}`),
  );
}
