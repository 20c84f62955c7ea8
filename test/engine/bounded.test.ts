/**
 * Inputs that used to hang the engine, overflow its stack or make it allocate without bound
 * (issue 7's reproducers). A regression shows as a failure or as vitest's timeout, never as a
 * timed assertion.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getStats } from '../../src/engine';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';
import type { DamonSnapshot } from '../../src/engine/damon/kdamond';
import { detExp, detLog, detPow } from '../../src/engine/detmath';
import { PhysMem } from '../../src/engine/paging/phys-mem';
import {
  collectDamon,
  MAX_PENDING_ROWS,
  MAX_PENDING_SNAPSHOT_REGIONS,
} from '../../src/engine/sim-output';
import { zipfQuantiles } from '../../src/engine/workload/random';
import { config, MiB, thread, vma } from './helpers';

const GiB = 1024 * MiB;

describe('deterministic math at the edges of the double range', () => {
  it('saturates instead of looping on infinite or huge arguments', () => {
    expect(detExp(Infinity)).toBe(Infinity);
    expect(detExp(1e308)).toBe(Infinity);
    expect(detExp(-Infinity)).toBe(0);
    expect(detExp(-1e308)).toBe(0);
    expect(detLog(Infinity)).toBe(Infinity);
    expect(detLog(0)).toBe(-Infinity);
    expect(detPow(0, -1 / 3)).toBe(Infinity);
    expect(detExp(1)).toBeCloseTo(Math.E, 14);
  });
});

describe('zipf quantiles', () => {
  it.each([
    [2 ** 18, 4], // s 4 on 1 GiB: the last table point used to cancel to 0
    [2 ** 17, 4],
    [2 ** 28, 3], // s 3 on 1 TiB
    [2 ** 28, 4],
  ])('are finite and increasing over %i pages at s=%d', (n, s) => {
    const t = zipfQuantiles(n, s);
    expect(t[0]).toBe(0.5);
    expect(t[t.length - 1]).toBe(n + 0.5);
    for (let i = 1; i < t.length; i++) {
      expect(Number.isFinite(t[i])).toBe(true);
      if (!(t[i]! >= t[i - 1]!)) expect(`t[${i}] = ${t[i]} < t[${i - 1}] = ${t[i - 1]}`).toBe('');
    }
  });

  it('lets a zipf thread with s=4 on a 1 GiB VMA set up and run', () => {
    const sim = createSim(
      config([vma('b', 0, 1024)], [thread('t', { kind: 'zipf', vma: 'b', s: 4 })]),
    );
    advanceTo(sim, 10_000);
    expect(getStats(sim).accesses).toBe(10_000);
  });
});

describe('memory that cannot be allocated', () => {
  it('costs no page tables: 1 TiB of VMA on 2 MiB of RAM', () => {
    const sim = createSim(
      config([vma('b', 0, 1024 * 1024)], [thread('t', { kind: 'uniform', vma: 'b' })], {
        machine: {
          arch: 'x86',
          cpus: 1,
          nodes: [{ memMib: 2, cpuless: false }],
          tlb: config([], []).machine.tlb,
        },
      }),
    );
    advanceTo(sim, 100_000);
    const mm = sim.machine.mms[0]!;
    expect(sim.machine.phys.freeFrames).toBe(0);
    expect(sim.machine.vm.segv).toBeGreaterThan(90_000);
    // 512 frames can fill at most 512 PTE tables (3 KiB each) and a few PMD tables
    expect(mm.pt.ptTables).toBeLessThanOrEqual(512);
    expect(mm.pt.bytes()).toBeLessThan(8 * MiB);
  });

  it('populates 8 GiB onto 4 GiB of RAM, failing the rest fast', () => {
    const sim = createSim(
      config([vma('b', 0, 8 * 1024, { populate: true })], [], {
        machine: {
          arch: 'x86',
          cpus: 1,
          nodes: [{ memMib: 4 * 1024, cpuless: false }],
          tlb: config([], []).machine.tlb,
        },
      }),
    );
    expect(sim.machine.phys.freeFrames).toBe(0);
    // every frame but the zero page's (reserved at boot) ends up in the VMA
    expect(sim.machine.mms[0]!.vmas[0]!.rssPages).toBe((4 * GiB) / 4096 - 1);
    expect(sim.machine.vm.segv).toBe((4 * GiB) / 4096 + 1);
  });
});

describe('the frame allocator keeps its per-node counts', () => {
  it('fails exactly when a brute-force look at the pageblocks says it must', () => {
    const op = fc.record({
      alloc: fc.boolean(),
      order: fc.constantFrom(0, 0, 0, 9),
      nid: fc.integer({ min: 0, max: 1 }),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const ph = new PhysMem([4, 6]); // 2 + 3 pageblocks
        const held: [number, number][] = [];
        for (const o of ops) {
          if (o.alloc || held.length === 0) {
            const blocks = [...ph.blockFree];
            const anyFree = ph.freeFrames > 0;
            const anyBlock = blocks.some((f) => f === 512);
            const pfn = ph.allocFolio(o.order, o.nid);
            expect(pfn >= 0).toBe(o.order === 9 ? anyBlock : anyFree);
            if (pfn >= 0) held.push([pfn, o.order]);
          } else {
            const [pfn, order] = held.splice(o.pick % held.length, 1)[0]!;
            ph.freeRange(pfn, order);
          }
          for (let n = 0; n < 2; n++) {
            let free = 0;
            for (let p = ph.nodeBase[n]!; p < ph.nodeBase[n + 1]!; p++) if (ph.isFree(p)) free++;
            expect(ph.freeInNode(n)).toBe(free);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('DAMON', () => {
  const damonConfig = (attrs = DAMON_DEFAULT_ATTRS) =>
    config([vma('b', 0, 64)], [thread('t', { kind: 'uniform', vma: 'b' })], {
      damon: {
        enabled: true,
        targets: [0],
        attrs,
        flushOnMkold: false,
        primitive: 'page_table',
        schemes: [],
      },
    });

  it('keeps snapshots bounded by count and by regions, without spreading them on the stack', () => {
    const sim = createSim(damonConfig());
    const dc = sim.damon!;
    const snap = (regions: number): DamonSnapshot => ({
      tUs: 1,
      startUs: 0,
      process: 0,
      ranges: new Float64Array(regions * 2),
      nrAccesses: new Uint32Array(regions),
      age: new Uint32Array(regions),
      sampleUs: 5000,
    });
    dc.pending = Array.from({ length: 200_000 }, () => snap(1));
    collectDamon(sim, dc);
    expect(sim.damonSnapshots.length).toBe(MAX_PENDING_ROWS);
    dc.pending = Array.from({ length: 300 }, () => snap(10_000));
    collectDamon(sim, dc);
    const regions = sim.damonSnapshots.reduce((s, x) => s + x.nrAccesses.length, 0);
    expect(regions).toBeLessThanOrEqual(MAX_PENDING_SNAPSHOT_REGIONS);
    expect(regions).toBe(sim.damonSnapshotRegions);
  });

  it('auto-tunes intervals with min_sample_us 0 without stopping', () => {
    const attrs = {
      ...DAMON_DEFAULT_ATTRS,
      intervals_goal: { access_bp: 10_000, aggrs: 1, min_sample_us: 0, max_sample_us: 5000 },
    };
    const sim = createSim(damonConfig(attrs));
    advanceTo(sim, 300_000);
    expect(sim.damon!.attrs.sample_interval).toBeGreaterThanOrEqual(1);
    expect(sim.nowUs).toBe(300_000);
  });

  it('refuses a process monitored twice, and more targets than processes can be', () => {
    const c = damonConfig();
    expect(() => createSim({ ...c, damon: { ...c.damon, targets: [0, 0] } })).toThrow(/twice/);
    const many = Array.from({ length: 9 }, (_, i) => i);
    expect(() => createSim({ ...c, damon: { ...c.damon, targets: many } })).toThrow(/at most 8/);
  });
});

describe('TLB geometry', () => {
  it('refuses more ways than a set scan can afford', () => {
    const c = config([vma('b', 0, 64)], []);
    const tlb = { ...c.machine.tlb, l2: { entries: 65_536, ways: 65_536, holds2m: true } };
    expect(() => createSim({ ...c, machine: { ...c.machine, tlb } })).toThrow(/ways/);
  });
});
