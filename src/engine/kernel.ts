/**
 * Kernel generations. A scenario names the release it runs (`kernel`), and every rule that
 * changed between releases reads it from here instead of a constant. Each flag names the
 * kernel code it follows and the release that changed it; the sources behind the dates are in
 * the README's model section.
 */

/** The releases the engine models. */
export const KERNEL_VERSIONS = ['6.12', '6.18', '7.1'] as const;
export type KernelVersion = (typeof KERNEL_VERSIONS)[number];

/** What DAMON and DAMOS do differently per release. */
export interface DamonRules {
  /**
   * How the initial regions reach min_nr_regions.
   *  - 'vaddr-even': damon_va_init splits each of the three regions evenly into
   *    size / sz pieces (damon_va_evenly_split_region, sz = total / min_nr_regions), and
   *    kdamond_fn's merge limit is damon_region_sz_limit(), recomputed at start and after each
   *    ops update only (6.12 .. 7.0).
   *  - 'core-split': vaddr sets the three regions as they are; damon_apply_min_nr_regions()
   *    splits every region above the limit at start and after every merge, and returns the
   *    merge limit ("mm/damon/core: split regions for min_nr_regions", 7.1).
   */
  minNrRegions: 'vaddr-even' | 'core-split';
  /** damon_merge_regions_of(): age 0 when nr_accesses changes between zero and non-zero (6.18). */
  ageResetOnZeroCross: boolean;
  /**
   * kdamond_apply_schemes(): damon_for_each_region_safe (up to 7.0: a piece a filter or the
   * quota splits off is not visited in that walk) or damon_for_each_region ("mm/damon/core:
   * do non-safe region walk on kdamond_apply_schemes()", 7.1: it is).
   */
  safeSchemesWalk: boolean;
  /**
   * damos_apply_scheme(): where a full quota window resumes. r->ar.end + 1 up to 7.0, which
   * skips the first page of the next region; r->ar.end after the 2026 fix (7.1).
   */
  chargeAddrFromEndPlusOne: boolean;
  /** struct damos_filter->allow (6.14); before it every filter rejects what it matches. */
  filterAllow: boolean;
  /** damos_va_stat(): DAMOS_STAT on vaddr walks folios through the ops filters (6.18). */
  vaStatOpsFilters: boolean;
  /** damon_attrs->intervals_goal, kdamond_tune_intervals() (6.15). */
  intervalsGoal: boolean;
  /**
   * DAMOS_SPLIT with target_order, from the RFC series "mm/damon: add mTHP collapse and split
   * actions" (Jul 2026): merged in no release; it was tested on 7.1-rc5, so only 7.1 has it.
   */
  damosSplit: boolean;
}

const RULES: Readonly<Record<KernelVersion, DamonRules>> = {
  '6.12': {
    minNrRegions: 'vaddr-even',
    ageResetOnZeroCross: false,
    safeSchemesWalk: true,
    chargeAddrFromEndPlusOne: true,
    filterAllow: false,
    vaStatOpsFilters: false,
    intervalsGoal: false,
    damosSplit: false,
  },
  '6.18': {
    minNrRegions: 'vaddr-even',
    ageResetOnZeroCross: true,
    safeSchemesWalk: true,
    chargeAddrFromEndPlusOne: true,
    filterAllow: true,
    vaStatOpsFilters: true,
    intervalsGoal: true,
    damosSplit: false,
  },
  '7.1': {
    minNrRegions: 'core-split',
    ageResetOnZeroCross: true,
    safeSchemesWalk: false,
    chargeAddrFromEndPlusOne: false,
    filterAllow: true,
    vaStatOpsFilters: true,
    intervalsGoal: true,
    damosSplit: true,
  },
};

export function damonRules(v: KernelVersion): DamonRules {
  return RULES[v];
}

/** What the rest of mm does differently per release. */
export interface MmRules {
  /**
   * A write to the huge zero folio: do_huge_zero_wp_pmd() allocates a THP for the whole PMD
   * ("mm: Allocate THP on hugezeropage wp-fault", 6.13); before, the PMD is split into zero
   * page PTEs and only the written 4 KiB page gets its own copy.
   */
  hugeZeroWpAllocatesThp: boolean;
  /**
   * A collapse needs at least one present, writable PTE in the range (SCAN_PAGE_RO from
   * hpage_collapse_scan_pmd and __collapse_huge_page_isolate); with it gone nothing else asks
   * for a present page, so an empty range with a PTE table collapses too. Dev Jain's "mm:
   * Enable khugepaged to operate on non-writable VMAs" (v1 Sep 2025, reviewed) drops it. The
   * sources at hand do not show the release that merged it: the model places it after 6.18.
   */
  collapseNeedsWritable: boolean;
}

const MM_RULES: Readonly<Record<KernelVersion, MmRules>> = {
  '6.12': { hugeZeroWpAllocatesThp: false, collapseNeedsWritable: true },
  '6.18': { hugeZeroWpAllocatesThp: true, collapseNeedsWritable: true },
  '7.1': { hugeZeroWpAllocatesThp: true, collapseNeedsWritable: false },
};

export function mmRules(v: KernelVersion): MmRules {
  return MM_RULES[v];
}

export function isKernelVersion(v: unknown): v is KernelVersion {
  return typeof v === 'string' && (KERNEL_VERSIONS as readonly string[]).includes(v);
}
