/**
 * From one row's columns to the pixels of the visible window, as pure functions. A row brings
 * its own columns (address ranges), so rows binned at different resolutions are drawn side by
 * side honestly: each row is resampled onto the same pixel grid.
 *
 *   colRanges (start, end, process per column) → columnSpans (fractional axis columns)
 *     → spansToPx (image px of the visible window) → rasterRow (weighted mean per pixel)
 *     → widenNarrow (a hot range under 3 px is drawn 3 px wide, and reported for a marker)
 *
 * Image px are device pixels across the plot: px 0 is the plot's left edge, `width` its right.
 */
import type { AddressAxis } from '../../../engine/report';
import type { Span } from '../../../store';
import { addrToCol } from '../damon-map/region-geometry';

const PAGE_SIZE = 4096;

/** A hot range narrower than this (cssPx) is drawn this wide, with a marker. */
export const MIN_HOT_PX = 3;
/** "Hot", for that rule: the upper half of the colour ramp. */
export const HOT_AT = 0.5;

/**
 * Where each column of `colRanges` lies on the axis, as [col0, col1) pairs of fractional axis
 * columns. The axis' own colRanges map to [c, c + 1) exactly.
 */
export function columnSpans(axis: AddressAxis, colRanges: Float64Array): Float64Array {
  const n = colRanges.length / 3;
  const out = new Float64Array(n * 2);
  if (colRanges === axis.colRanges) {
    for (let c = 0; c < n; c++) {
      out[2 * c] = c;
      out[2 * c + 1] = c + 1;
    }
    return out;
  }
  for (let c = 0; c < n; c++) {
    const p = colRanges[3 * c + 2]!;
    out[2 * c] = addrToCol(axis, p, colRanges[3 * c]!);
    out[2 * c + 1] = addrToCol(axis, p, colRanges[3 * c + 1]!);
  }
  return out;
}

/** Axis-column spans → image px of a window showing axis columns `cols` over `width` px. */
export function spansToPx(spans: Float64Array, cols: Span, width: number): Float64Array {
  const scale = width / (cols[1] - cols[0] || 1);
  const out = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) out[i] = (spans[i]! - cols[0]) * scale;
  return out;
}

/** Whether two rows were binned on the same columns (equal ranges, not only the same array). */
export function sameColumns(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Pages in each column of `colRanges`: the weight of a column when nothing better is known. */
export function columnPages(colRanges: Float64Array): Float32Array {
  const n = colRanges.length / 3;
  const out = new Float32Array(n);
  for (let c = 0; c < n; c++) out[c] = (colRanges[3 * c + 1]! - colRanges[3 * c]!) / PAGE_SIZE;
  return out;
}

/**
 * One row resampled onto `width` pixels: per pixel, the mean of the column values under it,
 * each weighted by its `weights` (e.g. mapped pages) times the share of the column in that
 * pixel. NaN values (nothing mapped) carry no weight; a pixel with no weight is NaN. With
 * weights = mapped pages, the mean of coverage fractions is touched / mapped over the pixel.
 */
export function rasterRow(
  px: Float64Array,
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  width: number,
  out: Float32Array,
  scratch: Float64Array,
): Float32Array {
  const sum = scratch.subarray(0, width);
  const wsum = scratch.subarray(width, 2 * width);
  sum.fill(0);
  wsum.fill(0);
  const n = px.length >> 1;
  for (let c = 0; c < n; c++) {
    const v = values[c]!;
    const a = px[2 * c]!;
    const b = px[2 * c + 1]!;
    if (Number.isNaN(v) || !(b > a) || b <= 0 || a >= width) continue;
    const density = weights[c]! / (b - a);
    if (!(density > 0)) continue;
    const p1 = Math.min(width, Math.ceil(b));
    for (let p = Math.max(0, Math.floor(a)); p < p1; p++) {
      const w = (Math.min(b, p + 1) - Math.max(a, p)) * density;
      sum[p] = sum[p]! + w * v;
      wsum[p] = wsum[p]! + w;
    }
  }
  for (let p = 0; p < width; p++) out[p] = wsum[p]! > 0 ? sum[p]! / wsum[p]! : NaN;
  return out;
}

/** A hot range drawn wider than it is: [x0, x1) image px, centred on the range. */
export interface NarrowMark {
  x0: number;
  x1: number;
  /** Centre of the true range (image px). */
  at: number;
  /** The value drawn over [x0, x1): the most extreme in the range. */
  value: number;
}

/** How much colder (in ramp position) the pixels beside a narrow range must be for it to count. */
export const NARROW_CONTRAST = 0.25;

/**
 * The minimum-width rule. `level(v)` places a value on its colour ramp, signed: [0, 1] for a
 * sequential ramp, [−1, 1] for the difference, whose sign tells "DAMON misses" from "DAMON
 * over-reports". Columns with |level| ≥ HOT_AT are hot; hot columns of one sign whose gaps are
 * under `minPx` form a cluster. A cluster narrower than `minPx` whose neighbours (the pixels
 * just outside it, as `out` drew them) are clearly colder is drawn `minPx` wide with its most
 * extreme value, so a 1 MiB hot set in a large address space stays visible. Dense sparse
 * patterns (hot pages closer than `minPx`) form one wide cluster and keep their honest mean,
 * and a range as warm as its surroundings is left alone. Writes the widened clusters into
 * `out` (the row's pixels from rasterRow) and returns them, for the markers.
 */
export function widenNarrow(
  px: Float64Array,
  values: ArrayLike<number>,
  level: (v: number) => number,
  width: number,
  minPx: number,
  out: Float32Array,
): NarrowMark[] {
  const marks: NarrowMark[] = [];
  const n = px.length >> 1;
  const levelAt = (p: number) => {
    const v = p >= 0 && p < width ? out[p]! : NaN;
    return Number.isNaN(v) ? 0 : level(v);
  };
  let kind = 0;
  let x0 = 0;
  let x1 = 0;
  let peak = 0;
  let peakLevel = 0;
  const candidates: NarrowMark[] = [];
  const close = () => {
    if (kind === 0 || x1 - x0 >= minPx || x1 <= 0 || x0 >= width) return;
    const around = [levelAt(Math.floor(x0) - 1), levelAt(Math.ceil(x1))];
    const colder = around.every((l) => kind * l <= Math.abs(peakLevel) - NARROW_CONTRAST);
    if (!colder) return;
    // Whole pixels, so the strip is exactly as wide at every position.
    const at = (x0 + x1) / 2;
    const w = Math.max(1, Math.round(minPx));
    const lo = Math.max(0, Math.min(width - w, Math.round(at - w / 2)));
    candidates.push({ x0: lo, x1: Math.min(width, lo + w), at, value: peak });
  };
  for (let c = 0; c < n; c++) {
    const v = values[c]!;
    const a = px[2 * c]!;
    const b = px[2 * c + 1]!;
    if (Number.isNaN(v) || !(b > a)) continue;
    const l = level(v);
    const k = Math.abs(l) >= HOT_AT ? Math.sign(l) : 0;
    if (k === 0) continue;
    if (k === kind && a - x1 < minPx) {
      x1 = Math.max(x1, b);
      if (Math.abs(l) > Math.abs(peakLevel)) {
        peak = v;
        peakLevel = l;
      }
      continue;
    }
    close();
    kind = k;
    x0 = a;
    x1 = b;
    peak = v;
    peakLevel = l;
  }
  close();
  // Written after every test, so one widened range does not hide its neighbour's contrast.
  for (const m of candidates) {
    for (let p = m.x0; p < m.x1; p++) out[p] = m.value;
    marks.push(m);
  }
  return marks;
}

/**
 * spansToPx of columnSpans, remembered per column layout (a row's colRanges array, shared by
 * every row binned alike) for the last window and width it was asked for.
 */
export class PixelColumns {
  private axis: AddressAxis | null = null;
  private spans = new WeakMap<Float64Array, Float64Array>();
  private px = new WeakMap<Float64Array, { key: string; px: Float64Array }>();

  of(axis: AddressAxis, colRanges: Float64Array, cols: Span, width: number): Float64Array {
    if (axis !== this.axis) {
      this.axis = axis;
      this.spans = new WeakMap();
      this.px = new WeakMap();
    }
    let spans = this.spans.get(colRanges);
    if (!spans) this.spans.set(colRanges, (spans = columnSpans(axis, colRanges)));
    const key = `${cols[0]},${cols[1]},${width}`;
    const hit = this.px.get(colRanges);
    if (hit && hit.key === key) return hit.px;
    const px = spansToPx(spans, cols, width);
    this.px.set(colRanges, { key, px });
    return px;
  }
}
