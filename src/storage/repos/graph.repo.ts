import type { Kysely } from 'kysely';
import type { Circle, GraphEdge, GraphPerson } from '../../domain/intro-paths.js';
import type { Database } from '../schema.js';
import { AUTO_SOURCES } from './co-participation.repo.js';

type Q = Kysely<Database>;

/*
 * The part of the who-knows-whom graph a path search needs: everyone within
 * `depth` connections of the targets (a backward breadth-first walk over the
 * connections table, two index range scans per batch of frontier ids), with the
 * live people's "you" edge (circle, strength score) and public fields. Nothing
 * else is read, so the cost follows the neighbourhood of the targets, not the
 * size of the network.
 */

const CHUNK = 500;

export const GRAPH_LIMITS = {
  /** Most people loaded for one search; a very broad target stops widening past it. */
  nodes: 5_000,
} as const;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export interface Subgraph {
  people: Map<string, GraphPerson>;
  edges: GraphEdge[];
  /** True when the node budget stopped the walk early. */
  truncated: boolean;
}

export async function loadSubgraph(db: Q, workspaceId: string, targets: string[], depth: number): Promise<Subgraph> {
  const seen = new Set(targets);
  const edgeById = new Map<string, GraphEdge>();
  let frontier = [...seen];
  let truncated = false;
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const part of chunks(frontier)) {
      for (const side of ['lowId', 'highId'] as const) {
        const rows = await db
          .selectFrom('connections')
          .select([
            'id',
            'lowId',
            'highId',
            'fromId',
            'kind',
            'strength',
            'source',
            'sharedInteractions',
            'sharedEvents',
          ])
          .where('workspaceId', '=', workspaceId)
          .where(side, 'in', part)
          .execute();
        for (const r of rows) {
          if (edgeById.has(r.id)) continue;
          const auto = (AUTO_SOURCES as readonly string[]).includes(r.source);
          edgeById.set(r.id, {
            a: r.lowId,
            b: r.highId,
            kind: auto ? 'met_together' : r.kind,
            strength: r.strength,
            fromId: r.fromId,
            shared: r.sharedInteractions + r.sharedEvents,
          });
          for (const id of [r.lowId, r.highId]) {
            if (seen.has(id)) continue;
            if (seen.size >= GRAPH_LIMITS.nodes) {
              truncated = true;
              continue;
            }
            seen.add(id);
            next.push(id);
          }
        }
      }
    }
    frontier = next;
    if (truncated) break;
  }
  const people = await loadPeople(db, workspaceId, [...seen], new Set(targets));
  return { people, edges: [...edgeById.values()], truncated };
}

/**
 * Live people by id, with what the search needs. Organisation names are read
 * only for `withOrganisation` (the targets, whose sentence names it): a second
 * index lookup per person would double the cost of the whole neighbourhood.
 */
export async function loadPeople(
  db: Q,
  workspaceId: string,
  ids: string[],
  withOrganisation: ReadonlySet<string> = new Set(),
): Promise<Map<string, GraphPerson>> {
  const out = new Map<string, GraphPerson>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('people as p')
      .select([
        'p.id',
        'p.fullName',
        'p.photoUrl',
        'p.headline',
        'p.roleTitle',
        'p.circle',
        'p.strength',
        'p.deletedAt',
      ])
      .where('p.workspaceId', '=', workspaceId)
      .where('p.id', 'in', part)
      .execute();
    for (const r of rows) {
      // Filtered here, not in SQL: SQLite would otherwise read the (workspace, deleted_at)
      // index of the whole network instead of looking the ids up by primary key.
      if (r.deletedAt !== null) continue;
      out.set(r.id, {
        id: r.id,
        fullName: r.fullName,
        photoUrl: r.photoUrl,
        headline: r.headline,
        organisation: null,
        role: r.roleTitle,
        circle: r.circle as Circle,
        strength: Number(r.strength),
      });
    }
  }
  const names = await organisationNames(
    db,
    workspaceId,
    [...withOrganisation].filter((id) => out.has(id)),
  );
  for (const [id, name] of names) {
    const p = out.get(id);
    if (p) p.organisation = name;
  }
  return out;
}

/** The current organisation's name of each of these people (live organisations only). */
export async function organisationNames(db: Q, workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('people as p')
      .innerJoin('organisations as o', (j) =>
        j.onRef('o.workspaceId', '=', 'p.workspaceId').onRef('o.id', '=', 'p.organisationId'),
      )
      .select(['p.id', 'o.name', 'o.deletedAt'])
      .where('p.workspaceId', '=', workspaceId)
      .where('p.id', 'in', part)
      .execute();
    for (const r of rows) if (r.deletedAt === null) out.set(r.id, r.name);
  }
  return out;
}
