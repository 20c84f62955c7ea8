/**
 * Address-space system calls that change page tables as well as VMAs: mmap, munmap,
 * mprotect, madvise(MADV_HUGEPAGE / MADV_NOHUGEPAGE). Every one validates like the kernel
 * (page alignment, range inside the window, overlap) and throws an EngineError with the
 * errno instead of corrupting state. Changes that invalidate translations end with a TLB
 * shootdown to every CPU (flush_tlb_range on each).
 */
import {
  HPAGE_PMD_NR,
  HPAGE_PMD_ORDER,
  PAGE_SIZE,
  type ThpHint,
  type VmaConfig,
  type VmaProt,
} from '../config';
import { EngineError } from '../errors';
import type { Machine } from '../machine';
import { pteIdx } from '../paging/page-table';
import { FOLIO_ORDER_MASK } from '../paging/phys-mem';
import {
  PFN_MASK,
  PMD_HUGE,
  PTE_PRESENT,
  PTE_OWNER_DAMON,
  PTE_PROTNONE,
  PTE_SWAP,
  PTE_WRITE,
  PTRS_PER_TABLE,
  SWP_CACHED,
} from '../paging/pte';
import { flushTlbRange } from '../paging/flush';
import { splitHugeZeroPmd } from '../paging/huge-zero';
import { type Mm, WINDOW_PAGES } from './address-space';
import { Vma } from './vma';
import { doMadviseCollapse } from '../thp/madvise-collapse';
import { thpEvent } from '../thp/record';
import type { ThpActor } from '../thp/thp-log';

function pageRange(mm: Mm, start: number, size: number, what: string): [number, number] {
  if (start % PAGE_SIZE !== 0 || size % PAGE_SIZE !== 0)
    throw new EngineError('EINVAL', `${what}: start and length must be multiples of ${PAGE_SIZE}`);
  if (size <= 0) throw new EngineError('EINVAL', `${what}: length must be positive`);
  const s = mm.vpnOf(start);
  const e = s + size / PAGE_SIZE;
  if (s < 0 || e > WINDOW_PAGES)
    throw new EngineError('ENOMEM', `${what}: range outside the process's address window`);
  return [s, e];
}

export function doMmap(mm: Mm, cfg: VmaConfig): Vma {
  const [s, e] = pageRange(mm, cfg.start, cfg.size, `mmap ${cfg.name}`);
  const v = new Vma(cfg.name, s, e, cfg.kind, cfg.prot, cfg.thp);
  mm.insertVma(v);
  return v;
}

/**
 * Split at both ends, so the range is covered by whole VMAs; fix their rss counters.
 * A boundary inside a PMD-mapped THP splits the PMD first (vma_adjust_trans_huge).
 */
function isolate(m: Machine, mm: Mm, s: number, e: number, actor: ThpActor): Vma[] {
  for (const at of [s, e]) {
    if (at % HPAGE_PMD_NR !== 0) splitHugePmdAt(m, mm, at, actor);
    const halves = mm.splitAt(at);
    if (halves) for (const h of halves) recountRss(m, mm, h);
  }
  return mm.vmasIn(s, e);
}

/** If vpn lies in a PMD-mapped THP, remap it with PTEs (split_huge_pmd). */
function splitHugePmdAt(m: Machine, mm: Mm, vpn: number, actor: ThpActor): void {
  const pmdI = mm.pt.pmdIndex(vpn, false);
  if (pmdI < 0 || !(mm.pt.pmd[pmdI]! & PMD_HUGE)) return;
  const v = mm.findVma(vpn);
  if (splitHugePmd(m, mm, pmdI, actor) && v) v.thpPmds--;
}

/** Recount a VMA's resident pages from the page table (after a split). */
export function recountRss(m: Machine, mm: Mm, v: Vma): void {
  const pt = mm.pt;
  let rss = 0;
  let thp = 0;
  for (let vpn = v.startVpn; vpn < v.endVpn;) {
    const pmdI = pt.pmdIndex(vpn, false);
    const next = Math.min(v.endVpn, (vpn | (HPAGE_PMD_NR - 1)) + 1);
    if (pmdI >= 0) {
      const pe = pt.pmd[pmdI]!;
      if (pe & PMD_HUGE) {
        if (!m.isZeroPfn(pe & PFN_MASK)) {
          rss += next - vpn;
          if (next - vpn === HPAGE_PMD_NR) thp++;
        }
      } else {
        const slot = pt.slot[pmdI]!;
        if (slot >= 0)
          for (let p = vpn; p < next; p++) {
            const e = pt.pte[pteIdx(slot * PTRS_PER_TABLE + (p & 511))]!;
            if (e & PTE_PRESENT && (e & PFN_MASK) !== m.zeroPfn) rss++;
          }
      }
    }
    vpn = next;
  }
  v.rssPages = rss;
  v.thpPmds = thp;
}

/**
 * __split_huge_pmd(): map a PMD-mapped folio by 512 PTEs with the same bits. The folio stays
 * one 2 MiB folio, now PTE-mapped: PG_idle and DAMON's same-folio reuse stay per 2 MiB, and
 * (since 6.12 every anonymous THP is on the deferred split queue from its fault) it is split
 * only by split_folio() or the deferred split. The model splits it when a page of it is freed
 * or reclaimed (munmap, MADV_PAGEOUT) or MADV_COLD covers it in part: the deferred split
 * happens at once. The huge zero folio becomes 512 zero-page PTEs. True when a THP (one that
 * counts in the VMA's thpPmds) was split.
 */
export function splitHugePmd(
  m: Machine,
  mm: Mm,
  pmdI: number,
  actor: ThpActor,
  toOrder = 0,
  scheme = -1,
): boolean {
  const pt = mm.pt;
  const pe = pt.pmd[pmdI]!;
  const head = pe & PFN_MASK;
  if (m.isZeroPfn(head)) {
    splitHugeZeroPmd(m, mm, pmdI, firstVpnOfPmd(mm, pmdI));
    return false;
  }
  const at = firstVpnOfPmd(mm, pmdI);
  m.thp.thp_split_pmd++;
  m.pingPong.onSplit(mm.asid, at, m.nowUs);
  thpEvent(m, mm, at, 'split', actor, toOrder, HPAGE_PMD_ORDER, scheme);
  const slot = pt.slotOf(pmdI, true);
  const bits = (pe & ~PMD_HUGE & ~PFN_MASK) >>> 0;
  for (let i = 0; i < PTRS_PER_TABLE; i++)
    pt.pte[pteIdx(slot * PTRS_PER_TABLE + i)] = (bits | (head + i)) >>> 0;
  pt.pmd[pmdI] = 0;
  // pmdp_invalidate() -> flush_pmd_tlb_range(): one 2 MiB stride on every CPU
  flushTlbRange(m, mm, at, at + HPAGE_PMD_NR, true);
  return true;
}

/** The vpn a PMD index starts at (inverse of PageTable.pmdIndex). */
function firstVpnOfPmd(mm: Mm, pmdI: number): number {
  const table = pmdI >>> 9;
  const pudI = mm.pt.pud.indexOf(table);
  return pudI * (1 << 18) + (pmdI & 511) * HPAGE_PMD_NR;
}

/** zap_page_range: unmap [s, e) (within one VMA v), freeing the frames. */
function zapRange(m: Machine, mm: Mm, v: Vma, s: number, e: number): void {
  const pt = mm.pt;
  for (let vpn = s; vpn < e;) {
    const next = Math.min(e, (vpn | (HPAGE_PMD_NR - 1)) + 1);
    const pmdI = pt.pmdIndex(vpn, false);
    if (pmdI >= 0) {
      const pe = pt.pmd[pmdI]!;
      if (pe & PMD_HUGE && next - vpn === HPAGE_PMD_NR) {
        pt.pmd[pmdI] = 0;
        pt.freeSlot(pmdI);
        if (!m.isZeroPfn(pe & PFN_MASK)) {
          m.phys.freeRange(pe & PFN_MASK, 9);
          v.rssPages -= HPAGE_PMD_NR;
          v.thpPmds--;
        }
        vpn = next;
        continue;
      }
      if (pe & PMD_HUGE) {
        if (splitHugePmd(m, mm, pmdI, 'munmap')) v.thpPmds--;
      }
      const slot = pt.slot[pmdI]!;
      if (slot >= 0) {
        for (let p = vpn; p < next; p++) {
          const pi = pteIdx(slot * PTRS_PER_TABLE + (p & 511));
          const pte = pt.pte[pi]!;
          if (!(pte & PTE_PRESENT)) {
            // a swap entry: free_swap_and_cache() also frees a page in the swap cache
            if (pte & PTE_SWAP && pte & SWP_CACHED) m.phys.freeRange(pte & PFN_MASK, 0);
            pt.pte[pi] = 0;
            continue;
          }
          const pfn = pte & PFN_MASK;
          if (pfn === m.zeroPfn) {
            pt.pte[pi] = 0; // the zero page is shared: nothing to free, not in RSS
            continue;
          }
          if ((m.phys.frame[pfn]! & FOLIO_ORDER_MASK) !== 0)
            m.phys.splitFolio(pfn - (pfn & ((1 << (m.phys.frame[pfn]! & FOLIO_ORDER_MASK)) - 1)));
          m.phys.freeRange(pfn, 0);
          pt.pte[pi] = 0;
          v.rssPages--;
        }
        let empty = true;
        for (let i = 0; i < PTRS_PER_TABLE && empty; i++)
          empty = pt.pte[pteIdx(slot * PTRS_PER_TABLE + i)] === 0;
        if (empty) pt.freeSlot(pmdI);
      }
    }
    vpn = next;
  }
}

export function doMunmap(m: Machine, mm: Mm, start: number, size: number): void {
  const [s, e] = pageRange(mm, start, size, 'munmap');
  for (const v of isolate(m, mm, s, e, 'munmap')) {
    zapRange(m, mm, v, v.startVpn, v.endVpn);
    mm.removeVma(v);
  }
  // tlb_finish_mmu(): the gathered range, in 4 KiB strides (simplified: also when only huge
  // PMDs were cleared, where the kernel would use 2 MiB strides)
  flushTlbRange(m, mm, s, e);
}

/**
 * The protection bits change_protection() gives a present entry under `prot`: pte_modify()
 * with the new vm_page_prot, which also ends a NUMA-hinting or DAMON PROT_NONE (and who made
 * it: the owner tag goes with it).
 */
function protBits(e: number, prot: VmaProt): number {
  const x = e & ~PTE_OWNER_DAMON;
  if (prot === 'none') return ((x | PTE_PROTNONE) & ~PTE_WRITE) >>> 0;
  if (prot === 'r') return (x & ~PTE_WRITE & ~PTE_PROTNONE) >>> 0;
  return ((x | PTE_WRITE) & ~PTE_PROTNONE) >>> 0;
}

/** The zero page stays read-only under any protection (a write must still COW it). */
function zeroProt(e: number, prot: VmaProt): number {
  return (protBits(e, prot) & ~PTE_WRITE) >>> 0;
}

export function doMprotect(m: Machine, mm: Mm, start: number, size: number, prot: VmaProt): void {
  const [s, e] = pageRange(mm, start, size, 'mprotect');
  for (let vpn = s; vpn < e;) {
    const v = mm.findVma(vpn);
    if (!v) throw new EngineError('ENOMEM', 'mprotect: range is not fully mapped');
    vpn = v.endVpn;
  }
  const pt = mm.pt;
  for (const v of isolate(m, mm, s, e, 'mprotect')) {
    v.prot = prot;
    // change_protection(): update the write bit of every present entry
    for (let vpn = v.startVpn; vpn < v.endVpn; vpn = (vpn | 511) + 1) {
      const pmdI = pt.pmdIndex(vpn, false);
      if (pmdI < 0) continue;
      const pe = pt.pmd[pmdI]!;
      if (pe & PMD_HUGE) {
        if (v.startVpn > (vpn & ~511) || v.endVpn < (vpn & ~511) + 512) {
          if (splitHugePmd(m, mm, pmdI, 'mprotect')) v.thpPmds--;
        } else {
          pt.pmd[pmdI] = m.isZeroPfn(pe & PFN_MASK) ? zeroProt(pe, prot) : protBits(pe, prot);
          continue;
        }
      }
      const slot = pt.slot[pmdI]!;
      if (slot < 0) continue;
      const end = Math.min(v.endVpn, (vpn | 511) + 1);
      for (let p = vpn; p < end; p++) {
        const pi = pteIdx(slot * PTRS_PER_TABLE + (p & 511));
        const pte = pt.pte[pi]!;
        if (pte & PTE_PRESENT)
          pt.pte[pi] = (pte & PFN_MASK) === m.zeroPfn ? zeroProt(pte, prot) : protBits(pte, prot);
      }
    }
  }
  mm.mergeAdjacent();
  flushTlbRange(m, mm, s, e);
}

/**
 * madvise(MADV_HUGEPAGE / MADV_NOHUGEPAGE): only vm_flags change; no mapping is touched.
 * MADV_COLLAPSE goes to thp/madvise-collapse.ts.
 */
export function doMadviseThp(
  m: Machine,
  mm: Mm,
  start: number,
  size: number,
  advice: ThpHint | 'collapse',
): void {
  const [s, e] = pageRange(mm, start, size, 'madvise');
  if (advice === 'collapse') {
    doMadviseCollapse(m, mm, s, e);
    return;
  }
  for (let vpn = s; vpn < e;) {
    const v = mm.findVma(vpn);
    if (!v) throw new EngineError('ENOMEM', 'madvise: range is not fully mapped');
    if (v.kind !== 'anon') throw new EngineError('EINVAL', `madvise: ${v.name} is not anonymous`);
    vpn = v.endVpn;
  }
  // madvise_update_vma(): a VMA whose flags would not change is left alone, not split (so no
  // huge PMD at the range's edge is split either)
  const parts = mm.vmas
    .filter((v) => v.startVpn < e && v.endVpn > s && v.thp !== advice)
    .map((v) => [Math.max(s, v.startVpn), Math.min(e, v.endVpn)] as const);
  for (const [a, b] of parts) for (const v of isolate(m, mm, a, b, 'madvise')) v.thp = advice;
  mm.mergeAdjacent();
}
