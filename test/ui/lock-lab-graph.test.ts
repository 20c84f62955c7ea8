/**
 * The state graph's view logic: where the stepper is (by its state, also where the sleep sets
 * left out the steps that led there), and the keyboard's zoom and pan as transforms.
 */
import { describe, expect, it } from 'vitest';
import {
  compileModel,
  explore,
  findLevel,
  runSchedule,
  stateKey,
  type Model,
} from '../../src/engine/vma-lock';
import {
  applyZoomAction,
  constrain,
  GRAPH_SCALE_EXTENT,
  IDENTITY,
  PAN_SHARE,
  ZOOM_STEP,
  zoomKeyAction,
  zoomPercent,
  type ZoomXf,
} from '../../src/ui/views/lock-lab/graph-zoom';
import {
  currentNode,
  nodeOf,
  scheduleTo,
  type DrawnGraph,
} from '../../src/ui/views/lock-lab/state-graph-layout';

function graphOf(m: Model, por: boolean): DrawnGraph {
  const r = explore(m, { por, graphLimit: 400 });
  if (r.kind !== 'verdict' || r.graph?.kind !== 'graph') throw new Error('no graph');
  return r.graph;
}

/** Random schedules: from the start, a random enabled thread at each step, until none is. */
function* walks(m: Model, n: number): Generator<number[]> {
  let x = 12345;
  for (let w = 0; w < n; w++) {
    const schedule: number[] = [];
    for (;;) {
      const r = runSchedule(m, schedule);
      const can = r.threads.filter((t) => t.enabled).map((t) => t.index);
      if (r.violation || can.length === 0) break;
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      schedule.push(can[(x >>> 16) % can.length]!);
    }
    yield schedule;
  }
}

describe('where the stepper is in the state graph', () => {
  const m = compileModel(findLevel('writer-no-wait')!.scenario);
  const full = graphOf(m, false);
  const reduced = graphOf(m, true);

  it("a node's key is the state its BFS schedule reaches in the stepper", () => {
    for (const g of [full, reduced])
      for (const n of g.nodes)
        expect(stateKey(runSchedule(m, scheduleTo(g, n.id)).state)).toBe(n.key);
    expect(new Set(full.nodes.map((n) => n.key)).size).toBe(full.nodes.length);
  });

  it('without the reduction, every schedule runs along drawn edges to its state', () => {
    for (const schedule of walks(m, 30))
      for (let k = 0; k <= schedule.length; k++) {
        const prefix = schedule.slice(0, k);
        const key = stateKey(runSchedule(m, prefix).state);
        const at = currentNode(full, prefix, key);
        expect(at.id).not.toBeNull();
        expect(at.alongEdges).toBe(true);
        expect(at.id).toBe(nodeOf(full, prefix));
      }
  });

  it('with sleep sets, the state is still found where the drawn edges lose the schedule', () => {
    let lost = 0;
    for (const schedule of walks(m, 30))
      for (let k = 0; k <= schedule.length; k++) {
        const prefix = schedule.slice(0, k);
        const key = stateKey(runSchedule(m, prefix).state);
        const at = currentNode(reduced, prefix, key);
        // every state is in the reduced graph (sleep sets skip steps, not states)
        expect(at.id).not.toBeNull();
        expect(reduced.nodes[at.id!]!.key).toBe(key);
        const along = nodeOf(reduced, prefix);
        expect(at.alongEdges).toBe(along === at.id);
        if (along === null) lost++;
      }
    expect(lost).toBeGreaterThan(0); // the case the ring used to vanish in
  });

  it('says so when no node has the state, and falls back to the edges without a key', () => {
    expect(currentNode(reduced, [], 'not a state')).toEqual({ id: null, alongEdges: false });
    expect(currentNode(full, [], undefined)).toEqual({ id: 0, alongEdges: true });
    expect(currentNode(full, [9, 9], null)).toEqual({ id: null, alongEdges: false });
  });
});

describe('state graph zoom from the keyboard', () => {
  const W = 300;
  const H = 200;

  it('maps + − 0 and the arrows, and lets every other key through', () => {
    expect(zoomKeyAction('+')).toEqual({ kind: 'scale', by: ZOOM_STEP });
    expect(zoomKeyAction('=')).toEqual({ kind: 'scale', by: ZOOM_STEP });
    expect(zoomKeyAction('-')).toEqual({ kind: 'scale', by: 1 / ZOOM_STEP });
    expect(zoomKeyAction('0')).toEqual({ kind: 'reset' });
    expect(zoomKeyAction('ArrowLeft')).toEqual({ kind: 'pan', dx: PAN_SHARE, dy: 0 });
    expect(zoomKeyAction('ArrowDown')).toEqual({ kind: 'pan', dx: 0, dy: -PAN_SHARE });
    for (const k of ['1', 'z', 'Enter', ' ', 'Backspace']) expect(zoomKeyAction(k)).toBeNull();
  });

  it('zooms about the middle of the view, within the scale extent', () => {
    const t = applyZoomAction(IDENTITY, { kind: 'scale', by: ZOOM_STEP }, W, H);
    expect(t.k).toBeCloseTo(ZOOM_STEP);
    // the middle of the view shows the same point of the graph
    expect((W / 2 - t.x) / t.k).toBeCloseTo(W / 2);
    expect((H / 2 - t.y) / t.k).toBeCloseTo(H / 2);
    let z: ZoomXf = IDENTITY;
    for (let i = 0; i < 20; i++) z = applyZoomAction(z, { kind: 'scale', by: ZOOM_STEP }, W, H);
    expect(z.k).toBe(GRAPH_SCALE_EXTENT[1]);
    for (let i = 0; i < 20; i++) z = applyZoomAction(z, { kind: 'scale', by: 1 / ZOOM_STEP }, W, H);
    expect(z).toEqual(IDENTITY);
  });

  it('pans by a share of the view and keeps the graph covering the view; 0 resets', () => {
    const z2 = applyZoomAction(IDENTITY, { kind: 'scale', by: 2 }, W, H);
    expect(z2).toEqual({ k: 2, x: -W / 2, y: -H / 2 });
    const left = applyZoomAction(z2, { kind: 'pan', dx: PAN_SHARE, dy: 0 }, W, H);
    expect(left).toEqual({ k: 2, x: -W / 2 + PAN_SHARE * W, y: -H / 2 });
    // far past the edge: stops at the graph's edge
    let t = z2;
    for (let i = 0; i < 10; i++) t = applyZoomAction(t, { kind: 'pan', dx: 0, dy: -1 }, W, H);
    expect(t).toEqual({ k: 2, x: -W / 2, y: H - 2 * H });
    // at zoom 1 there is nothing to pan to
    expect(applyZoomAction(IDENTITY, { kind: 'pan', dx: 0.2, dy: -0.2 }, W, H)).toEqual(IDENTITY);
    expect(applyZoomAction(t, { kind: 'reset' }, W, H)).toEqual(IDENTITY);
    expect(constrain({ k: 3, x: 50, y: -5000 }, W, H)).toEqual({ k: 3, x: 0, y: H - 3 * H });
  });

  it('says the zoom in percent', () => {
    expect(zoomPercent(1)).toBe('100%');
    expect(zoomPercent(ZOOM_STEP ** 2)).toBe('225%');
  });
});
