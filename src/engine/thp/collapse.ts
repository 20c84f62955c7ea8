/**
 * Collapsing small folios into one large folio (mm/khugepaged.c): the scan of a range
 * (hpage_collapse_scan_pmd) and the collapse itself (collapse_huge_page with
 * __collapse_huge_page_swapin and __collapse_huge_page_isolate), for three callers:
 *
 *  - khugepaged (cc->is_khugepaged): the sysfs policy decides which VMAs, and the limits
 *    apply: more than max_ptes_none none-or-zero PTEs (SCAN_EXCEED_NONE_PTE), more than
 *    max_ptes_swap swap entries (SCAN_EXCEED_SWAP_PTE); and at least one PTE must be young or
 *    its folio referenced (SCAN_LACK_REFERENCED_PAGE; half of them when swap entries exist).
 *  - madvise: MADV_COLLAPSE (madvise_collapse, 6.1). Ignores the sysfs policy (only
 *    VM_NOHUGEPAGE refuses) and every max_ptes_* limit: collapse_max_ptes_none() returns
 *    HPAGE_PMD_NR for it ("for MADV_COLLAPSE, allow any none-page or zero-page PTEs"), and
 *    the swap and shared checks are khugepaged-only. Swap entries are read back first.
 *  - series: seed 002's damon_collapse_folio_range(), collapse_huge_page() called without
 *    the scan: no swap-in (it passes unmapped = 0, so isolate meets a swap entry and fails
 *    with SCAN_PTE_NON_PRESENT), PMD order only (-EINVAL otherwise), none PTEs filled.
 *
 * Every caller revalidates the VMA when it collapses (hugepage_vma_revalidate runs inside
 * collapse_huge_page under mmap_write_lock), so a range munmapped or mprotected in part since
 * its targets were chosen is refused (SCAN_VMA_NULL / SCAN_ADDRESS_RANGE) in all three.
 *
 * The collapse allocates the new folio on the node of the first present page (the kernel
 * picks the node most pages are on, hpage_collapse_find_target_node), copies the present
 * pages, zero-fills the none and zero-page ones (counted as bloat: memory the range did not
 * use before), frees the old folios and maps the new one young and dirty, as mk_huge_pmd()
 * with vm_page_prot makes it. Not modelled: shared pages (max_ptes_shared: the model has no
 * fork or KSM yet), pinned pages (SCAN_PAGE_COUNT), userfaultfd-armed VMAs, the LRU drain.
 */
import { HPAGE_PMD_NR, HPAGE_PMD_ORDER } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { flushTlbRange } from '../paging/flush';
import { pteIdx } from '../paging/page-table';
import { FOLIO_ORDER_MASK, FOLIO_YOUNG } from '../paging/phys-mem';
import {
  PFN_MASK,
  PMD_HUGE,
  PTE_DIRTY,
  PTE_PRESENT,
  PTE_SWAP,
  PTE_WRITE,
  PTE_YOUNG,
  PTRS_PER_TABLE,
  SUBPAGE_WRITTEN,
  SWP_CACHED,
} from '../paging/pte';
import { allowableOrders, forcedCollapseAllowed } from './orders';
import { thpEvent } from './record';
import type { ThpActor } from './thp-log';

export type CollapseCaller = 'khugepaged' | 'madvise' | 'series';

/** enum scan_result, the values the model can produce (plus SCAN_BACKOFF, in no kernel). */
export type ScanResult =
  | 'SCAN_SUCCEED'
  | 'SCAN_PMD_NULL'
  | 'SCAN_PMD_MAPPED'
  | 'SCAN_EXCEED_NONE_PTE'
  | 'SCAN_EXCEED_SWAP_PTE'
  | 'SCAN_PTE_NON_PRESENT'
  | 'SCAN_PTE_MAPPED_HUGEPAGE'
  | 'SCAN_PAGE_RO'
  | 'SCAN_LACK_REFERENCED_PAGE'
  | 'SCAN_VMA_NULL'
  | 'SCAN_VMA_CHECK'
  | 'SCAN_ADDRESS_RANGE'
  | 'SCAN_ALLOC_HUGE_PAGE_FAIL'
  | 'SCAN_INVALID_ORDER'
  | 'SCAN_BACKOFF';

export interface CollapseControl {
  caller: CollapseCaller;
  actor: ThpActor;
  /** DAMOS scheme index for actor 'damos'. */
  scheme: number;
}

/**
 * Try to collapse the naturally aligned block of 2^order pages at vpn `a` of mm into one
 * folio. Returns the scan result; SCAN_SUCCEED means a new folio is mapped.
 */
export function collapseRange(
  m: Machine,
  mm: Mm,
  a: number,
  order: number,
  cc: CollapseControl,
): ScanResult {
  const r = tryCollapse(m, mm, a, order, cc);
  const byCaller = m.collapseResults[cc.caller];
  byCaller[r] = (byCaller[r] ?? 0) + 1;
  if (r !== 'SCAN_SUCCEED' && r !== 'SCAN_PMD_MAPPED' && r !== 'SCAN_PTE_MAPPED_HUGEPAGE')
    thpEvent(m, mm, a, 'collapse_fail', cc.actor, order, 0, cc.scheme, r);
  return r;
}

function tryCollapse(
  m: Machine,
  mm: Mm,
  a: number,
  order: number,
  cc: CollapseControl,
): ScanResult {
  const nr = 1 << order;
  if (cc.caller === 'series' && order !== HPAGE_PMD_ORDER) return 'SCAN_INVALID_ORDER';
  // hugepage_vma_revalidate()
  const vma = mm.findVma(a);
  if (vma === null) return 'SCAN_VMA_NULL';
  if (a + nr > vma.endVpn) return 'SCAN_ADDRESS_RANGE';
  const allowed =
    cc.caller === 'khugepaged'
      ? ((allowableOrders(m.thpOrders, vma) >> order) & 1) === 1
      : forcedCollapseAllowed(vma);
  if (!allowed) return 'SCAN_VMA_CHECK';
  // find_pmd_or_thp_or_none()
  const pt = mm.pt;
  const pmdI = pt.pmdIndex(a, false);
  if (pmdI < 0) return 'SCAN_PMD_NULL';
  if (pt.pmd[pmdI]! & PMD_HUGE) return 'SCAN_PMD_MAPPED';
  const slot = pt.slot[pmdI]!;
  if (slot < 0) return 'SCAN_PMD_NULL';
  const kh = m.khugepaged;
  if (
    cc.caller === 'khugepaged' &&
    kh.split_backoff_ms > 0 &&
    m.pingPong.splitWithin(mm.asid, a, m.nowUs, kh.split_backoff_ms * 1000)
  )
    return 'SCAN_BACKOFF';

  // the scan (the series skips it; its isolate step checks the same PTEs without limits)
  const base = slot * PTRS_PER_TABLE + (a & (PTRS_PER_TABLE - 1));
  let none = 0;
  let swap = 0;
  let writable = 0;
  let referenced = 0;
  let firstPfn = -1;
  let oneFolio = true;
  for (let i = 0; i < nr; i++) {
    const pte = pt.pte[pteIdx(base + i)]!;
    const pfn = pte & PFN_MASK;
    if (!(pte & PTE_PRESENT)) {
      if (pte & PTE_SWAP) swap++;
      else none++;
      oneFolio = false;
      continue;
    }
    if (pfn === m.zeroPfn) {
      none++;
      oneFolio = false;
      continue;
    }
    if (pte & PTE_WRITE) writable++;
    if (pte & PTE_YOUNG || m.phys.frame[pfn]! & FOLIO_YOUNG) referenced++;
    if (firstPfn < 0) firstPfn = pfn;
    if (pfn !== firstPfn + i) oneFolio = false;
  }
  // already one folio of this order or larger (the PTE-mapped THP case)
  if (oneFolio && firstPfn >= 0 && (m.phys.frame[firstPfn]! & FOLIO_ORDER_MASK) >= order)
    return 'SCAN_PTE_MAPPED_HUGEPAGE';
  if (cc.caller === 'khugepaged') {
    if (none > kh.max_ptes_none) {
      m.thp.thp_scan_exceed_none_pte++;
      return 'SCAN_EXCEED_NONE_PTE';
    }
    if (swap > kh.max_ptes_swap) {
      m.thp.thp_scan_exceed_swap_pte++;
      return 'SCAN_EXCEED_SWAP_PTE';
    }
  }
  if (cc.caller === 'series' && swap > 0) return 'SCAN_PTE_NON_PRESENT';
  if (m.mmRules.collapseNeedsWritable && writable === 0) return 'SCAN_PAGE_RO';
  if (
    cc.caller === 'khugepaged' &&
    (referenced === 0 || (swap > 0 && referenced < HPAGE_PMD_NR / 2))
  )
    return 'SCAN_LACK_REFERENCED_PAGE';

  // alloc_charge_folio()
  const node = firstPfn >= 0 ? m.phys.nodeOf(firstPfn) : m.cpuNode[0]!;
  const pfn = m.phys.allocFolio(order, node);
  if (pfn < 0) {
    if (order === HPAGE_PMD_ORDER) m.thp.thp_collapse_alloc_failed++;
    return 'SCAN_ALLOC_HUGE_PAGE_FAIL';
  }
  // __collapse_huge_page_swapin() (not for the series, refused above), then copy and free
  let present = 0;
  let freedLo = 0;
  let freedHi = 0; // the last folio freed: its other pages are mapped next to it
  for (let i = 0; i < nr; i++) {
    const pi = pteIdx(base + i);
    const pte = pt.pte[pi]!;
    const old = pte & PFN_MASK;
    if (pte & PTE_PRESENT && old !== m.zeroPfn) {
      present++;
      if (old < freedLo || old >= freedHi) {
        const fo = m.phys.frame[old]! & FOLIO_ORDER_MASK;
        freedLo = old - (old & ((1 << fo) - 1));
        freedHi = freedLo + (1 << fo);
        m.phys.freeRange(freedLo, fo);
      }
    } else if (pte & PTE_SWAP) {
      if (pte & SWP_CACHED) m.phys.freeRange(old, 0);
      else {
        m.vm.pswpin++;
        m.vm.pgmajfault++;
      }
    }
    // under a PMD the word marks a copied sub-page as holding data (pte.ts)
    const copied = (pte & PTE_PRESENT && old !== m.zeroPfn) || (pte & PTE_SWAP) !== 0;
    pt.pte[pi] = copied && order === HPAGE_PMD_ORDER ? SUBPAGE_WRITTEN : 0;
  }
  const bits = (PTE_PRESENT | PTE_YOUNG | (vma.writable() ? PTE_WRITE | PTE_DIRTY : 0)) >>> 0;
  if (order === HPAGE_PMD_ORDER) {
    pt.pmd[pmdI] = (PMD_HUGE | bits | pfn) >>> 0;
    vma.thpPmds++;
    m.thp.thp_collapse_alloc++;
    if (cc.caller === 'khugepaged') m.thp.pages_collapsed++;
    if (m.pingPong.onCollapse(mm.asid, a)) m.thp.ping_pong++;
  } else {
    for (let i = 0; i < nr; i++) pt.pte[pteIdx(base + i)] = (bits | (pfn + i)) >>> 0;
  }
  vma.rssPages += nr - present;
  m.thp.collapse_none_filled += none;
  m.thpOrder[order]!.collapse++;
  thpEvent(m, mm, a, 'collapse', cc.actor, order, 0, cc.scheme);
  // pmdp_collapse_flush() / the PTE clears: the old translations go from every CPU
  flushTlbRange(m, mm, a, a + nr, order === HPAGE_PMD_ORDER);
  return 'SCAN_SUCCEED';
}
