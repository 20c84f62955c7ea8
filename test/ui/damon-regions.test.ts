import { describe, expect, it } from 'vitest';
import { accessHz, formatDuration, regionText } from '../../src/ui/views/damon-map/region-format';
import {
  addrToCol,
  boundaryCols,
  colToAddr,
  regionAt,
} from '../../src/ui/views/damon-map/region-geometry';
import {
  nextSort,
  snapshotTable,
  sortRegions,
} from '../../src/ui/views/damon-panel/snapshot-table';
import { A, B, KiB, MiB, snapshot, twoSpanAxis } from './damon-helpers';

/*
 * Regions of the snapshot below, on the two-span axis (one MiB per column, gap collapsed
 * between column 4's left edge and the end of column 3):
 *
 *   |r0 A..A+1M|r1 A+1M..A+4M+gap..B+2M |   hole   |r2 B+3M..B+4M|
 *   0          1                        6          7             8   (columns)
 */
const regions = (): [number, number, number, number][] => [
  [A, A + MiB, 20, 3],
  [A + MiB, B + 2 * MiB, 0, 12],
  [B + 3 * MiB, B + 4 * MiB, 5, 0],
];

describe('regions on the address axis', () => {
  it('maps addresses to columns, an address in a collapsed gap to the next span', () => {
    const axis = twoSpanAxis();
    expect(addrToCol(axis, 0, A)).toBe(0);
    expect(addrToCol(axis, 0, A + 2.5 * MiB)).toBe(2.5);
    expect(addrToCol(axis, 0, A + 10 * MiB)).toBe(4); // in the gap
    expect(addrToCol(axis, 0, B + 4 * MiB)).toBe(8); // past the end
    expect(addrToCol(axis, 1, A)).toBeNaN(); // no such process
  });

  it('maps a fractional column back to a page-aligned address', () => {
    expect(colToAddr(twoSpanAxis(), 1.5)).toEqual({ process: 0, addr: A + MiB + 512 * KiB });
    expect(colToAddr(twoSpanAxis(), 8)).toBeNull();
  });

  it('extracts each region start and the end before a hole as boundaries', () => {
    const s = snapshot(100_000, regions());
    expect(boundaryCols(twoSpanAxis(), s)).toEqual([0, 1, 6, 7, 8]);
  });

  it('finds the region holding an address, or none in a hole', () => {
    const s = snapshot(100_000, regions());
    expect(regionAt(s, A)).toBe(0);
    expect(regionAt(s, A + MiB)).toBe(1);
    expect(regionAt(s, B + 2 * MiB)).toBe(-1);
    expect(regionAt(s, B + 4 * MiB - 1)).toBe(2);
  });
});

describe('region text, as damo reports it', () => {
  it('gives access rate as % of samples and Hz of aggr_interval, age in aggregations and time', () => {
    const t = regionText(
      { start: A, end: A + 2 * MiB, nrAccesses: 12, age: 7 },
      { sampleUs: 5000, maxNrAccesses: 20 },
    );
    expect(t).toEqual({
      range: '[0x7f0000000000, 0x7f0000200000)',
      size: '2 MiB',
      samples: 'nr_accesses 12 / 20',
      percent: '60 %',
      hz: '120 Hz',
      ageAggr: '7 aggr',
      ageTime: '700 ms',
    });
    expect(accessHz(3, { sampleUs: 10_000, maxNrAccesses: 20 })).toBe(15);
    expect([0, 850, 85_000, 12e6].map(formatDuration)).toEqual(['0 s', '850 µs', '85 ms', '12 s']);
  });
});

describe('snapshot table', () => {
  it('lists regions in address order with nr_regions and totals on top', () => {
    const t = snapshotTable([snapshot(100_000, regions())], 20, {
      key: 'address',
      descending: false,
    });
    expect(t.nrRegions).toBe(3);
    expect(t.rows.map((r) => r.range)).toEqual([
      '0x7f0000000000-0x7f0000100000',
      '0x7f0000100000-0x7f0004200000',
      '0x7f0004300000-0x7f0004400000',
    ]);
    expect(t.rows.map((r) => r.text.percent)).toEqual(['100 %', '0 %', '25 %']);
    expect(t.totalBytes).toBe('67 MiB');
    expect(t.wssBytes).toBe('2 MiB');
  });

  it('sorts by access rate, age and size (damo --sort_regions_by), ties by address', () => {
    const rows = snapshotTable([snapshot(1, regions())], 20, {
      key: 'address',
      descending: false,
    }).rows;
    const starts = (key: 'access_rate' | 'age' | 'size', descending: boolean) =>
      sortRegions(rows, { key, descending }).map((r) => r.start);
    expect(starts('access_rate', true)).toEqual([A, B + 3 * MiB, A + MiB]);
    expect(starts('age', true)).toEqual([A + MiB, A, B + 3 * MiB]);
    expect(starts('size', false)).toEqual([A, B + 3 * MiB, A + MiB]);
  });

  it('flips the order on the same column and starts other columns largest first', () => {
    expect(nextSort({ key: 'address', descending: false }, 'age')).toEqual({
      key: 'age',
      descending: true,
    });
    expect(nextSort({ key: 'age', descending: true }, 'age')).toEqual({
      key: 'age',
      descending: false,
    });
    expect(nextSort({ key: 'age', descending: true }, 'address').descending).toBe(false);
  });
});
