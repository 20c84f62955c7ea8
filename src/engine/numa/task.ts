/**
 * The NUMA-balancing fields of a task_struct and an mm_struct (kernel/sched/fair.c), and
 * the scan-period arithmetic: task_nr_scan_windows, task_scan_min / start / max,
 * update_task_scan_period, task_numa_placement and task_numa_fault.
 *
 * Simplified: threads are pinned to their CPU (numa_migrate_preferred() cannot move them), and
 * a thread runs all the time, so its runtime is the simulated time since it started
 * (numa_get_avg_runtime() gives runtime = period). numa_group is in group.ts.
 */
import type { NumaConfig } from '../config';
import { groupFaultsKind, type NumaGroup, numaGroupCountActiveNodes } from './group';
import { NUMA_NO_NODE, type NumaTopology } from './topology';

/** MAX_SCAN_WINDOW (MB/s), NUMA_PERIOD_SLOTS, NUMA_PERIOD_THRESHOLD (fair.c). */
export const MAX_SCAN_WINDOW = 2560;
export const NUMA_PERIOD_SLOTS = 10;
export const NUMA_PERIOD_THRESHOLD = 7;
/** enum numa_faults_stats: NUMA_MEM, NUMA_CPU, NUMA_MEMBUF, NUMA_CPUBUF. */
export const NUMA_MEM = 0;
export const NUMA_CPU = 1;
export const NUMA_MEMBUF = 2;
export const NUMA_CPUBUF = 3;

/** task_numa_fault() flags (include/linux/sched/numa_balancing.h). */
export const TNF_MIGRATED = 0x01;
export const TNF_NO_GROUP = 0x02;
export const TNF_SHARED = 0x04;
export const TNF_FAULT_LOCAL = 0x08;
export const TNF_MIGRATE_FAIL = 0x10;

/** The mm_struct fields. */
export class NumaMm {
  /** mm->numa_next_scan, µs; init_numa_balancing() sets now + scan_delay. */
  numaNextScanUs: number;
  /** mm->numa_scan_offset, a vpn. */
  numaScanOffset = 0;
  /** mm->numa_scan_seq. */
  numaScanSeq = 0;
  /** mm_users: the threads of the process. */
  users = 0;
  constructor(scanDelayMs: number) {
    this.numaNextScanUs = scanDelayMs * 1000;
  }
}

/** The task_struct fields of one simulated thread. */
export class NumaTask {
  readonly pid: number;
  readonly mm: number;
  readonly cpu: number;
  /** p->numa_scan_period, ms (starts at scan_delay). */
  numaScanPeriod: number;
  numaScanPeriodMax = 0;
  /** p->node_stamp, µs of runtime. */
  nodeStampUs = 0;
  /** p->numa_scan_seq. */
  numaScanSeq = 0;
  numaPreferredNid = NUMA_NO_NODE;
  /** p->numa_migrate_retry, µs. */
  numaMigrateRetryUs = 0;
  /** p->numa_faults: 4 stats × nodes × {shared 0, private 1} (task_faults_idx). */
  readonly faults: Float64Array;
  /** p->numa_faults_locality: remote, local, migrate failures. */
  readonly locality = [0, 0, 0];
  totalNumaFaults = 0;
  numaPagesMigrated = 0;
  /** When the thread starts issuing accesses, µs (its runtime counts from here). */
  readonly startUs: number;
  /** The thread's accesses per memory node (local and remote), over the run. */
  readonly nodeAccesses: Float64Array;
  /**
   * Simulated time the thread lost to remote memory, hinting faults and migrations, µs:
   * it issues its accesses that much later (sim.ts runThreads).
   */
  stallUs = 0;
  /** p->numa_group, made at the task's first shared fault (group.ts). */
  group: NumaGroup | null = null;

  constructor(
    pid: number,
    mm: number,
    cpu: number,
    nodes: number,
    startUs: number,
    cfg: NumaConfig,
  ) {
    this.pid = pid;
    this.mm = mm;
    this.cpu = cpu;
    this.numaScanPeriod = cfg.scan_delay_ms;
    this.faults = new Float64Array(4 * nodes * 2);
    this.startUs = startUs;
    this.nodeAccesses = new Float64Array(nodes);
  }
}

export function taskFaultsIdx(nodes: number, s: number, nid: number, priv: number): number {
  return 2 * (s * nodes + nid) + priv;
}

/** task_nr_scan_windows(): how many scan_size windows the mm's RSS takes. */
export function taskNrScanWindows(cfg: NumaConfig, rssPages: number): number {
  const nrScanPages = cfg.scan_size_mb << 8;
  const rss = rssPages > 0 ? rssPages : nrScanPages;
  return Math.ceil(rss / nrScanPages);
}

/** task_scan_min(), ms. */
export function taskScanMin(cfg: NumaConfig, rssPages: number): number {
  const scan = cfg.scan_size_mb;
  const windows = scan < MAX_SCAN_WINDOW ? Math.floor(MAX_SCAN_WINDOW / scan) : 1;
  const floor = Math.floor(1000 / windows);
  return Math.max(floor, Math.floor(cfg.scan_period_min_ms / taskNrScanWindows(cfg, rssPages)));
}

/** The group's scaling of a scan period: × tasks × (shared + 1) / (private + shared + 1). */
function groupScaled(period: number, ng: NumaGroup | null): number {
  if (!ng) return period;
  const nodes = ng.faults.length / 4;
  const shared = groupFaultsKind(ng, nodes, 0);
  const priv = groupFaultsKind(ng, nodes, 1);
  return Math.floor((period * ng.nrTasks * (shared + 1)) / (priv + shared + 1));
}

/** task_scan_start(), ms: the group scales it with the amount of shared memory. */
export function taskScanStart(
  cfg: NumaConfig,
  rssPages: number,
  ng: NumaGroup | null = null,
): number {
  const smin = taskScanMin(cfg, rssPages);
  return Math.max(smin, groupScaled(smin, ng));
}

/** task_scan_max(), ms. */
export function taskScanMax(
  cfg: NumaConfig,
  rssPages: number,
  ng: NumaGroup | null = null,
): number {
  const smin = taskScanMin(cfg, rssPages);
  let smax = Math.floor(cfg.scan_period_max_ms / taskNrScanWindows(cfg, rssPages));
  if (ng) smax = Math.max(smax, groupScaled(smax, ng));
  return Math.max(smin, smax);
}

/**
 * update_task_scan_period(): slow down scanning when faults are mostly private or local,
 * speed it up otherwise; double it when no fault was recorded or migrations failed.
 */
export function updateTaskScanPeriod(
  p: NumaTask,
  mm: NumaMm,
  cfg: NumaConfig,
  rssPages: number,
  shared: number,
  priv: number,
  nowUs: number,
): void {
  const remote = p.locality[0]!;
  const local = p.locality[1]!;
  if (local + shared === 0 || p.locality[2]! > 0) {
    p.numaScanPeriod = Math.min(p.numaScanPeriodMax, p.numaScanPeriod << 1);
    mm.numaNextScanUs = nowUs + p.numaScanPeriod * 1000;
    return;
  }
  const periodSlot = Math.ceil(p.numaScanPeriod / NUMA_PERIOD_SLOTS);
  const lrRatio = Math.floor((local * NUMA_PERIOD_SLOTS) / (local + remote));
  const psRatio = Math.floor((priv * NUMA_PERIOD_SLOTS) / (priv + shared));
  let diff: number;
  if (psRatio >= NUMA_PERIOD_THRESHOLD) {
    diff = Math.max(psRatio - NUMA_PERIOD_THRESHOLD, 1) * periodSlot;
  } else if (lrRatio >= NUMA_PERIOD_THRESHOLD) {
    diff = Math.max(lrRatio - NUMA_PERIOD_THRESHOLD, 1) * periodSlot;
  } else {
    diff = -(NUMA_PERIOD_THRESHOLD - Math.max(lrRatio, psRatio)) * periodSlot;
  }
  p.numaScanPeriod = Math.min(
    Math.max(p.numaScanPeriod + diff, taskScanMin(cfg, rssPages)),
    taskScanMax(cfg, rssPages, p.group),
  );
  p.locality[0] = p.locality[1] = p.locality[2] = 0;
}

/**
 * task_numa_placement(), once per new mm->numa_scan_seq: decay the fault statistics by half,
 * fold in the buffered faults, pick the node with the most faults as numa_preferred_nid, and
 * adapt the scan period.
 */
export function taskNumaPlacement(
  p: NumaTask,
  mm: NumaMm,
  topo: NumaTopology,
  cfg: NumaConfig,
  rssPages: number,
  nowUs: number,
): void {
  const seq = mm.numaScanSeq;
  if (p.numaScanSeq === seq) return;
  p.numaScanSeq = seq;
  p.numaScanPeriodMax = taskScanMax(cfg, rssPages, p.group);
  const ng = p.group;
  const n = topo.nodes;
  const totalFaults = p.locality[0]! + p.locality[1]!;
  // numa_get_avg_runtime(): the thread ran the whole period
  const fWeightBase = 65535;
  const faultTypes = [0, 0];
  let maxFaults = 0;
  let maxNid = NUMA_NO_NODE;
  const f = p.faults;
  for (let nid = 0; nid < n; nid++) {
    let faults = 0;
    let gFaults = 0;
    for (let priv = 0; priv < 2; priv++) {
      const mem = taskFaultsIdx(n, NUMA_MEM, nid, priv);
      const membuf = taskFaultsIdx(n, NUMA_MEMBUF, nid, priv);
      const cpu = taskFaultsIdx(n, NUMA_CPU, nid, priv);
      const cpubuf = taskFaultsIdx(n, NUMA_CPUBUF, nid, priv);
      const diff = f[membuf]! - Math.floor(f[mem]! / 2);
      faultTypes[priv]! += f[membuf]!;
      f[membuf] = 0;
      const fWeight = Math.floor((fWeightBase * f[cpubuf]!) / (totalFaults + 1));
      const fDiff = fWeight - Math.floor(f[cpu]! / 2);
      f[cpubuf] = 0;
      f[mem]! += diff;
      f[cpu]! += fDiff;
      p.totalNumaFaults += diff;
      faults += f[mem]!;
      if (ng) {
        // mem's offset is the same in the group's arrays (MEM first, then CPU)
        ng.faults[mem]! += diff;
        ng.faults[cpu]! += fDiff;
        ng.totalFaults += diff;
        gFaults += ng.faults[mem]!;
      }
    }
    const score = ng ? gFaults : faults;
    if (score > maxFaults) {
      maxFaults = score;
      maxNid = nid;
    }
  }
  // preferred_group_nid() on a NUMA_DIRECT topology: the node with the most group faults
  if (ng) numaGroupCountActiveNodes(ng, n);
  if (maxFaults > 0) {
    // numa_nearest_node(max_nid, N_CPU) for a CPU-less node
    if (!topo.hasCpu[maxNid]) maxNid = nearestCpuNode(topo, maxNid);
    if (maxNid !== p.numaPreferredNid) p.numaPreferredNid = maxNid;
  }
  updateTaskScanPeriod(p, mm, cfg, rssPages, faultTypes[0]!, faultTypes[1]!, nowUs);
}

function nearestCpuNode(topo: NumaTopology, nid: number): number {
  let best = NUMA_NO_NODE;
  let bestD = Infinity;
  for (let b = 0; b < topo.nodes; b++) {
    if (!topo.hasCpu[b]) continue;
    const d = topo.nodeDistance(nid, b);
    if (d < bestD) {
      bestD = d;
      best = b;
    }
  }
  return best;
}
