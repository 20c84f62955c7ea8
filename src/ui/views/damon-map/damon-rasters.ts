/**
 * DAMON's aggregations and the truth's DAMON units resampled onto the plot's pixels, kept per
 * row (RowCache) while the window and the width stay the same: what the DAMON panel draws in
 * both its modes, and what the difference subtracts. Aggregations are drawn from their
 * regions while the history holds them (exact at any zoom), otherwise from their row on the
 * axis columns.
 */
import type { AddressAxis, DamonSnapshot } from '../../../engine/report';
import { DAMON_HISTORY_ROWS, type Span } from '../../../store';
import { RowCache } from '../../canvas/row-cache';
import {
  columnPages,
  columnSpans,
  MIN_HOT_PX,
  PixelColumns,
  rasterRow,
  spansToPx,
  widenNarrow,
} from '../heatmap/heat-raster';
import { truthRowAt } from '../heatmap/heat-source';
import { measureColumns } from '../heatmap/truth-measures';
import {
  damonOnTruthRow,
  differenceRow,
  snapshotColumns,
  visibleRows,
  type DamonPixels,
  type DamonRowSource,
} from './damon-pipeline';

/** A row on the pixel grid: values in [0, 1] (or [−1, 1]), and its widened ranges' centres. */
export interface PixelRow {
  values: Float32Array;
  marks: number[];
}

/** The pixel grid of a draw. */
export interface PixelGrid {
  axis: AddressAxis;
  cols: Span;
  width: number;
  dpr: number;
}

export interface DamonSource extends DamonRowSource {
  readonly axis: AddressAxis | null;
  snapshots(r: number): readonly DamonSnapshot[];
  /** The columns row r was binned on (null: the base axis'). */
  colRangesOf(r: number): Float64Array | null;
}

/** nr_accesses / max is its own ramp position (the ramp is linear over [0, 1]). */
const fractionLevel = (v: number) => Math.max(0, Math.min(1, v));

export class DamonRasters {
  private readonly aggs: RowCache<PixelRow & DamonPixels>;
  private readonly truth: RowCache<PixelRow | null>;
  private readonly diffs: RowCache<PixelRow>;
  private readonly pixelCols = new PixelColumns();
  private axisPages = new WeakMap<Float64Array, Float32Array>();
  private scratch = new Float64Array(0);
  private key = '';
  private runAxis: AddressAxis | null = null;
  private runId = 0;

  constructor(
    private readonly damon: DamonSource,
    truthCapacity: number,
  ) {
    this.aggs = new RowCache(DAMON_HISTORY_ROWS);
    this.truth = new RowCache(truthCapacity);
    this.diffs = new RowCache(truthCapacity);
  }

  /** Start a draw on `grid`: rows drawn for another grid (or run) are forgotten. */
  use(grid: PixelGrid): void {
    if (grid.axis !== this.runAxis) {
      this.runAxis = grid.axis;
      this.runId++;
    }
    const key = `${this.runId} ${grid.cols.join()} ${grid.width} ${grid.dpr}`;
    if (key === this.key) return;
    this.key = key;
    this.aggs.use(key);
    this.truth.use(key);
    this.diffs.use(key);
    if (this.scratch.length !== 2 * grid.width) this.scratch = new Float64Array(2 * grid.width);
  }

  /** Aggregation `r` as nr_accesses / max per pixel (NaN: not monitored), or null if not held. */
  aggregation(r: number, grid: PixelGrid): (PixelRow & DamonPixels) | null {
    const hit = this.aggs.get(r);
    if (hit) return hit;
    const src = this.damon;
    const max = src.maxNrAccesses(r);
    const row = src.row(r);
    if (!row || !(max > 0)) return null;
    const snaps = src.snapshots(r);
    let px: Float64Array;
    let values: ArrayLike<number>;
    let weights: ArrayLike<number>;
    if (snaps.length > 0) {
      const cols = snapshotColumns(snaps, max);
      px = spansToPx(columnSpans(grid.axis, cols.colRanges), grid.cols, grid.width);
      ({ values, weights } = cols);
    } else {
      const rowCols = src.colRangesOf(r) ?? grid.axis.colRanges;
      px = this.pixelCols.of(grid.axis, rowCols, grid.cols, grid.width);
      values = Float32Array.from(row, (v) => v / max);
      weights = this.pagesOf(rowCols);
    }
    const out = rasterRow(
      px,
      values,
      weights,
      grid.width,
      new Float32Array(grid.width),
      this.scratch,
    );
    const marks = widenNarrow(px, values, fractionLevel, grid.width, MIN_HOT_PX * grid.dpr, out);
    return this.aggs.set(r, {
      values: out,
      marks: marks.map((m) => m.at),
      t0Us: src.t0Us(r),
      t1Us: src.t1Us(r),
    });
  }

  /** Truth row `r` in DAMON units / max per pixel; null if not held or without the measure. */
  truthUnits(r: number, grid: PixelGrid): PixelRow | null {
    const hit = this.truth.get(r);
    if (hit !== undefined) return hit;
    const row = truthRowAt(r);
    if (!row) return null;
    const m = measureColumns(row, 'damonUnit');
    if (!m) return this.truth.set(r, null);
    const px = this.pixelCols.of(grid.axis, row.colRanges, grid.cols, grid.width);
    const out = rasterRow(
      px,
      m.values,
      m.weights,
      grid.width,
      new Float32Array(grid.width),
      this.scratch,
    );
    const marks = widenNarrow(px, m.values, fractionLevel, grid.width, MIN_HOT_PX * grid.dpr, out);
    return this.truth.set(r, { values: out, marks: marks.map((w) => w.at) });
  }

  /**
   * Truth row `r` [r × I, (r + 1) × I) minus DAMON over the same time, per pixel; null when
   * either side is missing. Kept once DAMON's aggregations cover the whole row.
   */
  difference(r: number, intervalUs: number, grid: PixelGrid): PixelRow | null {
    const hit = this.diffs.get(r);
    if (hit) return hit;
    const truth = this.truthUnits(r, grid);
    if (!truth) return null;
    const lo = r * intervalUs;
    const hi = lo + intervalUs;
    const [a0, a1] = visibleRows(this.damon, lo, hi);
    const aggs: (PixelRow & DamonPixels)[] = [];
    for (let a = a0; a < a1; a++) {
      const agg = this.aggregation(a, grid);
      if (agg) aggs.push(agg);
    }
    const damon = damonOnTruthRow(aggs, lo, hi, new Float32Array(grid.width), this.scratch);
    const values = differenceRow(truth.values, damon, damon);
    // Marks of narrow ranges on either side, where the two disagree.
    const marks = [...truth.marks, ...aggs.flatMap((g) => g.marks)].filter(
      (at) => Math.abs(values[Math.min(grid.width - 1, Math.max(0, Math.round(at)))] ?? 0) >= 0.25,
    );
    const out = { values, marks };
    const newest = this.damon.endRow - 1;
    const complete = newest >= this.damon.firstRow && this.damon.t1Us(newest) >= hi;
    return complete ? this.diffs.set(r, out) : out;
  }

  private pagesOf(colRanges: Float64Array): Float32Array {
    let pages = this.axisPages.get(colRanges);
    if (!pages) this.axisPages.set(colRanges, (pages = columnPages(colRanges)));
    return pages;
  }
}
