/// <reference lib="webworker" />
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

/*
 * ForceAtlas2 off the main thread, for a bounded time: the map stays smooth
 * while it settles, and a 5,000-node network is laid out in a few seconds
 * (Barnes-Hut above 1,000 nodes). Positions go back every few iterations so
 * the picture moves as it settles; a "stop" message ends it early.
 */

export interface LayoutRequest {
  type: 'start';
  nodes: { key: string; x: number; y: number; size: number; fixed: boolean }[];
  edges: [string, string, number][];
  budgetMs: number;
}
export type LayoutMessage = LayoutRequest | { type: 'stop' };
export interface LayoutPositions {
  type: 'positions' | 'done';
  xs: Float32Array;
  ys: Float32Array;
  iterations: number;
}

const ctx = self as unknown as DedicatedWorkerGlobalScope;
let running = 0;

ctx.onmessage = (ev: MessageEvent<LayoutMessage>) => {
  const msg = ev.data;
  if (msg.type === 'stop') {
    running++;
    return;
  }
  const run = ++running;
  const graph = new Graph({ type: 'undirected', multi: false });
  for (const n of msg.nodes) graph.addNode(n.key, { x: n.x, y: n.y, size: n.size, fixed: n.fixed });
  for (const [s, t, w] of msg.edges) if (!graph.hasEdge(s, t)) graph.addEdge(s, t, { weight: w });
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: graph.order > 1000,
    // Low gravity and a slow cool-down relax the clustered start (see build-graph.ts) without
    // mixing it: members stay round their organisation (measured: a member's distance to it stays
    // near 5% of the distance between two random people, against 10% from LinLog).
    adjustSizes: false,
    gravity: 0.05,
    scalingRatio: 10,
    slowDown: 5,
    edgeWeightInfluence: 1,
  };
  const keys = msg.nodes.map((n) => n.key);
  const started = performance.now();
  let iterations = 0;
  const post = (type: LayoutPositions['type']) => {
    const xs = new Float32Array(keys.length);
    const ys = new Float32Array(keys.length);
    keys.forEach((k, i) => {
      xs[i] = graph.getNodeAttribute(k, 'x');
      ys[i] = graph.getNodeAttribute(k, 'y');
    });
    const out: LayoutPositions = { type, xs, ys, iterations };
    ctx.postMessage(out, [xs.buffer, ys.buffer]);
  };
  const step = () => {
    if (run !== running) return;
    const sliceStart = performance.now();
    // Iterate for ~120 ms, then hand the positions over and yield for a stop message.
    while (performance.now() - sliceStart < 120) {
      forceAtlas2.assign(graph, { iterations: 2, settings });
      iterations += 2;
    }
    if (performance.now() - started >= msg.budgetMs) {
      post('done');
      return;
    }
    post('positions');
    setTimeout(step, 0);
  };
  setTimeout(step, 0);
};
