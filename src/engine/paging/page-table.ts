/**
 * One process's page tables over its 1 TiB address window, as flat typed arrays.
 *
 * Indices are virtual page numbers relative to the window base (vpn < 2^28). Three levels:
 *   pud[vpn >> 18]       -> PMD-table index (or -1), allocated on first use per 1 GiB
 *   pmd[pmdIdx]          -> a PMD leaf (PMD_HUGE | flags | pfn) or 0 (look at the PTE table)
 *   slot[pmdIdx]         -> PTE-table index (or -1), allocated on first fault in the 2 MiB
 * A page is then named by gi = slot << 9 | (vpn & 511), and lives in one shared buffer:
 *   pte[pteIdx(gi)]      -> the PTE
 *   truth[truthIdx(gi)]  -> ground-truth accesses of this 4 KiB page in the current interval
 * PTEs and counters are interleaved in groups of 8 pages (8 x 4 B PTEs, then 8 x 2 B counters:
 * 48 bytes), so a walk and the counter update touch the same cache line: 6 bytes per page.
 * A PMD-mapped THP keeps its PTE table only for the ground-truth counters (the hardware sees
 * one PMD entry; our "perfect sampler" still counts sub-pages).
 *
 * A counter is 15 bits of accesses (saturating at TRUTH_COUNT_MAX) and, in bit 15, the
 * "seen in this sample" mark of the truth in DAMON's unit (truth-sample.ts): the access that
 * sets it also lists the page in seenList (up to SEEN_LIST_CAP; past that a flush sweeps every
 * table), so a sample's flush costs the pages touched in it, not the pages resident, and the
 * mark costs the hot path no memory access of its own.
 */
import { PTRS_PER_TABLE, TABLE_SHIFT } from './pte';

const PMDS_PER_PUD = PTRS_PER_TABLE;
const PUD_ENTRIES = 1024; // 1 TiB / 1 GiB
/** Uint32 words per PTE table: 64 groups of (8 PTEs + 8 counters). */
export const SLOT_WORDS = 768;
/** Bit 15 of a truth counter: the page was accessed in the current truth sample. */
export const TRUTH_SEEN = 0x8000;
/** A truth counter's accesses saturate here (per page per interval). */
export const TRUTH_COUNT_MAX = 0x7fff;
/** Pages listed per sample before a flush falls back to sweeping every table. */
export const SEEN_LIST_CAP = 32_768;

/** Uint32 index of the PTE of page gi. */
export const pteIdx = (gi: number): number => (gi >>> 3) * 12 + (gi & 7);
/** Uint16 index of the ground-truth counter of page gi. */
export const truthIdx = (gi: number): number => (gi >>> 3) * 24 + 16 + (gi & 7);

export class PageTable {
  readonly pud = new Int32Array(PUD_ENTRIES).fill(-1);
  pmd = new Uint32Array(0);
  slot = new Int32Array(0);
  pmdTables = 0;
  /** PTE words (use pteIdx); shares its buffer with `truth`. */
  pte = new Uint32Array(0);
  /** Ground-truth counters (use truthIdx). */
  truth = new Uint16Array(0);
  ptTables = 0;
  /** Per PTE table, the PMD index it hangs from (-1 once freed): its address, for the truth. */
  slotPmd = new Int32Array(0);
  /** Per PMD table, the PUD index it hangs from. */
  readonly pmdTablePud: number[] = [];
  readonly seenList = new Int32Array(SEEN_LIST_CAP);
  seenN = 0;
  /** More pages were seen than seenList holds: the next flush sweeps every table. */
  seenOverflow = false;
  /** Freed PTE-table slots, reused before growing. */
  private freeSlots: number[] = [];

  /** PMD index for vpn, allocating the PMD table when `alloc`; -1 if absent. */
  pmdIndex(vpn: number, alloc: boolean): number {
    const pudI = vpn >>> 18;
    let t = this.pud[pudI]!;
    if (t < 0) {
      if (!alloc) return -1;
      t = this.pmdTables++;
      if (this.pmd.length < this.pmdTables * PMDS_PER_PUD) this.growPmd();
      this.pud[pudI] = t;
      this.pmdTablePud[t] = pudI;
    }
    return (t << TABLE_SHIFT) | ((vpn >>> TABLE_SHIFT) & (PMDS_PER_PUD - 1));
  }

  /** PTE-table slot of a PMD, allocating it when `alloc`; -1 if absent. */
  slotOf(pmdI: number, alloc: boolean): number {
    let s = this.slot[pmdI]!;
    if (s < 0 && alloc) {
      s = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.ptTables++;
      if (this.pte.length < (s + 1) * SLOT_WORDS) this.grow();
      this.pte.fill(0, s * SLOT_WORDS, (s + 1) * SLOT_WORDS);
      this.slot[pmdI] = s;
      this.slotPmd[s] = pmdI;
    }
    return s;
  }

  /** Release a PTE table whose 2 MiB is entirely unmapped (free_pte_range). */
  freeSlot(pmdI: number): void {
    const s = this.slot[pmdI]!;
    if (s < 0) return;
    this.slot[pmdI] = -1;
    this.slotPmd[s] = -1;
    this.freeSlots.push(s);
  }

  /** Forget the pages seen in this sample (after populate; clearTruth drops their marks). */
  clearSeen(): void {
    this.seenN = 0;
    this.seenOverflow = false;
  }

  /** The first vpn of PTE table s's 2 MiB (-1 if the table is free). */
  slotVpn(s: number): number {
    const pmdI = this.slotPmd[s]!;
    if (pmdI < 0) return -1;
    return (this.pmdTablePud[pmdI >>> TABLE_SHIFT]! << 18) | ((pmdI & (PMDS_PER_PUD - 1)) << 9);
  }

  /** Zero every ground-truth counter (the start of a new interval). */
  clearTruth(): void {
    const w = this.pte;
    const end = this.ptTables * SLOT_WORDS;
    for (let i = 8; i < end; i += 12) {
      w[i] = 0;
      w[i + 1] = 0;
      w[i + 2] = 0;
      w[i + 3] = 0;
    }
  }

  /** Bytes of typed-array state this page table holds (for the memory budget). */
  bytes(): number {
    return (
      this.pud.byteLength +
      this.pmd.byteLength +
      this.slot.byteLength +
      this.pte.byteLength +
      this.slotPmd.byteLength +
      this.seenList.byteLength
    );
  }

  private growPmd(): void {
    const n = Math.max(PMDS_PER_PUD, this.pmd.length * 2);
    const pmd = new Uint32Array(n);
    pmd.set(this.pmd);
    const slot = new Int32Array(n).fill(-1);
    slot.set(this.slot);
    this.pmd = pmd;
    this.slot = slot;
  }

  private grow(): void {
    // double up to 4 GiB of pages, then grow by 1/8: the slack stays under 0.75 bytes per
    // page and a 64 GiB table is copied ~25 times while it grows, not hundreds
    const slots = this.pte.length / SLOT_WORDS;
    const n = Math.max(64, slots < 2048 ? slots * 2 : Math.ceil(slots * 1.125));
    const pte = new Uint32Array(n * SLOT_WORDS);
    pte.set(this.pte);
    this.pte = pte;
    this.truth = new Uint16Array(pte.buffer);
    const slotPmd = new Int32Array(n).fill(-1);
    slotPmd.set(this.slotPmd);
    this.slotPmd = slotPmd;
  }
}
