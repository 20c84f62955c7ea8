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
 *
 * Host-speed devices that do not change what is simulated: before scanning a set, the MMU
 * checks the way where the translation was last found (tlb.hint4k / hintL2), which saves
 * the mispredicted scan on most hits; LRU victims are found without branches (tlbFill).
 */
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { MAX_NUMNODES } from '../numa/topology';
import { FAULT_SIGSEGV, handleMmFault } from './fault';
import { pteIdx, SEEN_LIST_CAP, TRUTH_COUNT_MAX, TRUTH_SEEN } from './page-table';
import {
  PFN_MASK,
  PMD_HUGE,
  PTE_DIRTY,
  PTE_PRESENT,
  PTE_PROTNONE,
  PTE_WRITE,
  PTE_YOUNG,
  SUBPAGE_WRITTEN,
} from './pte';
import {
  HINT_MASK,
  STAMP_LIMIT,
  type Tlb,
  TLBF_DIRTY,
  TLBF_NODE_SHIFT,
  TLBF_WRITE,
  tlbFill,
  tlbFlushRange,
  tlbInsert,
  tlbRenumber,
} from './tlb';

// Results of the last walk (module scratch, to avoid allocating a result object).
let walkData = 0;
let walkFlags = 0;
let walkHuge = false;

/** The TLB flags a walk caches for leaf entry `ne`: dirty, writable, and its frame's node. */
function tlbFlagsOf(m: Machine, ne: number): number {
  return (
    (ne & PTE_DIRTY ? TLBF_DIRTY : 0) |
    (ne & PTE_WRITE ? TLBF_WRITE : 0) |
    (m.phys.nodeOf(ne & PFN_MASK) << TLBF_NODE_SHIFT)
  );
}

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
          walkFlags = tlbFlagsOf(m, ne);
          return true;
        }
      } else {
        const s = pt.slot[pmdI]!;
        if (s >= 0) {
          const gi = (s << 9) | (vpn & 511);
          const pi = pteIdx(gi);
          const p = pt.pte[pi]!;
          if (p & PTE_PRESENT && !(p & PTE_PROTNONE) && (!write || p & PTE_WRITE)) {
            const ne = (p | PTE_YOUNG | (write ? PTE_DIRTY : 0)) >>> 0;
            pt.pte[pi] = ne;
            walkHuge = false;
            walkData = gi;
            walkFlags = tlbFlagsOf(m, ne);
            return true;
          }
        }
      }
    }
    if (handleMmFault(m, mm, vpn, write, cpu) === FAULT_SIGSEGV) return false;
  }
  return false;
}

/**
 * Fill L2 and L1 from the last walk; returns the L1 entry index (| HUGE_HIT for 2 MiB).
 * `absent`: the caller just missed on this translation in both levels, so a plain fill
 * (no tag check) is enough; otherwise an existing entry is refreshed in place.
 */
function fillFromWalk(tlb: Tlb, asid: number, vpn: number, absent: boolean): number {
  const l2 = tlb.l2;
  const put = absent ? tlbFill : tlbInsert;
  if (walkHuge) {
    const hpn = vpn >>> 9;
    const tg = ~((asid << 19) | hpn);
    if (tlb.l2Holds2m) tlbInsert(tlb, l2, tg, hpn & l2.mask, walkData, walkFlags);
    return tlbInsert(tlb, tlb.l1_2m, tg, hpn & tlb.l1_2m.mask, walkData, walkFlags) | HUGE_HIT;
  }
  const tg = (asid << 28) | vpn;
  put(tlb, l2, tg, vpn & l2.mask, walkData, walkFlags);
  return put(tlb, tlb.l1_4k, tg, vpn & tlb.l1_4k.mask, walkData, walkFlags);
}

/** Marks an L1 index returned by l1Miss/dirtyAssist as an entry of the 2 MiB array. */
const HUGE_HIT = 1 << 30;

/** A 4 KiB hit in L2 entry k: make it most recent and fill the L1 from it. */
function l2Hit4k(tlb: Tlb, k: number, tg4: number, vpn: number): number {
  const S = tlb.l2;
  tlb.l2Hits++;
  S.lru[k] = ++tlb.stamp;
  return tlbFill(tlb, tlb.l1_4k, tg4, vpn & tlb.l1_4k.mask, S.data[k]!, S.flags[k]!);
}

/**
 * An L1 miss: look the translation up in the L2 (4 KiB set, then 2 MiB set), else walk the
 * page table (faulting if needed); fill the L1. Returns the L1 index (| HUGE_HIT) or -1 for SIGSEGV.
 */
function l1Miss(m: Machine, tlb: Tlb, mm: Mm, cpu: number, vpn: number, write: boolean): number {
  const S = tlb.l2;
  const ts = S.tags;
  const lru = S.lru;
  const ws = S.ways;
  const asid = mm.asid;
  const tg4 = (asid << 28) | vpn;
  const h = tlb.hintL2[vpn & HINT_MASK]!;
  if (ts[h] === tg4) return l2Hit4k(tlb, h, tg4, vpn);
  const b = (vpn & S.mask) * ws;
  for (let k = b, end = b + ws; k < end; k++) {
    if (ts[k] === tg4) {
      tlb.hintL2[vpn & HINT_MASK] = k;
      return l2Hit4k(tlb, k, tg4, vpn);
    }
  }
  if (S.huge > 0) {
    const hpn = vpn >>> 9;
    const tg2 = ~((asid << 19) | hpn);
    const b2 = (hpn & S.mask) * ws;
    for (let k = b2, end = b2 + ws; k < end; k++) {
      if (ts[k] === tg2) {
        tlb.l2Hits++;
        lru[k] = ++tlb.stamp;
        return (
          tlbInsert(tlb, tlb.l1_2m, tg2, hpn & tlb.l1_2m.mask, S.data[k]!, S.flags[k]!) | HUGE_HIT
        );
      }
    }
  }
  tlb.l2Misses++;
  tlb.walks++;
  // the common walk inline: a present, accessible 4 KiB PTE
  const pt = mm.pt;
  const pudT = pt.pud[vpn >>> 18]!;
  if (pudT >= 0) {
    const pmdI = (pudT << 9) | ((vpn >>> 9) & 511);
    const s = pt.slot[pmdI]!;
    if (s >= 0 && (pt.pmd[pmdI]! & PMD_HUGE) === 0) {
      const gi = (s << 9) | (vpn & 511);
      const pi = (gi >>> 3) * 12 + (gi & 7); // pteIdx
      const p = pt.pte[pi]!;
      if (p & PTE_PRESENT && !(p & PTE_PROTNONE) && (!write || p & PTE_WRITE)) {
        const ne = (p | PTE_YOUNG | (write ? PTE_DIRTY : 0)) >>> 0;
        pt.pte[pi] = ne;
        const fl = tlbFlagsOf(m, ne);
        tlb.hintL2[vpn & HINT_MASK] = tlbFill(tlb, S, tg4, vpn & S.mask, gi, fl);
        return tlbFill(tlb, tlb.l1_4k, tg4, vpn & tlb.l1_4k.mask, gi, fl);
      }
    }
  }
  if (!pageWalk(m, mm, vpn, write, cpu)) return -1;
  return fillFromWalk(tlb, asid, vpn, true);
}

/**
 * A write through an L1 entry whose cached dirty bit is clear: re-walk to set Accessed and
 * Dirty (the dirty-bit assist); if the entry does not allow writes, it is a protection
 * fault — drop the stale translation and let the fault handler decide.
 * Returns the (possibly new) L1 index (| HUGE_HIT) or -1 for SIGSEGV.
 */
function dirtyAssist(m: Machine, tlb: Tlb, mm: Mm, cpu: number, vpn: number, e: number): number {
  const huge = (e & HUGE_HIT) !== 0;
  const L = huge ? tlb.l1_2m : tlb.l1_4k;
  const idx = e & ~HUGE_HIT;
  const fl = L.flags[idx]!;
  if ((fl & TLBF_WRITE) === 0) tlbFlushRange(tlb, mm.asid, vpn, vpn + 1, false);
  tlb.walks++;
  if (!pageWalk(m, mm, vpn, true, cpu)) return -1;
  if ((fl & TLBF_WRITE) === 0 || walkHuge !== huge) return fillFromWalk(tlb, mm.asid, vpn, false);
  L.flags[idx] = walkFlags;
  return e;
}

/**
 * Run n encoded accesses of one thread on `cpu` in address space `mm`, counting ground truth
 * in the page table's per-page counters. The loop handles L1 hits inline; misses and
 * dirty-bit assists go through l1Miss / dirtyAssist. n is a chunk (far below 2^26).
 */
export function runAccesses(m: Machine, cpu: number, mm: Mm, buf: Int32Array, n: number): void {
  const tlb = m.tlbs[cpu]!;
  // an access bumps the LRU clock at most 4 times (hit or fill in L2 and L1, dirty assist)
  if (tlb.stamp + 4 * n > STAMP_LIMIT) tlbRenumber(tlb);
  const asid = mm.asid;
  const L4 = tlb.l1_4k;
  const L2m = tlb.l1_2m;
  const t4 = L4.tags;
  const t2 = L2m.tags;
  const lru4 = L4.lru;
  const lru2 = L2m.lru;
  const d4 = L4.data;
  const d2 = L2m.data;
  const f4 = L4.flags;
  const f2 = L2m.flags;
  const w4 = L4.ways;
  const w2 = L2m.ways;
  const m4 = L4.mask;
  const m2 = L2m.mask;
  const hint = tlb.hint4k;
  const pt = mm.pt;
  let truth = pt.truth;
  const seenList = pt.seenList;
  let seenN = pt.seenN;
  let stamp = tlb.stamp;
  let l1Hits = 0;
  let l1Misses = 0;
  let writes = 0;
  let segv = 0;
  const nodeAcc = m.nodeAccesses;
  const nb = cpu * MAX_NUMNODES;

  for (let i = 0; i < n; i++) {
    const a = buf[i]!;
    const vpn = a >>> 1;
    const write = (a & 1) === 1;
    const tg4 = (asid << 28) | vpn;
    let e = -1;
    let gi = 0;
    let fl = 0;
    let b = hint[vpn & HINT_MASK]!;
    if (t4[b] === tg4) e = b;
    else {
      b = (vpn & m4) * w4;
      for (let k = b, end = b + w4; k < end; k++) {
        if (t4[k] === tg4) {
          e = k;
          hint[vpn & HINT_MASK] = k;
          break;
        }
      }
    }
    if (e >= 0) {
      l1Hits++;
      lru4[e] = ++stamp;
      gi = d4[e]!;
      fl = f4[e]!;
    } else {
      if (L2m.huge > 0) {
        const hpn = vpn >>> 9;
        const tg2 = ~((asid << 19) | hpn);
        b = (hpn & m2) * w2;
        for (let k = b, end = b + w2; k < end; k++) {
          if (t2[k] === tg2) {
            e = k | HUGE_HIT;
            break;
          }
        }
      }
      if (e >= 0) {
        l1Hits++;
        e &= ~HUGE_HIT;
        lru2[e] = ++stamp;
        e |= HUGE_HIT;
      } else {
        l1Misses++;
        tlb.stamp = stamp;
        e = l1Miss(m, tlb, mm, cpu, vpn, write);
        stamp = tlb.stamp;
        if (e < 0) {
          segv++;
          continue;
        }
        truth = pt.truth;
        if ((e & HUGE_HIT) === 0) hint[vpn & HINT_MASK] = e;
      }
      if (e & HUGE_HIT) {
        gi = d2[e & ~HUGE_HIT]! + (vpn & 511);
        fl = f2[e & ~HUGE_HIT]!;
      } else {
        gi = d4[e]!;
        fl = f4[e]!;
      }
    }
    if (write) {
      if ((fl & TLBF_DIRTY) === 0) {
        tlb.stamp = stamp;
        e = dirtyAssist(m, tlb, mm, cpu, vpn, e);
        stamp = tlb.stamp;
        if (e < 0) {
          segv++;
          continue;
        }
        truth = pt.truth;
        if (e & HUGE_HIT) {
          gi = d2[e & ~HUGE_HIT]! + (vpn & 511);
          fl = f2[e & ~HUGE_HIT]!;
        } else {
          gi = d4[e]!;
          fl = f4[e]!;
        }
      }
      // a write into a PMD-mapped THP: its sub-page is no longer all zero (pte.ts)
      if (e & HUGE_HIT) pt.pte[(gi >>> 3) * 12 + (gi & 7)]! |= SUBPAGE_WRITTEN;
      writes++;
    }
    nodeAcc[nb + (fl >>> TLBF_NODE_SHIFT)]!++;
    const ti = (gi >>> 3) * 24 + 16 + (gi & 7); // truthIdx(gi)
    // count the access (15 bits, saturating); bit 15 clear = the page's first access in this
    // truth sample: mark it and list it (truth-sample.ts), in the same store
    const c = truth[ti]!;
    if (c < TRUTH_SEEN) {
      truth[ti] = (c === TRUTH_COUNT_MAX ? c : c + 1) | TRUTH_SEEN;
      if (seenN < SEEN_LIST_CAP) seenList[seenN++] = gi;
      else pt.seenOverflow = true;
    } else if (c !== 0xffff) truth[ti] = c + 1;
  }
  pt.seenN = seenN;
  tlb.stamp = stamp;
  tlb.l1Hits += l1Hits;
  tlb.l1Misses += l1Misses;
  m.vm.accesses += n - segv;
  m.vm.writes += writes;
  m.vm.reads += n - segv - writes;
}
