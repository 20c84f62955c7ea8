/**
 * NUMA balancing's scanner (kernel/sched/fair.c): task_tick_numa() queues task_numa_work()
 * once a task has run for its numa_scan_period; task_numa_work() walks the mm's VMAs from
 * mm->numa_scan_offset and makes up to scan_size_mb of memory PROT_NONE with
 * change_prot_numa() (MM_CP_PROT_NUMA), so the next access to each page is a hinting fault.
 * Per-VMA numab_state limits which VMAs a task scans (the PID_INACTIVE and SCAN_DELAY rules).
 *
 * Simplified: the scan's own CPU time is not charged to the task (the kernel adds 32× it to
 * node_stamp); a thread is always running, so its runtime is wall time since it started.
 */
import { HPAGE_PMD_NR } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import type { Vma } from '../mm/vma';
import { flushTlbRange } from '../paging/flush';
import { pteIdx } from '../paging/page-table';
import {
  PFN_MASK,
  PMD_HUGE,
  PTE_DIRTY,
  PTE_OWNER_DAMON,
  PTE_PRESENT,
  PTE_PROTNONE,
} from '../paging/pte';
import { NUMA_BALANCING_MEMORY_TIERING, NUMA_BALANCING_NORMAL } from './state';
import { type NumaTask, taskScanStart } from './task';
import { rssPagesOf } from './task-fault';

/** TICK_USEC at CONFIG_HZ=250. */
export const TICK_US = 4000;
/** VMA_PID_RESET_PERIOD is 4 × scan_delay. */
const PID_RESET_DELAYS = 4;

/** vma->numab_state. */
export interface NumabState {
  startScanSeq: number;
  nextScanUs: number;
  pidsActiveResetUs: number;
  prevScanSeq: number;
  /** pids_active[0] and [1], 64 bits each as two 32-bit words: [lo0, hi0, lo1, hi1]. */
  pidsActive: Uint32Array;
}

/** hash_32(pid, ilog2(BITS_PER_LONG)): the pid's bit in pids_active. */
function pidBit(pid: number): number {
  return Math.imul(pid, 0x61c88647) >>> 26;
}

/** vma_set_access_pid_bit(): the faulting task accessed the VMA. */
export function vmaSetAccessPidBit(m: Machine, vma: Vma, cpu: number): void {
  const st = vma.numab;
  const p = m.numa.taskOn(cpu);
  if (!st || !p) return;
  const b = pidBit(p.pid);
  st.pidsActive[2 + (b >>> 5)]! |= 1 << (b & 31);
}

/** vma_is_accessed(). */
function vmaIsAccessed(seq: number, offset: number, vma: Vma, p: NumaTask): boolean {
  const st = vma.numab!;
  if (seq - st.startScanSeq < 2) return true;
  const b = pidBit(p.pid);
  const w = b >>> 5;
  if (((st.pidsActive[w]! | st.pidsActive[2 + w]!) >>> (b & 31)) & 1) return true;
  return offset > vma.startVpn;
}

/** task_tick_numa() for every running task, at a tick. */
export function numaBalancingTick(m: Machine, nowUs: number): void {
  const n = m.numa;
  for (const p of n.tasks) {
    const runtime = nowUs - p.startUs;
    if (runtime <= 0) continue;
    const period = p.numaScanPeriod * 1000;
    if (runtime <= p.nodeStampUs + period) continue;
    if (p.nodeStampUs === 0) p.numaScanPeriod = taskScanStart(n.cfg, rssPagesOf(m, p.mm), p.group);
    p.nodeStampUs += period;
    if (nowUs >= n.mms[p.mm]!.numaNextScanUs) taskNumaWork(m, p, nowUs);
  }
}

/** task_numa_work(). */
export function taskNumaWork(m: Machine, p: NumaTask, nowUs: number): void {
  const n = m.numa;
  const cfg = n.cfg;
  const nm = n.mms[p.mm]!;
  const mm = m.mms[p.mm]!;
  if (nowUs < nm.numaNextScanUs) return;
  nm.numaNextScanUs = nowUs + p.numaScanPeriod * 1000; // the cmpxchg: one scanner per period
  p.nodeStampUs += 2 * TICK_US;
  let pages = cfg.scan_size_mb << 8;
  let virtpages = pages * 8;
  if (pages <= 0) return;
  const delayUs = cfg.scan_delay_ms * 1000;
  let forced = false;
  let skipped = false;
  let start = nm.numaScanOffset;
  const vmas = mm.vmas;
  for (;;) {
    let i = vmas.findIndex((v) => v.endVpn > start);
    if (i < 0) {
      resetScan(nm);
      start = 0;
      i = 0;
    }
    let stoppedAt: Vma | null = null;
    for (; i < vmas.length; i++) {
      const vma = vmas[i]!;
      if (vma.kind === 'file' && vma.prot === 'r') continue; // shared read-only text
      if (!vma.readable()) continue; // !vma_is_accessible
      if (!vma.numab) {
        const next = nowUs + delayUs;
        vma.numab = {
          startScanSeq: nm.numaScanSeq,
          nextScanUs: next,
          pidsActiveResetUs: next + PID_RESET_DELAYS * delayUs,
          prevScanSeq: nm.numaScanSeq - 1,
          pidsActive: new Uint32Array(4),
        };
      }
      const st = vma.numab;
      if (nm.numaScanSeq && nowUs < st.nextScanUs) continue; // new VMAs wait scan_delay
      if (nm.numaScanSeq && nowUs > st.pidsActiveResetUs) {
        st.pidsActiveResetUs += PID_RESET_DELAYS * delayUs;
        st.pidsActive[0] = st.pidsActive[2]!;
        st.pidsActive[1] = st.pidsActive[3]!;
        st.pidsActive[2] = st.pidsActive[3] = 0;
      }
      if (st.prevScanSeq === nm.numaScanSeq) {
        nm.numaScanOffset = vma.endVpn; // scanned in this sequence already
        continue;
      }
      if (!forced && !vmaIsAccessed(nm.numaScanSeq, nm.numaScanOffset, vma, p)) {
        skipped = true;
        continue;
      }
      let end: number;
      do {
        start = Math.max(start, vma.startVpn);
        end = Math.min(alignUp(start + pages, HPAGE_PMD_NR), vma.endVpn);
        const nr = changeProtNuma(m, mm, vma, start, end, p, nowUs);
        if (nr > 0) pages -= end - start;
        virtpages -= end - start;
        start = end;
        if (pages <= 0 || virtpages <= 0) {
          nm.numaScanOffset = start;
          return;
        }
      } while (end !== vma.endVpn);
      st.prevScanSeq = nm.numaScanSeq;
      if (forced) {
        stoppedAt = vma;
        break;
      }
    }
    if (!stoppedAt && !forced && skipped) {
      forced = true; // retry_pids: scan at least one VMA
      start = nm.numaScanOffset;
      continue;
    }
    if (stoppedAt) nm.numaScanOffset = start;
    else resetScan(nm);
    return;
  }
}

function resetScan(nm: { numaScanSeq: number; numaScanOffset: number }): void {
  nm.numaScanSeq++;
  nm.numaScanOffset = 0;
}

function alignUp(v: number, a: number): number {
  return Math.ceil(v / a) * a;
}

/**
 * change_prot_numa(vma, start, end): make [s, e) PROT_NONE, skipping what prot_numa_skip()
 * skips (already PROT_NONE, the zero page, a dirty file folio, a single-threaded task's
 * folio already on its node, top-tier folios when only memory tiering is on), record the
 * scan time for slow-tier folios in tiering mode, and flush the TLB of the changed range.
 * Returns the entries changed (NUMA_PTE_UPDATES; a huge PMD counts HPAGE_PMD_NR).
 */
export function changeProtNuma(
  m: Machine,
  mm: Mm,
  vma: Vma,
  s: number,
  e: number,
  p: NumaTask,
  nowUs: number,
): number {
  const n = m.numa;
  const pt = mm.pt;
  const nowMs = nowUs / 1000;
  const myNode = n.topo.cpuNode[p.cpu]!;
  const single = n.mms[p.mm]!.users === 1;
  const normal = (n.mode & NUMA_BALANCING_NORMAL) !== 0;
  const tiering = (n.mode & NUMA_BALANCING_MEMORY_TIERING) !== 0;
  let updated = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let hugeChanged = false;
  let smallChanged = false;
  for (let vpn = s; vpn < e;) {
    const next = Math.min(e, (vpn | (HPAGE_PMD_NR - 1)) + 1);
    const pmdI = pt.pmdIndex(vpn, false);
    if (pmdI < 0) {
      vpn = next;
      continue;
    }
    const pe = pt.pmd[pmdI]!;
    if (pe & PMD_HUGE) {
      const pfn = pe & PFN_MASK;
      // change_huge_pmd(): a range covering the whole PMD changes it (a partial one would
      // split it first; task_numa_work's ranges are PMD aligned inside the VMA)
      if (pe & PTE_PRESENT && !(pe & PTE_PROTNONE) && !m.isZeroPfn(pfn)) {
        const nid = m.phys.nodeOf(pfn);
        if (normal || !n.topo.toptier[nid]) {
          if (tiering && !n.topo.toptier[nid]) n.accessTime[pfn] = Math.floor(nowMs);
          pt.pmd[pmdI] = ((pe & ~PTE_OWNER_DAMON) | PTE_PROTNONE) >>> 0;
          n.installMs[pfn] = nowMs;
          updated += HPAGE_PMD_NR;
          n.vmstat.numa_huge_pte_updates++;
          hugeChanged = true;
          lo = Math.min(lo, vpn & ~(HPAGE_PMD_NR - 1));
          hi = Math.max(hi, (vpn & ~(HPAGE_PMD_NR - 1)) + HPAGE_PMD_NR - 1);
        }
      }
      vpn = next;
      continue;
    }
    const slot = pt.slot[pmdI]!;
    if (slot < 0) {
      vpn = next;
      continue;
    }
    for (let v = vpn; v < next; v++) {
      const pi = pteIdx((slot << 9) | (v & 511));
      const q = pt.pte[pi]!;
      if (!(q & PTE_PRESENT) || q & PTE_PROTNONE) continue;
      const pfn = q & PFN_MASK;
      if (m.isZeroPfn(pfn)) continue;
      if (vma.kind === 'file' && q & PTE_DIRTY) continue;
      const nid = m.phys.nodeOf(pfn);
      if (single && nid === myNode) continue;
      if (!normal && n.topo.toptier[nid]) continue;
      if (tiering && !n.topo.toptier[nid]) n.accessTime[m.phys.folioHead(pfn)] = Math.floor(nowMs);
      pt.pte[pi] = ((q & ~PTE_OWNER_DAMON) | PTE_PROTNONE) >>> 0;
      n.installMs[pfn] = nowMs;
      updated++;
      smallChanged = true;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    vpn = next;
  }
  if (updated > 0) {
    n.vmstat.numa_pte_updates += updated;
    flushTlbRange(m, mm, lo, hi + 1, hugeChanged && !smallChanged);
  }
  return updated;
}
