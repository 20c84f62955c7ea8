/**
 * The THP sub-page census: every large folio (order >= 2) mapped in the processes, PMD-mapped
 * or PTE-mapped, with which of its 4 KiB sub-pages the ground truth saw accessed in the
 * current truth interval, and what DAMON reads for the same range. Seed 002's T2 in numbers:
 * on Kunpeng 920 running Oracle, 94.6% of THPs had fewer than 10% of their sub-pages
 * accessed, yet one access anywhere sets the PMD's Accessed bit, so DAMON reads the whole
 * 2 MiB as hot.
 *
 * Taken at the end of a truth interval (before its counters are cleared), on request only:
 * the walk costs one pass over the resident page tables. Bounded: the first CENSUS_CAP folios
 * keep their bitmaps; all of them count in the histogram and the totals.
 */
import { HPAGE_PMD_NR, HPAGE_PMD_ORDER, PAGE_SIZE } from '../config';
import type { Machine } from '../machine';
import { pteIdx, TRUTH_COUNT_MAX, truthIdx } from '../paging/page-table';
import { FOLIO_HEAD, FOLIO_ORDER_MASK } from '../paging/phys-mem';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT, PTRS_PER_TABLE } from '../paging/pte';
import { MTHP_MIN_ORDER } from './thp-stats';

/** Folios whose sub-page bitmaps a census keeps (8192 THPs are 16 GiB). */
export const CENSUS_CAP = 16_384;
/** Uint32 words of one folio's bitmap (512 sub-pages). */
export const CENSUS_WORDS = HPAGE_PMD_NR / 32;
/** Histogram buckets of "fraction of sub-pages accessed": [0,10%), [10,20%) ... [90,100%]. */
export const CENSUS_BUCKETS = 10;

export interface ThpCensus {
  /** Counts the censuses of a run: a consumer posts each one once (the arrays are reused). */
  seq: number;
  t0Us: number;
  t1Us: number;
  /** Folios listed (<= CENSUS_CAP). */
  count: number;
  /** Large folios mapped in all, listed or not. */
  total: number;
  process: Uint8Array;
  /** First byte of each folio. */
  addr: Float64Array;
  order: Uint8Array;
  /** 1 = PMD-mapped (one TLB entry on every arch), 0 = PTE-mapped. */
  pmdMapped: Uint8Array;
  /** Sub-pages accessed in the interval. */
  touched: Uint16Array;
  /** DAMON's nr_accesses: the most of the regions the folio overlaps (-1: not monitored). */
  damonNr: Int16Array;
  /** CENSUS_WORDS words per folio: bit i = sub-page i accessed. */
  bits: Uint32Array;
  /** Folios per fraction-accessed bucket, per order (row o: CENSUS_BUCKETS counts). */
  hist: Uint32Array;
  /** Per order, folios mapped now (hugepages-<size>kB/stats/nr_anon). */
  nrAnon: Uint32Array;
  /** Bytes of never-accessed sub-pages inside large folios. */
  coldBytes: number;
  /** Of those, inside folios DAMON reads as accessed (nr_accesses > 0): hidden from it. */
  hiddenColdBytes: number;
}

/** The most nr_accesses DAMON reports over [addr, addr + bytes) of process, or -1 when none. */
export type DamonLookup = (process: number, addr: number, bytes: number) => number;

/**
 * Take a census into `reuse` (the previous one, whose arrays are zeroed and refilled; its
 * consumer must have copied what it needed) or into new arrays.
 */
export function takeCensus(
  m: Machine,
  t0Us: number,
  t1Us: number,
  damon: DamonLookup,
  reuse: ThpCensus | null = null,
): ThpCensus {
  if (reuse) {
    for (const a of [reuse.process, reuse.order, reuse.pmdMapped, reuse.touched, reuse.damonNr])
      a.fill(0);
    reuse.addr.fill(0);
    reuse.bits.fill(0);
    reuse.hist.fill(0);
    reuse.nrAnon.fill(0);
    Object.assign(reuse, {
      seq: reuse.seq + 1,
      t0Us,
      t1Us,
      count: 0,
      total: 0,
      coldBytes: 0,
      hiddenColdBytes: 0,
    });
    return fill(reuse, m, damon);
  }
  const c: ThpCensus = {
    seq: 1,
    t0Us,
    t1Us,
    count: 0,
    total: 0,
    process: new Uint8Array(CENSUS_CAP),
    addr: new Float64Array(CENSUS_CAP),
    order: new Uint8Array(CENSUS_CAP),
    pmdMapped: new Uint8Array(CENSUS_CAP),
    touched: new Uint16Array(CENSUS_CAP),
    damonNr: new Int16Array(CENSUS_CAP),
    bits: new Uint32Array(CENSUS_CAP * CENSUS_WORDS),
    hist: new Uint32Array((HPAGE_PMD_ORDER + 1) * CENSUS_BUCKETS),
    nrAnon: new Uint32Array(HPAGE_PMD_ORDER + 1),
    coldBytes: 0,
    hiddenColdBytes: 0,
  };
  return fill(c, m, damon);
}

function fill(c: ThpCensus, m: Machine, damon: DamonLookup): ThpCensus {
  m.mms.forEach((mm, proc) => {
    const pt = mm.pt;
    for (const v of mm.vmas) {
      for (let vpn = v.startVpn; vpn < v.endVpn;) {
        const next = Math.min(v.endVpn, (vpn | (HPAGE_PMD_NR - 1)) + 1);
        const pmdI = pt.pmdIndex(vpn, false);
        const slot = pmdI >= 0 ? pt.slot[pmdI]! : -1;
        if (slot < 0) {
          vpn = next;
          continue;
        }
        const pe = pt.pmd[pmdI]!;
        if (pe & PMD_HUGE) {
          if (!m.isZeroPfn(pe & PFN_MASK) && next - vpn === HPAGE_PMD_NR)
            add(c, m, proc, mm.base, vpn, slot, 0, 9, 1, damon);
          vpn = next;
          continue;
        }
        for (let p = vpn; p < next;) {
          const pte = pt.pte[pteIdx(slot * PTRS_PER_TABLE + (p & 511))]!;
          const pfn = pte & PFN_MASK;
          const f = pte & PTE_PRESENT ? m.phys.frame[pfn]! : 0;
          const order = f & FOLIO_ORDER_MASK;
          // a PTE-mapped folio counts where its head is mapped and all of it lies here
          if (
            order >= MTHP_MIN_ORDER &&
            f & FOLIO_HEAD &&
            pfn !== m.zeroPfn &&
            p + (1 << order) <= next
          ) {
            add(c, m, proc, mm.base, p, slot, p & 511, order, 0, damon);
            p += 1 << order;
          } else p++;
        }
        vpn = next;
      }
    }
  });
  return c;
}

function add(
  c: ThpCensus,
  m: Machine,
  proc: number,
  base: number,
  vpn: number,
  slot: number,
  first: number,
  order: number,
  pmd: number,
  damon: DamonLookup,
): void {
  const truth = m.mms[proc]!.pt.truth;
  const nr = 1 << order;
  const i = c.count < CENSUS_CAP ? c.count++ : -1;
  let touched = 0;
  for (let k = 0; k < nr; k++) {
    if ((truth[truthIdx((slot << 9) | (first + k))]! & TRUTH_COUNT_MAX) === 0) continue;
    touched++;
    if (i >= 0) c.bits[i * CENSUS_WORDS + (k >>> 5)]! |= 1 << (k & 31);
  }
  const addr = base + vpn * PAGE_SIZE;
  const nrAcc = damon(proc, addr, nr * PAGE_SIZE);
  c.total++;
  c.nrAnon[order]!++;
  const bucket = Math.min(CENSUS_BUCKETS - 1, Math.floor((touched * CENSUS_BUCKETS) / nr));
  c.hist[order * CENSUS_BUCKETS + bucket]!++;
  const cold = (nr - touched) * PAGE_SIZE;
  c.coldBytes += cold;
  if (nrAcc > 0) c.hiddenColdBytes += cold;
  if (i < 0) return;
  c.process[i] = proc;
  c.addr[i] = addr;
  c.order[i] = order;
  c.pmdMapped[i] = pmd;
  c.touched[i] = touched;
  c.damonNr[i] = Math.min(nrAcc, 0x7fff);
}
