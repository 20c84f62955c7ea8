import { describe, expect, it, vi } from 'vitest';
import type { AddressAxis, TruthRows } from '../../src/engine/report';
import { TruthHistory } from '../../src/store/truth-history';

const axis = (columns: number): AddressAxis => ({
  columns,
  segments: [],
  colRanges: new Float64Array(columns * 3),
});
const rows = (firstRow: number, count: number, columns = 2): TruthRows => ({
  firstRow,
  count,
  columns,
  intervalUs: 1000,
  colRanges: new Float64Array(columns * 3),
  data: Float32Array.from({ length: count * columns }, (_, i) => firstRow * 10 + i),
  touchedPages: new Float32Array(count * columns),
  mappedPages: new Float32Array(count * columns),
  damonUnit: new Float32Array(count * columns),
  maxNrAccesses: 20,
  sampleUs: 5000,
  node: null,
});

describe('TruthHistory', () => {
  it('keeps the newest `capacity` rows by absolute index', () => {
    const h = new TruthHistory(3);
    h.reset(axis(2), 1000);
    h.push(rows(0, 2));
    h.push(rows(2, 3));
    expect([h.firstRow, h.endRow]).toEqual([2, 5]);
    expect(h.row(1)).toBeNull();
    expect(Array.from(h.row(4)!)).toEqual([24, 25]);
    expect(h.value(2, 1)).toBe(21);
    expect(h.value(2, 2)).toBeNaN();
  });

  it('holds skipped rows as NaN and ignores rows it already has', () => {
    const h = new TruthHistory(10);
    h.reset(axis(2), 1000);
    h.push(rows(0, 1));
    h.push(rows(3, 1));
    h.push(rows(0, 1));
    expect(h.endRow).toBe(4);
    expect(Array.from(h.row(1)!)).toEqual([NaN, NaN]);
  });

  it('notifies subscribers on push and reset, until unsubscribed', () => {
    const h = new TruthHistory(4);
    const cb = vi.fn();
    const off = h.subscribe(cb);
    h.reset(axis(2), 1000);
    h.push(rows(0, 1));
    off();
    h.push(rows(1, 1));
    expect(cb).toHaveBeenCalledTimes(2);
  });

  it('refuses rows wider than its widest row', () => {
    const h = new TruthHistory(4);
    h.reset(axis(3), 1000);
    expect(() => h.push(rows(0, 1, 4))).toThrow(/wider/);
  });

  it('keeps the columns each row was binned on (zoomed rows are finer)', () => {
    const h = new TruthHistory(4);
    h.reset(axis(2), 1000, 6);
    h.push(rows(0, 1, 2));
    const fine = rows(1, 1, 6);
    fine.colRanges = Float64Array.from({ length: 18 }, (_, i) => i);
    h.push(fine);
    expect(h.row(0)).toHaveLength(2);
    expect(h.row(1)).toHaveLength(6);
    expect(h.colRangesOf(1)).toBe(fine.colRanges);
    expect(h.measureRow('coverage', 1)).toHaveLength(6);
    expect(h.value(1, 5)).toBe(15);
  });

  it('keeps the node rows in the same ring, NaN for skipped rows, nothing on one node', () => {
    const h = new TruthHistory(3);
    h.reset(axis(2), 1000);
    h.push(rows(0, 1));
    expect(h.hasNodes).toBe(false);
    expect(h.nodeRow(0)).toBeNull();
    const withNodes = (first: number, count: number, node: number[]) => ({
      ...rows(first, count),
      node: Float32Array.from(node),
    });
    h.push(withNodes(1, 1, [1, NaN]));
    expect(h.hasNodes).toBe(true);
    expect(Array.from(h.nodeRow(0)!)).toEqual([NaN, NaN]); // before nodes arrived
    expect(Array.from(h.nodeRow(1)!)).toEqual([1, NaN]);
    h.push(withNodes(3, 2, [0, 1, 1, 0])); // row 2 skipped; row 1 falls out of the ring
    expect([h.firstRow, h.endRow]).toEqual([2, 5]);
    expect(h.nodeRow(1)).toBeNull();
    expect(Array.from(h.nodeRow(2)!)).toEqual([NaN, NaN]);
    expect(Array.from(h.nodeRow(4)!)).toEqual([1, 0]);
    h.reset(axis(2), 1000);
    expect(h.hasNodes).toBe(false);
    h.push(rows(0, 1));
    expect(h.nodeRow(0)).toBeNull();
  });

  it('gives a zoomed row as many node columns as it has columns', () => {
    const h = new TruthHistory(4);
    h.reset(axis(2), 1000, 6);
    const fine = rows(0, 1, 6);
    fine.node = Float32Array.of(0, 0, 1, 1, 1, NaN);
    h.push(fine);
    expect(Array.from(h.nodeRow(0)!)).toEqual([0, 0, 1, 1, 1, NaN]);
  });
});
