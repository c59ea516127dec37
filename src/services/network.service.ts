import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { z } from 'zod';
import type { Circle } from '../contract/common.js';
import {
  GRAPH_YOU_ID,
  type GraphEdge,
  type GraphOrganisation,
  type GraphPerson,
  type NetworkGraph,
  type NetworkGraphQuery,
} from '../contract/network.js';
import { localDate } from '../domain/dates.js';
import { dueness, youTie } from '../domain/network-graph.js';
import { fold } from '../domain/text.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import type { Database } from '../storage/schema.js';
import type { Actor, ServiceDeps } from './context.js';

type Q = Kysely<Database>;
type Filters = z.output<typeof NetworkGraphQuery>;

/*
 * The map's graph in a handful of queries whatever the size: the people
 * (strongest first, one more than the limit to know whether it was cut), then
 * their tags, their organisations and the connections among them, and two
 * counts. At 100,000 people the strongest 5,000 come from the (workspace_id,
 * deleted_at, strength, id) index read backwards, without sorting the table.
 *
 * The chosen ids go back to the database as one JSON array parameter, not as
 * 5,000 bound parameters (SQLite allows 32,766 per statement) nor as a repeat
 * of the people query (which, with a tag filter, costs a lookup per person
 * every time it runs).
 */

function idList(dialect: 'sqlite' | 'postgres', ids: readonly string[]): RawBuilder<string> {
  const json = JSON.stringify(ids);
  return dialect === 'postgres'
    ? sql<string>`(select jsonb_array_elements_text(cast(${json} as jsonb)))`
    : sql<string>`(select value from json_each(${json}))`;
}

function matching(db: Q, workspaceId: string, f: Filters) {
  let q = db.selectFrom('people as p').where('p.workspaceId', '=', workspaceId).where('p.deletedAt', 'is', null);
  if (f.circle) q = q.where('p.circle', '=', f.circle);
  if (f.organisationId) q = q.where('p.organisationId', '=', f.organisationId);
  if (f.minStrength !== undefined) q = q.where('p.strength', '>=', f.minStrength);
  if (f.tag) {
    const tag = fold(f.tag);
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('personTags as pt')
          .innerJoin('tags as t', (j) => j.onRef('t.workspaceId', '=', 'pt.workspaceId').onRef('t.id', '=', 'pt.tagId'))
          .select('pt.personId')
          .whereRef('pt.workspaceId', '=', 'p.workspaceId')
          .whereRef('pt.personId', '=', 'p.id')
          .where('t.normalized', '=', tag),
      ),
    );
  }
  return q;
}

export function networkService({ db, clock }: ServiceDeps) {
  const k = db.kysely;

  return {
    async graph(actor: Actor, f: Filters): Promise<NetworkGraph> {
      const ws = actor.workspaceId;

      const [rows, settings, user] = await Promise.all([
        matching(k, ws, f)
          .select([
            'p.id',
            'p.fullName',
            'p.headline',
            'p.roleTitle',
            'p.organisationId',
            'p.photoUrl',
            'p.circle',
            'p.strength',
            'p.nextDueOn',
          ])
          .orderBy('p.strength', 'desc')
          // Both descending: the strength index is read backwards, no sort.
          .orderBy('p.id', 'desc')
          .limit(f.limit + 1)
          .execute(),
        readSettings(k, ws),
        actor.userId
          ? k
              .selectFrom('users')
              .select('displayName')
              .where('workspaceId', '=', ws)
              .where('id', '=', actor.userId)
              .executeTakeFirst()
          : undefined,
      ]);
      const truncated = rows.length > f.limit;
      const people = truncated ? rows.slice(0, f.limit) : rows;
      const empty = people.length === 0;
      const ids = idList(
        db.dialect,
        people.map((p) => p.id),
      );
      const orgIds = idList(db.dialect, [
        ...new Set(people.flatMap((p) => (p.organisationId ? [p.organisationId] : []))),
      ]);

      const [tagRows, orgRows, memberRows, trashedRows, connRows, totalPeople, totalConnections] = await Promise.all([
        empty
          ? []
          : k
              .selectFrom('personTags as pt')
              .innerJoin('tags as t', (j) =>
                j.onRef('t.workspaceId', '=', 'pt.workspaceId').onRef('t.id', '=', 'pt.tagId'),
              )
              .select(['pt.personId', 't.name'])
              .where('pt.workspaceId', '=', ws)
              .where('pt.personId', 'in', ids)
              .orderBy('t.normalized')
              .execute(),
        empty
          ? []
          : k
              .selectFrom('organisations as o')
              .select(['o.id', 'o.name'])
              .where('o.workspaceId', '=', ws)
              .where('o.deletedAt', 'is', null)
              .where('o.id', 'in', orgIds)
              .execute(),
        // Members: everyone at the organisation from the (workspace_id, organisation_id) index alone,
        // less the few in the trash (read from the deleted_at indexes). Checking deleted_at row by
        // row instead cost a table read per member: 3 s for the 5,000 strongest of 100,000.
        empty
          ? []
          : k
              .selectFrom('people')
              .select(['organisationId', (eb) => eb.fn.countAll<string | number>().as('n')])
              .where('workspaceId', '=', ws)
              .where('organisationId', 'in', orgIds)
              .groupBy('organisationId')
              .execute(),
        empty
          ? []
          : k
              .selectFrom('people')
              .select(['organisationId', (eb) => eb.fn.countAll<string | number>().as('n')])
              .where('workspaceId', '=', ws)
              .where('deletedAt', 'is not', null)
              .where('organisationId', 'is not', null)
              .groupBy('organisationId')
              .execute(),
        empty
          ? []
          : k
              .selectFrom('connections as c')
              .select(['c.lowId', 'c.highId', 'c.fromId', 'c.kind', 'c.strength', 'c.source'])
              .where('c.workspaceId', '=', ws)
              .where('c.lowId', 'in', ids)
              .where('c.highId', 'in', ids)
              .execute(),
        truncated
          ? matching(k, ws, f)
              .select((eb) => eb.fn.countAll<string | number>().as('n'))
              .executeTakeFirstOrThrow()
              .then((r) => Number(r.n))
          : people.length,
        k
          .selectFrom('connections')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('workspaceId', '=', ws)
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n)),
      ]);

      const tags = new Map<string, string[]>();
      for (const r of tagRows) {
        const list = tags.get(r.personId) ?? [];
        list.push(r.name);
        tags.set(r.personId, list);
      }
      const orgs = new Map<string, GraphOrganisation>(
        orgRows.map((o) => [o.id, { id: o.id, label: o.name, members: 0 }]),
      );
      for (const r of memberRows) {
        const o = r.organisationId ? orgs.get(r.organisationId) : undefined;
        if (o) o.members += Number(r.n);
      }
      for (const r of trashedRows) {
        const o = r.organisationId ? orgs.get(r.organisationId) : undefined;
        if (o) o.members -= Number(r.n);
      }
      const today = localDate(clock.now(), settings.timeZone);

      const edges: GraphEdge[] = [];
      const nodes: GraphPerson[] = people.map((p) => {
        const strength = Number(p.strength);
        const circle = p.circle as Circle;
        const org = p.organisationId ? orgs.get(p.organisationId) : undefined;
        const tie = youTie(strength, circle);
        if (tie !== null) {
          edges.push({ source: GRAPH_YOU_ID, target: p.id, type: 'you', kind: 'you', strength: tie, origin: null });
        }
        if (org)
          edges.push({ source: p.id, target: org.id, type: 'member', kind: 'member', strength: 1, origin: null });
        return {
          id: p.id,
          label: p.fullName,
          headline: p.headline,
          roleTitle: p.roleTitle,
          organisationId: org ? org.id : null,
          organisation: org ? org.label : null,
          photoUrl: p.photoUrl,
          tags: tags.get(p.id) ?? [],
          circle,
          strength,
          nextDueOn: p.nextDueOn,
          dueness: dueness(p.nextDueOn, today),
        };
      });
      for (const c of connRows) {
        const source = c.fromId ?? c.lowId;
        edges.push({
          source,
          target: source === c.lowId ? c.highId : c.lowId,
          type: 'connection',
          kind: c.kind,
          strength: Math.min(5, Math.max(1, Number(c.strength))),
          origin: c.source,
        });
      }

      return {
        you: { id: GRAPH_YOU_ID, label: user?.displayName ? `You (${user.displayName})` : 'You' },
        people: nodes,
        organisations: [...orgs.values()].sort((a, b) => b.members - a.members || a.label.localeCompare(b.label)),
        edges,
        truncated,
        totals: { people: totalPeople, connections: totalConnections },
      };
    },
  };
}
