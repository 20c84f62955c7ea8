/**
 * The heatmap as a pure pipeline, each step testable in Node:
 *
 *   rows (RowSource) → windowCells (zoom window, one value per cell) → heatDomain
 *     → colorize (cell values → RGBA via a colour lookup table) → ImageData (in the component)
 *
 * Cell values are mean accesses per 4 KiB page in one address column during one truth row.
 * NaN means "no data" (nothing mapped there yet, or the row is not held): drawn transparent.
 * Zero means "mapped, not accessed": drawn in a neutral colour distinct from the colour ramp.
 */
import { interpolateYlOrRd } from 'd3';
import type { HeatScaleMode, RowSource, Span } from '../../../store';

export interface CellWindow {
  /** First column and row of the window (integers). */
  col0: number;
  row0: number;
  cols: number;
  rows: number;
  /** Row-major values, `cols` per row. */
  values: Float32Array;
}

/** Copy the cells covering the (possibly fractional) spans out of the source. */
export function windowCells(
  source: Pick<RowSource, 'columns' | 'row'>,
  cols: Span,
  rows: Span,
): CellWindow {
  const col0 = Math.max(0, Math.floor(cols[0]));
  const col1 = Math.min(source.columns, Math.ceil(cols[1]));
  const row0 = Math.floor(rows[0]);
  const nCols = Math.max(0, col1 - col0);
  const nRows = Math.max(0, Math.ceil(rows[1]) - row0);
  const values = new Float32Array(nCols * nRows).fill(NaN);
  for (let r = 0; r < nRows; r++) {
    const row = source.row(row0 + r);
    if (row) values.set(row.subarray(col0, col1), r * nCols);
  }
  return { col0, row0, cols: nCols, rows: nRows, values };
}

/** Powers of ten the colour domain snaps to, so the legend does not flicker frame to frame. */
const floorPow10 = (v: number) => 10 ** Math.floor(Math.log10(v));
const ceilPow10 = (v: number) => 10 ** Math.ceil(Math.log10(v));
/** The log ramp spans at most this many decades below its top. */
export const MAX_DECADES = 5;

/**
 * The value range the colour ramp covers, from the window's values: [lo, hi] with hi > lo > 0
 * for 'log', [0, hi] for 'linear'. An empty or all-zero window gives a unit default.
 */
export function heatDomain(values: Float32Array, mode: HeatScaleMode): [number, number] {
  let max = 0;
  let minPositive = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v > max) max = v;
    if (v > 0 && v < minPositive) minPositive = v;
  }
  if (max <= 0) return mode === 'log' ? [0.01, 1] : [0, 1];
  const hi = ceilPow10(max);
  if (mode === 'linear') return [0, hi];
  const lo = Math.min(hi / 10, Math.max(hi / 10 ** MAX_DECADES, floorPow10(minPositive)));
  return [lo, hi];
}

/**
 * value → position on the colour ramp in [0, 1] (clamped); only called for values > 0. Plain
 * arithmetic rather than a d3 scale: it runs once per cell per frame.
 */
export function rampPosition(mode: HeatScaleMode, domain: [number, number]): (v: number) => number {
  const clamp = (t: number) => (t <= 0 ? 0 : t >= 1 ? 1 : t);
  const [lo, hi] = domain;
  if (mode === 'linear') {
    const span = hi - lo || 1;
    return (v) => clamp((v - lo) / span);
  }
  const l0 = Math.log(lo);
  const span = Math.log(hi) - l0 || 1;
  return (v) => clamp((Math.log(v) - l0) / span);
}

/** The colour ramp: light yellow (rarely accessed) to dark red (hot). */
export function rampColor(t: number): string {
  return interpolateYlOrRd(0.06 + 0.94 * t);
}

/** Mapped but not accessed. */
export const ZERO_RGBA = [236, 236, 232, 255] as const;

/** RGBA lookup table of `n` entries sampled from `color` over [0, 1]. */
export function colorLut(color: (t: number) => string = rampColor, n = 256): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = parseRgb(color(i / (n - 1)));
    lut.set([r, g, b, 255], i * 4);
  }
  return lut;
}

/** d3 interpolators return `rgb(r, g, b)` or `#rrggbb`. */
export function parseRgb(css: string): [number, number, number] {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const hexMatch = /^#([0-9a-f]{6})$/i.exec(css);
  if (!hexMatch) throw new Error(`unexpected colour ${css}`);
  const n = parseInt(hexMatch[1]!, 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
}

/** 32-bit views of RGBA bytes: one write per pixel, in the platform's byte order. */
function words(bytes: Uint8ClampedArray): Uint32Array | null {
  return bytes.byteOffset % 4 === 0
    ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2)
    : null;
}
const ZERO_WORD = new Uint32Array(Uint8ClampedArray.from(ZERO_RGBA).buffer)[0]!;

/**
 * Cell values → RGBA pixels, one per cell, row-major (the ImageData layout). It runs for every
 * visible cell of both heatmaps on every frame, hence the 32-bit writes.
 */
export function colorize(
  win: CellWindow,
  position: (v: number) => number,
  lut: Uint8ClampedArray,
  out = new Uint8ClampedArray(win.cols * win.rows * 4),
): Uint8ClampedArray {
  const { values } = win;
  const out32 = words(out);
  const lut32 = words(lut);
  if (!out32 || !lut32) throw new Error('colorize: buffers must be 4-byte aligned');
  const steps = lut32.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) out32[i] = 0;
    else if (v <= 0) out32[i] = ZERO_WORD;
    else out32[i] = lut32[Math.round(position(v) * steps)]!;
  }
  return out;
}
