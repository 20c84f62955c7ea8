/**
 * The explored state graph, for drawing small scenarios: every distinct state as a node (its
 * BFS depth and parent, whether it ends a run and whether it breaks an invariant, a short
 * text of the state) and every transition as an edge labelled with the thread that stepped.
 * The explorer feeds a GraphRecorder as it goes; past `limit` states the recorder lets go of
 * what it has and the result only says the graph was too large.
 */
import { decodeState } from './decode';
import type { Model } from './model';
import type { StateSet } from './state-set';
import { T_PC, T_RES } from './layout';
import { RES_NAMES } from './constants';
import { invariantId, type InvariantId } from './violations';

/** Graphs are drawn up to this many states. */
export const STATE_GRAPH_LIMIT = 400;

export interface GraphNode {
  /** The state's index: its BFS discovery order, 0 for the initial state. */
  id: number;
  depth: number;
  /** BFS parent (−1 for the initial state): following parents gives a shortest schedule. */
  parent: number;
  /** The thread whose step led from `parent` here (−1 for the initial state). */
  via: number;
  /** The invariant this state breaks (deadlock included), or null. */
  violation: InvariantId | null;
  /** No step follows: every thread finished, a deadlock, or a violation stopped the run. */
  end: boolean;
  /** A few lines: the threads' positions, VMA refcounts, mm seq and locks. */
  label: string;
  /**
   * The state itself (stateKey): the stepper's state is this node exactly when its key is
   * this, whichever schedule reached it (with sleep sets the graph leaves out steps, not states).
   */
  key: string;
}

export interface GraphEdge {
  from: number;
  to: number;
  thread: number;
}

export type StateGraph =
  | {
      kind: 'graph';
      limit: number;
      nodes: GraphNode[];
      edges: GraphEdge[];
      /** Node ids from the initial state to the shortest counterexample's (empty: none). */
      path: number[];
    }
  | { kind: 'too-large'; limit: number; states: number };

export class GraphRecorder {
  /** from, to, thread triples; null once the states passed the limit. */
  private edges: number[] | null = [];
  private readonly seen = new Set<number>();
  private readonly violations = new Map<number, number>();
  private readonly ends = new Set<number>();

  constructor(
    readonly limit: number,
    private readonly nThreads: number,
  ) {}

  /** A transition (the same one may come again with sleep sets: a state expanded twice). */
  edge(from: number, to: number, thread: number): void {
    if (!this.edges) return;
    if (to >= this.limit) {
      this.edges = null;
      this.seen.clear();
      this.violations.clear();
      this.ends.clear();
      return;
    }
    const key = from * this.nThreads + thread;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.edges.push(from, to, thread);
  }

  /** State `idx` ends a run; `code` is the invariant it breaks (0: none). */
  end(idx: number, code: number): void {
    if (!this.edges) return;
    this.ends.add(idx);
    if (code) this.violations.set(idx, code);
  }

  finish(
    m: Model,
    set: StateSet,
    parent: Int32Array,
    via: Uint8Array,
    depth: Uint16Array,
    best: number,
  ): StateGraph {
    if (!this.edges || set.size > this.limit)
      return { kind: 'too-large', limit: this.limit, states: set.size };
    const buf = new ArrayBuffer(set.width);
    const s = new Uint8Array(buf);
    const s32 = new Uint32Array(buf);
    const nodes: GraphNode[] = [];
    for (let i = 0; i < set.size; i++) {
      set.get(i, s32);
      const code = this.violations.get(i) ?? 0;
      nodes.push({
        id: i,
        depth: depth[i]!,
        parent: parent[i]!,
        via: i === 0 ? -1 : via[i]!,
        violation: code ? invariantId(code) : null,
        end: this.ends.has(i),
        label: stateLabel(m, s),
        key: stateKey(s),
      });
    }
    const edges: GraphEdge[] = [];
    const e = this.edges;
    for (let k = 0; k < e.length; k += 3)
      edges.push({ from: e[k]!, to: e[k + 1]!, thread: e[k + 2]! });
    const path: number[] = [];
    for (let x = best; x >= 0; x = parent[x]!) path.push(x);
    path.reverse();
    return { kind: 'graph', limit: this.limit, nodes, edges, path };
  }
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** A model state as text (its bytes in hex): equal keys, equal states. */
export function stateKey(s: Uint8Array): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += HEX[s[i]!]!;
  return out;
}

/**
 * A state in a few lines, e.g.
 *   T0 vma_start_read: __refcount_inc_not_zero_limited_acquire()
 *   T1 done: ok
 *   VMA 0 [0, 2) mm 0: attached + 1 reader (2)
 *   mm 0: mm_lock_seq 1, mmap_lock T1 (write)
 */
export function stateLabel(m: Model, s: Uint8Array): string {
  const v = decodeState(m, s);
  const lines: string[] = [];
  m.scenario.threads.forEach((th, t) => {
    const tb = m.layout.threadBase[t]!;
    const pc = s[tb + T_PC]!;
    const label = m.labels[t]![pc];
    if (!label) {
      const res = th.ops.map((_, k) => RES_NAMES[s[tb + T_RES + k]!] ?? '?');
      lines.push(`T${t} done: ${res.join(', ')}`);
    } else lines.push(`T${t} ${label.fn}: ${label.line}`);
  });
  for (const o of v.vmas) {
    if (o.slab !== 'allocated') {
      lines.push(`VMA ${o.index}: ${o.slab === 'free' ? 'free' : 'freed, grace period pending'}`);
      continue;
    }
    const lock =
      m.gen === 'pre-6.15'
        ? `${o.detached ? 'detached' : 'attached'}, vm_lock ${o.vmLock.writer ? 'write-held' : `${o.vmLock.readers} readers`}`
        : o.refcountText;
    lines.push(
      `VMA ${o.index} [${o.vmStart}, ${o.vmEnd}) mm ${o.vmMm ?? '-'}: ${lock}${o.writeLocked ? ', write-locked' : ''}`,
    );
  }
  for (const w of v.mms) {
    const ml = w.mmapLock;
    const lock =
      ml.writer !== null ? `T${ml.writer} (write)` : ml.readers ? `${ml.readers} readers` : 'free';
    const ptl = w.ptlHolder !== null ? `, PTL T${w.ptlHolder}` : '';
    lines.push(
      `mm ${w.index}: mm_lock_seq ${w.mmLockSeq}, mmap_lock ${lock}${ptl}${w.freed ? ', freed' : ''}`,
    );
  }
  return lines.join('\n');
}
