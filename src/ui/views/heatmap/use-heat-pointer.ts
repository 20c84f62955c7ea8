/**
 * Wheel, drag and hover on a heatmap panel. Wheel zooms the address axis around the pointer
 * (over the time axis, or with Shift, it zooms time); drag pans whatever is zoomed; double-click
 * resets. Results go to the view slice, so panels sharing the axes move together.
 */
import { useEffect, type RefObject } from 'react';
import { useAppStore, type Span } from '../../../store';
import { cellAt, followRows } from './heat-layout';
import type { HeatRenderer } from './heat-renderer';
import type { HeatSource } from './heat-source';
import { MIN_COLS, MIN_ROWS, panSpan, wheelFactor, zoomSpan } from './heat-zoom';

interface Drag {
  x: number;
  y: number;
  cols: Span | null;
  rows: Span | null;
}

export function useHeatPointer(
  targetRef: RefObject<HTMLElement | null>,
  rendererRef: RefObject<HeatRenderer | null>,
  source: HeatSource,
): void {
  useEffect(() => {
    const el = targetRef.current;
    if (!el) return;
    const store = useAppStore.getState;
    const local = (e: MouseEvent) => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const rowExtent = (): Span => {
      const full = followRows(source.rows.endRow, source.rows.capacity);
      return [Math.max(full[0], source.rows.firstRow), full[1]];
    };
    let drag: Drag | null = null;

    const onWheel = (e: WheelEvent) => {
      const layout = rendererRef.current?.layout;
      if (!layout) return;
      e.preventDefault();
      const { x, y } = local(e);
      const factor = wheelFactor(e.deltaY);
      const zoom = store().heatZoom;
      if (e.shiftKey || x < layout.plot.x) {
        const rows = zoomSpan(layout.rows, layout.y.invert(y), factor, rowExtent(), MIN_ROWS);
        store().setHeatZoom({ ...zoom, rows });
      } else {
        const extent: Span = [0, source.rows.columns];
        const cols = zoomSpan(layout.cols, layout.x.invert(x), factor, extent, MIN_COLS);
        store().setHeatZoom({ ...zoom, cols });
      }
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      const { x, y } = local(e);
      const zoom = store().heatZoom;
      drag = { x, y, cols: zoom.cols, rows: zoom.rows };
      el.setPointerCapture(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      const layout = rendererRef.current?.layout;
      if (!layout) return;
      const { x, y } = local(e);
      if (drag && (drag.cols || drag.rows)) {
        const colsPerPx = (layout.cols[1] - layout.cols[0]) / layout.plot.w;
        const rowsPerPx = (layout.rows[1] - layout.rows[0]) / layout.plot.h;
        store().setHeatZoom({
          cols: drag.cols && panSpan(drag.cols, (drag.x - x) * colsPerPx, [0, source.rows.columns]),
          rows: drag.rows && panSpan(drag.rows, (drag.y - y) * rowsPerPx, rowExtent()),
        });
        return;
      }
      const cell = cellAt(layout, x, y);
      store().setHover(cell && { ...cell, xPx: x, yPx: y });
    };
    const onUp = (e: PointerEvent) => {
      drag = null;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
    };
    const onLeave = () => {
      if (!drag) store().setHover(null);
    };
    const onDoubleClick = () => store().resetHeatZoom();

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
  }, [targetRef, rendererRef, source]);
}
