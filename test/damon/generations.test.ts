/**
 * DAMON as each kernel release runs it (src/engine/kernel.ts). Every test names the kernel
 * function and the release whose rule it checks, and fails on the other release's rule.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getDamonStatus, getStats } from '../../src/engine';
import type { DamosConfig, DamosFilter, SimConfig } from '../../src/engine/config';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';
import { kdamondApplySchemes } from '../../src/engine/damon/damos';
import {
  DamonCtx,
  kdamondMergeRegions,
  kdamondTuneIntervals,
} from '../../src/engine/damon/kdamond';
import { DamonRegion, damonMergeRegionsOf, DamonTarget } from '../../src/engine/damon/region';
import type { KernelVersion } from '../../src/engine/kernel';
import { pteIdx } from '../../src/engine/paging/page-table';
import { PTE_YOUNG } from '../../src/engine/paging/pte';
import { getPreset, toSimConfig } from '../../src/scenario';
import { BASE, config, MiB, thread, vma } from '../engine/helpers';
import { filter, scheme } from './scheme';

const PAGE = 4096;

/** A scheme taking every region, with filters completed from their defaults. */
function schemeWith(action: DamosConfig['action'], filters: Partial<DamosFilter>[] = []) {
  return scheme({
    action,
    filters: filters.map((f) => filter({ type: 'addr', ...f })),
  });
}

/** Three small VMA groups (DAMON's three regions) and a 4 MiB buffer written page by page. */
function machine(kernel: KernelVersion, schemes: DamosConfig[] = [], thp = false): SimConfig {
  return {
    ...config(
      [
        vma('low', 0, 1),
        vma('buf', 16, 4, { populate: true, thp: thp ? 'hugepage' : 'nohugepage' }),
        vma('high', 200, 1),
      ],
      [thread('w', { kind: 'sequential', vma: 'buf' }, { ratePerMs: 100 })],
      {
        damon: {
          enabled: true,
          targets: [0],
          attrs: DAMON_DEFAULT_ATTRS,
          flushOnMkold: false,
          primitive: 'page_table',
          schemes,
        },
      },
    ),
    kernel,
  };
}

/** A context over one process with hand-made regions, for the core functions alone. */
function ctxWith(kernel: KernelVersion, ranges: [number, number][], schemes: DamosConfig[]) {
  const sim = createSim({ ...machine(kernel), damon: { ...machine(kernel).damon, schemes } });
  const c = new DamonCtx({ ...sim.config.damon, schemes }, 1, kernel);
  const t = c.targets[0]!;
  t.regions = ranges.map(([s, e]) => new DamonRegion(BASE + s * PAGE, BASE + e * PAGE));
  return { c, m: sim.machine, t };
}

const pagesOf = (t: DamonTarget): [number, number][] =>
  t.regions.map((r) => [(r.start - BASE) / PAGE, (r.end - BASE) / PAGE]);

describe('initial regions (damon_va_init, kdamond_fn)', () => {
  it('6.12 and 6.18 split the three regions evenly; 7.1 splits them to the limit', () => {
    const count = (k: KernelVersion) => {
      const s = getPreset('default');
      s.kernel = k;
      return createSim(toSimConfig(s)).damon!.targets[0]!.regions.length;
    };
    // default: 328 MiB in three ranges, min_nr_regions 10: floor(size / sz) pieces each
    expect(count('6.12')).toBe(9);
    expect(count('6.18')).toBe(9);
    // damon_apply_min_nr_regions: ceil(size / ALIGN(sz)) pieces each
    expect(count('7.1')).toBe(11);
  });

  it('6.18 never splits a region to the limit after a merge; 7.1 does', () => {
    for (const k of ['6.18', '7.1'] as const) {
      const sim = createSim(machine(k));
      advanceTo(sim, 2_000_000);
      const c = sim.damon!;
      const over = c.targets[0]!.regions.some((r) => r.size > c.szLimit);
      // 6.18 merges up to sz_limit only, and pieces it never merged stay as they are
      expect(over).toBe(false);
      if (k === '7.1') {
        const total = c.targets[0]!.regions.reduce((s, r) => s + r.size, 0);
        expect(c.szLimit).toBe(Math.ceil(total / 10 / PAGE) * PAGE);
      }
    }
  });
});

describe('age (damon_merge_regions_of, kdamond_merge_regions)', () => {
  it('resets when nr_accesses crosses zero from 6.18, not in 6.12', () => {
    const aged = (zeroCross: boolean) => {
      const t = new DamonTarget(0);
      const r = new DamonRegion(0, PAGE);
      r.age = 5;
      r.lastNrAccesses = 0;
      r.nrAccesses = 1; // within the threshold of 2, but from zero
      t.regions = [r];
      damonMergeRegionsOf(t, 2, 1 << 30, zeroCross);
      return r.age;
    };
    expect(aged(false)).toBe(6);
    expect(aged(true)).toBe(0);
  });

  it('grows once per merge pass while over max_nr_regions', () => {
    const { c, t } = ctxWith('6.18', [], []);
    c.attrs = { ...c.attrs, max_nr_regions: 3 };
    // five regions whose neighbours differ by 2: the first pass (threshold 1) merges nothing,
    // the second (threshold 2) merges them
    t.regions = [0, 2, 4, 6, 8].map((nr, i) => {
      const r = new DamonRegion(i * PAGE, (i + 1) * PAGE);
      r.nrAccesses = r.lastNrAccesses = nr;
      return r;
    });
    kdamondMergeRegions(c, 1, 1 << 30);
    expect(t.regions.length).toBeLessThanOrEqual(3);
    expect(t.regions[0]!.age).toBe(2);
  });
});

describe('kdamond_apply_schemes walk and the addr filter', () => {
  // one region [0, 10) pages; the filter allows [4, 6)
  const filter = {
    type: 'addr' as const,
    allow: true,
    addr_start: BASE + 4 * PAGE,
    addr_end: BASE + 6 * PAGE,
  };

  it('7.1 visits the piece the filter split off; 6.18 skips it', () => {
    const stat71 = ctxWith('7.1', [[0, 10]], [schemeWith('stat', [filter])]);
    kdamondApplySchemes(stat71.c, stat71.m, 0);
    expect(pagesOf(stat71.t)).toEqual([
      [0, 4],
      [4, 6],
      [6, 10],
    ]);
    const st = stat71.c.schemes[0]!.stat;
    expect(st.nr_tried).toBe(1);
    // sz_tried is the size from before the filter split [4, 10) at 6: 6 pages, not 2
    expect(st.sz_tried).toBe(6 * PAGE);

    const stat618 = ctxWith('6.18', [[0, 10]], [schemeWith('stat', [filter])]);
    kdamondApplySchemes(stat618.c, stat618.m, 0);
    expect(pagesOf(stat618.t)).toEqual([
      [0, 4],
      [4, 10],
    ]);
    expect(stat618.c.schemes[0]!.stat.nr_tried).toBe(0);
  });

  it('6.12 filters by rejecting: matching false keeps only the range', () => {
    const keep = {
      type: 'addr' as const,
      matching: false,
      allow: false,
      addr_start: filter.addr_start,
      addr_end: filter.addr_end,
    };
    const a = ctxWith('6.12', [[4, 6]], [schemeWith('stat', [keep])]);
    kdamondApplySchemes(a.c, a.m, 0);
    expect(a.c.schemes[0]!.stat.sz_tried).toBe(2 * PAGE);
    const b = ctxWith('6.12', [[6, 10]], [schemeWith('stat', [keep])]);
    kdamondApplySchemes(b.c, b.m, 0);
    expect(b.c.schemes[0]!.stat.nr_tried).toBe(0);
  });
});

describe('quota resume point (damos_apply_scheme charge_addr_from)', () => {
  function resumed(kernel: KernelVersion) {
    const s = schemeWith('stat');
    s.quota = { ...s.quota, sz: 2 * PAGE, reset_interval: 1 };
    // damos_skip_charged_region() never resumes in the target's last region: keep a third
    const { c, m, t } = ctxWith(
      kernel,
      [
        [0, 2],
        [2, 6],
        [6, 8],
      ],
      [s],
    );
    kdamondApplySchemes(c, m, 0); // the window fills on [0, 2)
    c.passedSampleIntervals = 1000; // the next apply, in a new charge window
    kdamondApplySchemes(c, m, 5_000);
    return pagesOf(t);
  }

  it('6.18 resumes at r->ar.end + 1 and skips the next region first page', () => {
    expect(resumed('6.18')[1]).toEqual([2, 3]);
  });

  it('7.1 resumes at r->ar.end', () => {
    expect(resumed('7.1')[1]).not.toEqual([2, 3]);
    expect(resumed('7.1')[1]![0]).toBe(2);
  });
});

describe('kdamond_tune_intervals', () => {
  it('returns early on target: damon_set_attrs() would restart the ops update interval', () => {
    const { c, t } = ctxWith('6.18', [[0, 10]], []);
    c.attrs = {
      ...c.attrs,
      intervals_goal: { access_bp: 10_000, aggrs: 1, min_sample_us: 1000, max_sample_us: 10_000 },
    };
    c.aggrSamples = 20;
    t.regions[0]!.nrAccesses = 20; // every sample accessed: exactly the goal
    c.passedSampleIntervals = 500;
    c.nextOpsUpdateSis = 12_000;
    kdamondTuneIntervals(c);
    expect(c.nextOpsUpdateSis).toBe(12_000);
    expect(c.attrs.sample_interval).toBe(5000);
  });
});

describe('kdamond_reset_aggregated', () => {
  it('resyncs nr_accesses_bp from nr_accesses (damon_warn_fix_nr_accesses_corruption)', () => {
    const cfg = machine('6.18');
    // 30 samples per aggregation: last * 10000 / 30 rounds, so the moving sum drifts
    cfg.damon.attrs = { ...DAMON_DEFAULT_ATTRS, aggr_interval: 150_000 };
    cfg.damon.flushOnMkold = true; // so the cached translations walk again and set A bits
    const sim = createSim(cfg);
    advanceTo(sim, 1_500_000); // an aggregation has just run
    const regions = sim.damon!.targets[0]!.regions;
    expect(regions.some((r) => r.lastNrAccesses > 0)).toBe(true);
    for (const r of regions) expect(r.nrAccessesBp).toBe(r.lastNrAccesses * 10000);
  });
});

describe('ops filters on vaddr (damon_va_apply_scheme)', () => {
  const noAnon = { type: 'anon' as const, matching: true, allow: false };

  it.each(['6.12', '6.18', '7.1'] as const)(
    '%s: the madvise actions never read them (pageout pages out anon memory anyway)',
    (k) => {
      const sim = createSim(machine(k, [schemeWith('pageout', [noAnon])]));
      advanceTo(sim, 300_000);
      expect(getStats(sim).vm.pswpout).toBeGreaterThan(0);
      expect(getDamonStatus(sim)!.schemes[0]!.sz_ops_filter_passed).toBe(0);
    },
  );

  it('stat counts the folios they pass from 6.18, a THP once at 2 MiB; 6.12 counts none', () => {
    const anon = { type: 'anon' as const, matching: true, allow: true };
    const passed = (k: KernelVersion) => {
      const sim = createSim(machine(k, [schemeWith('stat', [anon])], true));
      advanceTo(sim, 100_000); // one aggregation, one apply
      return getDamonStatus(sim)!.schemes[0]!.sz_ops_filter_passed;
    };
    expect(passed('6.12')).toBe(0);
    // the populated 4 MiB buffer is two PMD-mapped THPs. damos_va_stat_pmd_entry() adds the
    // whole folio for every region whose walk reaches into it, so a THP that several regions
    // share is counted once per region: whole 2 MiB folios, at least the buffer
    for (const k of ['6.18', '7.1'] as const) {
      expect(passed(k) % (2 * MiB)).toBe(0);
      expect(passed(k)).toBeGreaterThanOrEqual(4 * MiB);
    }
  });

  it('a young filter makes the entries it finds young old', () => {
    const young = { type: 'young' as const, matching: true, allow: true };
    const sim = createSim(machine('6.18', [schemeWith('stat', [young])]));
    advanceTo(sim, 100_000);
    const mm = sim.machine.mms[0]!;
    const buf = mm.vmas.find((v) => v.name === 'buf')!;
    let youngPtes = 0;
    for (let p = buf.startVpn; p < buf.endVpn; p++) {
      const pmdI = mm.pt.pmdIndex(p, false);
      const slot = mm.pt.slot[pmdI]!;
      if (mm.pt.pte[pteIdx(slot * 512 + (p & 511))]! & PTE_YOUNG) youngPtes++;
    }
    // the writer touches ~10 pages per ms; only those after the stat walk can be young
    expect(youngPtes).toBeLessThan(buf.endVpn - buf.startVpn);
    expect(getDamonStatus(sim)!.schemes[0]!.sz_ops_filter_passed).toBeGreaterThan(0);
  });
});

describe('sample_interval 0 (damon_set_attrs accepts it)', () => {
  it('runs as a 1 µs sample, without hanging', () => {
    const cfg = machine('6.18');
    cfg.damon.attrs = { ...DAMON_DEFAULT_ATTRS, sample_interval: 0, aggr_interval: 1000 };
    const sim = createSim(cfg);
    advanceTo(sim, 2_000);
    const st = getDamonStatus(sim)!;
    expect(st.nrAggregations).toBe(2);
    expect(sim.damon!.passedSampleIntervals).toBe(2000);
  });
});
