/**
 * struct vm_area_struct, reduced to what the simulation needs. Bounds are virtual page
 * numbers relative to the process's address window: [startVpn, endVpn).
 */
import type { ThpHint, VmaKind, VmaProt } from '../config';
import type { NumabState } from '../numa/scan';

export class Vma {
  name: string;
  startVpn: number;
  endVpn: number;
  kind: VmaKind;
  prot: VmaProt;
  /** VM_HUGEPAGE / VM_NOHUGEPAGE (madvise), or neither. */
  thp: ThpHint;
  /** Pages currently mapped (4 KiB PTEs + 512 per PMD-mapped folio). */
  rssPages = 0;
  /** PMD-mapped 2 MiB folios. */
  thpPmds = 0;
  /** vma->numab_state: NUMA balancing's per-VMA scan state, made at its first scan. */
  numab: NumabState | null = null;

  constructor(
    name: string,
    startVpn: number,
    endVpn: number,
    kind: VmaKind,
    prot: VmaProt,
    thp: ThpHint,
  ) {
    this.name = name;
    this.startVpn = startVpn;
    this.endVpn = endVpn;
    this.kind = kind;
    this.prot = prot;
    this.thp = thp;
  }

  get pages(): number {
    return this.endVpn - this.startVpn;
  }

  readable(): boolean {
    return this.prot !== 'none';
  }

  writable(): boolean {
    return this.prot === 'rw';
  }

  /** A copy covering [startVpn, endVpn) with the same flags and zeroed counters. */
  cloneRange(startVpn: number, endVpn: number): Vma {
    return new Vma(this.name, startVpn, endVpn, this.kind, this.prot, this.thp);
  }
}
