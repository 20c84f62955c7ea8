/**
 * The addrpageout preset: seed 002's test shape (one DAMOS scheme with min_nr_accesses 0 and
 * one addr filter allowing a single 2 MiB-aligned THP range). On 7.1 exactly that range is
 * paged out; on 6.18 the filter's split-off piece is never visited, so nothing is.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getDamonStatus, getStats } from '../../src/engine';
import { pteIdx } from '../../src/engine/paging/page-table';
import { FOLIO_ORDER_MASK } from '../../src/engine/paging/phys-mem';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT, PTE_SWAP, PTE_WRITE } from '../../src/engine/paging/pte';
import {
  ADDRPAGEOUT_FILTER_OFFSET,
  getPreset,
  parseScenario,
  toSimConfig,
} from '../../src/scenario';
import type { KernelVersion } from '../../src/engine/kernel';

const MiB = 2 ** 20;

function run(kernel: KernelVersion, us: number) {
  const s = getPreset('addrpageout');
  s.kernel = kernel;
  const sim = createSim(toSimConfig(s));
  const before = getStats(sim).residentBytes;
  advanceTo(sim, us);
  const mm = sim.machine.mms[0]!;
  const thp = mm.vmas.find((v) => v.name === 'thp')!;
  const lo = thp.startVpn + ADDRPAGEOUT_FILTER_OFFSET / 4096;
  const hi = lo + 512;
  // every swap entry of the process, by page
  const swapped: number[] = [];
  for (const v of mm.vmas)
    for (let p = v.startVpn; p < v.endVpn; p++) {
      const pmdI = mm.pt.pmdIndex(p, false);
      if (pmdI < 0 || mm.pt.slot[pmdI]! < 0) continue;
      if (mm.pt.pte[pteIdx(mm.pt.slot[pmdI]! * 512 + (p & 511))]! & PTE_SWAP) swapped.push(p);
    }
  return { sim, before, lo, hi, swapped, stat: getDamonStatus(sim)!.schemes[0]! };
}

describe('addrpageout: one range paged out by an address filter', () => {
  it('on 7.1 pages out exactly the filter range, the rest of the buffers untouched', () => {
    const { sim, before, lo, hi, swapped, stat } = run('7.1', 1_500_000);
    expect(swapped.length).toBeGreaterThan(0);
    expect(swapped.every((p) => p >= lo && p < hi)).toBe(true);
    const vm = getStats(sim).vm;
    expect(vm.pswpout).toBeGreaterThanOrEqual(512); // the whole THP at the first apply
    // resident memory moved by that range alone: at most 2 MiB less than at the start
    const resident = getStats(sim).residentBytes;
    expect(before - resident).toBeGreaterThan(0);
    expect(before - resident).toBeLessThanOrEqual(2 * MiB);
    // one range per aggregation applied; sz_tried counts sizes from before the filter split
    expect(stat.sz_applied % 4096).toBe(0);
    expect(stat.sz_tried).toBeGreaterThanOrEqual(stat.sz_applied);
    expect(stat.nr_applied).toBeGreaterThanOrEqual(14);
  });

  it('on 6.18 never applies: the safe walk skips the piece, the next merge joins it back', () => {
    const { sim, swapped, stat } = run('6.18', 2_000_000);
    expect(stat.nr_tried).toBe(0);
    expect(swapped).toEqual([]);
    expect(getStats(sim).vm.pswpout).toBe(0);
  });
});

describe('thpsplit: the series test, DAMOS_SPLIT of one THP by address filter', () => {
  it('splits exactly that THP into order-2 folios; AnonHugePages drops by exactly 2 MiB', () => {
    const s = getPreset('thpsplit');
    const sim = createSim(toSimConfig(s));
    const mm = sim.machine.mms[0]!;
    const thp = mm.vmas.find((v) => v.name === 'thp')!;
    const thpBefore = thp.thpPmds;
    const resident = getStats(sim).residentBytes;
    advanceTo(sim, 1_000_000);
    const stat = getDamonStatus(sim)!.schemes[0]!;
    expect(stat.sz_applied).toBe(2 * MiB);
    expect(stat.nr_applied).toBe(1);
    expect(thp.thpPmds).toBe(thpBefore - 1);
    expect(getStats(sim).residentBytes).toBe(resident);
    // the split range is PTE-mapped, 16 KiB folios, the sub-pages keeping their bits
    const lo = thp.startVpn + ADDRPAGEOUT_FILTER_OFFSET / 4096;
    const pmdI = mm.pt.pmdIndex(lo, false);
    expect(mm.pt.pmd[pmdI]! & PMD_HUGE).toBe(0);
    const slot = mm.pt.slot[pmdI]!;
    const orders = new Set<number>();
    for (let i = 0; i < 512; i++) {
      const pte = mm.pt.pte[pteIdx(slot * 512 + i)]!;
      expect(pte & PTE_PRESENT).not.toBe(0);
      expect(pte & PTE_WRITE).not.toBe(0);
      orders.add(sim.machine.phys.frame[pte & PFN_MASK]! & FOLIO_ORDER_MASK);
    }
    expect([...orders]).toEqual([2]);
  });

  it('is refused on 6.18, where the action does not exist', () => {
    const s = getPreset('thpsplit');
    s.kernel = '6.18';
    const r = parseScenario(s);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toMatch(/^damon\.schemes\[0\]\.action: 6\.18 has no DAMOS split/);
    const bad = getPreset('thpsplit');
    bad.damon.schemes[0]!.target_order = 1;
    const r1 = parseScenario(bad);
    expect(r1.ok || r1.errors[0]).toMatch(/target_order: must not be 1/);
  });
});
