/**
 * The explorer's state graph: for the small levels, without POR, one node per state and one
 * edge per transition; end and violation nodes as counted by the verdict; the path to the
 * shortest counterexample is as long as it, and its BFS parents give its schedule. Larger
 * explorations only say the graph was too large.
 */
import { describe, expect, it } from 'vitest';
import {
  compileModel,
  explore,
  findLevel,
  runSchedule,
  STATE_GRAPH_LIMIT,
  type ExploreResult,
  type StateGraph,
} from '../../src/engine/vma-lock';

type Drawn = Extract<StateGraph, { kind: 'graph' }>;

function run(id: string, por: boolean, graphLimit = STATE_GRAPH_LIMIT): ExploreResult {
  const r = explore(compileModel(findLevel(id)!.scenario), { por, graphLimit });
  if (r.kind !== 'verdict') throw new Error(r.kind);
  return r;
}

function drawn(r: ExploreResult): Drawn {
  if (r.graph?.kind !== 'graph') throw new Error(`no graph: ${JSON.stringify(r.graph)}`);
  return r.graph;
}

/** The schedule to node `id` along BFS parents. */
function schedule(g: Drawn, id: number): number[] {
  const out: number[] = [];
  for (let n = g.nodes[id]; n && n.parent >= 0; n = g.nodes[n.parent]) out.push(n.via);
  return out.reverse();
}

describe('state graph', () => {
  for (const id of ['writer-no-wait', 'plain-inc', 'uffd-move-no-pin-recheck']) {
    it(`${id}: without POR, nodes and edges are the explorer's states and transitions`, () => {
      const r = run(id, false);
      const g = drawn(r);
      expect(g.nodes.length).toBe(r.states);
      expect(g.edges.length).toBe(r.transitions);
      expect(g.nodes.map((n) => n.id)).toEqual(g.nodes.map((_, i) => i));
      expect(g.nodes.filter((n) => n.end).length).toBe(r.endStates);
      expect(g.nodes.filter((n) => n.violation).length).toBe(r.positive);
      // every edge joins two known states, and the step's thread leads to one state only
      const keys = new Set(g.edges.map((e) => `${e.from}:${e.thread}`));
      expect(keys.size).toBe(g.edges.length);
      for (const e of g.edges) {
        expect(g.nodes[e.from]).toBeDefined();
        expect(g.nodes[e.to]).toBeDefined();
      }
      // BFS depth: a parent is one step up, and no state is reached in fewer steps
      for (const n of g.nodes.slice(1)) expect(g.nodes[n.parent]!.depth).toBe(n.depth - 1);
      for (const e of g.edges)
        expect(g.nodes[e.to]!.depth).toBeLessThanOrEqual(g.nodes[e.from]!.depth + 1);
    });
  }

  it('the BFS path to the violation is the shortest counterexample', () => {
    for (const por of [false, true]) {
      const r = run('writer-no-wait', por);
      const g = drawn(r);
      const cx = r.counterexample!;
      expect(g.path.length - 1).toBe(cx.steps.length);
      const last = g.nodes[g.path[g.path.length - 1]!]!;
      expect(last.violation).toBe(cx.invariant);
      expect(last.end).toBe(true);
      expect(last.depth).toBe(cx.steps.length);
      expect(g.path[0]).toBe(0);
      expect(schedule(g, last.id)).toEqual(cx.steps);
      // and replaying any node's parent schedule in the stepper ends at that node's verdict
      const m = compileModel(findLevel('writer-no-wait')!.scenario);
      for (const n of g.nodes.filter((x) => x.violation)) {
        const replay = runSchedule(m, schedule(g, n.id));
        expect(replay.violation?.invariant).toBe(n.violation);
      }
    }
  });

  it('with sleep sets: the same states, each step once', () => {
    const full = drawn(run('plain-inc', false));
    const por = run('plain-inc', true);
    const g = drawn(por);
    expect(g.nodes.length).toBe(full.nodes.length);
    expect(g.edges.length).toBeLessThanOrEqual(por.transitions);
    expect(g.edges.length).toBeLessThan(full.edges.length);
  });

  it('labels a state with the threads, the decoded refcount and mm_lock_seq', () => {
    const g = drawn(run('writer-no-wait', false));
    expect(g.nodes[0]!.label).toMatch(
      /^T0 .*\nT1 .*\nVMA 0 \[0, 1\) mm 0: attached, no readers \(1\)\nmm 0: mm_lock_seq 0, mmap_lock free$/,
    );
    const last = g.nodes[g.path[g.path.length - 1]!]!;
    expect(last.label).toContain('writer excluding readers');
    expect(last.label).toContain('write-locked');
  });

  it('a correct scenario has no path; a large one is only said to be too large', () => {
    const ok = drawn(run('uffd-move-pinned', false));
    expect(ok.path).toEqual([]);
    expect(ok.nodes.some((n) => n.violation)).toBe(false);
    const big = run('correct', true);
    expect(big.graph).toEqual({ kind: 'too-large', limit: STATE_GRAPH_LIMIT, states: big.states });
    const small = run('writer-no-wait', false, 50);
    expect(small.graph).toEqual({ kind: 'too-large', limit: 50, states: small.states });
    expect(run('writer-no-wait', false, 0).graph).toBeUndefined();
  });
});
