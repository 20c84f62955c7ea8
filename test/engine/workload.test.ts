/** Workloads reproduce the C sources' access orders; ground truth counts them exactly. */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getStats, takeTruthRows } from '../../src/engine';
import { createRng } from '../../src/engine/rng';
import { HotWindowGen, SparseGen } from '../../src/engine/workload/sweep';
import { ZipfGen } from '../../src/engine/workload/random';
import { config, MiB, thread, vma } from './helpers';

describe('hotwindow (hotwin.c)', () => {
  it('sweeps the window page by page and moves it once a sweep ends after moveEveryUs', () => {
    const g = new HotWindowGen({ startVpn: 1000, pages: 40 }, 10, 10, 100, 0, createRng(1, 1), 1);
    const buf = new Int32Array(25);
    g.fill(buf, 25, 0, 5); // accesses at t = 0, 5, ... ; the first sweep ends at t=50 (< 100)
    const vpns = [...buf].map((a) => a >>> 1);
    expect(vpns.slice(0, 20)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => 1000 + i),
      ...Array.from({ length: 10 }, (_, i) => 1000 + i),
    ]);
    // second sweep ends at t = 100 -> the window moves to pages 10..19
    expect(vpns.slice(20)).toEqual([1010, 1011, 1012, 1013, 1014]);
    expect(buf.every((a) => (a & 1) === 1)).toBe(true);
  });
});

describe('sparse (thpsparse.c)', () => {
  it('touches 1 of every 32 pages, alternating between the buffers', () => {
    const g = new SparseGen(
      [
        { startVpn: 0, pages: 1024 },
        { startVpn: 5000, pages: 1024 },
      ],
      32,
      createRng(1, 1),
      1,
    );
    const buf = new Int32Array(6);
    g.fill(buf, 6);
    expect([...buf].map((a) => a >>> 1)).toEqual([0, 5000, 32, 5032, 64, 5064]);
  });
});

describe('zipf', () => {
  it('makes low ranks hotter, roughly as (k+1)^-s', () => {
    const g = new ZipfGen({ startVpn: 0, pages: 1 << 16 }, 1, false, createRng(3, 3), 0);
    const buf = new Int32Array(1 << 20);
    g.fill(buf, buf.length);
    const c = new Map<number, number>();
    for (const a of buf) c.set(a >>> 1, (c.get(a >>> 1) ?? 0) + 1);
    const c0 = c.get(0) ?? 0;
    const c1 = c.get(1) ?? 0;
    const c9 = c.get(9) ?? 0;
    expect(c0 / c1).toBeGreaterThan(1.5);
    expect(c0 / c1).toBeLessThan(2.7);
    expect(c0 / c9).toBeGreaterThan(6);
    expect(c0 / c9).toBeLessThan(14);
    expect(Math.max(...c.keys())).toBeLessThan(1 << 16);
  });
});

describe('ground truth rows', () => {
  it('bin the exact accesses into the hot set columns and nowhere else', () => {
    const sim = createSim(
      config(
        [vma('buf', 0, 64, { populate: true })],
        [
          thread(
            't',
            { kind: 'hotset', vma: 'buf', offset: 32 * MiB, hotBytes: MiB },
            { ratePerMs: 2560 },
          ),
        ],
        {
          truth: { intervalUs: 100_000, columns: 64 },
        },
      ),
    );
    advanceTo(sim, 300_000);
    const rows = takeTruthRows(sim);
    expect(rows.count).toBe(3);
    expect(rows.columns).toBe(64);
    const r = rows.data.subarray(64, 128); // second row
    // 256,000 accesses per 100 ms on 256 pages, all in column 32 (1 MiB per column)
    expect(r[32]).toBeCloseTo(256_000 / 256, 6);
    for (let c = 0; c < 64; c++) if (c !== 32) expect(r[c]).toBe(0);
    expect(getStats(sim).workingSetBytes).toBe(MiB);
  });

  it('shows NaN for columns nothing is mapped in', () => {
    const sim = createSim(
      config([vma('a', 0, 4)], [], {
        events: [{ atUs: 50_000, process: 0, op: 'mmap', vma: vma('late', 8, 4) }],
        truth: { intervalUs: 100_000, columns: 16 },
      }),
    );
    advanceTo(sim, 100_000);
    const { data } = takeTruthRows(sim);
    expect(Number.isNaN(data[0])).toBe(false);
    expect(data.some((x) => Number.isNaN(x))).toBe(false); // 'late' is mapped by the end of row 0
    const sim2 = createSim(
      config([vma('a', 0, 4)], [], {
        events: [{ atUs: 150_000, process: 0, op: 'mmap', vma: vma('late', 8, 4) }],
        truth: { intervalUs: 100_000, columns: 16 },
      }),
    );
    advanceTo(sim2, 100_000);
    expect(takeTruthRows(sim2).data.filter((x) => Number.isNaN(x)).length).toBe(8);
  });
});
