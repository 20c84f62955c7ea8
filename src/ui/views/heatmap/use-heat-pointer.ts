/**
 * Wheel, drag and hover on a heatmap panel. Wheel zooms the address axis around the pointer
 * (over the time axis, or with Shift, it zooms time); drag pans whatever is zoomed; a press or
 * drag on the time axis scrubs to that time; double-click resets the zoom. Results go to the
 * view slice, so the panels sharing the axes (ground truth and DAMON) move together. While
 * the tooltip is pinned (use-heat-keys), moving the pointer leaves it where it is.
 */
import { useEffect, type RefObject } from 'react';
import {
  scrubTo,
  truthHistory,
  useAppStore,
  type HeatHover,
  type HeatPanelId,
  type Span,
} from '../../../store';
import { colToAddr } from '../damon-map/region-geometry';
import { cellAt, followRows, type HeatLayout } from './heat-layout';
import { MIN_COLS, MIN_ROWS, panSpan, wheelFactor, zoomSpan } from './heat-zoom';

/** The hover at a cssPx point of a panel's stage, or null outside its plot. */
export function hoverAt(
  layout: HeatLayout,
  panel: HeatPanelId,
  x: number,
  y: number,
): HeatHover | null {
  const cell = cellAt(layout, x, y);
  if (!cell) return null;
  const at = truthHistory.axis ? colToAddr(truthHistory.axis, layout.x.invert(x)) : null;
  return {
    panel,
    ...cell,
    tUs: layout.y.invert(y) * truthHistory.intervalUs,
    addr: at?.addr ?? NaN,
    xPx: x,
    yPx: y,
  };
}

interface Drag {
  x: number;
  y: number;
  cols: Span | null;
  rows: Span | null;
  /** The press was on the time axis: dragging scrubs instead of panning. */
  scrub: boolean;
}

/**
 * `layoutRef` gives the layout of the panel's last draw. Both panels live on the truth's
 * grid (columns and truth rows), so extents and times come from the truth history.
 */
export function useHeatPointer(
  targetRef: RefObject<HTMLElement | null>,
  layoutRef: RefObject<{ layout: HeatLayout | null } | null>,
  panel: HeatPanelId,
): void {
  useEffect(() => {
    const el = targetRef.current;
    if (!el) return;
    const store = useAppStore.getState;
    const rows = truthHistory;
    const local = (e: MouseEvent) => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const rowExtent = (): Span => {
      const full = followRows(rows.endRow, rows.capacity);
      return [Math.max(full[0], rows.firstRow), full[1]];
    };
    const onTimeAxis = (layout: HeatLayout, x: number, y: number) =>
      x < layout.plot.x && y >= layout.plot.y && y <= layout.plot.y + layout.plot.h;
    const scrubAt = (layout: HeatLayout, y: number) =>
      scrubTo(layout.y.invert(y) * rows.intervalUs);
    let drag: Drag | null = null;

    const onWheel = (e: WheelEvent) => {
      const layout = layoutRef.current?.layout;
      if (!layout) return;
      e.preventDefault();
      const { x, y } = local(e);
      const factor = wheelFactor(e.deltaY);
      const zoom = store().heatZoom;
      if (e.shiftKey || x < layout.plot.x) {
        const span = zoomSpan(layout.rows, layout.y.invert(y), factor, rowExtent(), MIN_ROWS);
        store().setHeatZoom({ ...zoom, rows: span });
      } else {
        const extent: Span = [0, rows.columns];
        const cols = zoomSpan(layout.cols, layout.x.invert(x), factor, extent, MIN_COLS);
        store().setHeatZoom({ ...zoom, cols });
      }
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      const layout = layoutRef.current?.layout;
      const { x, y } = local(e);
      const zoom = store().heatZoom;
      const scrub = layout ? onTimeAxis(layout, x, y) : false;
      drag = { x, y, cols: zoom.cols, rows: zoom.rows, scrub };
      if (scrub && layout) scrubAt(layout, y);
      el.setPointerCapture(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      const layout = layoutRef.current?.layout;
      if (!layout) return;
      const { x, y } = local(e);
      if (drag?.scrub) {
        scrubAt(layout, Math.max(layout.plot.y, Math.min(layout.plot.y + layout.plot.h - 1, y)));
        return;
      }
      if (drag && (drag.cols || drag.rows)) {
        const colsPerPx = (layout.cols[1] - layout.cols[0]) / layout.plot.w;
        const rowsPerPx = (layout.rows[1] - layout.rows[0]) / layout.plot.h;
        store().setHeatZoom({
          cols: drag.cols && panSpan(drag.cols, (drag.x - x) * colsPerPx, [0, rows.columns]),
          rows: drag.rows && panSpan(drag.rows, (drag.y - y) * rowsPerPx, rowExtent()),
        });
        return;
      }
      if (store().hoverPinned) return;
      store().setHover(hoverAt(layout, panel, x, y));
    };
    const onUp = (e: PointerEvent) => {
      drag = null;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
    };
    const onLeave = () => {
      if (!drag && !store().hoverPinned) store().setHover(null);
    };
    const onDoubleClick = (e: MouseEvent) => {
      const layout = layoutRef.current?.layout;
      const { x, y } = local(e);
      if (layout && onTimeAxis(layout, x, y)) return; // a double press while scrubbing
      store().resetHeatZoom();
    };

    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointercancel', onUp);
    el.addEventListener('pointerleave', onLeave);
    el.addEventListener('dblclick', onDoubleClick);
    return () => {
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointercancel', onUp);
      el.removeEventListener('pointerleave', onLeave);
      el.removeEventListener('dblclick', onDoubleClick);
    };
  }, [targetRef, layoutRef, panel]);
}
