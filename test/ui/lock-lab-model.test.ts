/**
 * The lock lab's pure view logic against real engine output: why a thread cannot step, the
 * state graph's layout, the listing grouped by kernel function, schedule runs, the herd7-style
 * verdict line and what the sleep sets save; and the solved levels' storage.
 */
import { describe, expect, it } from 'vitest';
import { compileModel, explore, findLevel, runSchedule } from '../../src/engine/vma-lock';
import {
  cannotStepReason,
  listingBlocks,
  porSaving,
  scheduleRuns,
  verdictLine,
  visitedPcs,
} from '../../src/ui/views/lock-lab/lab-model';
import {
  GRAPH_DY,
  layoutGraph,
  nodeOf,
  scheduleTo,
} from '../../src/ui/views/lock-lab/state-graph-layout';
import { loadSolved, saveSolved, SOLVED_KEY } from '../../src/ui/views/lock-lab/lab-progress';
import type { LabLine } from '../../src/worker/lab-protocol';

const model = compileModel(findLevel('correct')!.scenario);

describe('cannotStepReason', () => {
  it("words the engine's wait reason for a blocked thread", () => {
    // T0 holds a reference from vma_start_read when T1's vma_start_write has set the flag
    const r = runSchedule(model, [0, 0, 0, 0, 1, 1, 1]);
    const t1 = r.threads[1]!;
    expect(t1.blocked).toBe(true);
    expect(cannotStepReason(t1, false)).toBe(t1.wait!.text);
    expect(cannotStepReason(t1, false)).toContain('rcuwait_wait_event');
    expect(cannotStepReason(r.threads[0]!, false)).toBeNull();
    expect(cannotStepReason(r.threads[0]!, true)).toBe('the run stopped at a broken invariant');
  });

  it('says what a finished thread returned', () => {
    const th = {
      ...runSchedule(model, []).threads[0]!,
      done: true,
      enabled: false,
      results: ['ok'],
    };
    expect(cannotStepReason(th, false)).toBe('T0 has finished: ok');
  });
});

describe('state graph layout', () => {
  const r = explore(compileModel(findLevel('writer-no-wait')!.scenario), {
    por: true,
    graphLimit: 400,
  });
  if (r.kind !== 'verdict' || r.graph?.kind !== 'graph') throw new Error('no graph');
  const g = r.graph;
  const cx = r.counterexample!;

  it('puts each BFS layer on its own row, every state once, inside the box', () => {
    const l = layoutGraph(g);
    expect(l.nodes.length).toBe(g.nodes.length);
    expect(l.edges.length).toBe(g.edges.length);
    for (const p of l.nodes) {
      expect(p.y).toBe(14 + p.node.depth * GRAPH_DY);
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(l.width);
    }
    const at = new Set(l.nodes.map((p) => `${p.x},${p.y}`));
    expect(at.size).toBe(l.nodes.length);
    expect(l.nodes.filter((p) => p.onPath).length).toBe(cx.steps.length + 1);
    expect(l.edges.filter((e) => e.onPath).length).toBe(cx.steps.length);
    expect(l.edges.filter((e) => e.back).every((e) => e.d.includes('Q'))).toBe(true);
  });

  it('gives the schedule that reaches a state, and the state a schedule reaches', () => {
    const v = g.path[g.path.length - 1]!;
    expect(scheduleTo(g, v)).toEqual(cx.steps);
    expect(scheduleTo(g, 0)).toEqual([]);
    expect(nodeOf(g, cx.steps)).toBe(v);
    expect(nodeOf(g, [])).toBe(0);
    for (const n of g.nodes) expect(nodeOf(g, scheduleTo(g, n.id))).toBe(n.id);
    expect(nodeOf(g, [7])).toBeNull();
  });
});

describe('listingBlocks', () => {
  const line = (pc: number, fn: string, stack: string[], text = 'x', jump = false): LabLine => ({
    pc,
    fn,
    line: text,
    stack,
    opIndex: 0,
    jump,
  });
  it('groups consecutive lines of one function and leaves out bare jumps', () => {
    const blocks = listingBlocks([
      line(0, 'lock_vma_under_rcu', ['f']),
      line(1, 'lock_vma_under_rcu', ['f']),
      line(2, 'vma_start_read', ['f', 'lock_vma_under_rcu']),
      line(3, 'vma_start_read', ['f', 'lock_vma_under_rcu'], 'goto', true),
      line(4, 'lock_vma_under_rcu', ['f'], 'return', true),
    ]);
    expect(blocks.map((b) => [b.fn, b.depth, b.lines.map((l) => l.pc)])).toEqual([
      ['lock_vma_under_rcu', 1, [0, 1]],
      ['vma_start_read', 2, [2]],
      ['lock_vma_under_rcu', 1, [4]],
    ]);
  });
});

describe('schedule and explorer text', () => {
  it('groups a schedule in runs of one thread', () => {
    expect(scheduleRuns([0, 0, 0, 1, 1, 2, 0])).toEqual([
      [0, 3],
      [1, 2],
      [2, 1],
      [0, 1],
    ]);
    expect(scheduleRuns([])).toEqual([]);
  });

  it('marks the lines a thread stepped from', () => {
    expect([
      ...visitedPcs(
        [
          { thread: 0, pc: 0 },
          { thread: 1, pc: 0 },
          { thread: 0, pc: 1 },
        ],
        0,
      ),
    ]).toEqual([0, 1]);
  });

  it('words the verdict as herd7 does and counts what sleep sets save', () => {
    const withPor = explore(model, { por: true });
    const without = explore(model, { por: false });
    if (withPor.kind !== 'verdict' || without.kind !== 'verdict') throw new Error('no verdict');
    expect(verdictLine(withPor)).toBe(
      `States ${withPor.states}, Positive 0, Negative ${withPor.endStates}: Never`,
    );
    const saving = porSaving(withPor, without)!;
    expect(withPor.states).toBe(without.states);
    expect(saving.saved).toBe(without.transitions - withPor.transitions);
    expect(saving.saved).toBeGreaterThan(0);
    expect(porSaving(withPor, null)).toBeNull();
  });
});

describe('solved levels in storage', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
    };
  };
  it('round-trips, and reads junk or a refusing storage as nothing solved', () => {
    const s = memory();
    saveSolved(['correct', 'no-mm-check'], s);
    expect(loadSolved(s)).toEqual(['correct', 'no-mm-check']);
    s.setItem(SOLVED_KEY, '{not json');
    expect(loadSolved(s)).toEqual([]);
    s.setItem(SOLVED_KEY, '[1, "plain-inc", null]');
    expect(loadSolved(s)).toEqual(['plain-inc']);
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadSolved(refusing)).toEqual([]);
    expect(() => saveSolved(['x'], refusing)).not.toThrow();
    expect(loadSolved(null)).toEqual([]);
  });
});
