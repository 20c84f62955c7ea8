/**
 * DAMON's heatmap as a pure pipeline, testable in Node:
 *
 *   aggregation rows (DamonHistory) → visibleRows (which overlap the time window)
 *     → rowBands (where each run of rows lands on the shared time axis, by t0/t1)
 *     → snapshotColumns (the row's regions as columns: exact at any zoom), or the row's values
 *       on the axis columns where the regions are no longer held
 *     → heat-raster (resampled onto the window's pixels, nr_accesses / max) → colour → canvas
 *
 * and for the difference mode, on the ground truth's rows and in one unit for both sides,
 * the fraction of the nr_accesses ceiling:
 *
 *   DAMON pixels per aggregation → damonOnTruthRow (time-weighted onto each truth row)
 *     → differenceRow (truth's DAMON units / max − DAMON's nr_accesses / max, in [−1, 1])
 *
 * Times are µs; rows are absolute aggregation indexes; pixels are the plot's device pixels.
 */
import type { DamonSnapshot } from '../../../engine/report';

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
 * An aggregation's regions as heatmap columns: [start, end, process] per region (snapshots in
 * process order, regions in address order) and nr_accesses / max per region.
 */
export function snapshotColumns(
  snapshots: readonly DamonSnapshot[],
  maxNrAccesses: number,
): { colRanges: Float64Array; values: Float32Array; weights: Float32Array } {
  const sorted = [...snapshots].sort((a, b) => a.process - b.process);
  const n = sorted.reduce((a, s) => a + s.nrAccesses.length, 0);
  const colRanges = new Float64Array(n * 3);
  const values = new Float32Array(n);
  const weights = new Float32Array(n);
  let i = 0;
  for (const s of sorted) {
    for (let k = 0; k < s.nrAccesses.length; k++, i++) {
      const start = s.ranges[2 * k]!;
      const end = s.ranges[2 * k + 1]!;
      colRanges.set([start, end, s.process], 3 * i);
      values[i] = maxNrAccesses > 0 ? s.nrAccesses[k]! / maxNrAccesses : NaN;
      weights[i] = (end - start) / 4096;
    }
  }
  return { colRanges, values, weights };
}

/** One aggregation resampled onto pixels: its window and nr_accesses / max per pixel. */
export interface DamonPixels {
  t0Us: number;
  t1Us: number;
  values: Float32Array;
}

/**
 * DAMON on one truth row [loUs, hiUs): per pixel, the time-weighted mean over the aggregations
 * overlapping it. NaN where none covers any of that time, or DAMON monitors nothing there.
 */
export function damonOnTruthRow(
  aggregations: readonly DamonPixels[],
  loUs: number,
  hiUs: number,
  out: Float32Array,
  scratch: Float64Array,
): Float32Array {
  const width = out.length;
  const sum = scratch.subarray(0, width);
  const weight = scratch.subarray(width, 2 * width);
  sum.fill(0);
  weight.fill(0);
  for (const a of aggregations) {
    const w = Math.min(hiUs, a.t1Us) - Math.max(loUs, a.t0Us);
    if (!(w > 0)) continue;
    for (let p = 0; p < width; p++) {
      const v = a.values[p]!;
      if (Number.isNaN(v)) continue;
      sum[p] = sum[p]! + w * v;
      weight[p] = weight[p]! + w;
    }
  }
  for (let p = 0; p < width; p++) out[p] = weight[p]! > 0 ? sum[p]! / weight[p]! : NaN;
  return out;
}

/**
 * truth − DAMON per pixel, both as fractions of the nr_accesses ceiling: +1 where the truth
 * is saturated and DAMON reads nothing ("DAMON misses"), −1 the reverse ("DAMON
 * over-reports"). NaN where either side has no data.
 */
export function differenceRow(
  truth: ArrayLike<number>,
  damon: ArrayLike<number>,
  out: Float32Array,
): Float32Array {
  for (let i = 0; i < out.length; i++) {
    const t = truth[i]!;
    const d = damon[i]!;
    out[i] = Number.isNaN(t) || Number.isNaN(d) ? NaN : Math.max(-1, Math.min(1, t - d));
  }
  return out;
}
