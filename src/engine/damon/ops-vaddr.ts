/**
 * DAMON's vaddr operations (mm/damon/vaddr.c + ops-common.c) on the simulated page tables:
 *  - prepare_access_checks: pick a random sampling address per region and mkold it:
 *    test-and-clear the PTE's (or the 2 MiB PMD's) Accessed bit — without a TLB flush —,
 *    folio_set_young() if it was young, and always folio_set_idle().
 *  - check_accesses: a sample is "accessed" if the entry is young again or the folio is no
 *    longer idle; a sample in the same folio as the previous region's reuses its answer.
 * Nothing else in the model clears PG_idle yet (no reclaim rmap walk), so in practice the
 * Accessed bit decides — and it is set only by page walks, which a cached translation skips.
 */
import { PAGE_SIZE } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { pteIdx } from '../paging/page-table';
import { FOLIO_IDLE, FOLIO_ORDER_MASK, FOLIO_YOUNG } from '../paging/phys-mem';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT, PTE_YOUNG } from '../paging/pte';
import { tlbFlushRange } from '../paging/tlb';
import type { DamonRand, DamonRegion, DamonTarget } from './region';

const HPAGE_SIZE = 2 * 1024 * 1024;

// The leaf entry found by leafOf (module scratch: no allocation per sample).
let leafArr: Uint32Array = new Uint32Array(0);
let leafIdx = 0;
let leafHuge = false;

/** Locate the present leaf entry (PTE, or PMD of a 2 MiB folio) mapping vpn into leaf*. */
function leafOf(mm: Mm, vpn: number): boolean {
  const pt = mm.pt;
  const pmdI = pt.pmdIndex(vpn, false);
  if (pmdI < 0) return false;
  const pe = pt.pmd[pmdI]!;
  if (pe & PMD_HUGE) {
    leafArr = pt.pmd;
    leafIdx = pmdI;
    leafHuge = true;
    return (pe & PTE_PRESENT) !== 0;
  }
  const slot = pt.slot[pmdI]!;
  if (slot < 0) return false;
  leafArr = pt.pte;
  leafIdx = pteIdx((slot << 9) | (vpn & 511));
  leafHuge = false;
  return (pt.pte[leafIdx]! & PTE_PRESENT) !== 0;
}

/** damon_va_mkold(): clear young without flushing; optionally flush (the what-if switch). */
export function damonVaMkold(m: Machine, mm: Mm, addr: number, flushOnMkold: boolean): void {
  const vpn = mm.vpnOf(addr);
  if (!leafOf(mm, vpn)) return;
  // a PROTNONE entry (NUMA hinting) is pte_present(): DAMON mkolds it like any other. The
  // zero page is no LRU folio (damon_get_folio() gives NULL): its entry is left alone
  const e = leafArr[leafIdx]!;
  if (m.isZeroPfn(e & PFN_MASK)) return;
  const head = m.phys.folioHead(e & PFN_MASK);
  if (e & PTE_YOUNG) {
    leafArr[leafIdx] = (e & ~PTE_YOUNG) >>> 0;
    m.phys.frame[head]! |= FOLIO_YOUNG;
  }
  m.phys.frame[head]! |= FOLIO_IDLE;
  if (flushOnMkold) {
    // ptep_clear_flush_young() / pmdp_clear_flush_young(): what arm64 reclaim does; DAMON
    // itself never flushes. A PMD-mapped page has one 2 MiB translation: one invalidation
    // (flush_tlb_range with a PMD stride), which tlbFlushPage of its first page makes.
    const s = leafHuge ? vpn & ~511 : vpn;
    for (const t of m.tlbs) tlbFlushRange(t, mm.asid, s, s + 1);
  }
}

/**
 * damon_va_young(): young or not idle. It sets the caller's folio size only when it finds a
 * folio: after a non-present sample the previous size stays (the kernel's static last_folio_sz).
 */
function damonVaYoung(m: Machine, mm: Mm, addr: number, out: { folioSz: number }): boolean {
  if (!leafOf(mm, mm.vpnOf(addr))) return false;
  const e = leafArr[leafIdx]!;
  // the zero page never reads young: no folio, and the folio size is left as it was
  if (m.isZeroPfn(e & PFN_MASK)) return false;
  const head = m.phys.folioHead(e & PFN_MASK);
  const flags = m.phys.frame[head]!;
  out.folioSz = leafHuge ? HPAGE_SIZE : PAGE_SIZE << (flags & FOLIO_ORDER_MASK);
  return (e & PTE_YOUNG) !== 0 || (flags & FOLIO_IDLE) === 0;
}

export function damonVaPrepareAccessChecks(
  m: Machine,
  targets: DamonTarget[],
  rand: DamonRand,
  flushOnMkold: boolean,
): void {
  for (const t of targets) {
    const mm = m.mms[t.process]!;
    for (const r of t.regions) {
      r.samplingAddr = rand(r.start, r.end);
      damonVaMkold(m, mm, r.samplingAddr, flushOnMkold);
    }
  }
}

/**
 * damon_va_check_accesses(); `update` is damon_update_region_access_rate bound to the attrs.
 * Returns the largest nr_accesses of any region.
 */
export function damonVaCheckAccesses(
  m: Machine,
  targets: DamonTarget[],
  update: (r: DamonRegion, accessed: boolean) => void,
): number {
  let maxNr = 0;
  // damon_va_check_accesses()'s statics: they outlive the call (one set per kernel, like
  // kdamondStatics), which matters when a target's first sample finds no folio
  const st = m.damonVaStatics;
  const out = st;
  for (const t of targets) {
    const mm = m.mms[t.process]!;
    let sameTarget = false;
    for (const r of t.regions) {
      // ALIGN_DOWN both addresses to the last folio's size: the same folio reuses its answer
      if (
        sameTarget &&
        st.lastAddr - (st.lastAddr % st.folioSz) === r.samplingAddr - (r.samplingAddr % st.folioSz)
      ) {
        update(r, st.lastAccessed);
      } else {
        st.lastAccessed = damonVaYoung(m, mm, r.samplingAddr, out);
        update(r, st.lastAccessed);
        st.lastAddr = r.samplingAddr;
      }
      if (r.nrAccesses > maxNr) maxNr = r.nrAccesses;
      sameTarget = true;
    }
  }
  return maxNr;
}

/** The VMAs of a target's mm as sorted [start, end) address pairs. */
export function vmaRanges(mm: Mm): [number, number][] {
  return mm.vmas.map((v) => [mm.addrOf(v.startVpn), mm.addrOf(v.endVpn)]);
}
