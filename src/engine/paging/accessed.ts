/**
 * The Accessed (young) bit, as software sees it.
 * ptep_test_and_clear_young() / pmdp_test_and_clear_young(): clear the bit and report whether
 * it was set — with NO TLB flush, as on x86 and arm64 for DAMON's mkold. If the CPU keeps the
 * translation cached, later accesses will not set the bit again until the entry is evicted.
 */
import type { Mm } from '../mm/address-space';
import { pteIdx } from './page-table';
import { PMD_HUGE, PTE_PRESENT, PTE_YOUNG } from './pte';

/** Test and clear the young bit of the entry mapping vpn (the PMD for a 2 MiB folio). */
export function testAndClearYoung(mm: Mm, vpn: number): boolean {
  const pt = mm.pt;
  const pmdI = pt.pmdIndex(vpn, false);
  if (pmdI < 0) return false;
  const pe = pt.pmd[pmdI]!;
  if (pe & PMD_HUGE) {
    pt.pmd[pmdI] = (pe & ~PTE_YOUNG) >>> 0;
    return (pe & PTE_YOUNG) !== 0;
  }
  const slot = pt.slot[pmdI]!;
  if (slot < 0) return false;
  const pi = pteIdx((slot << 9) | (vpn & 511));
  const p = pt.pte[pi]!;
  if (!(p & PTE_PRESENT)) return false;
  pt.pte[pi] = (p & ~PTE_YOUNG) >>> 0;
  return (p & PTE_YOUNG) !== 0;
}

/** Read the young bit of the entry mapping vpn without changing it (pte_young / pmd_young). */
export function isYoung(mm: Mm, vpn: number): boolean {
  const pt = mm.pt;
  const pmdI = pt.pmdIndex(vpn, false);
  if (pmdI < 0) return false;
  const pe = pt.pmd[pmdI]!;
  if (pe & PMD_HUGE) return (pe & PTE_YOUNG) !== 0;
  const slot = pt.slot[pmdI]!;
  if (slot < 0) return false;
  const p = pt.pte[pteIdx((slot << 9) | (vpn & 511))]!;
  return (p & PTE_PRESENT) !== 0 && (p & PTE_YOUNG) !== 0;
}
