/**
 * The deferred split shrinker (mm/huge_memory.c: deferred_split_scan, thp_underused; "mm:
 * split underused THPs", 6.12). Since 6.12 every anonymous THP is queued at its fault
 * (thp_deferred_split_page). Under memory pressure the shrinker walks the queue: a THP whose
 * all-zero sub-pages exceed max_ptes_none is "underused" and split, and its zero sub-pages
 * are remapped to the shared zero page (try_to_map_unused_to_zeropage), so their memory is
 * freed (thp_underused_split_page). With the default max_ptes_none of 511 no THP is ever
 * underused: the check is off.
 *
 * Model: memory pressure is free memory below the low watermark (where kswapd would run and
 * shrink the slab caches); the scan runs then, at most once per truth interval. A sub-page is
 * all zero while nothing has written it since its THP was made (pte.ts: SUBPAGE_WRITTEN).
 * Partially mapped THPs are split at once elsewhere (mm/syscalls.ts), so the queue holds only
 * PMD-mapped ones here. Simplified: no per-memcg queues, no shrinker batch size.
 */
import { HPAGE_PMD_NR, HPAGE_PMD_ORDER } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { splitHugePmd } from '../mm/syscalls';
import { forEachAlignedBlock, mappedThpPmd } from '../mm/walk';
import { pteIdx } from '../paging/page-table';
import { PFN_MASK, PTE_PRESENT, PTRS_PER_TABLE, SUBPAGE_WRITTEN } from '../paging/pte';

/**
 * The low watermark in frames: min_free_kbytes = sqrt(16 x memory in KiB), clamped to
 * [128 KiB, 256 MiB] (calculate_min_free_kbytes), plus a quarter of it or 0.1 % of memory,
 * whichever is more (__setup_per_zone_wmarks, watermark_scale_factor 10).
 */
export function lowWatermarkFrames(totalFrames: number): number {
  const kib = totalFrames * 4;
  const minKib = Math.min(262_144, Math.max(128, Math.floor(Math.sqrt(kib * 16))));
  const min = minKib / 4;
  return Math.ceil(min + Math.max(min / 4, totalFrames / 1000));
}

export function underPressure(m: Machine): boolean {
  return m.phys.freeFrames < lowWatermarkFrames(m.phys.totalFrames);
}

/** deferred_split_scan() over every queued THP; returns how many it split. */
export function deferredSplitScan(m: Machine): number {
  const maxNone = m.khugepaged.max_ptes_none;
  if (maxNone === HPAGE_PMD_NR - 1) return 0; // thp_underused(): off at the default
  let split = 0;
  for (const mm of m.mms)
    forEachAlignedBlock(mm, HPAGE_PMD_ORDER, (v, a) => {
      const pmdI = mappedThpPmd(m, mm, a);
      if (pmdI < 0 || !underused(mm, pmdI, maxNone)) return;
      splitUnderused(m, mm, pmdI, a);
      if (v.thpPmds > 0) v.thpPmds--;
      split++;
    });
  return split;
}

/** thp_underused(): more than max_ptes_none sub-pages all zero. */
function underused(mm: Mm, pmdI: number, maxNone: number): boolean {
  const pt = mm.pt;
  const base = pt.slot[pmdI]! * PTRS_PER_TABLE;
  let zero = 0;
  let filled = 0;
  for (let i = 0; i < HPAGE_PMD_NR; i++) {
    if (pt.pte[pteIdx(base + i)]! & SUBPAGE_WRITTEN) {
      if (++filled >= HPAGE_PMD_NR - maxNone) return false;
    } else if (++zero > maxNone) return true;
  }
  return false;
}

/** Split the THP and give its zero sub-pages back, mapping the zero page in their place. */
function splitUnderused(m: Machine, mm: Mm, pmdI: number, a: number): void {
  const pt = mm.pt;
  const base = pt.slot[pmdI]! * PTRS_PER_TABLE;
  const written = new Uint8Array(HPAGE_PMD_NR);
  for (let i = 0; i < HPAGE_PMD_NR; i++)
    written[i] = pt.pte[pteIdx(base + i)]! & SUBPAGE_WRITTEN ? 1 : 0;
  const head = pt.pmd[pmdI]! & PFN_MASK;
  splitHugePmd(m, mm, pmdI, 'deferred_split');
  m.phys.splitFolio(head);
  const v = mm.findVma(a)!;
  for (let i = 0; i < HPAGE_PMD_NR; i++) {
    if (written[i]) continue;
    const pi = pteIdx(base + i);
    m.phys.freeRange(pt.pte[pi]! & PFN_MASK, 0);
    pt.pte[pi] = (PTE_PRESENT | m.zeroPfn) >>> 0; // read-only: a write faults and copies
    v.rssPages--;
  }
  m.thp.thp_underused_split_page++;
}
