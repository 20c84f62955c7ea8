/**
 * The page-fault handler: handle_mm_fault() for anonymous and file VMAs, reduced to
 * what the model needs. Called by the MMU when a walk finds no usable translation.
 *
 *  - no VMA, or an access the VMA's protection forbids    -> SIGSEGV (counted, access dropped)
 *  - PROTNONE PTE/PMD in an accessible VMA                 -> do_numa_page() or DAMON's
 *      handler, as the routing policy says (numa/protnone-fault.ts)
 *  - pmd_none and THP allowed for the VMA                   -> do_huge_pmd_anonymous_page():
 *      a read maps the huge zero folio (use_zero_page, on by default), a write a new THP
 *  - otherwise                                              -> do_anonymous_page() (order 0):
 *      a read of anonymous memory maps the shared zero page read-only, a write a new page
 *  - a write to the zero page / huge zero folio             -> wp fault: copy on write
 *      (do_wp_page, do_huge_zero_wp_pmd; which one depends on the release, kernel.ts)
 * A swap entry (left by pageout) is read back: do_swap_page(), a major fault.
 *
 * Page tables are allocated only for a fault that will map a page: with no free frame the
 * fault fails first (as __pte_alloc would, since a page table needs a page itself), so an
 * out-of-memory machine costs no host memory per failed fault.
 */
import { HPAGE_PMD_NR, HPAGE_PMD_ORDER } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import type { Vma } from '../mm/vma';
import { flushHugePmd, splitHugeZeroPmd } from './huge-zero';
import { pteIdx } from './page-table';
import { allowableOrders } from '../thp/orders';
import { thpEvent } from '../thp/record';
import { protnoneFault } from '../numa/protnone-fault';
import {
  PMD_HUGE,
  PTE_PRESENT,
  PTE_PROTNONE,
  PTE_OWNER_DAMON,
  PFN_MASK,
  PTE_SWAP,
  PTE_WRITE,
  PTE_YOUNG,
  PTE_DIRTY,
  PTRS_PER_TABLE,
  SWP_CACHED,
} from './pte';

export const FAULT_RETRY = 0;
export const FAULT_SIGSEGV = 1;

export function handleMmFault(
  m: Machine,
  mm: Mm,
  vpn: number,
  write: boolean,
  cpu: number,
): number {
  const vma = mm.findVma(vpn);
  if (vma === null || !vma.readable() || (write && !vma.writable())) {
    m.vm.segv++;
    return FAULT_SIGSEGV;
  }
  m.vm.pgfault++;
  const pt = mm.pt;
  let pmdI = pt.pmdIndex(vpn, false);
  if (pmdI < 0) {
    if (m.phys.freeFrames === 0) return oom(m);
    pmdI = pt.pmdIndex(vpn, true);
  }
  const pmdE = pt.pmd[pmdI]!;
  const wbit = vma.writable() ? PTE_WRITE : 0;
  if (pmdE & PMD_HUGE) {
    if (write && m.isZeroPfn(pmdE & PFN_MASK) && !(pmdE & PTE_PROTNONE))
      return hugeZeroWpFault(m, mm, vma, pmdI, vpn & ~(HPAGE_PMD_NR - 1), cpu);
    if (pmdE & PTE_PROTNONE) {
      // do_huge_pmd_numa_page(), or DAMON's handler (numa/protnone-fault.ts)
      protnoneFault(m, mm, vma, vpn, cpu, pmdI, -1);
      return FAULT_RETRY;
    }
    // a stale TLB view of a PMD that is mapped: restore the protection
    const keep = m.isZeroPfn(pmdE & PFN_MASK) ? 0 : wbit;
    pt.pmd[pmdI] = (pmdE & ~PTE_OWNER_DAMON) | keep;
    return FAULT_RETRY;
  }
  const node = m.cpuNode[cpu]!;
  let slot = pt.slot[pmdI]!;
  if (slot < 0) {
    const hvpn = vpn & ~(HPAGE_PMD_NR - 1);
    const pmdOk = (allowableOrders(m.thpOrders, vma) >> HPAGE_PMD_ORDER) & 1;
    if (pmdOk && hvpn >= vma.startVpn && hvpn + HPAGE_PMD_NR <= vma.endVpn) {
      if (!write) {
        // do_huge_pmd_anonymous_page(): a read maps the huge zero folio, read-only
        const hz = hugeZeroFolio(m);
        if (hz >= 0) {
          pt.slotOf(pmdI, true); // ground-truth counters for the sub-pages
          pt.pmd[pmdI] = (PMD_HUGE | PTE_PRESENT | hz) >>> 0;
          return FAULT_RETRY;
        }
        m.vm.thp_fault_fallback++;
      }
      const pfn = write ? m.phys.allocFolio(9, node) : -1;
      if (pfn >= 0) {
        pt.slotOf(pmdI, true); // ground-truth counters for the sub-pages
        pt.pmd[pmdI] = (PMD_HUGE | PTE_PRESENT | wbit | pfn) >>> 0;
        vma.rssPages += HPAGE_PMD_NR;
        vma.thpPmds++;
        m.vm.thp_fault_alloc++;
        m.thp.thp_deferred_split_page++; // deferred_split_folio() at fault (6.12+)
        m.thpOrder[9]!.anon_fault_alloc++;
        thpEvent(m, mm, hvpn, 'fault', 'fault', 9, 0);
        return FAULT_RETRY;
      }
      if (write) {
        m.vm.thp_fault_fallback++;
        m.thpOrder[9]!.anon_fault_fallback++;
      }
    }
    if (m.phys.freeFrames === 0) return oom(m);
    slot = pt.slotOf(pmdI, true);
  }
  const pi = pteIdx(slot * PTRS_PER_TABLE + (vpn & (PTRS_PER_TABLE - 1)));
  const pte = pt.pte[pi]!;
  if (pte & PTE_PRESENT) {
    const zero = (pte & PFN_MASK) === m.zeroPfn;
    if (zero && write && !(pte & PTE_PROTNONE)) {
      // do_wp_page() on the zero page: a fresh zeroed page, mapped writable
      const pfn = m.phys.allocFolio(0, node);
      if (pfn < 0) return oom(m);
      pt.pte[pi] = (PTE_PRESENT | wbit | pfn) >>> 0;
      vma.rssPages++;
      return FAULT_RETRY;
    }
    if (pte & PTE_PROTNONE) {
      // a hinting fault: do_numa_page(), or DAMON's handler (numa/protnone-fault.ts)
      protnoneFault(m, mm, vma, vpn, cpu, pmdI, pi);
      return FAULT_RETRY;
    }
    // a stale TLB view: restore the protection (never writable for the zero page)
    pt.pte[pi] = ((pte & ~PTE_OWNER_DAMON) | (zero ? 0 : wbit)) >>> 0;
    return FAULT_RETRY;
  }
  if (!write && vma.kind === 'anon' && !(pte & PTE_SWAP)) {
    // do_anonymous_page(): a read of a never-written page maps the shared zero page
    pt.pte[pi] = (PTE_PRESENT | m.zeroPfn) >>> 0;
    return FAULT_RETRY;
  }
  if (pte & PTE_SWAP && pte & SWP_CACHED) {
    // do_swap_page() finds the folio in the swap cache (MADV_WILLNEED read it): no I/O
    pt.pte[pi] = (PTE_PRESENT | wbit | (pte & PFN_MASK)) >>> 0;
    vma.rssPages++;
    return FAULT_RETRY;
  }
  if (vma.kind === 'anon' && !(pte & PTE_SWAP)) {
    const r = anonMthpFault(m, mm, vma, slot, vpn, node, wbit);
    if (r >= 0) return r;
  }
  const pfn = m.phys.allocFolio(0, node);
  if (pfn >= 0 && pte & PTE_SWAP) {
    m.vm.pgmajfault++;
    m.vm.pswpin++;
  }
  if (pfn < 0) return oom(m);
  pt.pte[pi] = (PTE_PRESENT | wbit | pfn) >>> 0;
  vma.rssPages++;
  return FAULT_RETRY;
}

/**
 * alloc_anon_folio() for a write fault on a none PTE (6.8+): the highest allowed mTHP order
 * whose naturally aligned block fits in the VMA and has only none PTEs (pte_range_none), then
 * lower orders when the allocation fails (anon_fault_fallback per size). The folio is mapped
 * by 2^order PTEs, young and dirty as mk_pte() with vm_page_prot makes them (x86 and arm64
 * protection maps carry the Accessed bit). Returns -1 when no mTHP order applies (order 0).
 */
function anonMthpFault(
  m: Machine,
  mm: Mm,
  vma: Vma,
  slot: number,
  vpn: number,
  node: number,
  wbit: number,
): number {
  const orders = allowableOrders(m.thpOrders, vma) & ((1 << HPAGE_PMD_ORDER) - 1);
  if (orders === 0) return -1;
  const pt = mm.pt;
  for (let o = HPAGE_PMD_ORDER - 1; o >= 2; o--) {
    if (!((orders >> o) & 1)) continue;
    const nr = 1 << o;
    const a = vpn & ~(nr - 1);
    if (a < vma.startVpn || a + nr > vma.endVpn) continue;
    const base = slot * PTRS_PER_TABLE + (a & (PTRS_PER_TABLE - 1));
    let none = true;
    for (let i = 0; i < nr && none; i++) none = pt.pte[pteIdx(base + i)] === 0;
    if (!none) continue;
    const pfn = m.phys.allocFolio(o, node);
    if (pfn < 0) {
      m.thpOrder[o]!.anon_fault_fallback++;
      continue;
    }
    const bits = (PTE_PRESENT | PTE_YOUNG | (wbit ? wbit | PTE_DIRTY : 0)) >>> 0;
    for (let i = 0; i < nr; i++) pt.pte[pteIdx(base + i)] = (bits | (pfn + i)) >>> 0;
    vma.rssPages += nr;
    m.thpOrder[o]!.anon_fault_alloc++;
    thpEvent(m, mm, a, 'fault', 'fault', o, 0);
    return FAULT_RETRY;
  }
  return -1;
}

/** get_huge_zero_folio(): the huge zero folio, allocated at its first use; -1 if no block. */
function hugeZeroFolio(m: Machine): number {
  if (m.hugeZeroPfn < 0) m.hugeZeroPfn = m.phys.allocFolio(9, 0);
  return m.hugeZeroPfn;
}

/**
 * A write to a PMD mapping the huge zero folio. From 6.13 do_huge_zero_wp_pmd() replaces it
 * with a new THP; before (or when no 2 MiB block is free) the PMD is split into PTEs that all
 * map the 4 KiB zero page (__split_huge_zero_page_pmd), and the retried write copies only
 * its own page.
 */
function hugeZeroWpFault(
  m: Machine,
  mm: Mm,
  vma: Vma,
  pmdI: number,
  hvpn: number,
  cpu: number,
): number {
  const pt = mm.pt;
  if (m.mmRules.hugeZeroWpAllocatesThp) {
    const pfn = m.phys.allocFolio(9, m.cpuNode[cpu]!);
    if (pfn >= 0) {
      pt.pmd[pmdI] = (PMD_HUGE | PTE_PRESENT | PTE_WRITE | pfn) >>> 0;
      vma.rssPages += HPAGE_PMD_NR;
      vma.thpPmds++;
      m.vm.thp_fault_alloc++;
      m.thp.thp_deferred_split_page++;
      m.thpOrder[9]!.anon_fault_alloc++;
      thpEvent(m, mm, hvpn, 'fault', 'fault', 9, 0);
      flushHugePmd(m, mm, hvpn);
      return FAULT_RETRY;
    }
    m.vm.thp_fault_fallback++;
  }
  splitHugeZeroPmd(m, mm, pmdI, hvpn);
  return FAULT_RETRY;
}

/** Out of memory: no reclaim yet, the access is dropped like an OOM-killed task's. */
function oom(m: Machine): number {
  m.vm.segv++;
  return FAULT_SIGSEGV;
}
