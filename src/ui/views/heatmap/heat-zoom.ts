/**
 * Zoom and pan of the heatmap's cell window, as pure functions on spans (cell units). The
 * component turns wheel and drag events into calls to these and stores the result in the view
 * slice; `null` means "everything" (columns) or "follow the newest rows" (rows).
 */
import type { HeatZoom, Span } from '../../../store';

/** Smallest spans one can zoom into. */
export const MIN_COLS = 4;
export const MIN_ROWS = 8;

/**
 * Scale `span` by `factor` (< 1 zooms in) around `anchor`, keeping it inside `extent`.
 * Returns null once the result covers the whole extent.
 */
export function zoomSpan(
  span: Span,
  anchor: number,
  factor: number,
  extent: Span,
  minSpan: number,
): Span | null {
  const width = Math.max(minSpan, (span[1] - span[0]) * factor);
  if (width >= extent[1] - extent[0]) return null;
  const t = span[1] > span[0] ? (anchor - span[0]) / (span[1] - span[0]) : 0.5;
  return clampSpan([anchor - t * width, anchor + (1 - t) * width], extent);
}

/** Move `span` by `delta` cells, keeping it inside `extent`. */
export function panSpan(span: Span, delta: number, extent: Span): Span {
  return clampSpan([span[0] + delta, span[1] + delta], extent);
}

/** Slide (not shrink) a span back inside the extent; shrink only if it is wider. */
export function clampSpan(span: Span, extent: Span): Span {
  const width = Math.min(span[1] - span[0], extent[1] - extent[0]);
  const lo = Math.min(Math.max(span[0], extent[0]), extent[1] - width);
  return [lo, lo + width];
}

/** Is anything zoomed or panned away from the default view? */
export function isZoomed(zoom: HeatZoom): boolean {
  return zoom.cols !== null || zoom.rows !== null;
}

/** Wheel delta (pixels) → zoom factor; positive deltaY (scrolling down) zooms out. */
export function wheelFactor(deltaY: number): number {
  return Math.exp(Math.max(-100, Math.min(100, deltaY)) * 0.004);
}
