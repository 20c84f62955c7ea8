/**
 * Where heatmap cells land on screen. Three coordinate spaces, named wherever they meet:
 *
 *   cell    (col, row): col = address column of the AddressAxis (gaps between VMAs collapsed),
 *           row = absolute ground-truth row (row r covers [r × intervalUs, (r+1) × intervalUs)).
 *           Fractional values are positions inside a cell.
 *   cssPx   CSS pixels inside the panel's canvas, origin top-left.
 *   devicePx  the canvas backing store: cssPx × devicePixelRatio (only the canvas code uses it).
 *
 * Time runs downwards: the newest row is at the bottom. Panels that share the heatmap's axes
 * (DAMON's regions beside the ground truth) share these functions and the zoom in the store.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { HeatZoom, Span } from '../../../store';

/**
 * Room around the plot (cssPx): the VMA band and the markers of narrow hot ranges on top,
 * two-line address ticks below, time ticks left.
 */
export const HEAT_MARGIN = { top: 32, right: 14, bottom: 38, left: 58 } as const;

/** While a run is young the time axis shows at least this many rows, filling top-down. */
export const MIN_FOLLOW_ROWS = 150;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface HeatLayout {
  /** The plot area in cssPx. */
  plot: Rect;
  cols: Span;
  rows: Span;
  /** col → cssPx */
  x: ScaleLinear<number, number>;
  /** row → cssPx */
  y: ScaleLinear<number, number>;
}

/** The rows to show when following the newest data: up to `capacity` rows ending at `endRow`. */
export function followRows(endRow: number, capacity: number): Span {
  if (endRow > capacity) return [endRow - capacity, endRow];
  return [0, Math.max(endRow, Math.min(MIN_FOLLOW_ROWS, capacity))];
}

/** The cell window a zoom state shows for a source with `columns` and rows up to `endRow`. */
export function visibleSpans(
  zoom: HeatZoom,
  columns: number,
  endRow: number,
  capacity: number,
): { cols: Span; rows: Span } {
  return { cols: zoom.cols ?? [0, columns], rows: zoom.rows ?? followRows(endRow, capacity) };
}

export function heatLayout(widthPx: number, heightPx: number, cols: Span, rows: Span): HeatLayout {
  const m = HEAT_MARGIN;
  const plot = {
    x: m.left,
    y: m.top,
    w: Math.max(1, widthPx - m.left - m.right),
    h: Math.max(1, heightPx - m.top - m.bottom),
  };
  return {
    plot,
    cols,
    rows,
    x: scaleLinear()
      .domain(cols)
      .range([plot.x, plot.x + plot.w]),
    y: scaleLinear()
      .domain(rows)
      .range([plot.y, plot.y + plot.h]),
  };
}

/** The cell under a cssPx point, or null outside the plot. Integer col and row. */
export function cellAt(
  layout: HeatLayout,
  xPx: number,
  yPx: number,
): { col: number; row: number } | null {
  const { plot } = layout;
  if (xPx < plot.x || xPx >= plot.x + plot.w || yPx < plot.y || yPx >= plot.y + plot.h) {
    return null;
  }
  return { col: Math.floor(layout.x.invert(xPx)), row: Math.floor(layout.y.invert(yPx)) };
}
