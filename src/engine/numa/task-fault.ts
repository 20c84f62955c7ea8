/**
 * task_numa_fault() (kernel/sched/fair.c): account a hinting fault to the faulting task,
 * private or shared by last_cpupid (a shared one may join a numa_group), local or remote, and
 * run task_numa_placement() when the retry time has passed.
 */
import type { Machine } from '../machine';
import { cpupidMatchPid, cpupidValid } from './migrate-decision';
import { NUMA_BALANCING_MEMORY_TIERING } from './state';
import {
  NUMA_CPUBUF,
  NUMA_MEMBUF,
  type NumaTask,
  taskFaultsIdx,
  taskNumaPlacement,
  TNF_FAULT_LOCAL,
  TNF_MIGRATE_FAIL,
  TNF_MIGRATED,
  TNF_NO_GROUP,
} from './task';
import { numaIsActiveNode, taskNumaGroup } from './group';

export function taskNumaFault(
  m: Machine,
  p: NumaTask,
  lastCpupid: number,
  memNode: number,
  pages: number,
  flags: number,
): void {
  const n = m.numa;
  if (n.mode === 0) return; // !static_branch_likely(&sched_numa_balancing)
  if (
    !n.topo.toptier[memNode] &&
    (n.mode & NUMA_BALANCING_MEMORY_TIERING || !cpupidValid(m, lastCpupid))
  )
    return;
  // the first access is treated as private, else private if the same pid made the last one;
  // a shared fault may join the other task's numa_group (group.ts)
  const nodes = n.topo.nodes;
  let priv = lastCpupid === -1 ? 1 : cpupidMatchPid(p, lastCpupid) ? 1 : 0;
  if (!priv && !(flags & TNF_NO_GROUP)) {
    // cpu_rq(cpupid_to_cpu(cpupid))->curr, if it is still the task the cpupid names
    const other = n.taskOn(lastCpupid >> 8);
    priv = taskNumaGroup(
      p,
      other && cpupidMatchPid(other, lastCpupid) ? other : null,
      flags,
      nodes,
      priv,
    );
  }
  let local = flags & TNF_FAULT_LOCAL ? 1 : 0;
  // a shared fault wholly inside the nodes a group actively uses counts as local
  const ng = p.group;
  const cpuNodeOf = n.topo.cpuNode[p.cpu]!;
  if (
    !priv &&
    !local &&
    ng &&
    ng.activeNodes > 1 &&
    numaIsActiveNode(ng, nodes, cpuNodeOf) &&
    numaIsActiveNode(ng, nodes, memNode)
  )
    local = 1;
  const now = m.nowUs;
  const mm = n.mms[p.mm]!;
  if (now > p.numaMigrateRetryUs) {
    taskNumaPlacement(p, mm, n.topo, n.cfg, rssPagesOf(m, p.mm), now);
    // numa_migrate_preferred(): retry in min(1 s, period / 16); the thread is pinned
    p.numaMigrateRetryUs = now + Math.min(1_000_000, (p.numaScanPeriod * 1000) / 16);
  }
  if (flags & TNF_MIGRATED) p.numaPagesMigrated += pages;
  if (flags & TNF_MIGRATE_FAIL) p.locality[2]! += pages;
  p.faults[taskFaultsIdx(nodes, NUMA_MEMBUF, memNode, priv)]! += pages;
  p.faults[taskFaultsIdx(nodes, NUMA_CPUBUF, cpuNodeOf, priv)]! += pages;
  p.locality[local]! += pages;
}

/** get_mm_rss(): the process's resident pages. */
export function rssPagesOf(m: Machine, process: number): number {
  let rss = 0;
  for (const v of m.mms[process]!.vmas) rss += v.rssPages;
  return rss;
}
