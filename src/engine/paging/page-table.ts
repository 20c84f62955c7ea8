/**
 * One process's page tables over its 1 TiB address window, as flat typed arrays.
 *
 * Indices are virtual page numbers relative to the window base (vpn < 2^28). Three levels:
 *   pud[vpn >> 18]           -> PMD-table index (or -1), allocated on first use per 1 GiB
 *   pmd[pmdIdx]              -> a PMD leaf (PMD_HUGE | flags | pfn) or 0 (look at the PTE table)
 *   slot[pmdIdx]             -> PTE-table index (or -1), allocated on first fault in the 2 MiB
 *   pte[slot * 512 + i]      -> the PTE
 *   truth[slot * 512 + i]    -> ground-truth accesses of this 4 KiB page in the current interval
 * A PMD-mapped THP keeps its PTE-table slot only for the ground-truth counters (the hardware
 * sees one PMD entry; our "perfect sampler" still counts sub-pages).
 */
import { PTRS_PER_TABLE, TABLE_SHIFT } from './pte';

const PMDS_PER_PUD = PTRS_PER_TABLE;
const PUD_ENTRIES = 1024; // 1 TiB / 1 GiB

export class PageTable {
  readonly pud = new Int32Array(PUD_ENTRIES).fill(-1);
  pmd = new Uint32Array(0);
  slot = new Int32Array(0);
  pmdTables = 0;
  pte = new Uint32Array(0);
  truth = new Uint16Array(0);
  ptTables = 0;
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
    }
    return (t << TABLE_SHIFT) | ((vpn >>> TABLE_SHIFT) & (PMDS_PER_PUD - 1));
  }

  /** PTE-table slot of a PMD, allocating it when `alloc`; -1 if absent. */
  slotOf(pmdI: number, alloc: boolean): number {
    let s = this.slot[pmdI]!;
    if (s < 0 && alloc) {
      s = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.ptTables++;
      if (this.pte.length < (s + 1) * PTRS_PER_TABLE) this.growPte();
      this.pte.fill(0, s * PTRS_PER_TABLE, (s + 1) * PTRS_PER_TABLE);
      this.truth.fill(0, s * PTRS_PER_TABLE, (s + 1) * PTRS_PER_TABLE);
      this.slot[pmdI] = s;
    }
    return s;
  }

  /** Release a PTE table whose 2 MiB is entirely unmapped (free_pte_range). */
  freeSlot(pmdI: number): void {
    const s = this.slot[pmdI]!;
    if (s < 0) return;
    this.slot[pmdI] = -1;
    this.freeSlots.push(s);
  }

  /** Bytes of typed-array state this page table holds (for the memory budget). */
  bytes(): number {
    return this.pud.byteLength + this.pmd.byteLength + this.slot.byteLength + this.pte.byteLength + this.truth.byteLength;
  }

  /** PTE-table slots in use (for hashing and binning): all slots < ptTables, minus freed ones. */
  get usedSlots(): number {
    return this.ptTables;
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

  private growPte(): void {
    // grow by 1.25x beyond 4 GiB of pages so the budget stays near 6 bytes per page
    const cur = this.pte.length;
    const n = Math.max(64 * PTRS_PER_TABLE, cur < 1 << 20 ? cur * 2 : Math.ceil((cur * 1.25) / PTRS_PER_TABLE) * PTRS_PER_TABLE);
    const pte = new Uint32Array(n);
    pte.set(this.pte);
    const truth = new Uint16Array(n);
    truth.set(this.truth);
    this.pte = pte;
    this.truth = truth;
  }
}
