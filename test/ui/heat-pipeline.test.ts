import { describe, expect, it } from 'vitest';
import {
  colorize,
  colorLut,
  heatDomain,
  parseRgb,
  rampPosition,
  windowCells,
  ZERO_RGBA,
} from '../../src/ui/views/heatmap/heat-pipeline';

/** A source of `rows` rows × `columns` columns where cell (r, c) = r * 10 + c. */
function grid(columns: number, rows: number) {
  return {
    columns,
    row: (r: number) =>
      r >= 0 && r < rows ? Float32Array.from({ length: columns }, (_, c) => r * 10 + c) : null,
  };
}

describe('windowCells', () => {
  it('copies the cells covering fractional spans, NaN where the source has no row', () => {
    //   rows 1..3 (row 3 missing) × cols 1..2 of a 4 × 3 grid
    const win = windowCells(grid(4, 3), [1.5, 2.2], [1, 3.5]);
    expect(win).toMatchObject({ col0: 1, row0: 1, cols: 2, rows: 3 });
    expect(Array.from(win.values)).toEqual([11, 12, 21, 22, NaN, NaN]);
  });

  it('clips columns to the source', () => {
    const win = windowCells(grid(4, 1), [-2, 9], [0, 1]);
    expect(win).toMatchObject({ col0: 0, cols: 4 });
  });
});

describe('heatDomain', () => {
  it('snaps the log domain to powers of ten, at most MAX_DECADES deep', () => {
    expect(heatDomain(Float32Array.of(0, 0.03, 2, 740), 'log')).toEqual([0.01, 1000]);
    expect(heatDomain(Float32Array.of(1e-9, 5), 'log')).toEqual([1e-4, 10]);
    expect(heatDomain(Float32Array.of(5, 5), 'log')).toEqual([1, 10]);
  });

  it('starts linear domains at zero and ignores NaN', () => {
    expect(heatDomain(Float32Array.of(NaN, 0, 42), 'linear')).toEqual([0, 100]);
  });

  it('gives a unit default when nothing was accessed', () => {
    expect(heatDomain(Float32Array.of(NaN, 0), 'log')).toEqual([0.01, 1]);
  });
});

describe('colorize', () => {
  const lut = colorLut((t) => `rgb(${Math.round(t * 255)}, 0, 0)`, 256);

  it('draws NaN transparent, zero neutral, and positives along the ramp', () => {
    const win = { col0: 0, row0: 0, cols: 4, rows: 1, values: Float32Array.of(NaN, 0, 1, 100) };
    const px = colorize(win, rampPosition('log', [1, 100]), lut);
    expect(px[3]).toBe(0);
    expect(Array.from(px.subarray(4, 8))).toEqual([...ZERO_RGBA]);
    expect(Array.from(px.subarray(8, 12))).toEqual([0, 0, 0, 255]);
    expect(Array.from(px.subarray(12, 16))).toEqual([255, 0, 0, 255]);
  });

  it('clamps values outside the domain to the ramp ends', () => {
    const win = { col0: 0, row0: 0, cols: 2, rows: 1, values: Float32Array.of(1e-9, 1e9) };
    const px = colorize(win, rampPosition('log', [1, 100]), lut);
    expect([px[0], px[4]]).toEqual([0, 255]);
  });

  it('puts 10 in the middle of a [1, 100] log ramp', () => {
    expect(rampPosition('log', [1, 100])(10)).toBeCloseTo(0.5);
    expect(rampPosition('linear', [0, 100])(10)).toBeCloseTo(0.1);
  });
});

describe('parseRgb', () => {
  it('reads both forms d3 produces', () => {
    expect(parseRgb('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseRgb('#0a0b0c')).toEqual([10, 11, 12]);
  });
});
