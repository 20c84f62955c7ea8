/**
 * The sub-page grid as pixels, pure so it can be tested and benchmarked in Node: every large
 * folio of a census is a tile of its 4 KiB sub-pages at one pixel per sub-page, 32 to a row,
 * so that tile row r is exactly word r of the folio's bitmap (a 2 MiB THP is 32 × 16 cells, a
 * 64 KiB mTHP 32 × 1, a 16 KiB one 4 × 1), framed by one pixel of the "not accessed" ground
 * so a lit first or last column reads as inside the tile. Under each tile, DAMON's view of the
 * same range: a bar as long and as hot as nr_accesses / max of the region holding the folio's
 * first byte, on the DAMON map's ramp. A THP DAMON reads hot with a handful of lit cells (seed
 * 002's T2) is a full, dark bar under an almost empty tile.
 *
 * Tiles sit in slots of one size, left to right, top to bottom, in census order (by process,
 * then address), the columns spread over the width. rasterTiles writes whole rows of slots
 * into a caller's Uint32Array of RGBA words and allocates nothing per tile; the view scales
 * the image up (CSS px per sub-page) when it blits it.
 *
 *   ┌─ 1 + 32 + 1 ─────────┐   ┌─────
 *   │ 16 rows of 32 bits   │   │ next tile, ≥ 4 px on
 *   └──────────────────────┘   │
 *   ▔▔▔▔▔▔▔▔▔▔▔▔▔▔▔▔▔▔▔▔▔▔▔▔ ← 1 px gap, 3 px DAMON bar, 5 px to the next row of slots
 */

/** Sub-pages per tile row: one bitmap word. */
export const TILE_W = 32;
/** Rows of a 512-sub-page (order 9) tile. */
export const TILE_H = 16;
/** The frame around a tile's cells. */
export const PAD = 1;
export const BOX_W = TILE_W + 2 * PAD;
export const BOX_H = TILE_H + 2 * PAD;
export const BAR_GAP = 1;
export const BAR_H = 3;
/** A slot's height without its gap: the tile's box, the gap and the bar. */
export const SLOT_H = BOX_H + BAR_GAP + BAR_H;
export const GAP_X = 4;
export const GAP_Y = 5;
/** The narrowest pitch between columns of slots. */
export const MIN_PITCH_X = BOX_W + GAP_X;
/** The widest: spare width beyond a few pixels per column stays at the right. */
export const MAX_PITCH_X = MIN_PITCH_X + 8;
export const PITCH_Y = SLOT_H + GAP_Y;
/** Bitmap words per folio in a census. */
export const WORDS_PER_FOLIO = 16;

/** The slot grid of `count` tiles in a box `width` px wide. */
export interface TileGrid {
  count: number;
  /** Tiles per row of slots. */
  perRow: number;
  /** From one column of slots to the next (≥ MIN_PITCH_X: the spare width spread out). */
  pitchX: number;
  /** Rows of slots. */
  rows: number;
  /** The image: width px, rows × PITCH_Y px (the last row's gap included). */
  width: number;
  height: number;
}

export function tileGrid(count: number, width: number): TileGrid {
  const w = Math.max(Math.floor(width), BOX_W);
  const perRow = Math.max(1, Math.floor((w + GAP_X) / MIN_PITCH_X));
  // the spare width spread between the columns, but a few tiles stay close together
  const spread = perRow > 1 ? Math.floor((w + GAP_X) / perRow) : MIN_PITCH_X;
  const pitchX = Math.min(spread, MAX_PITCH_X);
  const rows = Math.ceil(count / perRow);
  return { count, perRow, pitchX, rows, width: w, height: rows * PITCH_Y };
}

/** Top-left pixel of tile i's slot in the whole grid. */
export function tileOrigin(grid: TileGrid, i: number): { x: number; y: number } {
  return { x: (i % grid.perRow) * grid.pitchX, y: Math.floor(i / grid.perRow) * PITCH_Y };
}

/** Cells across and down of a folio tile of `order` (sub-pages 32 to a row). */
export function tileSize(order: number): { w: number; h: number } {
  const n = 2 ** order;
  return { w: Math.min(TILE_W, n), h: Math.max(1, n / TILE_W) };
}

/** What is under grid pixel (x, y): a tile (and its sub-page, or -1 on its frame or bar). */
export interface TileHit {
  index: number;
  subpage: number;
}

/** The tile whose slot (gaps excluded) holds (x, y) of the whole grid; null between tiles. */
export function hitTile(
  grid: TileGrid,
  orders: ArrayLike<number>,
  x: number,
  y: number,
): TileHit | null {
  if (x < 0 || y < 0) return null;
  const col = Math.floor(x / grid.pitchX);
  const row = Math.floor(y / PITCH_Y);
  const dx = Math.floor(x - col * grid.pitchX);
  const dy = Math.floor(y - row * PITCH_Y);
  if (col >= grid.perRow || dx >= BOX_W || dy >= SLOT_H) return null;
  const index = row * grid.perRow + col;
  if (index >= grid.count) return null;
  const { w, h } = tileSize(orders[index] ?? 9);
  const cx = dx - PAD;
  const cy = dy - PAD;
  const subpage = cx >= 0 && cy >= 0 && cx < w && cy < h ? cy * TILE_W + cx : -1;
  return { index, subpage };
}

/** RGBA words (in the platform's byte order, heat-pipeline's `words`) a raster draws with. */
export interface TileColours {
  /** A sub-page accessed in the census' truth interval. */
  touched: number;
  /** A sub-page not accessed. */
  cold: number;
  /** DAMON's ramp, position 0 … 1 over its entries (the DAMON map's sequential palette). */
  damonLut: Uint32Array;
  /** The unlit rest of a DAMON bar (nr_accesses below max). */
  barRest: number;
}

/** The census arrays a raster reads. */
export interface CensusTiles {
  count: number;
  order: ArrayLike<number>;
  bits: Uint32Array;
  /** nr_accesses per folio; < 0 not monitored (no bar). */
  damonNr: ArrayLike<number>;
}

/**
 * Draw the tiles of rows of slots [row0, row1) into `out` (grid.width × (row1 − row0) ×
 * PITCH_Y words, row-major); every pixel of those rows is written, so `out` needs no clearing:
 * gaps, the unused part of an mTHP's slot and empty slots become transparent (0). `damonMax`
 * is the nr_accesses ceiling (aggr_interval / sample_interval); bar length and colour are
 * nr_accesses / damonMax, at least one pixel when it is above 0.
 *
 * Two passes. The grounds: the first band (row of slots) is laid out, every box cold, every
 * bar unlit, the gaps transparent, and copied onto every other full band with one
 * copyWithin each. Then per tile only what differs: the set bits (Math.clz32 per bit), the lit
 * part of its bar, an mTHP's slack. A census of sparse THPs, the case the view is for, costs
 * little more than copying its pixels.
 */
export function rasterTiles(
  c: CensusTiles,
  grid: TileGrid,
  row0: number,
  row1: number,
  damonMax: number,
  colours: TileColours,
  out: Uint32Array,
): void {
  const stride = grid.width;
  const { perRow, pitchX } = grid;
  const drawn = Math.min(c.count, grid.count);
  const { touched, cold, damonLut, barRest } = colours;
  const bandWords = PITCH_Y * stride;
  const liveIn = (row: number) => Math.max(0, Math.min(drawn - row * perRow, perRow));
  for (let row = row0; row < row1; row++) {
    const band = (row - row0) * bandWords;
    const live = liveIn(row);
    if (row > row0 && live === perRow && liveIn(row0) === perRow) {
      out.copyWithin(band, 0, bandWords);
    } else {
      layBand(out, band, stride, live, pitchX, cold, barRest);
    }
  }
  const steps = damonLut.length - 1;
  const bits = c.bits;
  const barTop = (BOX_H + BAR_GAP) * stride;
  const end = Math.min(drawn, row1 * perRow);
  for (let i = Math.max(0, row0 * perRow); i < end; i++) {
    const top = (Math.floor(i / perRow) - row0) * bandWords + (i % perRow) * pitchX;
    const order = c.order[i]!;
    if (order < 9) mthpSlack(out, top, stride, order);
    const h = order < 5 ? 1 : 2 ** (order - 5);
    const mask = order < 5 ? (1 << (2 ** order)) - 1 : -1;
    const wordAt = i * WORDS_PER_FOLIO;
    for (let r = 0; r < h; r++) {
      // as an int32 (| 0), so the bit tricks below stay in small integers
      let word = (bits[wordAt + r]! | 0) & mask;
      const at = top + (r + PAD) * stride + PAD;
      if (word === -1) {
        out.fill(touched, at, at + TILE_W);
        continue;
      }
      while (word !== 0) {
        const low = word & -word;
        out[at + 31 - Math.clz32(low)] = touched;
        word ^= low;
      }
    }
    const nr = c.damonNr[i]!;
    if (nr === 0) continue; // the unlit bar is the ground
    const t01 = damonMax > 0 && nr > 0 ? Math.min(1, nr / damonMax) : 0;
    const lit = nr < 0 ? BOX_W : Math.max(1, Math.round(t01 * BOX_W));
    const colour = nr < 0 ? 0 : damonLut[Math.round(t01 * steps)]!;
    for (let r = 0; r < BAR_H; r++) {
      const at = top + barTop + r * stride;
      for (let k = 0; k < lit; k++) out[at + k] = colour;
    }
  }
}

/** The grounds of one band with `live` tiles: cold boxes, unlit bars, the rest transparent. */
function layBand(
  out: Uint32Array,
  band: number,
  stride: number,
  live: number,
  pitchX: number,
  cold: number,
  barRest: number,
): void {
  out.fill(0, band, band + PITCH_Y * stride);
  for (let r = 0; r < SLOT_H; r++) {
    if (r >= BOX_H && r < BOX_H + BAR_GAP) continue;
    const at = band + r * stride;
    const ground = r < BOX_H ? cold : barRest;
    for (let t = 0; t < live; t++) out.fill(ground, at + t * pitchX, at + t * pitchX + BOX_W);
  }
}

/** Make transparent the part of an mTHP's box its cells and frame do not use. */
function mthpSlack(out: Uint32Array, top: number, stride: number, order: number): void {
  const n = 2 ** order;
  const w = n < TILE_W ? n : TILE_W;
  const h = n < TILE_W ? 1 : n / TILE_W;
  for (let r = 0; r < BOX_H; r++) {
    const at = top + r * stride;
    out.fill(0, at + (r <= h + PAD ? w + 2 * PAD : 0), at + BOX_W);
  }
}
