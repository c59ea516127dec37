import type { Kysely } from 'kysely';
import { fold } from '../../domain/text.js';
import { uuidv7 } from '../../lib/ids.js';
import type { Database } from '../schema.js';

export type LabelTableName = 'tags' | 'topics';
const LINK: Record<LabelTableName, { table: 'personTags' | 'personTopics'; col: 'tagId' | 'topicId' }> = {
  tags: { table: 'personTags', col: 'tagId' },
  topics: { table: 'personTopics', col: 'topicId' },
};

/** Finds labels by folded name, creating the missing ones; returns ids in input order, without repeats. */
export async function upsertLabels(
  db: Kysely<Database>,
  table: LabelTableName,
  workspaceId: string,
  names: string[],
  now: string,
): Promise<string[]> {
  const wanted = new Map<string, string>();
  for (const n of names) {
    const key = fold(n);
    if (key && !wanted.has(key)) wanted.set(key, n.trim());
  }
  if (wanted.size === 0) return [];
  // Insert what may be missing and let a concurrent insert of the same name win
  // quietly, then read back: the ids are whichever rows exist now.
  await db
    .insertInto(table)
    .values(
      [...wanted].map(([normalized, name]) => ({
        id: uuidv7(),
        workspaceId,
        name,
        normalized,
        color: null,
        createdAt: now,
      })),
    )
    .onConflict((oc) => oc.columns(['workspaceId', 'normalized']).doNothing())
    .execute();
  const found = await db
    .selectFrom(table)
    .select(['id', 'normalized'])
    .where('workspaceId', '=', workspaceId)
    .where('normalized', 'in', [...wanted.keys()])
    .execute();
  const ids = new Map(found.map((r) => [r.normalized, r.id]));
  return [...wanted.keys()].map((k) => ids.get(k) as string);
}

export async function setPersonLabels(
  db: Kysely<Database>,
  table: LabelTableName,
  workspaceId: string,
  personId: string,
  names: string[],
  now: string,
): Promise<void> {
  const { table: link, col } = LINK[table];
  const ids = await upsertLabels(db, table, workspaceId, names, now);
  await db.deleteFrom(link).where('workspaceId', '=', workspaceId).where('personId', '=', personId).execute();
  if (ids.length > 0) {
    await db
      .insertInto(link)
      .values(ids.map((id) => ({ workspaceId, personId, [col]: id }) as never))
      .execute();
  }
}

/** Names of the labels of many people at once, sorted by name, keyed by person id. */
export async function labelsOfPeople(
  db: Kysely<Database>,
  table: LabelTableName,
  workspaceId: string,
  personIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (personIds.length === 0) return out;
  const { table: link, col } = LINK[table];
  // The links of these people first, then each label by its key (CROSS JOIN keeps SQLite's order).
  // Left to choose, SQLite walked the workspace's labels in name order to skip the sort and
  // probed every label against every person: labels × people seeks for a page of 50.
  const rows = await db
    .selectFrom(`${link} as l` as 'personTags as l')
    .crossJoin(`${table} as t` as 'tags as t')
    .whereRef('t.workspaceId', '=', 'l.workspaceId')
    .whereRef('t.id', '=', `l.${col}` as 'l.tagId')
    .select(['l.personId', 't.name'])
    .where('l.workspaceId', '=', workspaceId)
    .where('l.personId', 'in', personIds)
    .orderBy('t.normalized')
    .execute();
  for (const r of rows) {
    const list = out.get(r.personId) ?? [];
    list.push(r.name);
    out.set(r.personId, list);
  }
  return out;
}

/**
 * How many live people have each label (or just `labelId`): all links per
 * label (an index-only scan) minus the links of people in the trash (found
 * from the few trashed people). A join of every link with its person read
 * 58k people rows at 100k people and held the server for 120–320 ms.
 */
async function liveCounts(
  db: Kysely<Database>,
  table: LabelTableName,
  workspaceId: string,
  labelId?: string,
): Promise<Map<string, number>> {
  const { table: link, col } = LINK[table];
  const labelCol = `l.${col}` as 'l.tagId';
  let all = db
    .selectFrom(`${link} as l` as 'personTags as l')
    .select((eb) => [eb.ref(labelCol).as('labelId'), eb.fn.countAll<string | number>().as('n')])
    .where('l.workspaceId', '=', workspaceId)
    .groupBy(labelCol);
  // People first (CROSS JOIN keeps SQLite's join order): the trash is a few people, and without
  // index samples (no STAT4, src/storage/db.ts) SQLite cannot tell that `deleted_at is not null` is
  // rare; joining from the links it probed a person row for each of them.
  let trashed = db
    .selectFrom('people as p')
    .crossJoin(`${link} as l` as 'personTags as l')
    .select((eb) => [eb.ref(labelCol).as('labelId'), eb.fn.countAll<string | number>().as('n')])
    .where('p.workspaceId', '=', workspaceId)
    .where('p.deletedAt', 'is not', null)
    .whereRef('l.workspaceId', '=', 'p.workspaceId')
    .whereRef('l.personId', '=', 'p.id')
    .groupBy(labelCol);
  if (labelId !== undefined) {
    all = all.where(labelCol, '=', labelId);
    trashed = trashed.where(labelCol, '=', labelId);
  }
  const count = new Map((await all.execute()).map((r) => [r.labelId, Number(r.n)]));
  for (const r of await trashed.execute()) count.set(r.labelId, (count.get(r.labelId) ?? 0) - Number(r.n));
  return count;
}

/** Every label with how many live people have it. */
export async function listLabels(db: Kysely<Database>, table: LabelTableName, workspaceId: string) {
  const labels = await db
    .selectFrom(`${table} as t` as 'tags as t')
    .select(['t.id', 't.name', 't.color'])
    .where('t.workspaceId', '=', workspaceId)
    .orderBy('t.normalized')
    .execute();
  const count = await liveCounts(db, table, workspaceId);
  return labels.map((r) => ({ id: r.id, name: r.name, color: r.color, peopleCount: count.get(r.id) ?? 0 }));
}

/** The id of the label with this folded name, if there is one. */
export async function labelIdOf(
  db: Kysely<Database>,
  table: LabelTableName,
  workspaceId: string,
  normalized: string,
): Promise<string | undefined> {
  const label = await db
    .selectFrom(`${table} as t` as 'tags as t')
    .select('t.id')
    .where('t.workspaceId', '=', workspaceId)
    .where('t.normalized', '=', normalized)
    .executeTakeFirst();
  return label?.id;
}

/**
 * How many live people have the label: the people list's total for a tag or topic filter alone.
 * The general count probes every tagged person's row (54 ms for 5,700 people on PostgreSQL at
 * 100k people); this counts the label's links (an index range) minus those of trashed people
 * (people first: the trash is small), in one statement.
 */
export async function countLiveWithLabel(
  db: Kysely<Database>,
  table: LabelTableName,
  workspaceId: string,
  labelId: string,
): Promise<number> {
  const { table: link, col } = LINK[table];
  const labelCol = `l.${col}` as 'l.tagId';
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom(`${link} as l` as 'personTags as l')
        .select((e) => e.fn.countAll<string | number>().as('n'))
        .where('l.workspaceId', '=', workspaceId)
        .where(labelCol, '=', labelId)
        .as('linked'),
      eb
        .selectFrom('people as p')
        .crossJoin(`${link} as l` as 'personTags as l')
        .select((e) => e.fn.countAll<string | number>().as('n'))
        .where('p.workspaceId', '=', workspaceId)
        .where('p.deletedAt', 'is not', null)
        .whereRef('l.workspaceId', '=', 'p.workspaceId')
        .whereRef('l.personId', '=', 'p.id')
        .where(labelCol, '=', labelId)
        .as('trashed'),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.linked ?? 0) - Number(row.trashed ?? 0);
}

/** Everyone carrying a label, trashed or not. */
export async function peopleWithLabel(
  db: Kysely<Database>,
  table: LabelTableName,
  workspaceId: string,
  labelId: string,
): Promise<string[]> {
  const { table: link, col } = LINK[table];
  const rows = await db
    .selectFrom(`${link} as l` as 'personTags as l')
    .select('l.personId')
    .where('l.workspaceId', '=', workspaceId)
    .where(`l.${col}` as 'l.tagId', '=', labelId)
    .execute();
  return rows.map((r) => r.personId);
}
