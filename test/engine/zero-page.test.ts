/**
 * The shared zero page and the huge zero folio (do_anonymous_page, do_huge_pmd_anonymous_page,
 * do_wp_page, do_huge_zero_wp_pmd): reads of never-written anonymous memory cost no memory,
 * writes copy, and DAMON never reads such memory as accessed.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getStats, sysCall } from '../../src/engine';
import { FOLIO_ORDER_MASK } from '../../src/engine/paging/phys-mem';
import type { KernelVersion } from '../../src/engine/kernel';
import { runAccesses } from '../../src/engine/paging/mmu';
import { pteIdx } from '../../src/engine/paging/page-table';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT, PTE_WRITE } from '../../src/engine/paging/pte';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';
import { config, thread, vma } from './helpers';

function fresh(kernel: KernelVersion = '6.18', thp = false) {
  const cfg = {
    ...config([vma('buf', 0, 4, { thp: thp ? 'hugepage' : 'nohugepage' })], []),
    kernel,
  };
  const sim = createSim(cfg);
  const m = sim.machine;
  const mm = m.mms[0]!;
  const buf = mm.vmas[0]!;
  const access = (vpn: number, write: boolean) =>
    runAccesses(m, 0, mm, new Int32Array([(vpn << 1) | (write ? 1 : 0)]), 1);
  const pte = (vpn: number) => {
    const pmdI = mm.pt.pmdIndex(vpn, false);
    return mm.pt.pte[pteIdx(mm.pt.slot[pmdI]! * 512 + (vpn & 511))]!;
  };
  const pmd = (vpn: number) => mm.pt.pmd[mm.pt.pmdIndex(vpn, false)]!;
  return { sim, m, mm, buf, access, pte, pmd };
}

describe('the zero page', () => {
  it('a read maps it read-only and costs no frame; a write then copies', () => {
    const { m, buf, access, pte } = fresh();
    const free = m.phys.freeFrames;
    access(buf.startVpn, false);
    expect(pte(buf.startVpn) & PFN_MASK).toBe(m.zeroPfn);
    expect(pte(buf.startVpn) & PTE_WRITE).toBe(0);
    expect(buf.rssPages).toBe(0);
    access(buf.startVpn + 1, false);
    expect(m.phys.freeFrames).toBe(free); // two zero-page mappings, no frame
    access(buf.startVpn, true);
    expect(pte(buf.startVpn) & PFN_MASK).not.toBe(m.zeroPfn);
    expect(pte(buf.startVpn) & PTE_WRITE).not.toBe(0);
    expect(buf.rssPages).toBe(1);
  });

  it('DAMON never reads never-written memory as accessed, however often it is read', () => {
    const cfg = config(
      [vma('low', 0, 1), vma('buf', 16, 4, { thp: 'nohugepage' }), vma('high', 200, 1)],
      [thread('r', { kind: 'sequential', vma: 'buf', writeRatio: 0 }, { ratePerMs: 1000 })],
      {
        damon: {
          enabled: true,
          targets: [0],
          attrs: DAMON_DEFAULT_ATTRS,
          flushOnMkold: true, // every sample's page would be walked again
          primitive: 'page_table',
          schemes: [],
        },
      },
    );
    const sim = createSim(cfg);
    advanceTo(sim, 1_000_000);
    expect(getStats(sim).reads).toBeGreaterThan(900_000);
    expect(getStats(sim).residentBytes).toBe(0);
    const regions = sim.damon!.targets[0]!.regions;
    expect(regions.every((r) => r.lastNrAccesses === 0)).toBe(true);
  });
});

describe('the huge zero folio', () => {
  it('a read in a THP-eligible range maps it by one PMD, in no RSS', () => {
    const { m, buf, access, pmd } = fresh('6.18', true);
    access(buf.startVpn, false);
    expect(pmd(buf.startVpn) & PMD_HUGE).not.toBe(0);
    expect(m.isZeroPfn(pmd(buf.startVpn) & PFN_MASK)).toBe(true);
    expect([buf.rssPages, buf.thpPmds]).toEqual([0, 0]);
  });

  it('a write gets a THP from 6.13 on (do_huge_zero_wp_pmd)', () => {
    const { m, buf, access, pmd } = fresh('6.18', true);
    access(buf.startVpn, false);
    access(buf.startVpn + 5, true);
    expect(pmd(buf.startVpn) & PMD_HUGE).not.toBe(0);
    expect(m.isZeroPfn(pmd(buf.startVpn) & PFN_MASK)).toBe(false);
    expect([buf.rssPages, buf.thpPmds]).toEqual([512, 1]);
  });

  it('a write on 6.12 splits it into zero-page PTEs and copies one page', () => {
    const { m, buf, access, pmd, pte } = fresh('6.12', true);
    access(buf.startVpn, false);
    access(buf.startVpn + 5, true);
    expect(pmd(buf.startVpn) & PMD_HUGE).toBe(0);
    expect(pte(buf.startVpn) & PFN_MASK).toBe(m.zeroPfn);
    expect(pte(buf.startVpn + 5) & PTE_PRESENT).not.toBe(0);
    expect(pte(buf.startVpn + 5) & PFN_MASK).not.toBe(m.zeroPfn);
    expect([buf.rssPages, buf.thpPmds]).toEqual([1, 0]);
  });
});

describe('__split_huge_pmd', () => {
  it('keeps the folio large and PTE-mapped; freeing a page of it splits it then', () => {
    const { sim, m, mm, buf, access, pte, pmd } = fresh('6.18', true);
    access(buf.startVpn, true); // a THP
    const head = pmd(buf.startVpn) & PFN_MASK;
    expect(buf.thpPmds).toBe(1);
    // mprotect of the first half splits the PMD (vma_adjust_trans_huge), not the folio
    const half = 256 * 4096;
    sysCall(sim, {
      op: 'mprotect',
      process: 0,
      start: mm.addrOf(buf.startVpn),
      size: half,
      prot: 'r',
    });
    const h = mm.pt.pmd[mm.pt.pmdIndex(buf.startVpn, false)]!;
    expect(h & PMD_HUGE).toBe(0);
    expect(pte(buf.startVpn + 300) & PFN_MASK).toBe(head + 300);
    expect(m.phys.frame[head]! & FOLIO_ORDER_MASK).toBe(9);
    expect(m.phys.frame[head + 511]! & FOLIO_ORDER_MASK).toBe(9);
    // munmap of one page frees that page: the folio is split first (deferred split, at once)
    sysCall(sim, { op: 'munmap', process: 0, start: mm.addrOf(buf.startVpn + 511), size: 4096 });
    expect(m.phys.frame[head]! & FOLIO_ORDER_MASK).toBe(0);
    expect(m.phys.isFree(head + 511)).toBe(true);
  });
});
