/**
 * The side panels' numbers: which TLB reach bars cover the working set (none of the 2 MiB ones
 * while nothing is THP-mapped), and the chart readouts at a scrub position, which name the same
 * aggregation as the snapshot table.
 */
import { describe, expect, it } from 'vitest';
import type { SimStats } from '../../src/engine/report';
import { nrRegionsSeries, valueAt } from '../../src/ui/views/damon-panel/chart-series';
import { snapshotTable, DEFAULT_SORT } from '../../src/ui/views/damon-panel/snapshot-table';
import { reachTicks } from '../../src/ui/views/tlb/ReachChart';
import { reachBars } from '../../src/ui/views/tlb/tlb-model';
import { A, history } from './damon-helpers';

const MiB = 1 << 20;

function stats(workingSetBytes: number, residentBytes: number, thpBytes: number) {
  return {
    workingSetBytes,
    residentBytes,
    thpBytes,
    tlb: { reach: { l1_4k: 256 << 10, l1_2m: 64 * MiB, l2_4k: 6 * MiB, l2_2m: 3072 * MiB } },
  } as unknown as SimStats;
}

const covering = (s: SimStats) =>
  reachBars(s)
    .filter((b) => b.covers)
    .map((b) => b.id);

describe('reachBars', () => {
  it('does not count 2 MiB reach while nothing is THP-mapped', () => {
    const bars = reachBars(stats(128 * MiB, 256 * MiB, 0));
    expect(covering(stats(128 * MiB, 256 * MiB, 0))).toEqual([]);
    expect(bars.find((b) => b.id === 'l2_2m')).toMatchObject({ unused: true, covers: false });
    expect(bars.find((b) => b.id === 'l2_2m')!.title).toMatch(/nothing is THP-mapped/);
    // A working set the 4 KiB STLB holds.
    expect(covering(stats(1 * MiB, 256 * MiB, 0))).toEqual(['l2_4k']);
  });

  it('counts 2 MiB reach once THP is mapped, and 4 KiB reach only with 4 KiB pages', () => {
    expect(covering(stats(16 * MiB, 512 * MiB, 256 * MiB))).toEqual(['l1_2m', 'l2_2m']);
    const allThp = stats(1 * MiB, 256 * MiB, 256 * MiB);
    expect(covering(allThp)).toEqual(['l1_2m', 'l2_2m']);
    expect(reachBars(allThp).find((b) => b.id === 'l2_4k')!.unused).toBe(true);
  });

  it('covers nothing without a working set', () => {
    expect(covering(stats(0, 256 * MiB, 256 * MiB))).toEqual([]);
  });
});

describe('reachTicks', () => {
  it('labels the log axis at the binary units inside the range', () => {
    expect(reachTicks(32 * 1024, 8 * 1024 ** 3)).toEqual([1024 ** 2, 1024 ** 3]);
    expect(reachTicks(512, 2048)).toEqual([1024]);
  });
});

describe('valueAt', () => {
  // Three aggregations [0, 100), [100, 200), [200, 300) ms, each a point at its end.
  const windows = [
    [100_000, 10],
    [200_000, 20],
    [300_000, 30],
  ] as const;

  it('is the newest value when live', () => {
    expect(valueAt(windows, null, true)).toBe(30);
    expect(valueAt([], null, true)).toBeUndefined();
  });

  it('is the aggregation whose window holds the time, as damonHistory.rowAt picks it', () => {
    expect(valueAt(windows, 0, true)).toBe(10);
    expect(valueAt(windows, 150_000, true)).toBe(20);
    expect(valueAt(windows, 200_000, true)).toBe(30); // [200, 300) holds 200 ms
    expect(valueAt(windows, 999_000, true)).toBe(30);
  });

  it('is the latest sample at or before the time for instants', () => {
    expect(valueAt(windows, 150_000, false)).toBe(10);
    expect(valueAt(windows, 200_000, false)).toBe(20);
    expect(valueAt(windows, 50_000, false)).toBe(10);
  });
});

describe('the nr_regions readout while scrubbed', () => {
  it('names the aggregation the snapshot table shows, at every scrub time', () => {
    // Aggregations of 1, 2 and 3 regions.
    const regions = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => [A + i * MiB, A + (i + 1) * MiB, i] as [number, number, number],
      );
    const h = history([
      { t0: 0, t1: 100_000, values: [0], regions: regions(1) },
      { t0: 100_000, t1: 200_000, values: [0], regions: regions(2) },
      { t0: 200_000, t1: 300_000, values: [0], regions: regions(3) },
    ]);
    const series = nrRegionsSeries(h);
    expect(series.map(([, v]) => v)).toEqual([1, 2, 3]);
    for (const t of [0, 50_000, 99_999, 100_000, 150_000, 250_000, 299_999]) {
      const r = h.rowAt(t);
      const table = snapshotTable(h.snapshots(r), h.maxNrAccesses(r), DEFAULT_SORT);
      expect(valueAt(series, t, true), `at ${t} µs`).toBe(table.nrRegions);
    }
  });
});
