/**
 * The collapse-side presets of seed 002 (thp-presets.ts) do what their explanations say, from
 * the mechanism: the numbers below follow from the presets' sizes (a 16 MiB hot set is eight
 * 2 MiB ranges; 16 written pages of 512 leave 496 none PTEs per range), not from a recording.
 */
import { describe, expect, it, vi } from 'vitest';
import { advanceTo, createSim, getStats, getThpReport, type Sim } from '../../src/engine';
import { getPreset, toSimConfig, type Scenario } from '../../src/scenario';

const MiB = 2 ** 20;
vi.setConfig({ testTimeout: 30_000 });

function run(s: Scenario, us: number): Sim {
  const sim = createSim(toSimConfig(s));
  advanceTo(sim, us);
  return sim;
}

describe('thpcollapse: THP never + DAMOS collapse grows the hot set into THPs', () => {
  it('collapses the 16 MiB hot set into eight THPs, and the page walks stop', () => {
    const sim = run(getPreset('thpcollapse'), 1_000_000);
    const thp = getThpReport(sim);
    expect(thp.AnonHugePages).toBe((16 * MiB) / 1024);
    expect(thp.vmstat.thp_collapse_alloc).toBe(8);
    expect(thp.collapseBloatBytes).toBe(0); // every sub-page was resident (populated)
    const walks = getStats(sim).tlb.walks;
    advanceTo(sim, 2_000_000);
    // a second of 3983 writes/ms on eight huge translations: (almost) no walk
    expect(getStats(sim).tlb.walks - walks).toBeLessThan(100);
  });

  it('does the same through the series path, but madvise_mthp at order 4 keeps 4 KiB TLB entries', () => {
    const series = getPreset('thpcollapse');
    series.damon.schemes[0]!.collapse_path = 'series';
    expect(getThpReport(run(series, 1_000_000)).AnonHugePages).toBe((16 * MiB) / 1024);
    const mthp = getPreset('thpcollapse');
    mthp.damon.schemes[0]!.collapse_path = 'madvise_mthp';
    mthp.damon.schemes[0]!.target_order = 4;
    const sim = run(mthp, 1_000_000);
    const r = getThpReport(sim);
    expect(r.AnonHugePages).toBe(0);
    // the hot set (and the region around it) as 64 KiB folios
    expect(r.hugepages['hugepages-64kB']!.nr_anon).toBeGreaterThanOrEqual(16 * 16);
    const st = getStats(sim);
    expect(st.tlb.walks).toBeGreaterThan(st.accesses * 0.9); // mTHP: still a walk per access
  });
});

describe('pingpong: khugepaged against DAMOS_SPLIT', () => {
  it('re-collapses the split ranges at each wake-up; the back-off stops it', () => {
    const r = getThpReport(run(getPreset('pingpong'), 2_050_000));
    // wake-ups at 1 s and 2 s; each collapses what the applies since split (a THP a region
    // boundary cuts is not split that round, so "about" 32)
    expect(r.khugepaged.wakeups).toBe(2);
    expect(r.pingPong.ranges).toHaveLength(32);
    expect(r.pingPong.total).toBeGreaterThan(32 + 24); // most ranges went round twice
    expect(r.khugepaged.pages_collapsed).toBe(r.pingPong.total); // every collapse closed a cycle
    expect(r.collapse.khugepaged.SCAN_SUCCEED).toBe(r.pingPong.total);
    const backoff = getPreset('pingpong');
    backoff.thp.khugepaged.split_backoff_ms = 30_000;
    const b = getThpReport(run(backoff, 2_050_000));
    expect(b.pingPong.total).toBe(0);
    expect(b.collapse.khugepaged.SCAN_BACKOFF).toBeGreaterThan(32 + 24);
  });
});

describe('collapsebloat: collapsing sparse memory fills the none PTEs', () => {
  const bloat = (path: 'series' | 'madvise' | 'madvise_mthp', order = 9): number => {
    const s = getPreset('collapsebloat');
    s.damon.schemes[0]!.collapse_path = path;
    s.damon.schemes[0]!.target_order = order;
    return getThpReport(run(s, 1_500_000)).collapseBloatBytes;
  };

  it('series and MADV_COLLAPSE both fill 496 of 512 PTEs in each of the 32 ranges', () => {
    const want = 32 * 496 * 4096;
    expect(bloat('series')).toBe(want);
    expect(bloat('madvise')).toBe(want); // the kernel's MADV_COLLAPSE ignores max_ptes_none
  });

  it('64 KiB collapses fill as much on 7.1: no rule asks a block for a present page', () => {
    // without SCAN_PAGE_RO (kernel.ts: collapseNeedsWritable) an empty 64 KiB block of a PTE
    // table collapses too, so every none PTE of the 32 tables is filled again
    expect(bloat('madvise_mthp', 4)).toBe(32 * 496 * 4096);
  });
});

describe('spesplit: the SPE pipeline chooses the sparse THPs', () => {
  it('splits the 32 sparse THPs and keeps the 8 dense ones; smaps takes them all', () => {
    const spe = run(getPreset('spesplit'), 2_500_000);
    const r = getThpReport(spe);
    expect(r.AnonHugePages).toBe((16 * MiB) / 1024); // the dense 16 MiB
    expect(spe.damon!.schemes[0]!.stat.sz_applied).toBe(64 * MiB);
    // the program never chose a dense range
    const sparse = spe.machine.mms[0]!.vmas.find((v) => v.name === 'sparse')!;
    for (const t of spe.agent!.lastTargets) {
      expect(t.start).toBeGreaterThanOrEqual(spe.machine.mms[0]!.addrOf(sparse.startVpn));
      expect(t.end).toBeLessThanOrEqual(spe.machine.mms[0]!.addrOf(sparse.endVpn));
    }
    const smaps = getPreset('spesplit');
    smaps.damon.agent!.kind = 'smaps';
    const all = run(smaps, 2_500_000);
    expect(getThpReport(all).AnonHugePages).toBe(0);
    expect(all.damon!.schemes[0]!.stat.sz_applied).toBe(80 * MiB);
  });

  it('applies nowhere before the program has run once', () => {
    const sim = run(getPreset('spesplit'), 900_000);
    expect(sim.damon!.schemes[0]!.stat.nr_applied).toBe(0);
    expect(getThpReport(sim).AnonHugePages).toBe((80 * MiB) / 1024);
  });
});

describe('t1reach: a THP working set inside the Kunpeng 920 TLB reach', () => {
  const maxNr = (sim: Sim): number =>
    Math.max(...sim.damon!.targets[0]!.regions.map((r) => r.lastNrAccesses));

  it('walks no page table after the warm-up, so DAMON reads the hot buffer as idle', () => {
    const sim = run(getPreset('t1reach'), 1_500_000);
    expect(getStats(sim).tlb.walks).toBe(512); // the 512 faults' walks, nothing after
    expect(maxNr(sim)).toBe(0);
    expect(sim.lastWorkingSetPages * 4096).toBe(1024 * MiB); // the truth: all of it, hot
  });

  it('reads hot once mkold flushes the TLB entry', () => {
    const s = getPreset('t1reach');
    s.damon.flushOnMkold = true;
    expect(maxNr(run(s, 1_500_000))).toBeGreaterThan(0);
  });
});
