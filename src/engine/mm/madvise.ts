/**
 * madvise(2) behaviours DAMOS actions use on a virtual range, tolerant of holes (DAMON regions
 * may span gaps between VMAs; each VMA part is handled on its own, like MADV_COLLAPSE does):
 *  - MADV_PAGEOUT: reclaim every page now (swap out anonymous pages, drop file pages);
 *    PMD-mapped THPs are split first. The next touch faults the page back in.
 *  - MADV_COLD: clear the Accessed bit and deactivate (move to the inactive LRU list).
 *  - MADV_WILLNEED: read swapped-out anonymous pages back in (swap-in readahead).
 * Both PAGEOUT and COLD flush the translations they change (tlb_remove_tlb_entry).
 * Returns the bytes the behaviour was applied to. No DAMOS ops filter is read here: the kernel's
 * damos_madvise() calls do_madvise() on the whole region.
 */
import { HPAGE_PMD_NR, PAGE_SIZE } from '../config';
import type { Machine } from '../machine';
import { pteIdx } from '../paging/page-table';
import { FOLIO_ACTIVE, FOLIO_ORDER_MASK } from '../paging/phys-mem';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT, PTE_SWAP, PTE_WRITE, PTE_YOUNG } from '../paging/pte';
import type { Mm } from './address-space';
import { shootdown, splitHugePmd } from './syscalls';
import type { Vma } from './vma';

/** What an ops filter may look at for one folio (damon/va-stat.ts fills it). */
export interface PageView {
  vma: Vma;
  vpn: number;
  pfn: number;
  /** Bytes of the folio the page belongs to. */
  folioSz: number;
  young: boolean;
  active: boolean;
}

/**
 * Visit each PMD's part [vpn, next) of [s, e) inside each VMA, with the PMD's index (pmd
 * tables that were never allocated are skipped).
 */
function forEachPmdPart(
  mm: Mm,
  s: number,
  e: number,
  fn: (v: Vma, pmdI: number, vpn: number, next: number) => void,
): void {
  for (const v of mm.vmas) {
    const vs = Math.max(s, v.startVpn);
    const ve = Math.min(e, v.endVpn);
    for (let vpn = vs; vpn < ve;) {
      const next = Math.min(ve, (vpn | (HPAGE_PMD_NR - 1)) + 1);
      const pmdI = mm.pt.pmdIndex(vpn, false);
      if (pmdI >= 0) fn(v, pmdI, vpn, next);
      vpn = next;
    }
  }
}

export function madvisePageout(m: Machine, mm: Mm, s: number, e: number): number {
  const pt = mm.pt;
  let bytes = 0;
  forEachPmdPart(mm, s, e, (v, pmdI, vpn, next) => {
    if (pt.pmd[pmdI]! & PMD_HUGE) {
      // reclaim splits the THP (no THP swap-out modelled)
      splitHugePmd(m, mm, pmdI);
      v.thpPmds--;
    }
    const slot = pt.slot[pmdI]!;
    if (slot < 0) return;
    for (let p = vpn; p < next; p++) {
      const pi = pteIdx((slot << 9) | (p & 511));
      const pte = pt.pte[pi]!;
      if (!(pte & PTE_PRESENT)) continue;
      const pfn = pte & PFN_MASK;
      const order = m.phys.frame[pfn]! & FOLIO_ORDER_MASK;
      if (order) m.phys.splitFolio(pfn - (pfn & ((1 << order) - 1)));
      m.phys.freeRange(pfn, 0);
      pt.pte[pi] = v.kind === 'anon' ? PTE_SWAP : 0;
      if (v.kind === 'anon') m.vm.pswpout++;
      v.rssPages--;
      bytes += PAGE_SIZE;
    }
  });
  shootdown(m, mm, s, e);
  return bytes;
}

export function madviseCold(m: Machine, mm: Mm, s: number, e: number): number {
  const pt = mm.pt;
  let bytes = 0;
  forEachPmdPart(mm, s, e, (v, pmdI, vpn, next) => {
    const pe = pt.pmd[pmdI]!;
    const slot = pt.slot[pmdI]!;
    if (pe & PMD_HUGE) {
      // a whole THP is deactivated only if the range covers it (else it is skipped)
      if (next - vpn === HPAGE_PMD_NR) {
        pt.pmd[pmdI] = (pe & ~PTE_YOUNG) >>> 0;
        m.phys.frame[pe & PFN_MASK]! &= ~FOLIO_ACTIVE;
        bytes += HPAGE_PMD_NR * PAGE_SIZE;
      }
      return;
    }
    if (slot < 0) return;
    for (let p = vpn; p < next; p++) {
      const pi = pteIdx((slot << 9) | (p & 511));
      const pte = pt.pte[pi]!;
      if (!(pte & PTE_PRESENT)) continue;
      pt.pte[pi] = (pte & ~PTE_YOUNG) >>> 0;
      m.phys.frame[pte & PFN_MASK]! &= ~FOLIO_ACTIVE;
      bytes += PAGE_SIZE;
    }
  });
  shootdown(m, mm, s, e);
  return bytes;
}

export function madviseWillneed(m: Machine, mm: Mm, s: number, e: number, cpuNode: number): number {
  const pt = mm.pt;
  let bytes = 0;
  forEachPmdPart(mm, s, e, (v, pmdI, vpn, next) => {
    const slot = pt.slot[pmdI]!;
    if (v.kind !== 'anon' || slot < 0 || pt.pmd[pmdI]! & PMD_HUGE) return;
    for (let p = vpn; p < next; p++) {
      const pi = pteIdx((slot << 9) | (p & 511));
      if (!(pt.pte[pi]! & PTE_SWAP)) continue;
      const pfn = m.phys.allocFolio(0, cpuNode);
      if (pfn < 0) return;
      pt.pte[pi] = (PTE_PRESENT | (v.writable() ? PTE_WRITE : 0) | pfn) >>> 0;
      v.rssPages++;
      m.vm.pswpin++;
      bytes += PAGE_SIZE;
    }
  });
  return bytes;
}
