/**
 * The THP sub-page view's raster against the frame budget: a synthetic census of 8192 THPs
 * (16 GiB), every one of them drawn at one pixel per sub-page into one image (what the view
 * draws when all of it is in view), as thp-raster.ts does it in the browser. Reported as ms per
 * draw and as a share of a 16.7 ms frame (60 Hz); the target is to stay under one frame.
 */
import {
  rasterTiles,
  tileGrid,
  WORDS_PER_FOLIO,
  type CensusTiles,
  type TileColours,
} from '../../src/ui/views/thp-map/thp-raster';

const FRAME_MS = 1000 / 60;
const THPS = 8192;
/** The side column's width at 1920 px, CSS px (at 1 px per sub-page: 10 tiles per row). */
const WIDTH = 406;

/**
 * 8192 THPs with each sub-page accessed at random with probability 1 / 2^`sparsity` (5: about
 * one in 32, as thpsparse writes them; 1: half of them, the raster's slowest case), DAMON's
 * nr_accesses at random in -1 .. 20.
 */
function syntheticCensus(sparsity: number): CensusTiles {
  let x = 2463534242;
  const rand = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  const bits = new Uint32Array(THPS * WORDS_PER_FOLIO);
  for (let i = 0; i < bits.length; i++) {
    let w = rand();
    for (let k = 1; k < sparsity; k++) w &= rand();
    bits[i] = w;
  }
  return {
    count: THPS,
    order: new Uint8Array(THPS).fill(9),
    bits,
    damonNr: Int16Array.from({ length: THPS }, () => (rand() % 22) - 1),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Median ms of one full draw of `c`. */
function timeDraw(c: CensusTiles): { ms: number; grid: ReturnType<typeof tileGrid> } {
  const grid = tileGrid(c.count, WIDTH);
  const out = new Uint32Array(grid.width * grid.height);
  const colours: TileColours = {
    touched: 0xff2a3ce9,
    cold: 0xffe8ecec,
    damonLut: Uint32Array.from({ length: 256 }, (_, k) => 0xff000000 | k),
    barRest: 0xffe8ecec,
  };
  const draw = () => rasterTiles(c, grid, 0, grid.rows, 20, colours, out);
  for (let i = 0; i < 5; i++) draw(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    draw();
    times.push(performance.now() - t);
  }
  return { ms: median(times), grid };
}

export function runThpRasterBench(): void {
  const sparse = timeDraw(syntheticCensus(5));
  const half = timeDraw(syntheticCensus(1));
  const { grid } = sparse;
  console.log(
    `THP sub-page raster: ${THPS} THPs (16 GiB) at 1 px per sub-page into one ` +
      `${grid.width} × ${grid.height} px image (${grid.perRow} per row)`,
  );
  for (const [name, r] of [
    ['1 sub-page in 32 accessed (thpsparse)', sparse],
    ['half of the sub-pages accessed (slowest)', half],
  ] as const) {
    console.log(
      `  ${name.padEnd(42)} ${r.ms.toFixed(2)} ms per draw   draw/frame ${(r.ms / FRAME_MS).toFixed(2)}` +
        `   target: < 1 frame (${FRAME_MS.toFixed(1)} ms): ${r.ms < FRAME_MS ? 'met' : 'NOT met'}`,
    );
  }
}
