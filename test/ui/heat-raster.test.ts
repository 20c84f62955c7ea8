/**
 * Rows resampled onto pixels, and the minimum-width rule. Pixel grids are drawn as ASCII:
 * each character is one pixel of a 12 px plot.
 */
import { describe, expect, it } from 'vitest';
import type { AddressAxis } from '../../src/engine/report';
import {
  columnSpans,
  rasterRow,
  spansToPx,
  widenNarrow,
} from '../../src/ui/views/heatmap/heat-raster';

const px = (...edges: number[]) => Float64Array.from(edges);
/** Pages in proportion to the columns' widths, as on a real axis. */
const pagesOf = (edges: number[]) =>
  Array.from({ length: edges.length / 2 }, (_, i) => (edges[2 * i + 1]! - edges[2 * i]!) * 100);
const raster = (p: Float64Array, values: number[], weights: number[], width: number) =>
  Array.from(
    rasterRow(p, values, weights, width, new Float32Array(width), new Float64Array(2 * width)),
  );

describe('rasterRow', () => {
  it('averages the columns under a pixel by their weight and share of it', () => {
    //   px      0     1     2     3
    //   col a [0 ........ 1.5)           value 4, 10 pages
    //   col b             [1.5 ...... 4) value 0, 10 pages
    const out = raster(px(0, 1.5, 1.5, 4), [4, 0], [10, 10], 4);
    // pixel 1: half of a (10/1.5 pages per px × 0.5) and half of b (10/2.5 × 0.5)
    const wa = (10 / 1.5) * 0.5;
    const wb = (10 / 2.5) * 0.5;
    expect(out[0]).toBe(4);
    expect(out[1]).toBeCloseTo((4 * wa) / (wa + wb));
    expect(out.slice(2)).toEqual([0, 0]);
  });

  it('leaves pixels with no mapped column as no data (NaN), and skips NaN columns', () => {
    const out = raster(px(0, 1, 1, 2, 3, 4), [NaN, 2, 5], [1, 1, 1], 4);
    expect(Number.isNaN(out[0])).toBe(true);
    expect(out[1]).toBe(2);
    expect(Number.isNaN(out[2])).toBe(true);
    expect(out[3]).toBe(5);
  });

  it('gives coverage as touched / mapped over a pixel when weighted by mapped pages', () => {
    // two columns in one pixel: 1 of 32 pages touched, and 0 of 96
    const out = raster(px(0, 0.5, 0.5, 1), [1 / 32, 0], [32, 96], 1);
    expect(out[0]).toBeCloseTo(1 / 128);
  });
});

describe('the minimum width of a hot range', () => {
  const width = 12;
  const level = (v: number) => v; // values are ramp positions
  /** A 256 MiB buffer over 12 px with a hot 1 MiB column at 5.3 px (0.05 px wide). */
  function tlbfit() {
    const edges = [0, 5.3, 5.3, 5.35, 5.35, 12];
    const values = [0, 1, 0];
    const out = new Float32Array(width);
    rasterRow(px(...edges), values, pagesOf(edges), width, out, new Float64Array(2 * width));
    return { p: px(...edges), values, out, edges };
  }

  it('draws a sub-pixel hot range 3 px wide, with its own value, and reports it', () => {
    const { p, values, out } = tlbfit();
    expect(Math.max(...out)).toBeLessThan(0.1); // diluted: invisible without the rule
    const marks = widenNarrow(p, values, level, width, 3, out);
    //   px   0 1 2 3 4 5 6 7 8 9 a b
    //   out  . . . . # # # . . . . .     (centred on 5.325)
    expect(marks).toHaveLength(1);
    expect(marks[0]!.at).toBeCloseTo(5.325);
    expect(marks[0]!.x1 - marks[0]!.x0).toBe(3);
    expect(Array.from(out, (v) => (v === 1 ? '#' : '.')).join('')).toBe('....###.....');
  });

  it('uses device pixels: at 2× it is 6 device px', () => {
    const { p, values, edges } = tlbfit();
    const p2 = p.map((x) => x * 2);
    const out = new Float32Array(24);
    rasterRow(p2, values, pagesOf(edges), 24, out, new Float64Array(48));
    const marks = widenNarrow(p2, values, level, 24, 6, out);
    expect(Array.from(out).filter((v) => v === 1)).toHaveLength(6);
    expect(marks).toHaveLength(1);
  });

  it('leaves a dense sparse pattern alone: hot pages closer than 3 px are one wide cluster', () => {
    // 1 hot page every 1.5 px across the plot (thpsparse's 1 in 32, zoomed out)
    const edges: number[] = [];
    const values: number[] = [];
    for (let x = 0; x + 1.5 <= width; x += 1.5) {
      edges.push(x, x + 0.05, x + 0.05, x + 1.5);
      values.push(1, 0);
    }
    const out = new Float32Array(width);
    rasterRow(
      px(...edges),
      values,
      values.map(() => 1),
      width,
      out,
      new Float64Array(2 * width),
    );
    const before = Array.from(out);
    expect(widenNarrow(px(...edges), values, level, width, 3, out)).toEqual([]);
    expect(Array.from(out)).toEqual(before);
  });

  it('leaves a narrow range alone when its surroundings are about as warm', () => {
    const edges = [0, 5.3, 5.3, 5.35, 5.35, 12];
    const values = [0.45, 0.55, 0.45];
    const out = new Float32Array(width);
    rasterRow(px(...edges), values, pagesOf(edges), width, out, new Float64Array(2 * width));
    expect(widenNarrow(px(...edges), values, level, width, 3, out)).toEqual([]);
  });

  it('tells the two signs of a difference apart', () => {
    //   +1 at 2 px and −1 at 2.5 px: two narrow ranges of different kinds
    const edges = [0, 2, 2, 2.05, 2.05, 2.5, 2.5, 2.55, 2.55, 12];
    const values = [0, 1, 0, -1, 0];
    const out = new Float32Array(width);
    rasterRow(
      px(...edges),
      values,
      values.map(() => 1),
      width,
      out,
      new Float64Array(2 * width),
    );
    const marks = widenNarrow(px(...edges), values, level, width, 3, out);
    expect(marks.map((m) => m.value)).toEqual([1, -1]);
  });
});

describe('a row’s own columns on the axis', () => {
  //   axis: columns 0..4 over [A, A + 4 MiB), one MiB each
  const MiB = 1 << 20;
  const A = 0x7f00_0000_0000;
  const colRanges = Float64Array.from({ length: 12 }, (_, i) =>
    i % 3 === 2 ? 0 : A + (Math.floor(i / 3) + (i % 3)) * MiB,
  );
  const axis: AddressAxis = {
    columns: 4,
    segments: [{ process: 0, start: A, end: A + 4 * MiB, col0: 0, col1: 4 }],
    colRanges,
  };

  it('maps the axis’ own columns one to one, finer columns by address', () => {
    expect(Array.from(columnSpans(axis, colRanges))).toEqual([0, 1, 1, 2, 2, 3, 3, 4]);
    // a row binned at 4 KiB over [A + 1 MiB, A + 1 MiB + 8 KiB): two page columns
    const fine = Float64Array.of(A + MiB, A + MiB + 4096, 0, A + MiB + 4096, A + MiB + 8192, 0);
    const spans = Array.from(columnSpans(axis, fine));
    expect(spans[0]).toBe(1);
    expect(spans[3]).toBeCloseTo(1 + 2 / 256);
    // zoomed onto column 1 over 256 px: one pixel per page
    expect(Array.from(spansToPx(columnSpans(axis, fine), [1, 2], 256))).toEqual([0, 1, 1, 2]);
  });
});
