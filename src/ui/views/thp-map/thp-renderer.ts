/**
 * Draws the sub-page grid on its canvas: only the rows of tiles in view (the grid of 16 GiB of
 * THPs is thousands of pixels tall and scrolls), rasterised at one pixel per sub-page by
 * thp-raster and stretched to device pixels by one blit, then the outlines of the hovered,
 * keyboard-focused and selected folios. Owns no React state; the component sets what it needs
 * and asks for a draw, at most one per animation frame.
 */
import type { HeatPalette } from '../../../store';
import { CellImage } from '../../canvas/cell-image';
import { colorLut, GROUNDS, palette, parseRgb, type PageTheme } from '../../canvas/colour-maps';
import { rgbWord, words } from '../heatmap/heat-pipeline';
import {
  BOX_W,
  PITCH_Y,
  rasterTiles,
  SLOT_H,
  tileGrid,
  tileOrigin,
  type CensusTiles,
  type TileColours,
  type TileGrid,
} from './thp-raster';

/** Room around the grid for the outlines of its edge tiles, CSS px. */
export const INSET = 3;

/** The slot grid of `count` tiles on a canvas `width` CSS px wide, at `scale` CSS px per sub-page. */
export function viewGrid(count: number, width: number, scale: number): TileGrid {
  return tileGrid(count, Math.max(0, width - 2 * INSET) / scale);
}

/** The whole grid's height on the canvas, CSS px (it scrolls past the box's). */
export function viewHeight(grid: TileGrid, scale: number): number {
  return grid.height * scale + INSET;
}

/** A point of the canvas (CSS px in its box, scrolled by `scrollTop`) in grid pixels. */
export function toGrid(x: number, y: number, scrollTop: number, scale: number) {
  return { x: (x - INSET) / scale, y: (y + scrollTop - INSET) / scale };
}

/** A grid pixel on the canvas, CSS px in its box. */
export function toView(x: number, y: number, scrollTop: number, scale: number) {
  return { x: x * scale + INSET, y: y * scale + INSET - scrollTop };
}

/** Where on the sequential ramp an accessed sub-page is drawn: bright on either ground. */
export const TOUCHED_AT = 0.75;

/** What a draw needs, set by the component. */
export interface TilesView {
  census: CensusTiles | null;
  /** The canvas box in CSS px, and how far the grid is scrolled (CSS px). */
  width: number;
  height: number;
  scrollTop: number;
  /** CSS px per sub-page: the raster (one pixel per sub-page) is blown up this much. */
  scale: number;
  dpr: number;
  theme: PageTheme;
  palette: HeatPalette;
  damonMax: number;
  hover: number;
  cursor: number;
  /** Whether the canvas has the keyboard focus (the cursor is drawn only then). */
  focused: boolean;
  selected: number;
}

/** The colours of a palette on a page theme. */
export function tileColours(p: HeatPalette, theme: PageTheme): TileColours {
  const pal = palette(p);
  const zero = rgbWord(GROUNDS[theme].zero);
  return {
    touched: rgbWord(parseRgb(pal.sequential(TOUCHED_AT))),
    cold: zero,
    damonLut: words(colorLut(pal.sequential)),
    barRest: zero,
  };
}

export class TilesRenderer {
  private readonly cells = new CellImage();
  private colours: { key: string; value: TileColours } | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  draw(v: TilesView): TileGrid | null {
    const { canvas } = this;
    const w = Math.max(1, Math.round(v.width * v.dpr));
    const h = Math.max(1, Math.round(v.height * v.dpr));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const c = v.census;
    if (!c || c.count === 0 || v.width <= 0) return null;
    const s = v.scale;
    const grid = viewGrid(c.count, v.width, s);
    const top = toGrid(0, 0, v.scrollTop, s).y;
    const row0 = Math.max(0, Math.floor(top / PITCH_Y));
    const row1 = Math.min(grid.rows, Math.ceil((top + v.height / s) / PITCH_Y));
    if (row1 <= row0) return grid;
    const imgH = (row1 - row0) * PITCH_Y;
    const out = words(this.cells.pixels(grid.width, imgH));
    rasterTiles(c, grid, row0, row1, v.damonMax, this.coloursFor(v), out);
    this.cells.commit();
    ctx.setTransform(v.dpr, 0, 0, v.dpr, 0, 0);
    const at = toView(0, row0 * PITCH_Y, v.scrollTop, s);
    this.cells.blit(ctx, 0, 0, grid.width, imgH, at.x, at.y, grid.width * s, imgH * s);
    const grounds = GROUNDS[v.theme];
    this.outline(ctx, grid, v, v.selected, grounds.mark, 2);
    if (v.focused && v.cursor !== v.selected) this.outline(ctx, grid, v, v.cursor, grounds.ink, 1);
    if (v.hover !== v.selected) this.outline(ctx, grid, v, v.hover, grounds.hover, 1);
    return grid;
  }

  private outline(
    ctx: CanvasRenderingContext2D,
    grid: TileGrid,
    v: TilesView,
    i: number,
    colour: string,
    lineWidth: number,
  ): void {
    if (i < 0 || i >= grid.count) return;
    const o = tileOrigin(grid, i);
    const s = v.scale;
    const { x, y } = toView(o.x, o.y, v.scrollTop, s);
    if (y > v.height || y + SLOT_H * s < 0) return;
    ctx.strokeStyle = colour;
    ctx.lineWidth = lineWidth;
    const pad = lineWidth / 2 + 0.5;
    ctx.strokeRect(x - pad, y - pad, BOX_W * s + 2 * pad, SLOT_H * s + 2 * pad);
  }

  private coloursFor(v: TilesView): TileColours {
    const key = `${v.palette} ${v.theme}`;
    if (this.colours?.key !== key) this.colours = { key, value: tileColours(v.palette, v.theme) };
    return this.colours.value;
  }
}
