/**
 * The page-fault handler: handle_mm_fault() for anonymous and file VMAs, reduced to
 * what the model needs. Called by the MMU when a walk finds no usable translation.
 *
 *  - no VMA, or an access the VMA's protection forbids    -> SIGSEGV (counted, access dropped)
 *  - PROTNONE PTE/PMD in an accessible VMA                 -> hinting fault: restore the mapping
 *  - pmd_none and THP allowed for the VMA                   -> do_huge_pmd_anonymous_page()
 *  - otherwise                                              -> do_anonymous_page() (order 0)
 * Read faults allocate a page too: the shared zero page is not modelled.
 * A swap entry (left by pageout) is read back: do_swap_page(), a major fault.
 *
 * Page tables are allocated only for a fault that will map a page: with no free frame the
 * fault fails first (as __pte_alloc would, since a page table needs a page itself), so an
 * out-of-memory machine costs no host memory per failed fault.
 */
import { HPAGE_PMD_NR } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import type { Vma } from '../mm/vma';
import { pteIdx } from './page-table';
import {
  PMD_HUGE,
  PTE_PRESENT,
  PTE_PROTNONE,
  PTE_OWNER_DAMON,
  PFN_MASK,
  PTE_SWAP,
  PTE_WRITE,
  PTRS_PER_TABLE,
  SWP_CACHED,
} from './pte';

export const FAULT_RETRY = 0;
export const FAULT_SIGSEGV = 1;

/** thp_vma_allowable_order() for PMD order at fault time, under the global policy. */
export function thpAllowed(m: Machine, vma: Vma): boolean {
  if (vma.kind !== 'anon' || vma.thp === 'nohugepage') return false;
  if (m.thpEnabled === 'always') return true;
  return m.thpEnabled === 'madvise' && vma.thp === 'hugepage';
}

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
    // a PROTNONE huge PMD: do_huge_pmd_numa_page() restores it (NUMA/DAMON routing comes later)
    pt.pmd[pmdI] = (pmdE & ~(PTE_PROTNONE | PTE_OWNER_DAMON)) | wbit;
    return FAULT_RETRY;
  }
  const node = m.cpuNode[cpu]!;
  let slot = pt.slot[pmdI]!;
  if (slot < 0) {
    const hvpn = vpn & ~(HPAGE_PMD_NR - 1);
    if (thpAllowed(m, vma) && hvpn >= vma.startVpn && hvpn + HPAGE_PMD_NR <= vma.endVpn) {
      const pfn = m.phys.allocFolio(9, node);
      if (pfn >= 0) {
        pt.slotOf(pmdI, true); // ground-truth counters for the sub-pages
        pt.pmd[pmdI] = (PMD_HUGE | PTE_PRESENT | wbit | pfn) >>> 0;
        vma.rssPages += HPAGE_PMD_NR;
        vma.thpPmds++;
        m.vm.thp_fault_alloc++;
        return FAULT_RETRY;
      }
      m.vm.thp_fault_fallback++;
    }
    if (m.phys.freeFrames === 0) return oom(m);
    slot = pt.slotOf(pmdI, true);
  }
  const pi = pteIdx(slot * PTRS_PER_TABLE + (vpn & (PTRS_PER_TABLE - 1)));
  const pte = pt.pte[pi]!;
  if (pte & PTE_PRESENT) {
    // PROTNONE hinting fault, or a stale TLB view: restore the protection
    pt.pte[pi] = ((pte & ~(PTE_PROTNONE | PTE_OWNER_DAMON)) | wbit) >>> 0;
    return FAULT_RETRY;
  }
  if (pte & PTE_SWAP && pte & SWP_CACHED) {
    // do_swap_page() finds the folio in the swap cache (MADV_WILLNEED read it): no I/O
    pt.pte[pi] = (PTE_PRESENT | wbit | (pte & PFN_MASK)) >>> 0;
    vma.rssPages++;
    return FAULT_RETRY;
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

/** Out of memory: no reclaim yet, the access is dropped like an OOM-killed task's. */
function oom(m: Machine): number {
  m.vm.segv++;
  return FAULT_SIGSEGV;
}
