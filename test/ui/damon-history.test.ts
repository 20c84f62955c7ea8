import { describe, expect, it, vi } from 'vitest';
import { DamonHistory } from '../../src/store/damon-history';
import { scrubRange, stepScrub } from '../../src/store/scrub';
import { StatusSeries } from '../../src/store/status-series';
import {
  damonWssSeries,
  nrRegionsSeries,
  truthWssSeries,
} from '../../src/ui/views/damon-panel/chart-series';
import { A, flat, history, MiB, push } from './damon-helpers';

const row = (i: number, v = 1) => ({
  t0: i * 100_000,
  t1: (i + 1) * 100_000,
  values: flat(v),
  regions: [
    [A, A + MiB, v],
    [A + MiB, A + 4 * MiB, 0],
  ] as [number, number, number][],
});

describe('DamonHistory', () => {
  it('keeps rows with their windows and attaches each snapshot to the row ending at its time', () => {
    const h = history([row(0), row(1, 5)]);
    expect([h.firstRow, h.endRow]).toEqual([0, 2]);
    expect([h.t0Us(1), h.t1Us(1), h.maxNrAccesses(1)]).toEqual([100_000, 200_000, 20]);
    expect(h.snapshots(1)).toHaveLength(1);
    expect(h.snapshots(1)[0]!.nrAccesses[0]).toBe(5);
    expect(h.nrRegions(1)).toBe(2);
    expect(h.wssBytes(1)).toBe(MiB); // only the region with nr_accesses >= 1
    expect(h.rowAt(150_000)).toBe(1);
    expect(h.rowAt(-5)).toBe(0);
    expect(h.rowAt(9e9)).toBe(1);
  });

  it('is a ring: old rows and their snapshots go, skipped rows read as no data', () => {
    const h = history([row(0), row(1), row(2)], 0, 3);
    push(h, [row(4)], 4);
    expect([h.firstRow, h.endRow]).toEqual([2, 5]);
    expect(h.row(1)).toBeNull();
    expect(Number.isNaN(h.row(3)![0]!)).toBe(true);
    expect(h.snapshots(3)).toEqual([]);
    expect(h.snapshots(4)).toHaveLength(1);
  });

  it('drops the region lists of the oldest rows past its region cap, keeping their numbers', () => {
    const h = new DamonHistory(100, 5); // 2 regions a row: rows 0 and 1 lose their lists
    h.reset(history([]).axis, true);
    push(h, [row(0), row(1), row(2), row(3)], 0);
    expect(h.snapshots(0)).toEqual([]);
    expect(h.snapshots(1)).toEqual([]);
    expect(h.snapshots(2)).toHaveLength(1);
    expect(h.snapshots(3)).toHaveLength(1);
    expect([h.nrRegions(0), h.wssBytes(0)]).toEqual([2, MiB]);
    push(h, [row(4)], 4);
    expect(h.snapshots(2)).toEqual([]);
    expect(h.snapshots(4)).toHaveLength(1);
  });

  it('notifies subscribers on push and reset', () => {
    const h = history([]);
    const cb = vi.fn();
    h.subscribe(cb);
    push(h, [row(0)], 0);
    h.reset(null, false);
    expect(cb).toHaveBeenCalledTimes(2);
    expect(h.capacity).toBe(0);
  });
});

describe('scrubbing', () => {
  const truth = { firstRow: 0, endRow: 5, intervalUs: 100_000 };

  it('steps one aggregation back from live, lands mid-window, and returns to live at the end', () => {
    const h = history([row(0), row(1), row(2)]);
    const back1 = stepScrub(h, truth, null, -1);
    expect(back1).toBe(150_000);
    expect(stepScrub(h, truth, back1, -1)).toBe(50_000);
    expect(stepScrub(h, truth, 50_000, -1)).toBe(50_000); // the oldest held
    expect(stepScrub(h, truth, 50_000, 1)).toBe(150_000);
    expect(stepScrub(h, truth, back1, 1)).toBeNull(); // onto the newest: live
    expect(stepScrub(h, truth, null, 1)).toBeNull();
  });

  it('steps truth rows when DAMON has no rows', () => {
    const h = history([]);
    expect(stepScrub(h, truth, null, -1)).toBe(350_000);
    expect(stepScrub(h, truth, 250_000, 1)).toBe(350_000);
    expect(stepScrub(h, truth, 350_000, 1)).toBeNull();
  });

  it('ranges from the oldest data both sides hold to now', () => {
    const h = history([row(3), row(4)], 3);
    expect(scrubRange(h, truth, 520_000)).toEqual([300_000, 520_000]);
    expect(scrubRange(h, { ...truth, firstRow: 4 }, 520_000)).toEqual([400_000, 520_000]);
  });
});

describe('chart series', () => {
  it('gives nr_regions and DAMON’s working set per aggregation, the true one per sample', () => {
    const h = history([row(0, 0), row(1, 3)]);
    expect(nrRegionsSeries(h)).toEqual([
      [100_000, 2],
      [200_000, 2],
    ]);
    expect(damonWssSeries(h)).toEqual([
      [100_000, 0],
      [200_000, MiB],
    ]);
    const s = new StatusSeries(2);
    s.push({ tUs: 100_000, truthWssBytes: 5, schemes: [] });
    s.push({ tUs: 100_000, truthWssBytes: 6, schemes: [] }); // same time: replaced
    s.push({ tUs: 200_000, truthWssBytes: 7, schemes: [] });
    s.push({ tUs: 300_000, truthWssBytes: 8, schemes: [] }); // capacity 2: the oldest goes
    s.push({ tUs: 250_000, truthWssBytes: 9, schemes: [] }); // older than the newest: ignored
    expect(truthWssSeries(s.all(), 0)).toEqual([
      [200_000, 7],
      [300_000, 8],
    ]);
  });
});

describe('chart axis tops', () => {
  it('rounds up to a readable value, in the binary unit for bytes', async () => {
    const { niceTop, niceBytes, thin } = await import('../../src/ui/views/damon-panel/chart-scale');
    expect([0, 7, 96, 101, 512].map((v) => niceTop(v))).toEqual([1, 8, 100, 120, 600]);
    expect(niceBytes(512 * MiB)).toBe(600 * MiB);
    expect(niceBytes(4.55 * 1024 * MiB)).toBe(5 * 1024 * MiB);
    const points = Array.from({ length: 1000 }, (_, i) => i);
    const few = thin(points, 100);
    expect(few.length).toBeLessThanOrEqual(101);
    expect(few.at(-1)).toBe(999);
  });
});
