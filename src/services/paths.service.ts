import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { PathQuery, PathResult, PathTargetKind } from '../contract/paths.js';
import { findWarmPaths } from '../domain/intro-paths.js';
import { escapeLike, fold } from '../domain/text.js';
import { ValidationError } from '../lib/errors.js';
import { loadSubgraph, organisationNames } from '../storage/repos/graph.repo.js';
import type { Database } from '../storage/schema.js';
import type { Actor, ServiceDeps } from './context.js';

type Q = Kysely<Database>;

/*
 * Warm paths: resolve the target to the people of the workspace it names,
 * load their neighbourhood (storage/repos/graph.repo.ts) and let the pure
 * search (domain/intro-paths.ts) rank the paths.
 */

/** Most target people searched from; a broad role or topic keeps the ones you know best. */
export const MAX_TARGET_PEOPLE = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KIND_ALIASES: Record<string, PathTargetKind> = {
  person: 'person',
  org: 'org',
  organisation: 'org',
  organization: 'org',
  company: 'org',
  role: 'role',
  topic: 'topic',
};

export interface ParsedTarget {
  kind: PathTargetKind;
  value: string;
}

/** `kind:value`, or bare text (an organisation). A bad prefix or an empty value is a 400 saying what to send. */
export function parseTarget(to: string): ParsedTarget {
  const raw = to.trim();
  const m = /^([a-z]+)\s*:(.*)$/i.exec(raw);
  if (!m) return { kind: 'org', value: raw };
  const kind = KIND_ALIASES[(m[1] as string).toLowerCase()];
  const value = (m[2] as string).trim();
  if (!kind) {
    throw ValidationError([
      {
        path: 'query.to',
        message: `unknown target kind "${m[1]}": use person:<id>, org:<name or id>, role:<title words> or topic:<topic>`,
      },
    ]);
  }
  if (!value) {
    throw ValidationError([{ path: 'query.to', message: `say what to look for after "${m[1]}:"` }]);
  }
  if (kind === 'person' && !UUID.test(value)) {
    throw ValidationError([
      { path: 'query.to', message: 'person: takes a person id (a UUID); search people by name first' },
    ]);
  }
  return { kind, value };
}

interface Resolved {
  label: string;
  id: string | null;
  people: string[];
  matched: number;
}

/** Most rows read to find the target people (a role or topic broader than this is cut). */
const MAX_TARGET_ROWS = 20_000;

/**
 * The live people a filter matches, the ones you know best first, at most
 * MAX_TARGET_PEOPLE of them. Liveness and order are applied here rather than
 * in SQL: with `deleted_at is null` and an order by strength, SQLite walks the
 * whole network's strength index instead of the organisation's few rows.
 */
async function livePeopleWhere(
  db: Q,
  workspaceId: string,
  filter: (q: ReturnType<typeof peopleBase>) => ReturnType<typeof peopleBase>,
): Promise<{ ids: string[]; matched: number }> {
  const rows = await filter(peopleBase(db, workspaceId)).limit(MAX_TARGET_ROWS).execute();
  const live = rows
    .filter((r) => r.deletedAt === null)
    .sort((a, b) => Number(b.strength) - Number(a.strength) || (a.id < b.id ? -1 : 1));
  return { ids: live.slice(0, MAX_TARGET_PEOPLE).map((r) => r.id), matched: live.length };
}

function peopleBase(db: Q, workspaceId: string) {
  return db
    .selectFrom('people as p')
    .select(['p.id', 'p.strength', 'p.deletedAt'])
    .where('p.workspaceId', '=', workspaceId);
}

async function resolveOrg(db: Q, workspaceId: string, value: string): Promise<Resolved> {
  const base = () =>
    db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('workspaceId', '=', workspaceId)
      .where('deletedAt', 'is', null);
  let orgs = UUID.test(value) ? await base().where('id', '=', value).execute() : [];
  if (orgs.length === 0) orgs = await base().where('sortName', '=', fold(value)).execute();
  if (orgs.length === 0) {
    orgs = await base()
      .where('sortName', 'like', `%${escapeLike(fold(value))}%`)
      .orderBy('sortName')
      .limit(20)
      .execute();
  }
  if (orgs.length === 0)
    return { label: `${value} (no organisation of that name in your network)`, id: null, people: [], matched: 0 };
  const ids = orgs.map((o) => o.id);
  const { ids: people, matched } = await livePeopleWhere(db, workspaceId, (q) =>
    q.where('p.organisationId', 'in', ids),
  );
  const first = orgs[0] as { id: string; name: string };
  const label =
    orgs.length === 1
      ? first.name
      : `${orgs
          .map((o) => o.name)
          .slice(0, 3)
          .join(', ')}${orgs.length > 3 ? '…' : ''}`;
  return { label, id: orgs.length === 1 ? first.id : null, people, matched };
}

async function resolveRole(db: Q, workspaceId: string, value: string): Promise<Resolved> {
  const words = value
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  const { ids, matched } = await livePeopleWhere(db, workspaceId, (q) => {
    let out = q;
    for (const w of words) {
      const pat = `%${escapeLike(w)}%`;
      out = out.where((eb) =>
        eb.or([
          eb(eb.fn('lower', [eb.fn.coalesce('p.roleTitle', eb.val(''))]), 'like', pat),
          eb(eb.fn('lower', [eb.fn.coalesce('p.headline', eb.val(''))]), 'like', pat),
        ]),
      );
    }
    return out;
  });
  return { label: `people whose role or headline mentions "${words.join(' ')}"`, id: null, people: ids, matched };
}

async function resolveTopic(db: Q, workspaceId: string, value: string): Promise<Resolved> {
  const base = () => db.selectFrom('topics').select(['id', 'name']).where('workspaceId', '=', workspaceId);
  let topics = await base().where('normalized', '=', fold(value)).execute();
  if (topics.length === 0) {
    topics = await base()
      .where('normalized', 'like', `%${escapeLike(fold(value))}%`)
      .orderBy('normalized')
      .limit(20)
      .execute();
  }
  if (topics.length === 0)
    return { label: `${value} (no such topic in your network)`, id: null, people: [], matched: 0 };
  const topicIds = topics.map((t) => t.id);
  const { ids, matched } = await livePeopleWhere(db, workspaceId, (q) =>
    q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('personTopics as pt')
          .select('pt.personId')
          .whereRef('pt.workspaceId', '=', 'p.workspaceId')
          .whereRef('pt.personId', '=', 'p.id')
          .where('pt.topicId', 'in', topicIds),
      ),
    ),
  );
  return {
    label: `people interested in ${topics
      .map((t) => t.name)
      .slice(0, 3)
      .join(', ')}`,
    id: null,
    people: ids,
    matched,
  };
}

async function resolvePerson(db: Q, workspaceId: string, id: string): Promise<Resolved> {
  const p = await db
    .selectFrom('people')
    .select(['id', 'fullName'])
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!p) return { label: `person ${id} (not in your network)`, id: null, people: [], matched: 0 };
  return { label: p.fullName, id: p.id, people: [p.id], matched: 1 };
}

export function pathsService({ db }: ServiceDeps) {
  const k = db.kysely;
  return {
    async find(actor: Actor, query: z.output<typeof PathQuery>): Promise<PathResult> {
      const target = parseTarget(query.to);
      const ws = actor.workspaceId;
      const r =
        target.kind === 'person'
          ? await resolvePerson(k, ws, target.value)
          : target.kind === 'org'
            ? await resolveOrg(k, ws, target.value)
            : target.kind === 'role'
              ? await resolveRole(k, ws, target.value)
              : await resolveTopic(k, ws, target.value);
      const result: PathResult = {
        target: { kind: target.kind, label: r.label, id: r.id, matchedPeople: r.matched },
        paths: [],
      };
      if (r.people.length === 0) return result;
      const graph = await loadSubgraph(k, ws, r.people, query.maxHops - 1);
      const paths = findWarmPaths(graph.people, graph.edges, r.people, { k: query.k, maxHops: query.maxHops });
      // Where the people in between work, read for the few on the answer only.
      const orgs = await organisationNames(k, ws, [...new Set(paths.flatMap((p) => p.hops.map((h) => h.person.id)))]);
      for (const p of paths) for (const h of p.hops) h.person.organisation = orgs.get(h.person.id) ?? null;
      result.paths = paths;
      return result;
    },
  };
}
