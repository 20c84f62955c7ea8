/**
 * DAMON's heatmap as a pure pipeline, testable in Node:
 *
 *   aggregation rows (DamonHistory) → visibleRows (which overlap the time window)
 *     → rowBands (where each run of rows lands on the shared time axis, by t0/t1)
 *     → damonCells (nr_accesses / max per cell) → colorize (heat-pipeline) → canvas
 *
 * and for the difference mode, on the ground truth's grid:
 *
 *   damonOnTruthRows (DAMON resampled to each truth row, time-weighted)
 *     → differenceCells (truth on its colour scale minus nr_accesses / max) → colorizeDiff
 *
 * Times are µs; rows are absolute aggregation indexes; columns are the AddressAxis columns.
 */
import { interpolateRdBu } from 'd3';
import type { CellWindow } from '../heatmap/heat-pipeline';
import { colorLut } from '../heatmap/heat-pipeline';

/** What the pipeline reads of the DAMON history. */
export interface DamonRowSource {
  readonly columns: number;
  readonly firstRow: number;
  readonly endRow: number;
  row(r: number): Float32Array | null;
  t0Us(r: number): number;
  t1Us(r: number): number;
  maxNrAccesses(r: number): number;
  rowAt(tUs: number): number;
}

/** The aggregation rows [r0, r1) whose windows overlap [tLoUs, tHiUs). */
export function visibleRows(src: DamonRowSource, tLoUs: number, tHiUs: number): [number, number] {
  if (src.endRow <= src.firstRow || !(tHiUs > tLoUs)) return [0, 0];
  let r0 = src.rowAt(tLoUs);
  if (r0 < 0) return [0, 0];
  while (r0 < src.endRow && !(src.t1Us(r0) > tLoUs)) r0++;
  let r1 = r0;
  while (r1 < src.endRow && src.t0Us(r1) < tHiUs) r1++;
  return [r0, r1];
}

/** A run of consecutive rows drawn as one block: rows [r0, r1) over [y0, y1) px. */
export interface RowBand {
  r0: number;
  r1: number;
  y0: number;
  y1: number;
}

/**
 * Where rows [r0, r1) land: each row spans y(t0)..y(t1). Consecutive rows that abut in time
 * and last equally long are merged into one band, so a steady run is a single blit; a row
 * whose window differs (auto-tuned intervals, a gap) starts a new band.
 */
export function rowBands(
  src: Pick<DamonRowSource, 't0Us' | 't1Us'>,
  r0: number,
  r1: number,
  yOfUs: (tUs: number) => number,
): RowBand[] {
  const bands: RowBand[] = [];
  let cur: { r0: number; r1: number; t0: number; t1: number; len: number } | null = null;
  const close = () => {
    if (cur) bands.push({ r0: cur.r0, r1: cur.r1, y0: yOfUs(cur.t0), y1: yOfUs(cur.t1) });
  };
  for (let r = r0; r < r1; r++) {
    const t0 = src.t0Us(r);
    const t1 = src.t1Us(r);
    if (!(t1 > t0)) {
      close();
      cur = null;
      continue;
    }
    if (cur && cur.t1 === t0 && t1 - t0 === cur.len) {
      cur.r1 = r + 1;
      cur.t1 = t1;
    } else {
      close();
      cur = { r0: r, r1: r + 1, t0, t1, len: t1 - t0 };
    }
  }
  close();
  return bands;
}

/**
 * Cells of rows [r0, r1) × the columns covering `cols`: nr_accesses / max_nr_accesses of the
 * row, in [0, 1]; NaN where DAMON monitors nothing or the row is not held.
 */
export function damonCells(
  src: DamonRowSource,
  cols: readonly [number, number],
  r0: number,
  r1: number,
): CellWindow {
  const col0 = Math.max(0, Math.floor(cols[0]));
  const col1 = Math.min(src.columns, Math.ceil(cols[1]));
  const nCols = Math.max(0, col1 - col0);
  const nRows = Math.max(0, r1 - r0);
  const values = new Float32Array(nCols * nRows).fill(NaN);
  for (let i = 0; i < nRows; i++) {
    const row = src.row(r0 + i);
    const max = src.maxNrAccesses(r0 + i);
    if (!row || max <= 0) continue;
    for (let c = 0; c < nCols; c++) values[i * nCols + c] = row[col0 + c]! / max;
  }
  return { col0, row0: r0, cols: nCols, rows: nRows, values };
}

/**
 * DAMON on the truth's grid: for each truth row r0 + i (time [r × I, (r + 1) × I)), the
 * time-weighted mean of nr_accesses / max over the aggregations overlapping it, per column.
 * NaN where no aggregation covers any of that time or DAMON monitors nothing.
 */
export function damonOnTruthRows(
  src: DamonRowSource,
  intervalUs: number,
  win: Pick<CellWindow, 'col0' | 'cols' | 'row0' | 'rows'>,
): Float32Array {
  const { col0, cols, row0, rows } = win;
  const out = new Float32Array(cols * rows).fill(NaN);
  const sum = new Float64Array(cols);
  const weight = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const lo = (row0 + i) * intervalUs;
    const hi = lo + intervalUs;
    const [r0, r1] = visibleRows(src, lo, hi);
    if (r1 <= r0) continue;
    sum.fill(0);
    weight.fill(0);
    for (let r = r0; r < r1; r++) {
      const row = src.row(r);
      const max = src.maxNrAccesses(r);
      const w = Math.min(hi, src.t1Us(r)) - Math.max(lo, src.t0Us(r));
      if (!row || max <= 0 || !(w > 0)) continue;
      for (let c = 0; c < cols; c++) {
        const v = row[col0 + c]!;
        if (Number.isNaN(v)) continue;
        sum[c] = sum[c]! + (w * v) / max;
        weight[c] = weight[c]! + w;
      }
    }
    for (let c = 0; c < cols; c++) if (weight[c]! > 0) out[i * cols + c] = sum[c]! / weight[c]!;
  }
  return out;
}

/**
 * Per cell: the truth's position on its colour scale (0 = not accessed, 1 = the hottest
 * visible) minus DAMON's nr_accesses / max. Positive: hotter in truth than DAMON reads it;
 * negative: DAMON reads it hotter. NaN where either side has no data.
 */
export function differenceCells(
  truth: Float32Array,
  truthPosition: (v: number) => number,
  damon: Float32Array,
): Float32Array {
  const out = new Float32Array(truth.length);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const d = damon[i]!;
    if (Number.isNaN(t) || Number.isNaN(d)) out[i] = NaN;
    else out[i] = (t > 0 ? truthPosition(t) : 0) - d;
  }
  return out;
}

/** The diverging ramp: −1 red (DAMON hotter), 0 white, +1 blue (truth hotter). */
export function diffColor(d: number): string {
  return interpolateRdBu((Math.max(-1, Math.min(1, d)) + 1) / 2);
}

/** 256 RGBA entries of diffColor over [−1, 1]. */
export function diffLut(): Uint8ClampedArray {
  return colorLut((t) => diffColor(2 * t - 1));
}

/** Differences in [−1, 1] → RGBA; NaN transparent. One 32-bit write per pixel. */
export function colorizeDiff(
  values: Float32Array,
  lut: Uint8ClampedArray,
  out = new Uint8ClampedArray(values.length * 4),
): Uint8ClampedArray {
  const out32 = new Uint32Array(out.buffer, out.byteOffset, values.length);
  const lut32 = new Uint32Array(lut.buffer, lut.byteOffset, lut.length >> 2);
  const steps = lut32.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) out32[i] = 0;
    else out32[i] = lut32[Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * steps)]!;
  }
  return out;
}
