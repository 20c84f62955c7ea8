/**
 * walk_page_range() for the model's two-level tables: the PMD-sized pieces of a virtual range,
 * VMA by VMA. The madvise behaviours and DAMON's folio walks (stat, split) go through it.
 */
import { HPAGE_PMD_NR } from '../config';
import type { Mm } from './address-space';
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
