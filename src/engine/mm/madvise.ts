/**
 * madvise(2) behaviours DAMOS actions use on a virtual range, tolerant of holes (DAMON regions
 * may span gaps between VMAs; each VMA part is handled on its own, like MADV_COLLAPSE does):
 *  - MADV_PAGEOUT: reclaim every page now (swap out anonymous pages, drop file pages);
 *    PMD-mapped THPs are split first. The next touch faults the page back in.
 *  - MADV_COLD: clear the Accessed bit and deactivate (move to the inactive LRU list).
 *  - MADV_WILLNEED: read swapped-out anonymous pages into the swap cache (not mapped).
 * PAGEOUT and COLD flush the translations they change, each in its own way (below).
 * Returns the bytes the behaviour was applied to. No DAMOS ops filter is read here: the kernel's
 * damos_madvise() calls do_madvise() on the whole region.
 */
import { HPAGE_PMD_NR, PAGE_SIZE } from '../config';
import type { Machine } from '../machine';
import { pteIdx } from '../paging/page-table';
import { FOLIO_ACTIVE, FOLIO_ORDER_MASK } from '../paging/phys-mem';
import { flushTlbBatched, flushTlbRange } from '../paging/flush';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT, PTE_SWAP, PTE_YOUNG, SWP_CACHED } from '../paging/pte';
import type { Mm } from './address-space';
import { splitHugePmd } from './syscalls';
import { forEachPmdPart } from './walk';

/**
 * MADV_PAGEOUT (madvise_cold_or_pageout_pte_range, then reclaim_pages): a THP the range covers
 * only in part is split first (split_folio); every present page in the range is reclaimed,
 * young or not (reclaim ignores references here). The unmap's TLB flush is reclaim's batched
 * one (flushTlbBatched: the whole mm on x86, the range on arm64). A page in the swap cache
 * (MADV_WILLNEED) is not mapped, so there is nothing to do for it.
 */
export function madvisePageout(m: Machine, mm: Mm, s: number, e: number): number {
  const pt = mm.pt;
  let bytes = 0;
  forEachPmdPart(mm, s, e, (v, pmdI, vpn, next) => {
    if (pt.pmd[pmdI]! & PMD_HUGE && m.isZeroPfn(pt.pmd[pmdI]! & PFN_MASK)) return; // huge zero
    if (pt.pmd[pmdI]! & PMD_HUGE) {
      // a whole THP is reclaimed as the folio it is; the pages come out the same either way,
      // so it is split here too (no THP swap entry is modelled)
      if (splitHugePmd(m, mm, pmdI, 'reclaim')) v.thpPmds--;
    }
    const slot = pt.slot[pmdI]!;
    if (slot < 0) return;
    for (let p = vpn; p < next; p++) {
      const pi = pteIdx((slot << 9) | (p & 511));
      const pte = pt.pte[pi]!;
      // no normal folio behind the zero page (vm_normal_folio): nothing to reclaim
      if (!(pte & PTE_PRESENT) || (pte & PFN_MASK) === m.zeroPfn) continue;
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
  if (bytes > 0) flushTlbBatched(m, mm, s, e);
  return bytes;
}

/**
 * MADV_COLD (madvise_cold_or_pageout_pte_range): a THP the range covers whole has its PMD made
 * old if it was young, and is deactivated; one covered in part is split first (split_folio), and
 * then handled like small pages: every young PTE in the range is made old, every page
 * deactivated. Only the entries made old are flushed: the mmu_gather's range spans the first
 * to the last of them (tlb_remove_tlb_entry), and it is flushed once at the end.
 */
export function madviseCold(m: Machine, mm: Mm, s: number, e: number): number {
  const pt = mm.pt;
  let bytes = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let pmdLo = Infinity;
  let pmdHi = -Infinity;
  forEachPmdPart(mm, s, e, (v, pmdI, vpn, next) => {
    const pe = pt.pmd[pmdI]!;
    if (pe & PMD_HUGE && m.isZeroPfn(pe & PFN_MASK)) return; // is_huge_zero_pmd(): skipped
    if (pe & PMD_HUGE) {
      if (next - vpn === HPAGE_PMD_NR) {
        if (pe & PTE_YOUNG) {
          pt.pmd[pmdI] = (pe & ~PTE_YOUNG) >>> 0;
          pmdLo = Math.min(pmdLo, vpn);
          pmdHi = Math.max(pmdHi, next);
        }
        m.phys.frame[pe & PFN_MASK]! &= ~FOLIO_ACTIVE;
        bytes += HPAGE_PMD_NR * PAGE_SIZE;
        return;
      }
      // split_folio(): the PMD and then the folio; the covered part goes on as small pages
      if (splitHugePmd(m, mm, pmdI, 'madv_cold')) v.thpPmds--;
      m.phys.splitFolio(pe & PFN_MASK);
    }
    const slot = pt.slot[pmdI]!;
    if (slot < 0) return;
    for (let p = vpn; p < next; p++) {
      const pi = pteIdx((slot << 9) | (p & 511));
      const pte = pt.pte[pi]!;
      if (!(pte & PTE_PRESENT) || (pte & PFN_MASK) === m.zeroPfn) continue;
      if (pte & PTE_YOUNG) {
        pt.pte[pi] = (pte & ~PTE_YOUNG) >>> 0;
        lo = Math.min(lo, p);
        hi = Math.max(hi, p + 1);
      }
      m.phys.frame[pte & PFN_MASK]! &= ~FOLIO_ACTIVE;
      bytes += PAGE_SIZE;
    }
  });
  // tlb_finish_mmu(): one flush of the gathered range (PMD strides if only PMDs were made old)
  if (lo < hi) flushTlbRange(m, mm, Math.min(lo, pmdLo), Math.max(hi, pmdHi));
  else if (pmdLo < pmdHi) flushTlbRange(m, mm, pmdLo, pmdHi, true);
  return bytes;
}

/**
 * MADV_WILLNEED on anonymous memory (madvise_willneed -> swapin_walk_pmd_entry): every swap
 * entry in the range is read into the swap cache (read_swap_cache_async; the read counts in
 * pswpin), but nothing is mapped: the PTE stays a swap entry, now with the cached page, and
 * the next touch maps it without I/O (a minor fault).
 */
export function madviseWillneed(m: Machine, mm: Mm, s: number, e: number, cpuNode: number): number {
  const pt = mm.pt;
  let bytes = 0;
  forEachPmdPart(mm, s, e, (v, pmdI, vpn, next) => {
    const slot = pt.slot[pmdI]!;
    if (v.kind !== 'anon' || slot < 0 || pt.pmd[pmdI]! & PMD_HUGE) return;
    for (let p = vpn; p < next; p++) {
      const pi = pteIdx((slot << 9) | (p & 511));
      const pte = pt.pte[pi]!;
      if (!(pte & PTE_SWAP) || pte & SWP_CACHED) continue;
      const pfn = m.phys.allocFolio(0, cpuNode);
      if (pfn < 0) return;
      pt.pte[pi] = (PTE_SWAP | SWP_CACHED | pfn) >>> 0;
      m.vm.pswpin++;
      bytes += PAGE_SIZE;
    }
  });
  return bytes;
}
