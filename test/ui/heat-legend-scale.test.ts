/**
 * The legend's domain: by default the scale of the whole run so far, which zooming cannot
 * change and new rows only widen; "fit to view" as the explicit alternative.
 */
import { describe, expect, it } from 'vitest';
import { legendDomain, measureMode, RunScale } from '../../src/ui/views/heatmap/legend-scale';
import type { TruthRow } from '../../src/ui/views/heatmap/truth-measures';

const row = (...accesses: number[]): TruthRow => ({
  colRanges: new Float64Array(accesses.length * 3),
  accesses: Float32Array.from(accesses),
  coverage: null,
  mappedPages: null,
  damonUnit: null,
  maxNrAccesses: 0,
});

/** A history of rows, like the truth ring: rows [firstRow, endRow) held. */
function rows(list: TruthRow[], axis: object = {}, firstRow = 0) {
  return { firstRow, endRow: list.length, axis, rowAt: (r: number) => list[r] ?? null };
}

describe('the run scale', () => {
  it('spans every row seen, whatever part of it is visible', () => {
    const run = new RunScale();
    run.update(rows([row(0, 0.5, 3), row(740, 2)]));
    expect(run.domain('log')).toEqual([0.1, 1000]);
    // A "zoom" onto the cold columns only: the run's domain is what the legend uses.
    const cold = { max: 3, minPositive: 0.5 };
    expect(legendDomain('accesses', 'log', 'run', run, cold)).toEqual([0.1, 1000]);
    expect(legendDomain('accesses', 'log', 'view', run, cold)).toEqual([0.1, 10]);
  });

  it('never shrinks as rows arrive or leave the ring', () => {
    const list = [row(900), row(1), row(2)];
    const axis = {};
    const run = new RunScale();
    run.update(rows(list.slice(0, 1), axis));
    const before = run.domain('linear');
    run.update(rows(list, axis, 1)); // row 0 has left the ring
    expect(run.domain('linear')).toEqual(before);
    expect(before).toEqual([0, 1000]);
  });

  it('starts over for a new run (another axis)', () => {
    const run = new RunScale();
    run.update(rows([row(900)], { run: 1 }));
    run.update(rows([row(3)], { run: 2 }));
    expect(run.domain('linear')).toEqual([0, 5]);
  });

  it('keeps fractions on a fixed [0, 1] unless fitted', () => {
    const run = new RunScale();
    const sparse = { max: 0.031, minPositive: 0.031 };
    expect(legendDomain('coverage', 'linear', 'run', run, sparse)).toEqual([0, 1]);
    expect(legendDomain('damonUnit', 'linear', 'run', run, sparse)).toEqual([0, 1]);
    expect(legendDomain('coverage', 'linear', 'view', run, sparse)[1]).toBeCloseTo(0.05);
    expect(measureMode('damonUnit', 'log')).toBe('linear');
    expect(measureMode('accesses', 'log')).toBe('log');
  });
});
