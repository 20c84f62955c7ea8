/**
 * The grid of large folios: a canvas that scrolls (only the rows in view are drawn), a tooltip
 * for the folio under the pointer or the keyboard cursor, and a click or Enter to open its
 * history. The census itself never goes through React: the canvas redraws when it changes.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { closeFolioHistory, findFolio, selectFolio, thpCensus, useAppStore } from '../../../store';
import { createFrameScheduler } from '../../canvas/frame-scheduler';
import { usePageTheme } from '../../canvas/theme';
import { useElementSize } from '../../canvas/use-element-size';
import { describeFolio, FolioTooltip } from './FolioTooltip';
import { BOX_H, BOX_W, hitTile, PITCH_Y, tileOrigin, type TileGrid } from './thp-raster';
import {
  INSET,
  TilesRenderer,
  toGrid,
  toView,
  viewGrid,
  viewHeight,
  type TilesView,
} from './thp-renderer';
import { tileKeyAction } from './tile-keys';

/** The grid's box is at most this tall (CSS px); a taller grid scrolls inside it. */
export const MAX_VIEW_H = 336;

const subscribe = (cb: () => void) => thpCensus.subscribe(cb);
const countOf = () => thpCensus.latest?.count ?? 0;

interface Hover {
  index: number;
  subpage: number;
  /** Pointer position in the visible box, CSS px. */
  x: number;
  y: number;
}

/** The nr_accesses ceiling in force: aggr_interval / sample_interval (0 without DAMON). */
function useDamonMax(): number {
  return useAppStore((s) => {
    const d = s.damonStatus;
    return d && d.sample_interval > 0 ? Math.round(d.aggr_interval / d.sample_interval) : 0;
  });
}

export function ThpTiles() {
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  // The scroll box's content width: its scrollbar (a gutter kept for it) is not drawn on.
  const width = useElementSize(scroller).width;
  const count = useSyncExternalStore(subscribe, countOf);
  useAppStore((s) => s.thpSummary); // the tooltip's numbers follow the census, a few times a second
  const theme = usePageTheme();
  const paletteId = useAppStore((s) => s.heatPalette);
  const damonMax = useDamonMax();
  const selectedRef = useAppStore((s) => s.thpSelected);
  const vmas = useAppStore((s) => s.vmas);
  const scale = useAppStore((s) => s.thpScale);
  const [hover, setHover] = useState<Hover | null>(null);
  const [cursor, setCursor] = useState(-1);
  /** The keyboard drives the grid (focused with Tab, or a key pressed on it), not the pointer. */
  const [keyboard, setKeyboard] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);

  const census = thpCensus.latest;
  const grid = viewGrid(count, width, scale);
  const fullH = viewHeight(grid, scale);
  const viewH = Math.min(fullH, MAX_VIEW_H);
  const selected =
    census && selectedRef ? findFolio(census, selectedRef.process, selectedRef.addr) : -1;

  const view = useRef<TilesView | null>(null);
  const schedule = useRef<{ request(): void } | null>(null);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const renderer = new TilesRenderer(el);
    const scheduler = createFrameScheduler(() => {
      if (view.current) renderer.draw({ ...view.current, census: thpCensus.latest });
    });
    schedule.current = scheduler;
    const off = thpCensus.subscribe(() => scheduler.request());
    scheduler.request();
    return () => {
      off();
      scheduler.cancel();
      schedule.current = null;
    };
  }, []);
  // What the next draw shows: set after every render, then drawn on the next frame.
  useEffect(() => {
    view.current = {
      census: null, // read at draw time: the newest census
      width,
      height: viewH,
      scrollTop,
      scale,
      dpr: window.devicePixelRatio || 1,
      theme,
      palette: paletteId,
      damonMax,
      hover: hover?.index ?? -1,
      cursor,
      focused: keyboard,
      selected,
    };
    schedule.current?.request();
  });

  /** The tile under a pointer event, in the newest census. */
  const hitAt = (e: React.PointerEvent | React.MouseEvent): Hover | null => {
    const rect = canvas.current?.getBoundingClientRect();
    const c = thpCensus.latest;
    if (!rect || !c) return null;
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const g = toGrid(x, y, scrollTop, scale);
    const hit = hitTile(grid, c.order, g.x, g.y);
    return hit && { ...hit, x, y };
  };
  const open = (i: number) => {
    const census = thpCensus.latest;
    if (!census || i < 0 || i >= census.count) return;
    void selectFolio({
      process: census.process[i]!,
      addr: census.addr[i]!,
      order: census.order[i]!,
    });
  };
  const moveTo = (i: number) => {
    setCursor(i);
    const el = scroller.current;
    if (!el) return;
    const y = toView(0, tileOrigin(grid, i).y, 0, scale).y;
    const h = PITCH_Y * scale;
    if (y - INSET < el.scrollTop) el.scrollTop = Math.max(0, y - INSET);
    else if (y + h > el.scrollTop + viewH) el.scrollTop = y + h - viewH;
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const action = tileKeyAction(
      e.key,
      cursor,
      count,
      grid.perRow,
      Math.floor(viewH / (PITCH_Y * scale)),
    );
    if (!action) return;
    if (action.kind === 'close' && !useAppStore.getState().thpSelected) return; // Esc: the page's
    e.preventDefault();
    e.stopPropagation();
    setKeyboard(true);
    if (action.kind === 'move') moveTo(action.to);
    else if (action.kind === 'open') open(cursor);
    else closeFolioHistory();
  };

  const shown =
    hover ?? (keyboard && cursor >= 0 ? cursorAnchor(grid, cursor, scrollTop, scale) : null);
  const text = census && shown ? describeFolio(census, shown, damonMax, vmas) : null;
  const cursorText =
    census && cursor >= 0 && cursor < count
      ? describeFolio(census, { index: cursor, subpage: -1 }, damonMax, vmas)
      : null;
  return (
    <div className="thp-tiles-wrap">
      <div
        ref={scroller}
        className="thp-tiles"
        style={{ height: viewH }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <canvas
          ref={canvas}
          className="thp-canvas"
          style={{ width, height: viewH }}
          tabIndex={0}
          role="img"
          aria-label={`${count} large folios, one tile each: lit cells are sub-pages accessed, the bar under a tile is DAMON's nr_accesses. Arrow keys move, Enter opens a folio's history.`}
          data-testid="thp-canvas"
          data-scale={scale}
          data-per-row={grid.perRow}
          data-pitch-x={grid.pitchX}
          data-inset={INSET}
          onPointerMove={(e) => setHover(hitAt(e))}
          onPointerLeave={() => setHover(null)}
          onClick={(e) => {
            const hit = hitAt(e);
            if (!hit) return;
            setCursor(hit.index);
            open(hit.index);
          }}
          onKeyDown={onKeyDown}
          onPointerDown={() => setKeyboard(false)}
          onFocus={(e) => {
            setKeyboard(e.currentTarget.matches(':focus-visible'));
            if (cursor < 0 && count > 0) setCursor(Math.max(0, selected));
          }}
          onBlur={() => setKeyboard(false)}
        />
        <div style={{ height: Math.max(0, fullH - viewH) }} aria-hidden="true" />
      </div>
      {text && shown && (
        <FolioTooltip text={text} x={shown.x} y={shown.y} width={width} height={viewH} />
      )}
      <div className="thp-sr-only" aria-live="polite">
        {keyboard && cursorText
          ? `${cursorText.title}, ${cursorText.accessed}, ${cursorText.damon}`
          : ''}
      </div>
    </div>
  );
}

/** Where the tooltip of the keyboard cursor's tile goes (the box's CSS px). */
function cursorAnchor(grid: TileGrid, i: number, scrollTop: number, scale: number): Hover {
  const o = tileOrigin(grid, i);
  const { x, y } = toView(o.x + BOX_W, o.y + BOX_H, scrollTop, scale);
  return { index: i, subpage: -1, x, y };
}
