/*
 * Warm introduction paths: from you, through people you know, to a target.
 *
 * The graph has two kinds of edges:
 *   - you → person, weighted by how well you know them: the larger of their
 *     relationship strength (0–100, /100) and a floor for their circle;
 *   - person ↔ person (a connection), weighted by its strength (1–5, /5) times a
 *     factor for its kind (family and worked-with say more than "knows").
 * Every weight is in (0, 1], and a path's score is the product of its hop
 * weights, so a longer path is never warmer than its prefix. That makes a
 * best-first search over partial paths enumerate complete paths in order of
 * score; an exact bound on the best completion from each node (a backward pass,
 * layer by layer up to the hop limit) keeps it from expanding anything that
 * cannot reach a target. Paths are simple (nobody twice) and end at the first
 * target they reach (a path through one Stripe person to another is never
 * better than asking the first one).
 *
 * Distinct paths: two paths with the same intermediate people (in order) are
 * the same introduction, whichever target they end at; only the best is kept.
 * A path with no intermediate (you know the target) is keyed by the target.
 * Direction of reports_to does not matter for reaching someone.
 */

export type Circle = 'inner' | 'close' | 'wider' | 'loose' | 'none';

export interface GraphPerson {
  id: string;
  fullName: string;
  photoUrl: string | null;
  headline: string | null;
  organisation: string | null;
  role: string | null;
  circle: Circle;
  /** Relationship strength score, 0–100 (your edge to them). */
  strength: number;
}

export interface GraphEdge {
  a: string;
  b: string;
  /** A connection kind, or 'met_together' for edges derived from shared interactions or events. */
  kind: string;
  /** 1 (barely) … 5 (very close). */
  strength: number;
  /** For reports_to: who reports (the other one is the manager). */
  fromId?: string | null;
  /** How many interactions and events they shared (co-participation edges). */
  shared?: number;
}

export interface PathHopOut {
  person: Omit<GraphPerson, 'circle' | 'strength'>;
  via: { kind: string; strength: number; label: string };
}

export interface PathOut {
  score: number;
  hops: PathHopOut[];
  explanation: string;
}

export interface PathOptions {
  k: number;
  /** Most people on a path, the target included. */
  maxHops: number;
  /** Safety valve on dense graphs: most partial paths taken off the queue. */
  maxExpansions?: number;
}

/** Below this you do not really know someone: no "you" edge. */
export const MIN_YOU_WEIGHT = 0.05;

/** How well the circle you put someone in says you know them, when the score is lower. */
export const CIRCLE_FLOOR: Record<Circle, number> = {
  inner: 0.85,
  close: 0.65,
  wider: 0.4,
  loose: 0.2,
  none: 0,
};

/** How much a kind of tie says, beyond its 1–5 strength. */
export const KIND_FACTOR: Record<string, number> = {
  family: 1,
  worked_with: 0.95,
  reports_to: 0.95,
  introduced: 0.85,
  knows: 0.85,
  met_together: 0.75,
};

const CIRCLE_WORDS: Record<Circle, string> = {
  inner: 'inner circle',
  close: 'close',
  wider: 'wider circle',
  loose: 'loose tie',
  none: 'no circle',
};

export function youWeight(p: Pick<GraphPerson, 'circle' | 'strength'>): number {
  const w = Math.max(CIRCLE_FLOOR[p.circle] ?? 0, Math.min(100, Math.max(0, p.strength)) / 100);
  return w >= MIN_YOU_WEIGHT ? w : 0;
}

export function edgeWeight(e: Pick<GraphEdge, 'kind' | 'strength'>): number {
  const s = Math.min(5, Math.max(1, e.strength)) / 5;
  return s * (KIND_FACTOR[e.kind] ?? KIND_FACTOR.knows ?? 0.85);
}

/** The score in words, for people rather than numbers. */
export function scoreWords(score: number): string {
  if (score >= 0.6) return 'very warm';
  if (score >= 0.35) return 'warm';
  if (score >= 0.15) return 'lukewarm';
  return 'cold';
}

interface Link {
  to: string;
  w: number;
  edge: GraphEdge;
}

/** Undirected adjacency; between two people only the strongest tie counts. */
function adjacency(edges: readonly GraphEdge[], people: ReadonlyMap<string, GraphPerson>): Map<string, Link[]> {
  const best = new Map<string, Link & { from: string }>();
  for (const e of edges) {
    if (e.a === e.b || !people.has(e.a) || !people.has(e.b)) continue;
    const w = edgeWeight(e);
    if (!(w > 0)) continue;
    const key = e.a < e.b ? `${e.a}|${e.b}` : `${e.b}|${e.a}`;
    const old = best.get(key);
    if (!old || w > old.w || (w === old.w && e.kind < old.edge.kind)) best.set(key, { from: e.a, to: e.b, w, edge: e });
  }
  const adj = new Map<string, Link[]>();
  const add = (from: string, l: Link) => {
    const list = adj.get(from);
    if (list) list.push(l);
    else adj.set(from, [l]);
  };
  for (const l of best.values()) {
    add(l.from, { to: l.to, w: l.w, edge: l.edge });
    add(l.to, { to: l.from, w: l.w, edge: l.edge });
  }
  return adj;
}

/** A binary max-heap on (f, then tie key ascending), so equal scores come out in a stable order. */
class Heap<T extends { f: number; tie: string }> {
  private a: T[] = [];
  get size() {
    return this.a.length;
  }
  private better(x: T, y: T) {
    return x.f > y.f || (x.f === y.f && x.tie < y.tie);
  }
  push(v: T) {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(a[i] as T, a[p] as T)) break;
      [a[i], a[p]] = [a[p] as T, a[i] as T];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.better(a[l] as T, a[m] as T)) m = l;
        if (r < a.length && this.better(a[r] as T, a[m] as T)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as T, a[i] as T];
        i = m;
      }
    }
    return top;
  }
}

interface Partial {
  f: number;
  g: number;
  tie: string;
  nodes: string[];
  links: (Link | null)[];
}

/**
 * The best `k` distinct warm paths from you to any of `targets`, best first.
 * `people` must hold every person an edge names (others are ignored).
 */
export function findWarmPaths(
  people: ReadonlyMap<string, GraphPerson>,
  edges: readonly GraphEdge[],
  targets: Iterable<string>,
  opts: PathOptions,
): PathOut[] {
  const k = Math.max(0, Math.floor(opts.k));
  const maxHops = Math.max(1, Math.floor(opts.maxHops));
  const targetSet = new Set([...targets].filter((t) => people.has(t)));
  if (k === 0 || targetSet.size === 0) return [];
  const adj = adjacency(edges, people);

  // bound[r].get(v): the best product from v to a target using at most r more
  // edges, through non-target people (v itself a target: 1).
  const bound: Map<string, number>[] = [new Map([...targetSet].map((t) => [t, 1]))];
  for (let r = 1; r < maxHops; r++) {
    const prev = bound[r - 1] as Map<string, number>;
    const next = new Map(prev);
    for (const [u, hu] of prev) {
      for (const l of adj.get(u) ?? []) {
        if (targetSet.has(l.to)) continue;
        const v = hu * l.w;
        if (v > (next.get(l.to) ?? 0)) next.set(l.to, v);
      }
    }
    bound.push(next);
  }
  const reach = (v: string, r: number) => bound[Math.min(r, maxHops - 1)]?.get(v) ?? 0;
  const nameOf = (id: string) => people.get(id)?.fullName ?? id;

  const heap = new Heap<Partial>();
  for (const [id, p] of people) {
    const w = youWeight(p);
    if (w === 0) continue;
    const h = reach(id, maxHops - 1);
    if (h === 0) continue;
    heap.push({ f: w * h, g: w, tie: `${nameOf(id)}\u0000${id}`, nodes: [id], links: [null] });
  }

  const out: PathOut[] = [];
  const seen = new Set<string>();
  const limit = opts.maxExpansions ?? 200_000;
  let pops = 0;
  while (heap.size > 0 && out.length < k && pops < limit) {
    const cur = heap.pop() as Partial;
    pops++;
    const last = cur.nodes[cur.nodes.length - 1] as string;
    if (targetSet.has(last)) {
      const key = cur.nodes.length === 1 ? `direct:${last}` : cur.nodes.slice(0, -1).join('>');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(present(people, cur));
      continue;
    }
    const left = maxHops - cur.nodes.length; // edges still allowed after this one
    if (left <= 0) continue;
    for (const l of adj.get(last) ?? []) {
      if (cur.nodes.includes(l.to)) continue;
      const h = reach(l.to, left - 1);
      if (h === 0) continue;
      const g = cur.g * l.w;
      heap.push({
        f: g * h,
        g,
        tie: `${cur.tie}\u0001${nameOf(l.to)}\u0000${l.to}`,
        nodes: [...cur.nodes, l.to],
        links: [...cur.links, l],
      });
    }
  }
  return out;
}

function round(n: number, digits = 4) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function publicPerson(p: GraphPerson): PathHopOut['person'] {
  return {
    id: p.id,
    fullName: p.fullName,
    photoUrl: p.photoUrl,
    headline: p.headline,
    organisation: p.organisation,
    role: p.role,
  };
}

function youLabel(p: GraphPerson): string {
  const strength = Math.round(p.strength);
  if (p.circle === 'none') return `strength ${strength}`;
  const circle = CIRCLE_WORDS[p.circle] ?? p.circle;
  return strength > 0 ? `${circle}, strength ${strength}` : circle;
}

function tieLabel(e: GraphEdge): string {
  if (e.kind === 'met_together') {
    const n = e.shared ?? 1;
    return n === 1 ? 'met together once' : `met together ${n} times`;
  }
  const words: Record<string, string> = {
    knows: 'knows',
    worked_with: 'worked with',
    introduced: 'introduced',
    family: 'family',
    reports_to: 'reports to',
  };
  return `${words[e.kind] ?? e.kind.replace(/_/g, ' ')}, strength ${e.strength}/5`;
}

/** How `from` is tied to `to`, as the middle of "X <verb> Y". */
function verb(e: GraphEdge, from: string): string {
  switch (e.kind) {
    case 'worked_with':
      return 'worked with';
    case 'family':
      return 'is family of';
    case 'introduced':
      return 'was introduced to';
    case 'reports_to':
      return e.fromId === from ? 'reports to' : 'manages';
    case 'met_together':
      return (e.shared ?? 1) > 1 ? 'has met several times with' : 'has met';
    default:
      return 'knows';
  }
}

/** "Raj Patel, Engineer at Stripe" / "Raj Patel (Stripe)" / "Raj Patel". */
export function describePerson(p: Pick<GraphPerson, 'fullName' | 'organisation' | 'role' | 'headline'>): string {
  if (p.role && p.organisation) return `${p.fullName}, ${p.role} at ${p.organisation}`;
  if (p.organisation) return `${p.fullName} (${p.organisation})`;
  if (p.role) return `${p.fullName}, ${p.role}`;
  if (p.headline) return `${p.fullName}, ${p.headline}`;
  return p.fullName;
}

function present(people: ReadonlyMap<string, GraphPerson>, path: Partial): PathOut {
  const ps = path.nodes.map((id) => people.get(id) as GraphPerson);
  const hops: PathHopOut[] = ps.map((p, i) => {
    const l = path.links[i];
    if (!l) return { person: publicPerson(p), via: { kind: 'you', strength: round(youWeight(p)), label: youLabel(p) } };
    return { person: publicPerson(p), via: { kind: l.edge.kind, strength: round(l.w), label: tieLabel(l.edge) } };
  });
  const first = ps[0] as GraphPerson;
  const target = ps[ps.length - 1] as GraphPerson;
  let explanation: string;
  if (ps.length === 1) {
    explanation = `You know ${describePerson(target)} yourself (${youLabel(first)}): reach out directly.`;
  } else {
    const chain = ps
      .slice(1)
      .map((p, i) => {
        const l = path.links[i + 1] as Link;
        const prev = ps[i] as GraphPerson;
        const who = i === ps.length - 2 ? describePerson(p) : p.fullName;
        return `${i === 0 ? 'who' : ', who'} ${verb(l.edge, prev.id)} ${who}`;
      })
      .join('');
    explanation = `Ask ${first.fullName} (${youLabel(first)}), ${chain}.`;
  }
  return { score: round(path.g), hops, explanation };
}

/** People in one interaction, or met at one event, above which sharing it says nothing about knowing each other. */
export const CO_PARTICIPATION_LIMITS = { interactionPeople: 12, eventPeople: 40 } as const;

/**
 * The strength (1–5) of a tie known only from shared interactions and events:
 * 1 for one, 2 from two, 3 from four, 4 from eight; never 5, which is for ties
 * you vouch for yourself.
 */
export function coParticipationStrength(shared: number): number {
  if (shared <= 0) return 0;
  return Math.min(4, 1 + Math.floor(Math.log2(shared)));
}
