/**
 * What a config asks the engine to hold and touch, read from the config alone: the VMAs a
 * process ever has, the 2 MiB blocks they span and the ones workloads can touch, a workload's
 * footprint, TLB entries, DAMON's regions and fastest sampling.
 */
import {
  HPAGE_PMD_SIZE,
  PAGE_SIZE,
  type DamonConfig,
  type SimConfig,
  type ThreadConfig,
  type TlbConfig,
  type VmaConfig,
} from '../config';

/** VMAs a process ever has: its own and those its mmap events create. */
export function vmasOf(c: SimConfig, p: number): VmaConfig[] {
  const out = [...c.processes[p]!.vmas];
  for (const e of c.events) if (e.op === 'mmap' && e.process === p) out.push(e.vma);
  return out;
}

export const blocksOf = (bytes: number): number => Math.ceil(bytes / HPAGE_PMD_SIZE) + 1;

/** 2 MiB blocks the VMAs span (capped at the 1 TiB window): what DAMON and the truth visit. */
export function pmdBlocks(vmas: VmaConfig[]): number {
  let n = 0;
  for (const v of vmas) n += blocksOf(v.size);
  return Math.min(n, 2 ** 19);
}

/**
 * PTE tables a process can ever allocate: a page is only faulted in by populate or by a
 * workload's access, so per VMA the blocks of its populate or of the workload ranges in it.
 */
export function touchedBlocks(c: SimConfig, p: number): number {
  const threads = c.processes[p]!.threads;
  let n = 0;
  for (const v of vmasOf(c, p)) {
    let blocks = 0;
    for (const t of threads) {
      const w = t.workload;
      if (w.vma !== v.name && !(w.kind === 'sparse' && w.vmas.includes(v.name))) continue;
      const range = w.length > 0 ? w.length : v.size - w.offset;
      blocks += blocksOf(w.kind === 'hotset' ? Math.min(range, w.hotBytes) : range);
    }
    n += v.populate ? blocksOf(v.size) : Math.min(blocks, blocksOf(v.size));
  }
  return Math.min(n, 2 ** 19);
}

/** Pages a workload's accesses keep coming back to (its footprint). */
export function footprintPages(t: ThreadConfig, vmas: VmaConfig[]): number {
  const w = t.workload;
  const vma = vmas.find((v) => v.name === w.vma);
  const range = w.length > 0 ? w.length : Math.max(PAGE_SIZE, (vma?.size ?? 0) - w.offset);
  const pages = range / PAGE_SIZE;
  if (w.kind === 'hotset') return Math.min(pages, w.hotBytes / PAGE_SIZE);
  if (w.kind === 'hotwindow') return Math.min(pages, w.windowBytes / PAGE_SIZE);
  if (w.kind === 'sparse') return (pages * w.pagesPer2m) / 512;
  return pages;
}

export function totalEntries(tlb: TlbConfig): number {
  return tlb.l1_4k.entries + tlb.l1_2m.entries + tlb.l2.entries;
}

/** DAMON regions at most: 1.5 x max_nr_regions (split stops at half), one page each at least. */
export function damonRegions(d: DamonConfig, targetPages: number): number {
  const a = d.attrs;
  return Math.min(Math.max(a.min_nr_regions, 1.5 * a.max_nr_regions), Math.max(3, targetPages));
}

/** The smallest sample interval DAMON may run at (auto-tuning may go down to min_sample_us). */
export function minSampleUs(d: DamonConfig): number {
  const g = d.attrs.intervals_goal;
  const s = d.attrs.sample_interval;
  return Math.max(1, g.aggrs > 0 ? Math.min(s, g.min_sample_us) : s);
}
