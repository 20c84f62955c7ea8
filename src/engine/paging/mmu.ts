/**
 * The MMU: translates each access of a thread through its CPU's TLB, walking the page table
 * on a miss. This is the per-access hot path: flat typed arrays, no allocation.
 *
 * The rule everything else depends on: the hardware sets the Accessed (young) bit only
 * during a page walk. An access that hits in the TLB leaves the PTE alone, so after DAMON's
 * ptep_test_and_clear_young() (which does not flush the TLB) a page whose translation stays
 * cached looks unaccessed. A write through a TLB entry whose cached dirty bit is clear
 * re-walks (the dirty-bit assist), setting Accessed and Dirty.
 *
 * Accesses arrive encoded as (vpn << 1) | isWrite.
 */
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { FAULT_SIGSEGV, handleMmFault } from './fault';
import { PMD_HUGE, PTE_DIRTY, PTE_PRESENT, PTE_PROTNONE, PTE_WRITE, PTE_YOUNG } from './pte';
import { type Tlb, TLBF_DIRTY, TLBF_WRITE, tlbFlushRange, tlbInsert } from './tlb';

// Results of the last walk (module scratch, to avoid allocating a result object).
let walkData = 0;
let walkFlags = 0;
let walkHuge = false;

/**
 * Walk mm's page table for vpn, faulting it in if needed (handle_mm_fault), setting the
 * Accessed bit (and Dirty for a write) on the leaf entry. Returns false for SIGSEGV.
 */
export function pageWalk(m: Machine, mm: Mm, vpn: number, write: boolean, cpu: number): boolean {
  for (let tries = 0; tries < 4; tries++) {
    const pt = mm.pt;
    const pudT = pt.pud[vpn >>> 18]!;
    if (pudT >= 0) {
      const pmdI = (pudT << 9) | ((vpn >>> 9) & 511);
      const pe = pt.pmd[pmdI]!;
      if (pe & PMD_HUGE) {
        if (pe & PTE_PRESENT && !(pe & PTE_PROTNONE) && (!write || pe & PTE_WRITE)) {
          const ne = (pe | PTE_YOUNG | (write ? PTE_DIRTY : 0)) >>> 0;
          pt.pmd[pmdI] = ne;
          walkHuge = true;
          walkData = pt.slot[pmdI]! << 9;
          walkFlags = (ne & PTE_DIRTY ? TLBF_DIRTY : 0) | (ne & PTE_WRITE ? TLBF_WRITE : 0);
          return true;
        }
      } else {
        const s = pt.slot[pmdI]!;
        if (s >= 0) {
          const pi = (s << 9) | (vpn & 511);
          const p = pt.pte[pi]!;
          if (p & PTE_PRESENT && !(p & PTE_PROTNONE) && (!write || p & PTE_WRITE)) {
            const ne = (p | PTE_YOUNG | (write ? PTE_DIRTY : 0)) >>> 0;
            pt.pte[pi] = ne;
            walkHuge = false;
            walkData = pi;
            walkFlags = (ne & PTE_DIRTY ? TLBF_DIRTY : 0) | (ne & PTE_WRITE ? TLBF_WRITE : 0);
            return true;
          }
        }
      }
    }
    if (handleMmFault(m, mm, vpn, write, cpu) === FAULT_SIGSEGV) return false;
  }
  return false;
}

/** Fill L2 and L1 from the last walk; returns the L1 entry index. */
function fillFromWalk(tlb: Tlb, asid: number, vpn: number): number {
  const l2 = tlb.l2;
  if (walkHuge) {
    const hpn = vpn >>> 9;
    const tg = ~((asid << 19) | hpn);
    if (tlb.l2Holds2m) tlbInsert(tlb, l2, tg, hpn & l2.mask, walkData, walkFlags);
    return tlbInsert(tlb, tlb.l1_2m, tg, hpn & tlb.l1_2m.mask, walkData, walkFlags);
  }
  const tg = (asid << 28) | vpn;
  tlbInsert(tlb, l2, tg, vpn & l2.mask, walkData, walkFlags);
  return tlbInsert(tlb, tlb.l1_4k, tg, vpn & tlb.l1_4k.mask, walkData, walkFlags);
}

/**
 * Run n encoded accesses of one thread on `cpu` in address space `mm`, counting ground truth
 * in the page table's per-page counters.
 */
export function runAccesses(m: Machine, cpu: number, mm: Mm, buf: Int32Array, n: number): void {
  const tlb = m.tlbs[cpu]!;
  const asid = mm.asid;
  const L4 = tlb.l1_4k;
  const L2m = tlb.l1_2m;
  const S = tlb.l2;
  const t4 = L4.tags;
  const t2 = L2m.tags;
  const ts = S.tags;
  const w4 = L4.ways;
  const w2 = L2m.ways;
  const ws = S.ways;
  const m4 = L4.mask;
  const m2 = L2m.mask;
  const ms = S.mask;
  const holds2m = tlb.l2Holds2m;
  let truth = mm.pt.truth;
  let l1Hits = 0;
  let l1Misses = 0;
  let l2Hits = 0;
  let l2Misses = 0;
  let walks = 0;
  let writes = 0;
  let segv = 0;

  for (let i = 0; i < n; i++) {
    const a = buf[i]!;
    const vpn = a >>> 1;
    const write = (a & 1) === 1;
    const tg4 = (asid << 28) | vpn;
    // L1 dTLB, 4 KiB
    let e = -1;
    let huge = false;
    let b = (vpn & m4) * w4;
    for (let k = b, end = b + w4; k < end; k++) {
      if (t4[k] === tg4) {
        e = k;
        break;
      }
    }
    if (e < 0) {
      // L1 dTLB, 2 MiB
      const hpn = vpn >>> 9;
      const tg2 = ~((asid << 19) | hpn);
      b = (hpn & m2) * w2;
      for (let k = b, end = b + w2; k < end; k++) {
        if (t2[k] === tg2) {
          e = k;
          huge = true;
          break;
        }
      }
      if (e < 0) {
        l1Misses++;
        // L2 (STLB): probe the 4 KiB set, then the 2 MiB set
        b = (vpn & ms) * ws;
        for (let k = b, end = b + ws; k < end; k++) {
          if (ts[k] === tg4) {
            e = k;
            break;
          }
        }
        if (e < 0 && holds2m) {
          b = (hpn & ms) * ws;
          for (let k = b, end = b + ws; k < end; k++) {
            if (ts[k] === tg2) {
              e = k;
              huge = true;
              break;
            }
          }
        }
        if (e >= 0) {
          l2Hits++;
          S.lru[e] = ++tlb.stamp;
          e = huge
            ? tlbInsert(tlb, L2m, tg2, hpn & m2, S.data[e]!, S.flags[e]!)
            : tlbInsert(tlb, L4, tg4, vpn & m4, S.data[e]!, S.flags[e]!);
        } else {
          l2Misses++;
          walks++;
          if (!pageWalk(m, mm, vpn, write, cpu)) {
            segv++;
            continue;
          }
          truth = mm.pt.truth;
          huge = walkHuge;
          e = fillFromWalk(tlb, asid, vpn);
        }
      } else {
        l1Hits++;
        L2m.lru[e] = ++tlb.stamp;
      }
    } else {
      l1Hits++;
      L4.lru[e] = ++tlb.stamp;
    }
    const L = huge ? L2m : L4;
    if (write) {
      const fl = L.flags[e]!;
      if ((fl & TLBF_DIRTY) === 0) {
        if ((fl & TLBF_WRITE) === 0) {
          // write to a read-only translation: protection fault; drop the stale entry
          tlbFlushRange(tlb, asid, vpn, vpn + 1, false);
        }
        walks++;
        if (!pageWalk(m, mm, vpn, true, cpu)) {
          segv++;
          continue;
        }
        truth = mm.pt.truth;
        if ((fl & TLBF_WRITE) === 0 || walkHuge !== huge) {
          e = fillFromWalk(tlb, asid, vpn);
          huge = walkHuge;
        } else {
          L.flags[e] = walkFlags;
        }
      }
    }
    if (write) writes++;
    const ti = huge ? L2m.data[e]! + (vpn & 511) : L4.data[e]!;
    if (truth[ti] !== 65535) truth[ti] = truth[ti]! + 1;
  }
  tlb.l1Hits += l1Hits;
  tlb.l1Misses += l1Misses;
  tlb.l2Hits += l2Hits;
  tlb.l2Misses += l2Misses;
  tlb.walks += walks;
  m.vm.accesses += n - segv;
  m.vm.writes += writes;
  m.vm.reads += n - segv - writes;
}
