import type { Kysely } from 'kysely';
import type { Person } from '../../contract/people.js';
import { type CircleCadences, effectiveCadence } from '../../domain/cadence.js';
import type { Database, PersonRow } from '../schema.js';
import { labelsOfPeople } from './labels.repo.js';

/**
 * Many people at once, in a handful of queries (not one round of queries per
 * person as hydratePerson does): what export needs. Roles and learnings are
 * left empty; export does not write them.
 */
export async function hydratePeople(
  db: Kysely<Database>,
  workspaceId: string,
  rows: PersonRow[],
  cadences: CircleCadences,
): Promise<Person[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const orgIds = [...new Set(rows.map((r) => r.organisationId).filter((x): x is string => x !== null))];
  const [orgs, points, tags, topics, purposes, dates] = await Promise.all([
    orgIds.length > 0
      ? db
          .selectFrom('organisations')
          .select(['id', 'name'])
          .where('workspaceId', '=', workspaceId)
          .where('id', 'in', orgIds)
          .execute()
      : [],
    db
      .selectFrom('contactPoints')
      .selectAll()
      .where('workspaceId', '=', workspaceId)
      .where('personId', 'in', ids)
      .orderBy('personId')
      .orderBy('position')
      .execute(),
    labelsOfPeople(db, 'tags', workspaceId, ids),
    labelsOfPeople(db, 'topics', workspaceId, ids),
    db
      .selectFrom('personPurposes')
      .select(['personId', 'purpose'])
      .where('workspaceId', '=', workspaceId)
      .where('personId', 'in', ids)
      .orderBy('purpose')
      .execute(),
    db
      .selectFrom('importantDates')
      .selectAll()
      .where('workspaceId', '=', workspaceId)
      .where('personId', 'in', ids)
      .orderBy('personId')
      .orderBy('position')
      .execute(),
  ]);
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const group = <T extends { personId: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) m.set(x.personId, [...(m.get(x.personId) ?? []), x]);
    return m;
  };
  const pointsOf = group(points);
  const purposesOf = group(purposes);
  const datesOf = group(dates);
  return rows.map((row) => {
    const org = row.organisationId ? orgById.get(row.organisationId) : undefined;
    const cps = pointsOf.get(row.id) ?? [];
    return {
      id: row.id,
      version: row.version,
      fullName: row.fullName,
      givenName: row.givenName,
      familyName: row.familyName,
      nickname: row.nickname,
      headline: row.headline,
      roleTitle: row.roleTitle,
      organisation: org ? { id: org.id, name: org.name } : null,
      location: row.location,
      timeZone: row.timeZone,
      photoUrl: row.photoUrl,
      circle: row.circle as Person['circle'],
      cadenceDays: row.cadenceDays,
      notes: row.notes,
      emails: cps
        .filter((p) => p.kind === 'email')
        .map((p) => ({ value: p.value, label: p.label, primary: p.isPrimary === 1 })),
      phones: cps
        .filter((p) => p.kind === 'phone')
        .map((p) => ({ value: p.value, label: p.label, primary: p.isPrimary === 1 })),
      links: cps.filter((p) => p.kind === 'link').map((p) => ({ url: p.value, label: p.label })),
      tags: tags.get(row.id) ?? [],
      topics: topics.get(row.id) ?? [],
      purposes: (purposesOf.get(row.id) ?? []).map((p) => p.purpose as Person['purposes'][number]),
      howWeMet: {
        channel: row.metChannel as Person['howWeMet']['channel'],
        platform: row.metPlatform,
        date: row.metOn,
        event: row.metEvent,
        context: row.metContext,
        introducedBy: null,
      },
      roles: [],
      importantDates: (datesOf.get(row.id) ?? []).map((d) => ({
        kind: d.kind as Person['importantDates'][number]['kind'],
        label: d.label,
        month: d.month,
        day: d.day,
        year: d.year,
      })),
      learnings: [],
      visibility: row.visibility as Person['visibility'],
      lastInteractionAt: row.lastInteractionAt,
      interactionCount: row.interactionCount,
      keepInTouch: {
        cadenceDays: effectiveCadence(row.circle as Person['circle'], row.cadenceDays, cadences),
        nextDueOn: row.nextDueOn,
        snoozedUntil: row.snoozedUntil,
        lastMeaningfulAt: row.lastMeaningfulAt,
        strength: Number(row.strength),
        trend: row.strengthTrend as Person['keepInTouch']['trend'],
      },
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      deletedAt: row.deletedAt,
    };
  });
}
