/**
 * THP counters under the kernel's names:
 *  - per order, /sys/kernel/mm/transparent_hugepage/hugepages-<size>kB/stats/ (anon_fault_alloc,
 *    anon_fault_fallback, split, and collapse (khugepaged and MADV_COLLAPSE, as Nico Pache's
 *    mTHP collapse series counts it per order); nr_anon is counted from the page tables by
 *    census.ts when asked);
 *  - /proc/vmstat's thp_collapse_alloc, thp_collapse_alloc_failed, thp_scan_exceed_*_pte,
 *    thp_split_page, thp_split_pmd, thp_deferred_split_page, thp_underused_split_page;
 *  - /sys/kernel/mm/transparent_hugepage/khugepaged/pages_collapsed and full_scans.
 * Plus what the kernel does not count but the seed thread argues about: none/zero PTEs a
 * collapse filled with new zeroed memory (bloat), and split -> re-collapse cycles (ping-pong).
 */
import { HPAGE_PMD_ORDER } from '../config';

/** mTHP orders with a hugepages-<size>kB directory for anonymous memory: 2 (16 KiB) .. 9. */
export const MTHP_MIN_ORDER = 2;

export interface OrderStats {
  anon_fault_alloc: number;
  anon_fault_fallback: number;
  split: number;
  collapse: number;
}

export interface ThpCounters {
  thp_collapse_alloc: number;
  thp_collapse_alloc_failed: number;
  thp_scan_exceed_none_pte: number;
  thp_scan_exceed_swap_pte: number;
  thp_scan_exceed_share_pte: number;
  thp_split_page: number;
  thp_split_pmd: number;
  thp_deferred_split_page: number;
  thp_underused_split_page: number;
  /** khugepaged/pages_collapsed: PMD-sized collapses by khugepaged. */
  pages_collapsed: number;
  /** khugepaged/full_scans: passes over every registered mm. */
  full_scans: number;
  /** khugepaged/pages_scanned is not a sysfs file; the model counts PTEs scanned. */
  khugepaged_pages_scanned: number;
  /** 4 KiB pages a collapse allocated for none or zero-page PTEs (memory bloat). */
  collapse_none_filled: number;
  /** Collapses of a range that a split had broken since its last collapse or fault. */
  ping_pong: number;
}

export function newOrderStats(): OrderStats[] {
  const out: OrderStats[] = [];
  for (let o = 0; o <= HPAGE_PMD_ORDER; o++)
    out.push({ anon_fault_alloc: 0, anon_fault_fallback: 0, split: 0, collapse: 0 });
  return out;
}

export function newThpCounters(): ThpCounters {
  return {
    thp_collapse_alloc: 0,
    thp_collapse_alloc_failed: 0,
    thp_scan_exceed_none_pte: 0,
    thp_scan_exceed_swap_pte: 0,
    thp_scan_exceed_share_pte: 0,
    thp_split_page: 0,
    thp_split_pmd: 0,
    thp_deferred_split_page: 0,
    thp_underused_split_page: 0,
    pages_collapsed: 0,
    full_scans: 0,
    khugepaged_pages_scanned: 0,
    collapse_none_filled: 0,
    ping_pong: 0,
  };
}
