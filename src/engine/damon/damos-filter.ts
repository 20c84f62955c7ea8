/**
 * DAMOS filters (mm/damon/core.c, ops-common.c). Core filters (addr, target) judge whole
 * regions before the action — an addr filter may split the region at its boundary so that
 * each piece is entirely in or out; ops filters (anon, active, young, hugepage_size, unmapped)
 * judge each folio inside the action, on vaddr only in DAMOS_STAT (6.18) and the migrate
 * actions: the madvise actions never read them. The first matching filter decides; if none matches,
 * the default is to reject exactly when the last filter of the list is an allow filter.
 */
import type { DamosFilter } from '../config';
import type { PageView } from './va-stat';
import { damonSplitRegionAt, type DamonTarget } from './region';

export const CORE_FILTER_TYPES = new Set<DamosFilter['type']>(['addr', 'target']);

/** damos_filters_default_reject(): a non-empty list whose last filter allows rejects by default. */
export function damosFiltersDefaultReject(filters: DamosFilter[]): boolean {
  return filters.length > 0 && filters[filters.length - 1]!.allow;
}

/** damos_set_filters_default_reject(): [core default reject, ops default reject]. */
export function damosSetFiltersDefaultReject(
  core: DamosFilter[],
  ops: DamosFilter[],
): [boolean, boolean] {
  return [ops.length > 0 ? false : damosFiltersDefaultReject(core), damosFiltersDefaultReject(ops)];
}

/**
 * damos_filter_match() for a core filter on region i of t. An addr filter straddled by the
 * region splits it: a region starting before the filter keeps its outside part, one ending
 * after it keeps its inside part (the rest is a new region the walk visits later).
 */
export function damosCoreFilterMatch(
  t: DamonTarget,
  i: number,
  targetIdx: number,
  f: DamosFilter,
  minSz: number,
): boolean {
  let matched: boolean;
  if (f.type === 'target') matched = targetIdx === f.target_idx;
  else {
    const r = t.regions[i]!;
    const start = f.addr_start - (f.addr_start % minSz);
    const end = f.addr_end - (f.addr_end % minSz);
    if (r.start >= start && r.end <= end) matched = true;
    else if (r.end <= start || r.start >= end) matched = false;
    else if (r.start < start) {
      damonSplitRegionAt(t, i, start - r.start);
      matched = false;
    } else {
      damonSplitRegionAt(t, i, end - r.start);
      matched = true;
    }
  }
  return matched === f.matching;
}

/**
 * damos_va_filter_match() for one folio of a vaddr region; a `young` filter that finds the
 * entry young makes it old (`mkold`), as damon_ptep_mkold()/damon_pmdp_mkold() do.
 */
export function damosOpsFilterMatch(f: DamosFilter, p: PageView, mkold?: () => void): boolean {
  let matched: boolean;
  switch (f.type) {
    case 'anon':
      matched = p.vma.kind === 'anon';
      break;
    case 'active':
      matched = p.active;
      break;
    case 'young':
      matched = p.young;
      if (matched && mkold) mkold();
      break;
    case 'hugepage_size':
      matched = p.folioSz >= f.min && p.folioSz <= f.max;
      break;
    case 'unmapped':
      matched = false; // a page found through the page table is mapped
      break;
    default:
      matched = false;
  }
  return matched === f.matching;
}
