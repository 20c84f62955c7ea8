/**
 * The sub-page grid's raster: lit cells exactly where a census' bits are set, the frame and the
 * unlit cells in the "not accessed" ground, DAMON's bar as long as nr_accesses / max, nothing
 * in the gaps, and hit testing that finds the folio and sub-page a pixel was drawn for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CENSUS_WORDS } from '../../src/engine/thp/census';
import {
  BAR_GAP,
  BOX_H,
  BOX_W,
  GAP_X,
  hitTile,
  MIN_PITCH_X,
  PAD,
  PITCH_Y,
  rasterTiles,
  tileGrid,
  tileOrigin,
  TILE_W,
  WORDS_PER_FOLIO,
  type CensusTiles,
  type TileColours,
} from '../../src/ui/views/thp-map/thp-raster';

const TOUCHED = 0xff0000ff;
const COLD = 0xff111111;
const REST = 0xff222222;
/** A 21-entry ramp: entry k is 0xff0000k0 so a bar's colour tells its position. */
const LUT = Uint32Array.from({ length: 21 }, (_, k) => 0xff000000 + k * 16);
const COLOURS: TileColours = { touched: TOUCHED, cold: COLD, damonLut: LUT, barRest: REST };

/** A census of folios of these orders, sub-pages `lit[i]` accessed, DAMON reading `nr[i]`. */
function census(orders: number[], lit: number[][], nr: number[]): CensusTiles {
  const bits = new Uint32Array(orders.length * WORDS_PER_FOLIO);
  lit.forEach((ks, i) => {
    for (const k of ks) bits[i * WORDS_PER_FOLIO + (k >>> 5)]! |= 1 << (k & 31);
  });
  return {
    count: orders.length,
    order: Uint8Array.from(orders),
    bits,
    damonNr: Int16Array.from(nr),
  };
}

function draw(c: CensusTiles, width: number, damonMax = 20) {
  const grid = tileGrid(c.count, width);
  const out = new Uint32Array(grid.width * grid.height);
  rasterTiles(c, grid, 0, grid.rows, damonMax, COLOURS, out);
  const px = (x: number, y: number) => out[y * grid.width + x]!;
  return { grid, out, px };
}

describe('tileGrid', () => {
  it('fits as many slots as the width holds, spreading a little spare width', () => {
    const g = tileGrid(128, 326);
    expect(g.perRow).toBe(Math.floor((326 + GAP_X) / MIN_PITCH_X));
    expect(g.pitchX).toBeGreaterThanOrEqual(MIN_PITCH_X);
    // the last column still ends inside the width
    expect((g.perRow - 1) * g.pitchX + BOX_W).toBeLessThanOrEqual(326);
    expect(g.rows).toBe(Math.ceil(128 / g.perRow));
    expect(g.height).toBe(g.rows * PITCH_Y);
  });

  it('keeps one slot per row in a box narrower than a tile', () => {
    expect(tileGrid(3, 10)).toMatchObject({ perRow: 1, rows: 3, width: BOX_W });
  });
});

describe('rasterTiles', () => {
  it('lights exactly the sub-pages whose bits are set, 32 to a row, inside a cold frame', () => {
    // thpsparse: one page in 32 written (sub-pages 0, 32, 64 ... 480), plus 37 and 511
    const lit = [...Array.from({ length: 16 }, (_, r) => r * 32), 37, 511];
    const c = census([9, 9], [lit, []], [20, 20]);
    const { grid, px } = draw(c, 200);
    for (let k = 0; k < 512; k++) {
      const x = PAD + (k % TILE_W);
      const y = PAD + Math.floor(k / TILE_W);
      expect(px(x, y), `sub-page ${k}`).toBe(lit.includes(k) ? TOUCHED : COLD);
    }
    // frame: the first and last column and row of the box
    for (let y = 0; y < BOX_H; y++) expect([px(0, y), px(BOX_W - 1, y)]).toEqual([COLD, COLD]);
    for (let x = 0; x < BOX_W; x++) expect([px(x, 0), px(x, BOX_H - 1)]).toEqual([COLD, COLD]);
    // the second tile: nothing lit
    const o = tileOrigin(grid, 1);
    expect(o).toEqual({ x: grid.pitchX, y: 0 });
    for (let k = 0; k < 512; k++) {
      expect(px(o.x + PAD + (k % 32), PAD + (k >> 5))).toBe(COLD);
    }
    // the gap between the two stays transparent
    expect(px(BOX_W, 5)).toBe(0);
  });

  it('draws DAMON bars as long as nr_accesses / max, on the ramp; none when not monitored', () => {
    const c = census([9, 9, 9, 9], [[], [], [], []], [20, 10, 0, -1]);
    const { grid, px } = draw(c, 400);
    const barY = BOX_H + BAR_GAP;
    const bar = (i: number) =>
      Array.from({ length: BOX_W }, (_, x) => px(tileOrigin(grid, i).x + x, barY));
    expect(bar(0)).toEqual(new Array(BOX_W).fill(LUT[20]));
    expect(bar(1)).toEqual([...new Array(17).fill(LUT[10]), ...new Array(17).fill(REST)]);
    expect(bar(2)).toEqual(new Array(BOX_W).fill(REST));
    expect(bar(3)).toEqual(new Array(BOX_W).fill(0));
  });

  it('gives a small nr_accesses at least one pixel of bar', () => {
    const { px } = draw(census([9], [[]], [1]), 100, 200);
    expect(px(0, BOX_H + BAR_GAP)).not.toBe(REST);
    expect(px(1, BOX_H + BAR_GAP)).toBe(REST);
  });

  it('draws mTHPs at their size: 64 KiB as one row of 16, 16 KiB as 4 cells', () => {
    const c = census([4, 2, 8], [[0, 15], [3], [255]], [-1, -1, -1]);
    const { grid, px } = draw(c, 400);
    const at = (i: number, k: number) => {
      const o = tileOrigin(grid, i);
      return px(o.x + PAD + (k % 32), o.y + PAD + (k >> 5));
    };
    expect([at(0, 0), at(0, 1), at(0, 15)]).toEqual([TOUCHED, COLD, TOUCHED]);
    // past the folio's 16 sub-pages: its frame, then the unused slot
    expect(at(0, 16)).toBe(COLD);
    expect(at(0, 17)).toBe(0);
    expect(at(0, 32)).toBe(COLD); // the frame's bottom row
    expect(at(0, 64)).toBe(0);
    expect([at(1, 3), at(1, 4)]).toEqual([TOUCHED, COLD]);
    expect([at(2, 255), at(2, 254), at(2, 256)]).toEqual([TOUCHED, COLD, COLD]);
  });

  it('draws only rows [row0, row1), shifted to the image top', () => {
    const c = census(
      new Array(9).fill(9),
      Array.from({ length: 9 }, (_, i) => [i]),
      new Array(9).fill(-1),
    );
    const grid = tileGrid(9, 2 * MIN_PITCH_X); // two per row: rows of slots 0..4
    const out = new Uint32Array(grid.width * 2 * PITCH_Y);
    rasterTiles(c, grid, 2, 4, 20, COLOURS, out); // tiles 4..7
    const px = (x: number, y: number) => out[y * grid.width + x]!;
    expect(px(PAD + 4, PAD)).toBe(TOUCHED); // tile 4, sub-page 4
    expect(px(grid.pitchX + PAD + 5, PAD)).toBe(TOUCHED); // tile 5
    expect(px(PAD + 6, PITCH_Y + PAD)).toBe(TOUCHED); // tile 6
    expect(px(PAD + 4, PITCH_Y + PAD)).toBe(COLD);
  });

  it('uses the census layout of the engine (16 words per folio)', () => {
    expect(WORDS_PER_FOLIO).toBe(CENSUS_WORDS);
  });
});

describe('hitTile', () => {
  it('finds the folio and sub-page every lit pixel was drawn for', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ order: fc.integer({ min: 2, max: 9 }), k: fc.nat(511) }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 40, max: 500 }),
        (folios, width) => {
          const orders = folios.map((f) => f.order);
          const lit = folios.map((f) => [f.k % 2 ** f.order]);
          const c = census(
            orders,
            lit,
            orders.map(() => 5),
          );
          const { grid, out } = draw(c, width);
          let found = 0;
          for (let p = 0; p < out.length; p++) {
            if (out[p] !== TOUCHED) continue;
            const hit = hitTile(grid, orders, p % grid.width, Math.floor(p / grid.width));
            expect(hit).not.toBeNull();
            expect(hit!.subpage).toBe(lit[hit!.index]![0]);
            found++;
          }
          expect(found).toBe(folios.length);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('is null in the gaps and past the last tile, -1 on a frame or bar', () => {
    const grid = tileGrid(3, 2 * MIN_PITCH_X);
    const orders = [9, 9, 9];
    expect(hitTile(grid, orders, BOX_W + 1, 5)).toBeNull();
    expect(hitTile(grid, orders, grid.pitchX + 3, PITCH_Y + 3)).toBeNull(); // slot 3: none
    expect(hitTile(grid, orders, 0, 0)).toEqual({ index: 0, subpage: -1 });
    expect(hitTile(grid, orders, 3, BOX_H + 2)).toEqual({ index: 0, subpage: -1 });
    expect(hitTile(grid, orders, PAD + 3, PAD + 2)).toEqual({ index: 0, subpage: 67 });
  });
});
