/**
 * struct mm_struct: one process's VMAs (sorted by address, never overlapping) and its page
 * table. Only VMA bookkeeping lives here; operations that also touch page tables, frames
 * and TLBs (munmap, mprotect, ...) are in mm/syscalls.ts.
 */
import { PAGE_SHIFT } from '../config';
import { EngineError } from '../errors';
import { PageTable } from '../paging/page-table';
import type { Vma } from './vma';

export const WINDOW_PAGES = 2 ** 28; // 1 TiB of 4 KiB pages

export class Mm {
  readonly asid: number;
  readonly name: string;
  /** Address of vpn 0. */
  readonly base: number;
  readonly pt = new PageTable();
  vmas: Vma[] = [];
  private cache: Vma | null = null;

  constructor(asid: number, name: string, base: number) {
    this.asid = asid;
    this.name = name;
    this.base = base;
  }

  /** The page an address lies in (an integer vpn; addresses need not be page aligned). */
  vpnOf(addr: number): number {
    return Math.floor((addr - this.base) / 2 ** PAGE_SHIFT);
  }

  addrOf(vpn: number): number {
    return this.base + vpn * 2 ** PAGE_SHIFT;
  }

  /** find_vma()-like lookup: the VMA containing vpn, or null. */
  findVma(vpn: number): Vma | null {
    const c = this.cache;
    if (c !== null && vpn >= c.startVpn && vpn < c.endVpn) return c;
    const v = this.vmas;
    let lo = 0;
    let hi = v.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = v[mid]!;
      if (vpn < m.startVpn) hi = mid - 1;
      else if (vpn >= m.endVpn) lo = mid + 1;
      else {
        this.cache = m;
        return m;
      }
    }
    return null;
  }

  /** Insert a new VMA; EEXIST if it overlaps, EINVAL if outside the 1 TiB address window (VA_WINDOW_SIZE). */
  insertVma(vma: Vma): void {
    if (vma.startVpn < 0 || vma.endVpn > WINDOW_PAGES || vma.endVpn <= vma.startVpn)
      throw new EngineError('EINVAL', `${vma.name}: range outside the process's 1 TiB window`);
    const clash = this.vmas.find((o) => o.startVpn < vma.endVpn && o.endVpn > vma.startVpn);
    if (clash) throw new EngineError('EEXIST', `${vma.name} overlaps ${clash.name}`);
    this.vmas.push(vma);
    this.vmas.sort((a, b) => a.startVpn - b.startVpn);
    this.cache = null;
  }

  /**
   * Split VMAs so that vpn is a boundary (__split_vma). The caller fixes up rss counters of
   * the two halves (it knows the page tables).
   */
  splitAt(vpn: number): [Vma, Vma] | null {
    const v = this.findVma(vpn);
    if (v === null || v.startVpn === vpn) return null;
    const right = v.cloneRange(vpn, v.endVpn);
    v.endVpn = vpn;
    this.vmas.splice(this.vmas.indexOf(v) + 1, 0, right);
    this.cache = null;
    return [v, right];
  }

  /** VMAs lying entirely inside [startVpn, endVpn) (after splitAt on both ends). */
  vmasIn(startVpn: number, endVpn: number): Vma[] {
    return this.vmas.filter((v) => v.startVpn >= startVpn && v.endVpn <= endVpn);
  }

  removeVma(v: Vma): void {
    this.vmas.splice(this.vmas.indexOf(v), 1);
    this.cache = null;
  }

  /** Merge neighbours with identical flags and names (vma_merge), keeping counters. */
  mergeAdjacent(): void {
    const out: Vma[] = [];
    for (const v of this.vmas) {
      const p = out[out.length - 1];
      if (
        p &&
        p.endVpn === v.startVpn &&
        p.name === v.name &&
        p.kind === v.kind &&
        p.prot === v.prot &&
        p.thp === v.thp
      ) {
        p.endVpn = v.endVpn;
        p.rssPages += v.rssPages;
        p.thpPmds += v.thpPmds;
      } else out.push(v);
    }
    this.vmas = out;
    this.cache = null;
  }
}
