import { describe, expect, it } from 'vitest';
import {
  colorizeDiff,
  damonCells,
  damonOnTruthRows,
  diffLut,
  differenceCells,
  rowBands,
  visibleRows,
} from '../../src/ui/views/damon-map/damon-pipeline';
import { flat, history } from './damon-helpers';

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

describe('DAMON cells', () => {
  it('normalises nr_accesses by each row’s own maximum', () => {
    const win = damonCells(tuned(), [2, 4], 1, 3);
    expect(win).toMatchObject({ col0: 2, cols: 2, row0: 1, rows: 2 });
    expect(Array.from(win.values)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('resamples aggregations onto truth rows, weighted by time overlap', () => {
    // truth rows of 100 ms: row 2 [200k, 300k) = half of row 2 (5/10) + half of row 3 (0/10)
    const out = damonOnTruthRows(tuned(), 100_000, { col0: 0, cols: 1, row0: 0, rows: 4 });
    expect(Array.from(out)).toEqual([1, 0.5, 0.25, NaN]);
  });
});

describe('difference', () => {
  it('is the truth’s colour position minus nr_accesses / max, NaN where a side is missing', () => {
    const truth = Float32Array.of(10, 10, 0, NaN, 1);
    const damon = Float32Array.of(0, 1, 0.5, 0.2, NaN);
    const position = (v: number) => v / 10;
    const d = Array.from(differenceCells(truth, position, damon));
    expect(d.slice(0, 3)).toEqual([1, 0, -0.5]); // T1: hot, read cold → +1; 0 reads as 0
    expect(d.slice(3).every(Number.isNaN)).toBe(true);
  });

  it('colours +1 blue, −1 red, 0 near white, NaN transparent', () => {
    const rgba = colorizeDiff(Float32Array.of(1, -1, 0, NaN), diffLut());
    const px = (i: number) => Array.from(rgba.subarray(i * 4, i * 4 + 4));
    const [blue, red, mid, none] = [px(0), px(1), px(2), px(3)];
    expect(blue[2]! - blue[0]!).toBeGreaterThan(50);
    expect(red[0]! - red[2]!).toBeGreaterThan(50);
    expect(Math.min(...mid.slice(0, 3))).toBeGreaterThan(230);
    expect(none[3]).toBe(0);
  });
});
