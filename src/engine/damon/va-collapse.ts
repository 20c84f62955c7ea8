/**
 * DAMOS_COLLAPSE on vaddr, as seed 002's series proposes (patch 3, "implement mTHP-aware
 * DAMOS_COLLAPSE handler"), with the three designs its review weighs (DamosConfig's
 * collapse_path; thp/collapse.ts has how they differ):
 *
 *  - series: each target_order block wholly inside the region goes to
 *    damon_collapse_folio_range(), which refuses any order but PMD order (-EINVAL) and counts
 *    SCAN_SUCCEED and SCAN_PMD_MAPPED as done; sz_applied adds the blocks done.
 *  - madvise: damos_madvise(MADV_COLLAPSE) on the region, as the hugepage actions do: PMD
 *    order whatever target_order says (madvise has no order argument); sz_applied is the
 *    region's size when madvise returns 0 (every block ended PMD-mapped), else 0.
 *  - madvise_mthp: the same with blocks of target_order (SJ Park's suggestion).
 *
 * Assumed where the series' handler was not posted in the thread: blocks are naturally aligned
 * and lie wholly inside the region and one VMA.
 */
import { HPAGE_PMD_ORDER, PAGE_SIZE, type DamosConfig } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { forEachAlignedBlock } from '../mm/walk';
import { collapseRange } from '../thp/collapse';
import { madviseCollapse } from '../thp/madvise-collapse';

export function damosVaCollapse(
  m: Machine,
  mm: Mm,
  vs: number,
  ve: number,
  cfg: DamosConfig,
  scheme: number,
): number {
  const order = cfg.target_order;
  if (cfg.collapse_path === 'series') {
    let bytes = 0;
    const cc = { caller: 'series', actor: 'damos', scheme } as const;
    forEachAlignedBlock(
      mm,
      order,
      (_v, a) => {
        const r = collapseRange(m, mm, a, order, cc);
        if (r === 'SCAN_SUCCEED' || r === 'SCAN_PMD_MAPPED') bytes += PAGE_SIZE << order;
      },
      vs,
      ve,
    );
    return bytes;
  }
  const o = cfg.collapse_path === 'madvise' ? HPAGE_PMD_ORDER : order;
  const r = madviseCollapse(m, mm, vs, ve, o, { caller: 'madvise', actor: 'damos', scheme });
  return r.blocks > 0 && r.lastFail === null ? (ve - vs) * PAGE_SIZE : 0;
}
