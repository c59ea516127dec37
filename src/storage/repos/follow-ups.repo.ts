import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { FollowUp } from '../../contract/keep-in-touch.js';
import { uuidv7 } from '../../lib/ids.js';
import { isPostgres } from '../db.js';
import type { Database, FollowUpRow } from '../schema.js';

type Q = Kysely<Database>;

export interface NewFollowUp {
  kind: FollowUp['kind'];
  title: string;
  notes?: string | undefined;
  dueOn: string;
  personIds: readonly string[];
  sourceInteractionId?: string | null;
}

export async function insertFollowUp(db: Q, workspaceId: string, f: NewFollowUp, now: string): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('followUps')
    .values({
      id,
      workspaceId,
      kind: f.kind,
      title: f.title,
      notes: f.notes ?? '',
      dueOn: f.dueOn,
      sourceInteractionId: f.sourceInteractionId ?? null,
      doneInteractionId: null,
      completedAt: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await writeFollowUpPeople(db, workspaceId, id, f.personIds);
  return id;
}

export async function writeFollowUpPeople(
  db: Q,
  workspaceId: string,
  followUpId: string,
  personIds: readonly string[],
) {
  await db
    .deleteFrom('followUpPeople')
    .where('workspaceId', '=', workspaceId)
    .where('followUpId', '=', followUpId)
    .execute();
  if (personIds.length === 0) return;
  await db
    .insertInto('followUpPeople')
    .values(personIds.map((personId) => ({ workspaceId, followUpId, personId })))
    .execute();
}

export async function findFollowUpRow(db: Q, workspaceId: string, id: string): Promise<FollowUpRow | undefined> {
  return db
    .selectFrom('followUps')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Rows shaped for the API, with their (live) people in name order. */
export async function presentFollowUps(db: Q, workspaceId: string, rows: readonly FollowUpRow[]): Promise<FollowUp[]> {
  return (await presentFollowUpsWithPeople(db, workspaceId, rows)).followUps;
}

/** A person of a follow-up, with what a nudge shows of them. */
export interface FollowUpPerson {
  id: string;
  fullName: string;
  givenName: string | null;
  circle: string;
  photoUrl: string | null;
  timeZone: string | null;
}

/**
 * The live people of some follow-ups, in name order, with what a nudge shows of them. `ids` is a
 * list of follow-up ids or a query of them (Today reads the people with the follow-ups, in the
 * same statement on PostgreSQL, by repeating the follow-ups' query for their ids).
 */
export function followUpPeopleQuery<DB, TB extends keyof DB>(
  db: Q,
  workspaceId: string,
  ids: readonly string[] | SelectQueryBuilder<DB, TB, { id: string }>,
) {
  return db
    .selectFrom('followUpPeople as fp')
    .innerJoin('people as p', (j) => j.onRef('p.workspaceId', '=', 'fp.workspaceId').onRef('p.id', '=', 'fp.personId'))
    .select(['fp.followUpId', 'p.id', 'p.fullName', 'p.givenName', 'p.circle', 'p.photoUrl', 'p.timeZone'])
    .where('fp.workspaceId', '=', workspaceId)
    .where((eb) =>
      Array.isArray(ids)
        ? eb('fp.followUpId', 'in', [...ids])
        : // PostgreSQL made `in (subquery)` a hash semi join over every link of the workspace; an
          // array of the ids probes the links' key once per follow-up.
          isPostgres(db)
          ? eb('fp.followUpId', '=', sql<string>`any(array(${ids}))`)
          : eb('fp.followUpId', 'in', ids as never),
    )
    .where('p.deletedAt', 'is', null)
    .orderBy('p.sortName');
}

/**
 * presentFollowUps, and the people of the follow-ups as read for it (Today's nudges name them:
 * read once, not again by id).
 */
export async function presentFollowUpsWithPeople(
  db: Q,
  workspaceId: string,
  rows: readonly FollowUpRow[],
): Promise<{ followUps: FollowUp[]; people: Map<string, FollowUpPerson> }> {
  const ids = rows.map((r) => r.id);
  const found = ids.length > 0 ? await followUpPeopleQuery(db, workspaceId, ids).execute() : [];
  return presentWithPeople(rows, found);
}

/** Follow-up rows and the rows of followUpPeopleQuery for them, shaped for the API. */
export function presentWithPeople(
  rows: readonly FollowUpRow[],
  found: readonly ({ followUpId: string } & FollowUpPerson)[],
): { followUps: FollowUp[]; people: Map<string, FollowUpPerson> } {
  const people = new Map<string, FollowUp['people']>();
  const persons = new Map<string, FollowUpPerson>();
  for (const f of found) {
    const list = people.get(f.followUpId) ?? [];
    list.push({ id: f.id, fullName: f.fullName, photoUrl: f.photoUrl });
    people.set(f.followUpId, list);
    const { followUpId: _, ...person } = f;
    persons.set(f.id, person);
  }
  const followUps = rows.map((r) => ({
    id: r.id,
    version: r.version,
    kind: r.kind as FollowUp['kind'],
    title: r.title,
    notes: r.notes,
    dueOn: r.dueOn,
    status: r.status as FollowUp['status'],
    snoozeCount: r.snoozeCount,
    people: people.get(r.id) ?? [],
    sourceInteractionId: r.sourceInteractionId,
    doneInteractionId: r.doneInteractionId,
    completedAt: r.completedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
  return { followUps, people: persons };
}
