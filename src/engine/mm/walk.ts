/**
 * walk_page_range() for the model's two-level tables: the PMD-sized pieces of a virtual range,
 * VMA by VMA. The madvise behaviours and DAMON's folio walks (stat, split) go through it.
 */
import { HPAGE_PMD_NR } from '../config';
import type { Machine } from '../machine';
import { PFN_MASK, PMD_HUGE } from '../paging/pte';
import { type Mm, WINDOW_PAGES } from './address-space';
import type { Vma } from './vma';

/**
 * Visit each PMD's part [vpn, next) of [s, e) inside each VMA, with the PMD's index (pmd
 * tables that were never allocated are skipped).
 */
export function forEachPmdPart(
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

/**
 * The naturally aligned blocks of 2^order pages of [s, e) that lie wholly inside one VMA,
 * VMA by VMA (a huge page never crosses a VMA boundary): what a collapse, khugepaged-like
 * scans and the THP walks visit. The whole address space by default.
 */
export function forEachAlignedBlock(
  mm: Mm,
  order: number,
  fn: (v: Vma, a: number) => void,
  s = 0,
  e = WINDOW_PAGES,
): void {
  const nr = 1 << order;
  for (const v of mm.vmas) {
    const vs = Math.max(s, v.startVpn);
    const ve = Math.min(e, v.endVpn);
    for (let a = Math.ceil(vs / nr) * nr; a + nr <= ve; a += nr) fn(v, a);
  }
}

/**
 * The PMD index at vpn when it maps a THP (a PMD-mapped anonymous folio, not the huge zero
 * folio), else -1.
 */
export function mappedThpPmd(m: Machine, mm: Mm, vpn: number): number {
  const pmdI = mm.pt.pmdIndex(vpn, false);
  if (pmdI < 0) return -1;
  const pe = mm.pt.pmd[pmdI]!;
  return pe & PMD_HUGE && !m.isZeroPfn(pe & PFN_MASK) ? pmdI : -1;
}
