/**
 * Which folio orders a VMA may use: thp_vma_allowable_orders() under the global and per-size
 * sysfs policy (mm/huge_memory.c, __thp_vma_allowable_orders; "mm: thp: introduce multi-size
 * THP sysfs interface", 6.8).
 *
 * An order is allowed for an anonymous VMA without VM_NOHUGEPAGE when its
 * hugepages-<size>kB/enabled is `always`, or `madvise` and the VMA has VM_HUGEPAGE, or
 * `inherit` and the top-level enabled says the same. MADV_COLLAPSE (TVA_FORCED_COLLAPSE)
 * ignores the sysfs policy and only refuses VM_NOHUGEPAGE and non-anonymous VMAs.
 */
import {
  HPAGE_PMD_ORDER,
  MTHP_SIZES,
  type MthpEnabled,
  type ThpConfig,
  type ThpEnabled,
} from '../config';
import type { Vma } from '../mm/vma';
import { MTHP_MIN_ORDER } from './thp-stats';

/** Per order 0..9, the effective setting (inherit resolved); orders 0, 1 are never. */
export function effectiveOrders(cfg: ThpConfig): ThpEnabled[] {
  const out: ThpEnabled[] = [];
  for (let o = 0; o <= HPAGE_PMD_ORDER; o++) {
    if (o < MTHP_MIN_ORDER) {
      out.push('never');
      continue;
    }
    const v: MthpEnabled = cfg.hugepages[MTHP_SIZES[o - MTHP_MIN_ORDER]!];
    out.push(v === 'inherit' ? cfg.enabled : v);
  }
  return out;
}

/** Bit o set: order o may be used at fault time or by khugepaged (TVA_PAGEFAULT / KHUGEPAGED). */
export function allowableOrders(orders: ThpEnabled[], vma: Vma): number {
  if (vma.kind !== 'anon' || vma.thp === 'nohugepage') return 0;
  let mask = 0;
  for (let o = MTHP_MIN_ORDER; o <= HPAGE_PMD_ORDER; o++) {
    const e = orders[o];
    if (e === 'always' || (e === 'madvise' && vma.thp === 'hugepage')) mask |= 1 << o;
  }
  return mask;
}

/** MADV_COLLAPSE's check (TVA_FORCED_COLLAPSE): any anonymous VMA without VM_NOHUGEPAGE. */
export function forcedCollapseAllowed(vma: Vma): boolean {
  return vma.kind === 'anon' && vma.thp !== 'nohugepage';
}

/** The folio size of an order, as the sysfs directory names it ("64kB"). */
export function sizeName(order: number): string {
  return `${4 << order}kB`;
}
