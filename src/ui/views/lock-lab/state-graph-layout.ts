/**
 * The explorer's state graph laid out in layers by BFS depth, the initial state on top: each
 * layer ordered by where its states' predecessors sit (one barycentre sweep), steps down a
 * layer drawn as S-curves, the retry loops that lead back up or sideways as arcs. Also the
 * schedule that reaches a node (its BFS parents), the node a schedule reaches, and where the
 * stepper is. Pure.
 */
import type { GraphNode, StateGraph } from '../../../engine/vma-lock';

export type DrawnGraph = Extract<StateGraph, { kind: 'graph' }>;

export const GRAPH_DX = 20;
export const GRAPH_DY = 24;
const PAD = 14;

export interface PlacedNode {
  node: GraphNode;
  x: number;
  y: number;
  onPath: boolean;
}

export interface PlacedEdge {
  from: number;
  to: number;
  thread: number;
  /** SVG path data. */
  d: string;
  onPath: boolean;
  /** Leads to a state at the same or a smaller depth (a retry loop). */
  back: boolean;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export function layoutGraph(g: DrawnGraph): GraphLayout {
  const layers: number[][] = [];
  for (const n of g.nodes) (layers[n.depth] ??= []).push(n.id);
  const preds = new Map<number, number[]>();
  for (const e of g.edges) {
    if (g.nodes[e.to]!.depth !== g.nodes[e.from]!.depth + 1) continue;
    const p = preds.get(e.to);
    if (p) p.push(e.from);
    else preds.set(e.to, [e.from]);
  }
  const order = new Map<number, number>();
  layers.forEach((layer, d) => {
    if (d > 0) {
      const bary = new Map<number, number>();
      for (const id of layer) {
        const ps = preds.get(id) ?? [];
        bary.set(id, ps.length ? ps.reduce((a, p) => a + order.get(p)!, 0) / ps.length : 0);
      }
      layer.sort((a, b) => bary.get(a)! - bary.get(b)! || a - b);
    }
    layer.forEach((id, k) => order.set(id, k));
  });
  const widest = Math.max(1, ...layers.map((l) => l.length));
  const width = 2 * PAD + (widest - 1) * GRAPH_DX;
  const height = 2 * PAD + (layers.length - 1) * GRAPH_DY;
  const onPath = new Set(g.path);
  const pathEdge = new Set<string>();
  for (let k = 1; k < g.path.length; k++) pathEdge.add(`${g.path[k - 1]}>${g.path[k]}`);
  const pos = new Map<number, { x: number; y: number }>();
  const nodes: PlacedNode[] = [];
  layers.forEach((layer, d) => {
    layer.forEach((id, k) => {
      const x = width / 2 + (k - (layer.length - 1) / 2) * GRAPH_DX;
      const y = PAD + d * GRAPH_DY;
      pos.set(id, { x, y });
      nodes.push({ node: g.nodes[id]!, x, y, onPath: onPath.has(id) });
    });
  });
  const edges = g.edges.map((e): PlacedEdge => {
    const a = pos.get(e.from)!;
    const b = pos.get(e.to)!;
    const back = g.nodes[e.to]!.depth <= g.nodes[e.from]!.depth;
    return {
      ...e,
      d: back ? arc(a, b) : sCurve(a, b),
      onPath: pathEdge.has(`${e.from}>${e.to}`),
      back,
    };
  });
  return { width, height, nodes, edges };
}

const f = (v: number) => Math.round(v * 10) / 10;

function sCurve(a: { x: number; y: number }, b: { x: number; y: number }): string {
  const m = (a.y + b.y) / 2;
  return `M${f(a.x)},${f(a.y)}C${f(a.x)},${f(m)} ${f(b.x)},${f(m)} ${f(b.x)},${f(b.y)}`;
}

/** A bow to the right of the straight line from a to b. */
function arc(a: { x: number; y: number }, b: { x: number; y: number }): string {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const bow = 8 + len * 0.25;
  const cx = (a.x + b.x) / 2 + (-dy / len) * bow;
  const cy = (a.y + b.y) / 2 + (dx / len) * bow;
  return `M${f(a.x)},${f(a.y)}Q${f(cx)},${f(cy)} ${f(b.x)},${f(b.y)}`;
}

/** The schedule that reaches node `id`: the thread of each step along its BFS parents. */
export function scheduleTo(g: DrawnGraph, id: number): number[] {
  const steps: number[] = [];
  for (let n = g.nodes[id]; n && n.parent >= 0; n = g.nodes[n.parent]) steps.push(n.via);
  return steps.reverse();
}

/** The node `schedule` ends on, following the graph's edges (null if it leaves the graph). */
export function nodeOf(g: DrawnGraph, schedule: readonly number[]): number | null {
  if (g.nodes.length === 0) return null;
  const next = new Map<string, number>();
  for (const e of g.edges) next.set(`${e.from}:${e.thread}`, e.to);
  let at = 0;
  for (const t of schedule) {
    const to = next.get(`${at}:${t}`);
    if (to === undefined) return null;
    at = to;
  }
  return at;
}

/** Where the stepper is in the graph. */
export interface CurrentNode {
  /** The node whose state is the stepper's (null: none is). */
  id: number | null;
  /**
   * The stepper's schedule follows drawn edges to it. With sleep sets it need not: the graph
   * has every state but leaves out steps that commute with ones already taken.
   */
  alongEdges: boolean;
}

/**
 * The node of the stepper's state: the one with its key (GraphNode.key, LabStep.stateKey),
 * else (no key known) the one its schedule reaches along the drawn edges.
 */
export function currentNode(
  g: DrawnGraph,
  schedule: readonly number[],
  stateKey: string | null | undefined,
): CurrentNode {
  const along = nodeOf(g, schedule);
  if (!stateKey) return { id: along, alongEdges: along !== null };
  const node = g.nodes.find((n) => n.key === stateKey);
  if (!node) return { id: null, alongEdges: false };
  return { id: node.id, alongEdges: along === node.id };
}
