/**
 * The ground truth "by node": each cell's hue is the NUMA node most of its column's resident
 * pages are on, its lightness the cell's value on the legend's scale, so hot memory on node 1
 * and hot memory on node 0 look different. Pure: the hues, the ramps, the per-pixel node of a
 * resampled row, the colouring and the legend's node names.
 *
 * The hues are the NUMA panel's (numa.css --numa-node-*: node 0 blue, node 1 orange, node 2
 * green, node 3 purple), extended to MAX_NODES; blue and orange stay apart under every common
 * colour-vision deficiency. Each ramp runs from a faint tint of the hue over the page's "zero"
 * ground to the full hue, as if the hue were laid over the ground at an opacity that grows
 * with the value: pale → saturated on the light page, dark → bright on the dark one.
 */
import { interpolateLab } from 'd3';
import type { ScenarioMachine } from '../../../scenario';
import { colorLut, GROUNDS, type PageTheme } from '../../canvas/colour-maps';
import { words } from './heat-pipeline';

/** Per page theme, one hue per node (the NUMA panel's first four). */
export const NODE_HUES: Readonly<Record<PageTheme, readonly string[]>> = {
  light: ['#2456c8', '#c2410c', '#0f8a6a', '#8a4fbf', '#a16207', '#0e7490', '#be185d', '#4b5563'],
  dark: ['#8cb0ff', '#f0894a', '#4fc7a3', '#c39bea', '#e6c35c', '#5fd0e6', '#f47fb5', '#b4b9c4'],
};

/** Cells with a value but no resident page at the row's end (no node): a neutral grey. */
export const NO_NODE_HUE: Readonly<Record<PageTheme, string>> = {
  light: '#5b6170',
  dark: '#c8ccd4',
};

/** Where the ramp starts: the least positive value is this much of the hue over the ground. */
export const NODE_RAMP_FLOOR = 0.3;

/** The hue of node `nid` (cycling past the palette's end). */
export function nodeHue(nid: number, theme: PageTheme): string {
  const hues = NODE_HUES[theme];
  return hues[((nid % hues.length) + hues.length) % hues.length]!;
}

/** Ramp position 0–1 → CSS colour: from a tint of `hue` over the theme's zero ground to `hue`. */
export function hueRamp(hue: string, theme: PageTheme): (t: number) => string {
  const g = GROUNDS[theme].zero;
  const mix = interpolateLab(`rgb(${g[0]}, ${g[1]}, ${g[2]})`, hue);
  return (t) => mix(NODE_RAMP_FLOOR + (1 - NODE_RAMP_FLOOR) * Math.min(1, Math.max(0, t)));
}

/** The ramp of node `nid`; a negative or NaN node gets the neutral "no node" ramp. */
export function nodeRamp(nid: number, theme: PageTheme): (t: number) => string {
  return hueRamp(nid >= 0 ? nodeHue(nid, theme) : NO_NODE_HUE[theme], theme);
}

/**
 * Lookup tables (RGBA words) for `nodes` nodes, then one for "no node" at index `nodes`: what
 * colorizeByNode indexes. Built once per theme and node count, not per row.
 */
export function nodeLuts(nodes: number, theme: PageTheme, steps = 256): Uint32Array[] {
  const luts: Uint32Array[] = [];
  for (let n = 0; n < nodes; n++) luts.push(words(colorLut(nodeRamp(n, theme), steps)));
  luts.push(words(colorLut(nodeRamp(-1, theme), steps)));
  return luts;
}

/**
 * The node of each image px of a resampled row: the node of the column that covers the most
 * weight (pages) of the pixel; NaN where no column with a node does. `px` and `weights` are
 * rasterRow's; `best` is scratch of at least `width`. Writes `out` and returns it.
 */
export function rasterNodes(
  px: Float64Array,
  nodes: ArrayLike<number>,
  weights: ArrayLike<number>,
  width: number,
  out: Float32Array,
  best: Float64Array,
): Float32Array {
  out.fill(NaN, 0, width);
  best.fill(0, 0, width);
  const n = px.length >> 1;
  for (let c = 0; c < n; c++) {
    const node = nodes[c]!;
    const a = px[2 * c]!;
    const b = px[2 * c + 1]!;
    if (Number.isNaN(node) || !(b > a) || b <= 0 || a >= width) continue;
    const density = weights[c]! / (b - a);
    if (!(density > 0)) continue;
    const p1 = Math.min(width, Math.ceil(b));
    for (let p = Math.max(0, Math.floor(a)); p < p1; p++) {
      const w = (Math.min(b, p + 1) - Math.max(a, p)) * density;
      if (w > best[p]!) {
        best[p] = w;
        out[p] = node;
      }
    }
  }
  return out;
}

/**
 * Values and their nodes → RGBA words: NaN values transparent, ≤ 0 the `zero` word, positives
 * along their node's table (luts[node]; the last table when the pixel has no node) at
 * `position(v)`. No allocation.
 */
export function colorizeByNode(
  values: ArrayLike<number>,
  nodes: ArrayLike<number>,
  position: (v: number) => number,
  luts: readonly Uint32Array[],
  zero: number,
  out: Uint32Array,
): Uint32Array {
  const none = luts.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) out[i] = 0;
    else if (v <= 0) out[i] = zero;
    else {
      const node = nodes[i]!;
      const lut = luts[node >= 0 && node < none ? node : none]!;
      out[i] = lut[Math.round(position(v) * (lut.length - 1))]!;
    }
  }
  return out;
}

/**
 * The CPUs of each node: dealt round-robin to the nodes that have CPUs (CPU c to the
 * (c % n)-th of them), as the engine does; [] for a CPU-less node.
 */
export function cpusPerNode(machine: Pick<ScenarioMachine, 'cpus' | 'nodes'>): number[][] {
  const withCpus = machine.nodes.flatMap((n, k) => (n.cpuless ? [] : [k]));
  const out = machine.nodes.map((): number[] => []);
  if (withCpus.length === 0) return out;
  for (let c = 0; c < machine.cpus; c++) out[withCpus[c % withCpus.length]!]!.push(c);
  return out;
}

/** A node with more CPUs than this lists its first two, its last and the count. */
const LIST_CPUS = 6;

/** The legend's name of each node: `node 0 (CPU 0)`, `node 0 (CPUs 0, 2)`, `node 1 · CPU-less`. */
export function nodeLabels(machine: Pick<ScenarioMachine, 'cpus' | 'nodes'>): string[] {
  return cpusPerNode(machine).map((cpus, nid) => {
    if (machine.nodes[nid]!.cpuless) return `node ${nid} · CPU-less`;
    if (cpus.length === 0) return `node ${nid} · no CPUs`;
    if (cpus.length === 1) return `node ${nid} (CPU ${cpus[0]})`;
    const list =
      cpus.length <= LIST_CPUS
        ? cpus.join(', ')
        : `${cpus.slice(0, 2).join(', ')}, … ${cpus[cpus.length - 1]}: ${cpus.length}`;
    return `node ${nid} (CPUs ${list})`;
  });
}

/** Why "by node" is not offered, or null when it is (a machine of 2+ nodes). */
export function byNodeUnavailable(machine: Pick<ScenarioMachine, 'nodes'> | null): string | null {
  if (!machine) return 'No scenario is loaded';
  if (machine.nodes.length < 2) return 'The machine has one NUMA node: every page is on node 0';
  return null;
}
