/**
 * The keyboard on a focused heatmap stage: + / − zoom the address axis around the cursor,
 * the arrow keys pan (← → addresses, ↑ ↓ time) and, where the view cannot move that way (all
 * of it is shown), move the cursor instead; Shift + an arrow always moves the cursor. Enter
 * pins the tooltip at the cursor, Escape unpins it. The cursor is the hover: a point of the
 * plot (cssPx) that the map moves under, shown by the same outline and tooltip as the pointer.
 * Keys it handles do not reach the page's shortcuts. The arrows are the map's only while it is
 * driven by the keyboard (focused with Tab, or after + − Enter on it): after a click on the map
 * they keep scrubbing time, as everywhere else on the page.
 */
import { useEffect, type RefObject } from 'react';
import { truthHistory, useAppStore, type HeatPanelId, type Span } from '../../../store';
import { followRows, type HeatLayout } from './heat-layout';
import { MIN_COLS, panSpan, zoomSpan } from './heat-zoom';
import { hoverAt } from './use-heat-pointer';

/** A pan moves the view by this share of its span; a cursor step is this share of the plot. */
const PAN_SHARE = 0.1;
const CURSOR_SHARE = 1 / 40;
const ZOOM_FACTOR = 0.5;

export type HeatKeyAction =
  | { kind: 'zoom'; factor: number }
  | { kind: 'pan'; axis: 'cols' | 'rows'; dir: -1 | 1; cursorOnly: boolean }
  | { kind: 'pin' }
  | { kind: 'unpin' };

/** What a key press on a focused heatmap does, or null to leave it to the page. */
export function heatKeyAction(key: string, shift: boolean, pinned: boolean): HeatKeyAction | null {
  switch (key) {
    case '+':
    case '=':
      return { kind: 'zoom', factor: ZOOM_FACTOR };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 1 / ZOOM_FACTOR };
    case 'ArrowLeft':
      return { kind: 'pan', axis: 'cols', dir: -1, cursorOnly: shift };
    case 'ArrowRight':
      return { kind: 'pan', axis: 'cols', dir: 1, cursorOnly: shift };
    case 'ArrowUp':
      return { kind: 'pan', axis: 'rows', dir: -1, cursorOnly: shift };
    case 'ArrowDown':
      return { kind: 'pan', axis: 'rows', dir: 1, cursorOnly: shift };
    case 'Enter':
      return pinned ? { kind: 'unpin' } : { kind: 'pin' };
    case 'Escape':
      return pinned ? { kind: 'unpin' } : null;
    default:
      return null;
  }
}

export function useHeatKeys(
  targetRef: RefObject<HTMLElement | null>,
  layoutRef: RefObject<{ layout: HeatLayout | null } | null>,
  panel: HeatPanelId,
): void {
  useEffect(() => {
    const el = targetRef.current;
    if (!el) return;
    const store = useAppStore.getState;
    /** The keyboard cursor (cssPx in the stage); null until the keyboard first moves it. */
    let cursor: { x: number; y: number } | null = null;
    /** Where the cursor starts: mid-plot, on the newest row recorded. */
    const start = (layout: HeatLayout) => ({
      x: layout.plot.x + layout.plot.w / 2,
      y: layout.y(Math.max(truthHistory.firstRow, truthHistory.endRow - 0.5)),
    });

    const place = () => {
      const layout = layoutRef.current?.layout;
      if (!layout) return;
      const { plot } = layout;
      if (!cursor) {
        const h = store().hover;
        cursor = h && h.panel === panel ? { x: h.xPx, y: h.yPx } : start(layout);
      }
      cursor.x = Math.min(plot.x + plot.w - 0.5, Math.max(plot.x, cursor.x));
      cursor.y = Math.min(plot.y + plot.h - 0.5, Math.max(plot.y, cursor.y));
      store().setHover(hoverAt(layout, panel, cursor.x, cursor.y));
    };
    /** After a zoom or pan the layout is new only once the panel has drawn again. */
    const placeAfterDraw = () => requestAnimationFrame(() => requestAnimationFrame(place));

    const rowExtent = (): Span => {
      const rows = truthHistory;
      const full = followRows(rows.endRow, rows.capacity);
      return [Math.max(full[0], rows.firstRow), full[1]];
    };

    /** Whether the keyboard drives the map (see the header); a press on it hands it back. */
    let keyboard = false;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const action = heatKeyAction(e.key, e.shiftKey, store().hoverPinned);
      const layout = layoutRef.current?.layout;
      if (!action || !layout) return;
      if (action.kind === 'pan' && !keyboard) return;
      keyboard = true;
      e.preventDefault();
      e.stopPropagation();
      const { plot } = layout;
      if (!cursor) place();
      const c = cursor ?? start(layout);
      const zoom = store().heatZoom;
      switch (action.kind) {
        case 'zoom': {
          const extent: Span = [0, truthHistory.columns];
          const cols = zoomSpan(layout.cols, layout.x.invert(c.x), action.factor, extent, MIN_COLS);
          store().setHeatZoom({ ...zoom, cols });
          placeAfterDraw();
          return;
        }
        case 'pan': {
          const span = action.axis === 'cols' ? layout.cols : layout.rows;
          const extent: Span = action.axis === 'cols' ? [0, truthHistory.columns] : rowExtent();
          const moved = panSpan(span, action.dir * PAN_SHARE * (span[1] - span[0]), extent);
          const canPan = !action.cursorOnly && moved[0] !== span[0];
          if (canPan) {
            store().setHeatZoom({ ...zoom, [action.axis]: moved });
            placeAfterDraw();
            return;
          }
          if (action.axis === 'cols') c.x += action.dir * Math.max(1, plot.w * CURSOR_SHARE);
          else c.y += action.dir * Math.max(1, plot.h * CURSOR_SHARE);
          cursor = c;
          place();
          return;
        }
        case 'pin':
          place();
          store().setHoverPinned(true);
          return;
        case 'unpin':
          store().setHoverPinned(false);
          return;
      }
    };
    // Only a keyboard focus shows the cursor; a click focuses the stage too.
    const onFocus = () => {
      keyboard = el.matches(':focus-visible');
      if (keyboard && !store().hoverPinned) place();
    };
    const onPointerDown = () => {
      keyboard = false;
      cursor = null;
    };
    const onBlur = () => {
      cursor = null;
      if (!store().hoverPinned) store().setHover(null);
    };
    el.addEventListener('keydown', onKey);
    el.addEventListener('focus', onFocus);
    el.addEventListener('blur', onBlur);
    el.addEventListener('pointerdown', onPointerDown);
    return () => {
      el.removeEventListener('keydown', onKey);
      el.removeEventListener('focus', onFocus);
      el.removeEventListener('blur', onBlur);
      el.removeEventListener('pointerdown', onPointerDown);
    };
  }, [targetRef, layoutRef, panel]);
}
