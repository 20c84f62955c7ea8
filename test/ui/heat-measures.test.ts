/** The truth's measures from a row, and the keys of a focused heatmap. */
import { describe, expect, it } from 'vitest';
import { heatKeyAction } from '../../src/ui/views/heatmap/use-heat-keys';
import {
  measureColumns,
  rowColumnAt,
  rowHas,
  type TruthRow,
} from '../../src/ui/views/heatmap/truth-measures';

const A = 0x7f00_0000_0000;
const MiB = 1 << 20;
/** Two 1 MiB columns of process 0 and one of process 1. */
const row: TruthRow = {
  colRanges: Float64Array.of(A, A + MiB, 0, A + MiB, A + 2 * MiB, 0, A, A + MiB, 1),
  accesses: Float32Array.of(4, 0, NaN),
  coverage: Float32Array.of(1 / 32, 0, NaN),
  mappedPages: Float32Array.of(256, 128, 0),
  damonUnit: Float32Array.of(0.625, 0, NaN),
  maxNrAccesses: 20,
};

describe('truth measures', () => {
  it('gives DAMON units as a fraction of the ceiling, weighted by mapped pages', () => {
    const m = measureColumns(row, 'damonUnit')!;
    expect(Array.from(m.values).slice(0, 2)).toEqual([0.03125, 0]);
    expect(Array.from(m.weights)).toEqual([256, 128, 0]);
  });

  it('gives coverage and accesses as held', () => {
    expect(measureColumns(row, 'coverage')!.values).toBe(row.coverage);
    expect(measureColumns(row, 'accesses')!.values).toBe(row.accesses);
  });

  it('weighs by the columns’ pages, and has no new measures, on a row without them', () => {
    const old: TruthRow = {
      ...row,
      coverage: null,
      mappedPages: null,
      damonUnit: null,
      maxNrAccesses: 0,
    };
    expect(Array.from(measureColumns(old, 'accesses')!.weights)).toEqual([256, 256, 256]);
    expect(rowHas(old, 'damonUnit')).toBe(false);
    expect(measureColumns(old, 'coverage')).toBeNull();
  });

  it('finds the row’s column of an address, per process', () => {
    expect(rowColumnAt(row, 0, A + MiB + 5)).toBe(1);
    expect(rowColumnAt(row, 1, A + 5)).toBe(2);
    expect(rowColumnAt(row, 0, A + 2 * MiB)).toBe(-1);
    expect(rowColumnAt(row, 1, A + MiB)).toBe(-1);
  });
});

describe('heatmap keys', () => {
  it('zooms on + and −, pans on arrows, moves the cursor with Shift', () => {
    expect(heatKeyAction('+', false, false)).toEqual({ kind: 'zoom', factor: 0.5 });
    expect(heatKeyAction('=', false, false)).toEqual({ kind: 'zoom', factor: 0.5 });
    expect(heatKeyAction('-', false, false)).toEqual({ kind: 'zoom', factor: 2 });
    expect(heatKeyAction('ArrowLeft', false, false)).toMatchObject({
      kind: 'pan',
      axis: 'cols',
      dir: -1,
      cursorOnly: false,
    });
    expect(heatKeyAction('ArrowDown', true, false)).toMatchObject({
      kind: 'pan',
      axis: 'rows',
      dir: 1,
      cursorOnly: true,
    });
  });

  it('pins on Enter, unpins on Enter or Escape, and leaves Escape to the page otherwise', () => {
    expect(heatKeyAction('Enter', false, false)).toEqual({ kind: 'pin' });
    expect(heatKeyAction('Enter', false, true)).toEqual({ kind: 'unpin' });
    expect(heatKeyAction('Escape', false, true)).toEqual({ kind: 'unpin' });
    expect(heatKeyAction('Escape', false, false)).toBeNull();
    expect(heatKeyAction(' ', false, false)).toBeNull();
  });
});
