import { describe, expect, it } from 'vitest';
import { divergingLut, palette } from '../../src/ui/canvas/colour-maps';
import {
  damonOnTruthRow,
  differenceRow,
  snapshotColumns,
  rowBands,
  visibleRows,
} from '../../src/ui/views/damon-map/damon-pipeline';
import { colorizeDiverging, words } from '../../src/ui/views/heatmap/heat-pipeline';
import { A, flat, history, MiB, snapshot } from './damon-helpers';

/*
 * Aggregation windows used below (µs), the third one auto-tuned to half the length:
 *
 *   row 0 [0, 100k)  row 1 [100k, 200k)  row 2 [200k, 250k)  row 3 [250k, 300k)
 */
const tuned = () =>
  history([
    { t0: 0, t1: 100_000, values: flat(20) },
    { t0: 100_000, t1: 200_000, values: flat(10) },
    { t0: 200_000, t1: 250_000, max: 10, values: flat(5) },
    { t0: 250_000, t1: 300_000, max: 10, values: flat(0) },
  ]);

describe('row placement by time', () => {
  it('finds the rows whose windows overlap a time span', () => {
    const h = tuned();
    expect(visibleRows(h, 0, 300_000)).toEqual([0, 4]);
    expect(visibleRows(h, 150_000, 210_000)).toEqual([1, 3]);
    expect(visibleRows(h, 100_000, 200_000)).toEqual([1, 2]);
    expect(visibleRows(h, 400_000, 500_000)).toEqual([4, 4]);
  });

  it('places rows by t0/t1 and merges equal abutting rows into one band', () => {
    const h = tuned();
    const y = (t: number) => t / 1000; // 1 px per ms
    expect(rowBands(h, 0, 4, y)).toEqual([
      { r0: 0, r1: 2, y0: 0, y1: 200 },
      { r0: 2, r1: 4, y0: 200, y1: 300 },
    ]);
  });

  it('starts a new band after a gap in time', () => {
    const h = history([
      { t0: 0, t1: 100_000, values: flat(1) },
      { t0: 150_000, t1: 250_000, values: flat(1) },
    ]);
    expect(rowBands(h, 0, 2, (t) => t / 1000)).toEqual([
      { r0: 0, r1: 1, y0: 0, y1: 100 },
      { r0: 1, r1: 2, y0: 150, y1: 250 },
    ]);
  });
});

describe('DAMON regions as columns', () => {
  it('lists every target’s regions in process order, as nr_accesses / max', () => {
    const cols = snapshotColumns(
      [
        snapshot(100_000, [[A + MiB, A + 3 * MiB, 5]], { process: 1 }),
        snapshot(100_000, [
          [A, A + MiB, 20],
          [A + MiB, A + 2 * MiB, 0],
        ]),
      ],
      20,
    );
    expect(Array.from(cols.colRanges)).toEqual([
      A,
      A + MiB,
      0,
      A + MiB,
      A + 2 * MiB,
      0,
      A + MiB,
      A + 3 * MiB,
      1,
    ]);
    expect(Array.from(cols.values)).toEqual([1, 0, 0.25]);
    expect(Array.from(cols.weights)).toEqual([256, 256, 512]);
  });
});

describe('DAMON on the truth rows', () => {
  it('weights aggregations by their overlap with the truth row', () => {
    //  aggregation a [0, 100k) = 1, b [100k, 150k) = 0.5, c [150k, 200k) = 0 (NaN in px 1)
    const aggs = [
      { t0Us: 0, t1Us: 100_000, values: Float32Array.of(1, 1) },
      { t0Us: 100_000, t1Us: 150_000, values: Float32Array.of(0.5, 0.5) },
      { t0Us: 150_000, t1Us: 200_000, values: Float32Array.of(0, NaN) },
    ];
    const row = (lo: number, hi: number) =>
      Array.from(damonOnTruthRow(aggs, lo, hi, new Float32Array(2), new Float64Array(4)));
    expect(row(0, 100_000)).toEqual([1, 1]);
    expect(row(100_000, 200_000)).toEqual([0.25, 0.5]);
    expect(row(300_000, 400_000).every(Number.isNaN)).toBe(true);
  });
});

describe('difference', () => {
  it('is truth minus DAMON, both fractions of the ceiling, NaN where a side is missing', () => {
    const truth = Float32Array.of(1, 0.5, 0, NaN, 0.03125);
    const damon = Float32Array.of(0, 0.5, 1, 0.2, NaN);
    const d = Array.from(differenceRow(truth, damon, new Float32Array(5)));
    expect(d.slice(0, 3)).toEqual([1, 0, -1]); // T1: hot, read cold → +1; sparse THP → −1
    expect(d.slice(3).every(Number.isNaN)).toBe(true);
  });

  it('colours +1 blue (DAMON misses), −1 red (over-reports), 0 neutral grey, NaN transparent', () => {
    const lut = words(divergingLut(palette('classic')));
    const out = colorizeDiverging(Float32Array.of(1, -1, 0, NaN), lut, new Uint32Array(4));
    const px = (i: number) => Array.from(new Uint8Array(out.buffer, i * 4, 4));
    const [blue, red, mid, none] = [px(0), px(1), px(2), px(3)];
    expect(blue[2]! - blue[0]!).toBeGreaterThan(50);
    expect(red[0]! - red[2]!).toBeGreaterThan(50);
    expect(mid.slice(0, 3)).toEqual([247, 247, 247]);
    expect(none[3]).toBe(0);
  });
});
