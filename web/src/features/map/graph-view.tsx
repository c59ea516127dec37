import type Graph from 'graphology';
import { useEffect, useRef, useState } from 'react';
import Sigma from 'sigma';
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import type { ColourBy, EdgeAttrs, NodeAttrs, PathHighlight } from './build-graph';
import type { LayoutMessage, LayoutPositions } from './layout.worker';
import classes from './map.module.css';

/*
 * The sigma canvas. Sigma is created once per graph; what changes often
 * (hover, selection, the highlighted path, theme colours, colouring by
 * organisation or tag) lives in a ref the reducers read, followed by a cheap
 * refresh, so nothing is re-indexed and 5,000 nodes stay at 60 fps.
 */

export interface MapPalette {
  clusters: string[];
  other: string;
  you: string;
  organisation: string;
  edge: string;
  edgeYou: string;
  dim: string;
  dimEdge: string;
  path: string;
  label: string;
  selected: string;
}

export type MapZoom = 'in' | 'out' | 'fit';

export interface HoverInfo {
  node: string;
  x: number;
  y: number;
}

interface Props {
  graph: Graph<NodeAttrs, EdgeAttrs>;
  palette: MapPalette;
  colourBy: ColourBy;
  highlight: PathHighlight | null;
  selected: string | null;
  /** Changes (a new object) each time the camera should fly to a node. */
  focus: { node: string } | null;
  onSelect(node: string | null): void;
  onHover(h: HoverInfo | null): void;
  fontFamily: string;
}

interface ViewState {
  palette: MapPalette;
  colourBy: ColourBy;
  highlightNodes: Set<string>;
  highlightEdges: Set<string>;
  selected: string | null;
  hovered: string | null;
  neighbours: Set<string>;
  /** Node sizes are screen pixels: a phone-sized canvas draws them smaller so clusters stay apart. */
  scale: number;
}

const LAYOUT_BUDGET_MS = (order: number) => Math.min(4500, 1200 + order * 0.7);

export function GraphView({
  graph,
  palette,
  colourBy,
  highlight,
  selected,
  focus,
  onSelect,
  onHover,
  fontFamily,
}: Props) {
  const container = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma<NodeAttrs, EdgeAttrs> | null>(null);
  const state = useRef<ViewState>({
    palette,
    colourBy,
    highlightNodes: new Set(),
    highlightEdges: new Set(),
    selected,
    hovered: null,
    neighbours: new Set(),
    scale: 1,
  });
  const handlers = useRef({ onSelect, onHover });
  handlers.current = { onSelect, onHover };
  const [layout, setLayout] = useState<'settling' | 'done'>('settling');
  const [highlighted, setHighlighted] = useState('');

  // Sigma and the layout worker, once per graph.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const st = state.current;
    st.scale = Math.min(1, Math.max(0.45, el.clientWidth / 900));
    const colourOf = (d: NodeAttrs): string => {
      if (d.kind === 'you') return st.palette.you;
      if (d.kind === 'organisation') return st.palette.organisation;
      const i = st.colourBy === 'tag' ? d.tagColour : d.orgColour;
      return i < 0 ? st.palette.other : (st.palette.clusters[i % st.palette.clusters.length] ?? st.palette.other);
    };
    const sigma = new Sigma<NodeAttrs, EdgeAttrs>(graph, el, {
      zIndex: true,
      labelFont: fontFamily,
      labelSize: 12,
      labelWeight: '500',
      labelColor: { color: st.palette.label },
      labelRenderedSizeThreshold: 10,
      labelDensity: 0.35,
      labelGridCellSize: 90,
      defaultEdgeType: 'line',
      hideEdgesOnMove: graph.size > 8000,
      hideLabelsOnMove: graph.order > 2000,
      minCameraRatio: 0.03,
      maxCameraRatio: 3,
      stagePadding: 24,
      // The tooltip is ours (name and one line), and labels are drawn by the label layer: no hover box.
      defaultDrawNodeHover: () => {},
      nodeReducer: (node, d) => {
        const s = state.current;
        const res: Partial<NodeDisplayData> = {
          ...d,
          color: colourOf(d),
          size: d.size * s.scale,
          forceLabel: d.forceLabel === true && (s.scale > 0.7 || d.kind === 'you'),
        };
        if (s.highlightNodes.size > 0) {
          if (s.highlightNodes.has(node)) {
            res.color = d.kind === 'person' ? s.palette.path : res.color;
            res.highlighted = true;
            res.forceLabel = true;
            res.zIndex = 10;
            res.size = Math.max(d.size, 7) * 1.25 * s.scale;
          } else {
            res.color = s.palette.dim;
            res.label = null;
            res.zIndex = 0;
          }
          return res;
        }
        const focusNode = s.hovered ?? s.selected;
        if (focusNode) {
          if (node === focusNode) {
            res.highlighted = true;
            res.forceLabel = true;
            res.zIndex = 10;
          } else if (s.neighbours.has(node)) {
            res.forceLabel = s.neighbours.size < 40;
            res.zIndex = 5;
          } else {
            res.color = s.palette.dim;
            res.label = null;
            res.zIndex = 0;
          }
        }
        if (node === s.selected) res.highlighted = true;
        return res;
      },
      edgeReducer: (edge, d) => {
        const s = state.current;
        const res: Partial<EdgeDisplayData> = {
          ...d,
          color: d.edgeType === 'you' ? s.palette.edgeYou : s.palette.edge,
        };
        if (s.highlightNodes.size > 0) {
          if (s.highlightEdges.has(edge)) {
            res.color = s.palette.path;
            res.size = 3.5;
            res.zIndex = 10;
          } else res.hidden = true;
          return res;
        }
        const focusNode = s.hovered ?? s.selected;
        if (focusNode) {
          const [a, b] = graph.extremities(edge);
          if (a === focusNode || b === focusNode) {
            res.color = s.palette.selected;
            res.size = Math.max(d.size, 1.2);
            res.zIndex = 5;
          } else res.hidden = true;
        }
        return res;
      },
    });
    sigmaRef.current = sigma;

    const neighboursOf = (n: string | null) => new Set(n && graph.hasNode(n) ? graph.neighbors(n) : []);
    sigma.on('enterNode', ({ node, event }) => {
      state.current.hovered = node;
      state.current.neighbours = neighboursOf(node);
      el.style.cursor = 'pointer';
      handlers.current.onHover({ node, x: event.x, y: event.y });
      sigma.refresh({ skipIndexation: true });
    });
    sigma.on('leaveNode', () => {
      state.current.hovered = null;
      state.current.neighbours = neighboursOf(state.current.selected);
      el.style.cursor = '';
      handlers.current.onHover(null);
      sigma.refresh({ skipIndexation: true });
    });
    sigma.on('clickNode', ({ node }) => handlers.current.onSelect(node));
    sigma.on('clickStage', () => handlers.current.onSelect(null));
    const onZoom = (e: Event) => {
      const camera = sigma.getCamera();
      const what = (e as CustomEvent<MapZoom>).detail;
      if (what === 'in') camera.animatedZoom({ duration: 250 });
      else if (what === 'out') camera.animatedUnzoom({ duration: 250 });
      else camera.animatedReset({ duration: 400 });
    };
    window.addEventListener('tend:map-zoom', onZoom);

    // Layout: ForceAtlas2 in a worker for a bounded time, positions streamed back.
    setLayout('settling');
    const keys = graph.nodes();
    const index = new Map(keys.map((k, i) => [k, i]));
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<LayoutPositions>) => {
      const { xs, ys } = ev.data;
      graph.updateEachNodeAttributes(
        (key, attrs) => {
          const i = index.get(key);
          if (i === undefined) return attrs;
          attrs.x = xs[i] ?? attrs.x;
          attrs.y = ys[i] ?? attrs.y;
          return attrs;
        },
        { attributes: ['x', 'y'] },
      );
      if (ev.data.type === 'done') {
        setLayout('done');
        worker.terminate();
      }
    };
    const start: LayoutMessage = {
      type: 'start',
      nodes: keys.map((k) => {
        const a = graph.getNodeAttributes(k);
        return { key: k, x: a.x, y: a.y, size: a.size, fixed: a.fixed === true };
      }),
      edges: graph.mapEdges((_e, a, s, t) => [s, t, a.weight] as [string, string, number]),
      budgetMs: LAYOUT_BUDGET_MS(graph.order),
    };
    worker.postMessage(start);

    return () => {
      window.removeEventListener('tend:map-zoom', onZoom);
      worker.terminate();
      sigma.kill();
      sigmaRef.current = null;
    };
  }, [graph, fontFamily]);

  // Theme and colouring: the reducers read them; a refresh repaints.
  useEffect(() => {
    state.current.palette = palette;
    state.current.colourBy = colourBy;
    const sigma = sigmaRef.current;
    if (!sigma) return;
    sigma.setSetting('labelColor', { color: palette.label });
    sigma.refresh({ skipIndexation: true });
  }, [palette, colourBy]);

  // Selection.
  useEffect(() => {
    state.current.selected = selected;
    state.current.neighbours = new Set(
      (state.current.hovered ?? selected)
        ? graph.hasNode(state.current.hovered ?? selected ?? '')
          ? graph.neighbors(state.current.hovered ?? selected ?? '')
          : []
        : [],
    );
    sigmaRef.current?.refresh({ skipIndexation: true });
  }, [selected, graph]);

  // The highlighted path: draws people and links the current filters leave out, then frames the path.
  useEffect(() => {
    const sigma = sigmaRef.current;
    const added: { nodes: string[]; edges: string[] } = { nodes: [], edges: [] };
    const nodes = new Set<string>();
    const edges = new Set<string>();
    if (highlight && highlight.nodes.length > 0) {
      highlight.nodes.forEach((n, i) => {
        if (!graph.hasNode(n)) {
          const prev = graph.hasNode(highlight.nodes[i - 1] ?? '')
            ? graph.getNodeAttributes(highlight.nodes[i - 1] ?? '')
            : { x: 0, y: 0 };
          graph.addNode(n, {
            x: prev.x + 8 + i,
            y: prev.y + 6,
            size: 7,
            color: '',
            label: highlight.labels[n] ?? '',
            kind: 'person',
            orgColour: -1,
            tagColour: -1,
          });
          added.nodes.push(n);
        }
        nodes.add(n);
      });
      for (const [a, b] of highlight.links) {
        let e = graph.edge(a, b);
        if (!e) {
          e = graph.addEdge(a, b, { kind: 'path', type: 'line', edgeType: 'path', weight: 1, size: 1 });
          added.edges.push(e);
        }
        edges.add(e);
      }
    }
    state.current.highlightNodes = nodes;
    state.current.highlightEdges = edges;
    setHighlighted(highlight ? highlight.nodes.filter((n) => graph.hasNode(n)).join(' ') : '');
    if (sigma) {
      sigma.refresh();
      if (nodes.size > 0) frame(sigma, [...nodes]);
    }
    return () => {
      for (const e of added.edges) if (graph.hasEdge(e)) graph.dropEdge(e);
      for (const n of added.nodes) if (graph.hasNode(n)) graph.dropNode(n);
    };
  }, [highlight, graph]);

  // Fly to a node found with the search box.
  useEffect(() => {
    const sigma = sigmaRef.current;
    if (!sigma || !focus) return;
    const d = sigma.getNodeDisplayData(focus.node);
    if (d) sigma.getCamera().animate({ x: d.x, y: d.y, ratio: 0.18 }, { duration: 600 });
  }, [focus]);

  let people = 0;
  graph.forEachNode((_n, a) => {
    if (a.kind === 'person') people++;
  });

  return (
    <div
      ref={container}
      className={classes.canvas}
      data-testid="network-map"
      data-nodes={graph.order}
      data-people={people}
      data-layout={layout}
      data-highlighted={highlighted}
      aria-label={`Network map of ${people} people`}
      role="img"
    />
  );
}

/** Moves the camera so every node of the path is in view. */
function frame(sigma: Sigma<NodeAttrs, EdgeAttrs>, nodes: string[]) {
  const pts = nodes.map((n) => sigma.getNodeDisplayData(n)).filter((d): d is NodeDisplayData => !!d);
  if (pts.length === 0) return;
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Close enough to read the names, far enough to see where the path sits in the network.
  const ratio = Math.min(1.2, Math.max(0.4, Math.max(maxX - minX, maxY - minY) * 2.4));
  sigma.getCamera().animate({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio }, { duration: 600 });
}
