/**
 * DAMOS_STAT on vaddr with ops filters: damos_va_stat() and damos_va_stat_pmd_entry()
 * (mm/damon/vaddr.c, 6.18). The action does nothing; it walks the region's page table and adds
 * the size of every folio the ops filters pass to sz_ops_filter_passed. A PTE walk jumps
 * folio_nr_pages() entries after each folio, so a large folio is counted once. Entries
 * without a normal folio (none, swap, the zero page) are skipped. Evaluating a `young` filter
 * mkolds the entry it found young (damos_va_filter_match).
 */
import { HPAGE_PMD_NR, PAGE_SIZE } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import type { Vma } from '../mm/vma';
import { forEachPmdPart } from '../mm/walk';
import { pteIdx } from '../paging/page-table';
import { FOLIO_ACTIVE, FOLIO_IDLE, FOLIO_ORDER_MASK, FOLIO_YOUNG } from '../paging/phys-mem';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT, PTE_YOUNG } from '../paging/pte';

/** What an ops filter may look at for one folio (filled by this walk). */
export interface PageView {
  vma: Vma;
  vpn: number;
  pfn: number;
  /** Bytes of the folio the page belongs to. */
  folioSz: number;
  young: boolean;
  active: boolean;
}

/**
 * damos_va_filter_out(): true when the folio is filtered out. `mkold` makes the entry being
 * looked at old (what a matching young filter does).
 */
export type VaFilterOut = (p: PageView, mkold: () => void) => boolean;

// The entry being looked at (module scratch: no closure per folio).
let curArr: Uint32Array = new Uint32Array(0);
let curIdx = 0;
let curHead = 0;
let curMachine: Machine | null = null;
const mkoldCurrent = (): void => {
  curArr[curIdx] = mkoldEntry(curMachine!, curArr[curIdx]!, curHead);
};

const view: PageView = {
  vma: null as unknown as Vma,
  vpn: 0,
  pfn: 0,
  folioSz: PAGE_SIZE,
  young: false,
  active: false,
};

/** Bytes of the folios in [vs, ve) the filter passes. */
export function damosVaStat(m: Machine, mm: Mm, vs: number, ve: number, out: VaFilterOut): number {
  let passed = 0;
  forEachPmdPart(mm, vs, ve, (v, pmdI, vpn, next) => {
    passed += pmdEntry(m, mm, v, pmdI, vpn, next, out);
  });
  return passed;
}

function pmdEntry(
  m: Machine,
  mm: Mm,
  v: Vma,
  pmdI: number,
  vpn: number,
  next: number,
  out: VaFilterOut,
): number {
  const pt = mm.pt;
  const pe = pt.pmd[pmdI]!;
  if (pe & PMD_HUGE) {
    // no normal folio behind the huge zero folio (vm_normal_folio_pmd)
    if (!(pe & PTE_PRESENT) || m.isZeroPfn(pe & PFN_MASK)) return 0;
    const head = pe & PFN_MASK;
    fill(m, v, vpn, head, HPAGE_PMD_NR * PAGE_SIZE, (pe & PTE_YOUNG) !== 0);
    point(m, pt.pmd, pmdI, head);
    return out(view, mkoldCurrent) ? 0 : HPAGE_PMD_NR * PAGE_SIZE;
  }
  const slot = pt.slot[pmdI]!;
  if (slot < 0) return 0;
  let passed = 0;
  for (let p = vpn; p < next;) {
    const pi = pteIdx((slot << 9) | (p & 511));
    const e = pt.pte[pi]!;
    if (!(e & PTE_PRESENT) || (e & PFN_MASK) === m.zeroPfn) {
      p++;
      continue;
    }
    const pfn = e & PFN_MASK;
    const order = m.phys.frame[pfn]! & FOLIO_ORDER_MASK;
    const head = order ? pfn - (pfn & ((1 << order) - 1)) : pfn;
    const sz = PAGE_SIZE << order;
    fill(m, v, p, head, sz, (e & PTE_YOUNG) !== 0);
    point(m, pt.pte, pi, head);
    if (!out(view, mkoldCurrent)) passed += sz;
    p += 1 << order; // nr = folio_nr_pages(folio)
  }
  return passed;
}

function point(m: Machine, arr: Uint32Array, idx: number, head: number): void {
  curMachine = m;
  curArr = arr;
  curIdx = idx;
  curHead = head;
}

/** damon_ptep_mkold() / damon_pmdp_mkold(): the entry made old, the folio marked idle. */
function mkoldEntry(m: Machine, e: number, head: number): number {
  if (e & PTE_YOUNG) m.phys.frame[head]! |= FOLIO_YOUNG;
  m.phys.frame[head]! |= FOLIO_IDLE;
  return (e & ~PTE_YOUNG) >>> 0;
}

function fill(m: Machine, v: Vma, vpn: number, head: number, sz: number, young: boolean): void {
  const flags = m.phys.frame[head]!;
  view.vma = v;
  view.vpn = vpn;
  view.pfn = head;
  view.folioSz = sz;
  // damon_folio_young-style: the entry's bit, or the folio no longer idle
  view.young = young || (flags & FOLIO_IDLE) === 0;
  view.active = (flags & FOLIO_ACTIVE) !== 0;
}
