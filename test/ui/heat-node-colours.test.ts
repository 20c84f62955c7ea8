import { describe, expect, it } from 'vitest';
import { GROUNDS, lightness, parseRgb } from '../../src/ui/canvas/colour-maps';
import { rampPosition, rgbWord } from '../../src/ui/views/heatmap/heat-pipeline';
import {
  byNodeUnavailable,
  colorizeByNode,
  cpusPerNode,
  NODE_HUES,
  nodeLabels,
  nodeLuts,
  nodeRamp,
  rasterNodes,
} from '../../src/ui/views/heatmap/node-colours';
import { nodeText } from '../../src/ui/views/heatmap/HeatTooltip';

const node = (cpuless = false) => ({ memMib: 1024, cpuless });

describe('node names', () => {
  it('deals CPUs round-robin to the nodes that have CPUs', () => {
    const m = { cpus: 5, nodes: [node(), node(true), node()] };
    expect(cpusPerNode(m)).toEqual([[0, 2, 4], [], [1, 3]]);
    expect(nodeLabels(m)).toEqual([
      'node 0 (CPUs 0, 2, 4)',
      'node 1 · CPU-less',
      'node 2 (CPUs 1, 3)',
    ]);
  });

  it('names a single CPU, a node left without CPUs, and shortens long lists', () => {
    expect(nodeLabels({ cpus: 2, nodes: [node(), node()] })).toEqual([
      'node 0 (CPU 0)',
      'node 1 (CPU 1)',
    ]);
    expect(nodeLabels({ cpus: 1, nodes: [node(), node()] })[1]).toBe('node 1 · no CPUs');
    expect(nodeLabels({ cpus: 64, nodes: [node(), node()] })[1]).toBe(
      'node 1 (CPUs 1, 3, … 63: 32)',
    );
  });

  it('offers "by node" on 2+ nodes only, saying why not', () => {
    expect(byNodeUnavailable({ nodes: [node(), node()] })).toBeNull();
    expect(byNodeUnavailable({ nodes: [node()] })).toMatch(/one NUMA node/);
    expect(byNodeUnavailable(null)).toMatch(/No scenario/);
  });

  it('words the tooltip line', () => {
    expect(nodeText(null, [])).toBeNull();
    expect(nodeText(NaN, [])).toBe('node: no page resident');
    expect(nodeText(1, ['node 0 (CPU 0)', 'node 1 · CPU-less'])).toBe(
      'node 1 · CPU-less: most resident pages',
    );
  });
});

describe('node ramps', () => {
  it('gives the first nodes distinct hues on both themes', () => {
    for (const theme of ['light', 'dark'] as const) {
      const hues = NODE_HUES[theme];
      expect(new Set(hues).size).toBe(hues.length);
      expect(nodeRamp(0, theme)(1)).not.toBe(nodeRamp(1, theme)(1));
    }
  });

  it('runs from near the zero ground to the full hue: pale → strong light, dark → bright dark', () => {
    const L = (css: string) => lightness(parseRgb(css));
    const light = nodeRamp(0, 'light');
    const dark = nodeRamp(0, 'dark');
    const zeroL = (t: 'light' | 'dark') => lightness(GROUNDS[t].zero);
    expect(L(light(0))).toBeLessThan(zeroL('light'));
    expect(L(light(1))).toBeLessThan(L(light(0)) - 20);
    expect(L(dark(0))).toBeGreaterThan(zeroL('dark'));
    expect(L(dark(1))).toBeGreaterThan(L(dark(0)) + 20);
    expect(parseRgb(light(1))).toEqual(parseRgb(NODE_HUES.light[0]!));
  });

  it('builds one table per node and one for "no node"', () => {
    const luts = nodeLuts(3, 'light', 16);
    expect(luts).toHaveLength(4);
    expect(luts.every((l) => l.length === 16)).toBe(true);
  });
});

describe('rasterNodes', () => {
  it('gives each pixel the node of the column with the most weight in it', () => {
    // columns: [0, 1.5) node 0 weight 3, [1.5, 2) node 1 weight 10, [2, 4) no node
    const px = Float64Array.of(0, 1.5, 1.5, 2, 2, 4);
    const out = new Float32Array(4);
    rasterNodes(px, [0, 1, NaN], [3, 10, 4], 4, out, new Float64Array(4));
    // pixel 1: node 0 has 0.5 × 2 = 1, node 1 has 0.5 × 20 = 10
    expect(Array.from(out)).toEqual([0, 1, NaN, NaN]);
  });

  it('skips columns outside the window and without weight', () => {
    const px = Float64Array.of(-2, -1, 0, 2, 2, 9);
    const out = new Float32Array(3);
    rasterNodes(px, [1, 0, 1], [5, 0, 1], 3, out, new Float64Array(3));
    expect(Array.from(out)).toEqual([NaN, NaN, 1]);
  });
});

describe('colorizeByNode', () => {
  it('colours by node hue, value as lightness; NaN clear, zero the ground, no node grey', () => {
    const luts = nodeLuts(2, 'light');
    const zero = rgbWord(GROUNDS.light.zero);
    const position = rampPosition('linear', [0, 1]);
    const out = new Uint32Array(6);
    colorizeByNode([NaN, 0, 1, 1, 0.2, 1], [0, 0, 0, 1, 1, NaN], position, luts, zero, out);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(zero);
    expect(out[2]).toBe(luts[0]![255]);
    expect(out[3]).toBe(luts[1]![255]);
    expect(out[4]).toBe(luts[1]![Math.round(0.2 * 255)]);
    expect(out[5]).toBe(luts[2]![255]);
    const rgb = (w: number) => Array.from(new Uint8Array(Uint32Array.of(w).buffer)).slice(0, 3);
    expect(rgb(out[2]!)).toEqual(parseRgb(NODE_HUES.light[0]!));
    expect(rgb(out[3]!)).toEqual(parseRgb(NODE_HUES.light[1]!));
  });
});
