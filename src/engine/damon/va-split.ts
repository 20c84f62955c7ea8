/**
 * DAMOS_SPLIT on vaddr, as the RFC series "mm/damon: add mTHP collapse and split actions"
 * (Jul 2026, tested on 7.1-rc5) proposes: every large folio of the region above `target_order`
 * is split with split_folio_to_order(). A PMD-mapped THP is remapped by PTEs first (the split
 * does that itself in the kernel), so AnonHugePages drops by its 2 MiB; each sub-page keeps
 * its Accessed and Dirty bits. Returns the bytes of the folios split (sz_applied).
 *
 * Assumed where the series' handler was not posted in the thread: a folio is split when it
 * lies wholly inside the region (an addr filter trims the region to its range, so a 2 MiB
 * aligned filter covers its THP whole); the zero page and the huge zero folio are skipped.
 */
import { HPAGE_PMD_NR, PAGE_SIZE } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { splitHugePmd } from '../mm/syscalls';
import { forEachPmdPart } from '../mm/walk';
import { thpEvent } from '../thp/record';
import { pteIdx } from '../paging/page-table';
import { FOLIO_ORDER_MASK } from '../paging/phys-mem';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT } from '../paging/pte';

export function damosVaSplit(
  m: Machine,
  mm: Mm,
  vs: number,
  ve: number,
  order: number,
  scheme: number,
): number {
  const pt = mm.pt;
  let bytes = 0;
  forEachPmdPart(mm, vs, ve, (v, pmdI, vpn, next) => {
    const pe = pt.pmd[pmdI]!;
    if (pe & PMD_HUGE) {
      if (pe & PTE_PRESENT && !m.isZeroPfn(pe & PFN_MASK) && next - vpn === HPAGE_PMD_NR) {
        if (splitHugePmd(m, mm, pmdI, 'damos', order, scheme)) v.thpPmds--;
        m.phys.splitFolioToOrder(pe & PFN_MASK, order);
        bytes += HPAGE_PMD_NR * PAGE_SIZE;
      }
      return;
    }
    const slot = pt.slot[pmdI]!;
    // the part of the region inside this VMA: a folio must lie wholly in it
    const s = Math.max(vs, v.startVpn);
    const e = Math.min(ve, v.endVpn);
    for (let p = vpn; slot >= 0 && p < next;) {
      const pte = pt.pte[pteIdx(slot * 512 + (p & 511))]!;
      const pfn = pte & PFN_MASK;
      const fo = pte & PTE_PRESENT ? m.phys.frame[pfn]! & FOLIO_ORDER_MASK : 0;
      if (fo === 0 || pfn === m.zeroPfn) {
        p++;
        continue;
      }
      const first = p - (pfn & ((1 << fo) - 1)); // the folio's first page, as mapped here
      if (fo > order && first >= s && first + (1 << fo) <= e) {
        m.phys.splitFolioToOrder(pfn - (pfn & ((1 << fo) - 1)), order);
        thpEvent(m, mm, first, 'split', 'damos', order, fo, scheme);
        bytes += PAGE_SIZE << fo;
      }
      p = first + (1 << fo);
    }
  });
  return bytes;
}
