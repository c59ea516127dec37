import Graph from 'graphology';
import type { GraphPerson, NetworkGraph } from '../../../../src/contract/network.js';
import type { PathResult } from '../../../../src/contract/paths.js';

/*
 * From the API's answer to a graphology graph with a first layout: every
 * cluster (organisation or tag) gets its own spot on a sunflower spiral, the
 * biggest near the middle, and its people a disc around it. ForceAtlas2 then
 * only has to relax this for a couple of seconds instead of untangling a
 * random cloud, which is what keeps 5,000 nodes readable and quick.
 */

export type ColourBy = 'organisation' | 'tag';

export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: 'you' | 'person' | 'organisation';
  /** Index into the palette when coloured by organisation / by tag; -1 for the shared grey. */
  orgColour: number;
  tagColour: number;
  fixed?: boolean;
  forceLabel?: boolean;
  zIndex?: number;
}

export interface EdgeAttrs {
  kind: string;
  type: 'line';
  edgeType: 'connection' | 'member' | 'you' | 'path';
  weight: number;
  size: number;
}

export interface Cluster {
  key: string;
  label: string;
  count: number;
  /** Index into the palette, or -1 for the shared grey. */
  colour: number;
}

const NO_CLUSTER = '';
/** Clusters this small share a quiet grey, so a map of loose acquaintances does not turn into confetti. */
const MIN_COLOURED = 2;

function clusterOf(p: GraphPerson, by: ColourBy): { key: string; label: string } {
  if (by === 'tag') {
    const t = p.tags[0];
    return t ? { key: `tag:${t.toLowerCase()}`, label: t } : { key: NO_CLUSTER, label: 'No tag' };
  }
  return p.organisationId && p.organisation
    ? { key: p.organisationId, label: p.organisation }
    : { key: NO_CLUSTER, label: 'No organisation' };
}

export function nodeSize(strength: number): number {
  return 2 + (Math.max(0, Math.min(100, strength)) / 100) * 8;
}

/** A deterministic jitter, so the same data always starts from the same picture. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

export interface Built {
  graph: Graph<NodeAttrs, EdgeAttrs>;
  clusters: Record<ColourBy, Cluster[]>;
}

function clustersBy(people: GraphPerson[], by: ColourBy) {
  const members = new Map<string, { label: string; people: GraphPerson[] }>();
  for (const p of people) {
    const { key, label } = clusterOf(p, by);
    const m = members.get(key) ?? { label, people: [] };
    m.people.push(p);
    members.set(key, m);
  }
  const ordered = [...members.entries()].sort(
    (a, b) => (a[0] === NO_CLUSTER ? 1 : 0) - (b[0] === NO_CLUSTER ? 1 : 0) || b[1].people.length - a[1].people.length,
  );
  const clusters: Cluster[] = [];
  // Colours cycle through the palette, biggest clusters first; neighbours on the spiral get different hues.
  let next = 0;
  for (const [key, m] of ordered) {
    const coloured = key !== NO_CLUSTER && m.people.length >= MIN_COLOURED;
    clusters.push({ key, label: m.label, count: m.people.length, colour: coloured ? next++ : -1 });
  }
  return { ordered, clusters, colourOf: new Map(clusters.map((k) => [k.key, k.colour])) };
}

/** Laid out by organisation whatever the colouring, so switching colours never moves anyone. */
export function buildGraph(data: NetworkGraph): Built {
  const graph = new Graph<NodeAttrs, EdgeAttrs>({ type: 'undirected', multi: false });
  const byOrg = clustersBy(data.people, 'organisation');
  const byTag = clustersBy(data.people, 'tag');
  const ordered = byOrg.ordered;

  // Sunflower placement of cluster centres, radius ~ sqrt(size) so discs do not overlap much.
  const golden = Math.PI * (3 - Math.sqrt(5));
  let placed = 0;
  const centre = new Map<string, { x: number; y: number; r: number }>();
  ordered.forEach(([key, m], i) => {
    const r = Math.sqrt(m.people.length) * 6;
    const dist = 40 + Math.sqrt(placed) * 9;
    const angle = i * golden;
    centre.set(key, { x: Math.cos(angle) * dist, y: Math.sin(angle) * dist, r });
    placed += m.people.length;
  });

  graph.addNode(data.you.id, {
    x: 0,
    y: 0,
    size: 14,
    color: '',
    label: 'You',
    kind: 'you',
    orgColour: -1,
    tagColour: -1,
    fixed: true,
    forceLabel: true,
    zIndex: 3,
  });
  for (const [key, m] of ordered) {
    const ctr = centre.get(key) ?? { x: 0, y: 0, r: 10 };
    for (const p of m.people) {
      const a = hash(p.id) * Math.PI * 2;
      const d = Math.sqrt(hash(`${p.id}r`)) * ctr.r;
      graph.addNode(p.id, {
        x: ctr.x + Math.cos(a) * d,
        y: ctr.y + Math.sin(a) * d,
        size: nodeSize(p.strength),
        color: '',
        label: p.label,
        kind: 'person',
        orgColour: byOrg.colourOf.get(key) ?? -1,
        tagColour: byTag.colourOf.get(clusterOf(p, 'tag').key) ?? -1,
      });
    }
  }
  const orgCentre = (id: string) => centre.get(id) ?? { x: 0, y: 0, r: 0 };
  data.organisations.forEach((o, i) => {
    const ctr = orgCentre(o.id);
    graph.addNode(o.id, {
      x: ctr.x + 0.5,
      y: ctr.y + 0.5,
      size: 3 + Math.min(7, Math.sqrt(o.members) * 1.1),
      color: '',
      label: o.label,
      kind: 'organisation',
      orgColour: byOrg.colourOf.get(o.id) ?? -1,
      tagColour: -1,
      forceLabel: i < 8,
      zIndex: 1,
    });
  });

  for (const e of data.edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target) || e.source === e.target) continue;
    const existing = graph.edge(e.source, e.target);
    if (existing) {
      // Several kinds between one pair: one line, as strong as the strongest.
      if (e.strength > graph.getEdgeAttribute(existing, 'weight')) {
        graph.mergeEdgeAttributes(existing, { weight: e.strength, size: edgeSize(e.type, e.strength), kind: e.kind });
      }
      continue;
    }
    graph.addEdge(e.source, e.target, {
      kind: e.kind,
      type: 'line',
      edgeType: e.type,
      // The layout's pull: members gather round their organisation, "you" barely pulls (everyone would
      // collapse into one ball round the middle), connections pull by strength.
      weight: e.type === 'member' ? 8 : e.type === 'you' ? 0.02 : e.strength / 3,
      size: edgeSize(e.type, e.strength),
    });
  }
  return { graph, clusters: { organisation: byOrg.clusters, tag: byTag.clusters } };
}

function edgeSize(type: string, strength: number): number {
  if (type === 'member') return 0.4;
  return 0.4 + strength * 0.25;
}

export interface PathHighlight {
  nodes: string[];
  /** Names of the people on the path, to draw the ones the current filters leave off the map. */
  labels: Record<string, string>;
  /** Pairs of consecutive nodes of the path. */
  links: [string, string][];
}

/** The node chain a warm path draws: you, each hop, and the organisation it ends at. */
export function pathChain(result: PathResult, index: number): PathHighlight {
  const path = result.paths[index];
  if (!path) return { nodes: [], labels: {}, links: [] };
  const nodes = ['you', ...path.hops.map((h) => h.person.id)];
  const labels: Record<string, string> = Object.fromEntries(path.hops.map((h) => [h.person.id, h.person.fullName]));
  if (result.target.kind === 'org' && result.target.id) {
    nodes.push(result.target.id);
    labels[result.target.id] = result.target.label;
  }
  const links: [string, string][] = [];
  for (let i = 1; i < nodes.length; i++) links.push([nodes[i - 1] as string, nodes[i] as string]);
  return { nodes, labels, links };
}
