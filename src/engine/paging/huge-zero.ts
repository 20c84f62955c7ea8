/**
 * The huge zero folio's PMD when it has to go (mm/huge_memory.c): a write replaced it with a
 * THP, or a split (munmap, mprotect or a write of part of it) turned it into 512 PTEs that all
 * map the 4 KiB zero page, read-only and old (__split_huge_zero_page_pmd).
 */
import { HPAGE_PMD_NR } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { flushTlbRange } from './flush';
import { pteIdx } from './page-table';
import { PTE_PRESENT, PTRS_PER_TABLE } from './pte';

/** pmdp_invalidate() of the PMD at huge page `hvpn`: one 2 MiB stride on every CPU. */
export function flushHugePmd(m: Machine, mm: Mm, hvpn: number): void {
  flushTlbRange(m, mm, hvpn, hvpn + HPAGE_PMD_NR, true);
}

export function splitHugeZeroPmd(m: Machine, mm: Mm, pmdI: number, hvpn: number): void {
  const pt = mm.pt;
  const slot = pt.slotOf(pmdI, true);
  for (let i = 0; i < PTRS_PER_TABLE; i++)
    pt.pte[pteIdx(slot * PTRS_PER_TABLE + i)] = (PTE_PRESENT | m.zeroPfn) >>> 0;
  pt.pmd[pmdI] = 0;
  flushHugePmd(m, mm, hvpn);
}
