/**
 * struct numa_group (kernel/sched/fair.c): tasks that share memory pool their fault statistics,
 * so NUMA balancing places the group's memory where the group runs. task_numa_group() makes a
 * task's own group at its first shared fault and joins the group of the task that touched the
 * folio last when that group is at least as big (threads of one process always join);
 * task_numa_placement() keeps the pooled MEM and CPU faults; should_numa_migrate_memory()
 * compares them with the 3/4 hysteresis.
 *
 * Simplified: the refcount is the number of tasks (no transient references), ties between
 * groups of equal size break on the group id, not the address, and the topology is taken as
 * NUMA_DIRECT (every node one hop from every other), so preferred_group_nid() returns the node
 * with the most group faults.
 */
import { NUMA_CPU, NUMA_MEM, type NumaTask, taskFaultsIdx, TNF_SHARED } from './task';

/** ACTIVE_NODE_FRACTION: a node is active with more than a third of the busiest node's faults. */
export const ACTIVE_NODE_FRACTION = 3;

export class NumaGroup {
  readonly gid: number;
  nrTasks = 0;
  /** faults[] in task_faults_idx layout: MEM at [0, 2 nodes), CPU (faults_cpu) from 2 nodes. */
  readonly faults: Float64Array;
  totalFaults = 0;
  activeNodes = 1;
  maxFaultsCpu = 0;

  constructor(gid: number, nodes: number) {
    this.gid = gid;
    this.faults = new Float64Array(4 * nodes);
  }
}

/** group_faults(p, nid): the group's memory faults on nid, shared and private. */
export function groupFaults(ng: NumaGroup, nodes: number, nid: number): number {
  return (
    ng.faults[taskFaultsIdx(nodes, NUMA_MEM, nid, 0)]! +
    ng.faults[taskFaultsIdx(nodes, NUMA_MEM, nid, 1)]!
  );
}

/** group_faults_cpu(ng, nid): faults the group's CPUs on nid made. */
export function groupFaultsCpu(ng: NumaGroup, nodes: number, nid: number): number {
  return (
    ng.faults[taskFaultsIdx(nodes, NUMA_CPU, nid, 0)]! +
    ng.faults[taskFaultsIdx(nodes, NUMA_CPU, nid, 1)]!
  );
}

/** group_faults_shared / group_faults_priv. */
export function groupFaultsKind(ng: NumaGroup, nodes: number, priv: number): number {
  let f = 0;
  for (let nid = 0; nid < nodes; nid++) f += ng.faults[taskFaultsIdx(nodes, NUMA_MEM, nid, priv)]!;
  return f;
}

export function numaIsActiveNode(ng: NumaGroup, nodes: number, nid: number): boolean {
  return groupFaultsCpu(ng, nodes, nid) * ACTIVE_NODE_FRACTION > ng.maxFaultsCpu;
}

/** numa_group_count_active_nodes(). */
export function numaGroupCountActiveNodes(ng: NumaGroup, nodes: number): void {
  let max = 0;
  for (let nid = 0; nid < nodes; nid++) max = Math.max(max, groupFaultsCpu(ng, nodes, nid));
  let active = 0;
  for (let nid = 0; nid < nodes; nid++)
    if (groupFaultsCpu(ng, nodes, nid) * ACTIVE_NODE_FRACTION > max) active++;
  ng.maxFaultsCpu = max;
  ng.activeNodes = active;
}

/**
 * task_numa_group(p, cpupid, flags, &priv): `other` is the task running on the CPU the
 * folio's last_cpupid names, if its pid matches. Returns the fault's priv (0 when joined).
 */
export function taskNumaGroup(
  p: NumaTask,
  other: NumaTask | null,
  flags: number,
  nodes: number,
  priv: number,
): number {
  if (!p.group) {
    const grp = new NumaGroup(p.pid, nodes);
    for (let i = 0; i < 4 * nodes; i++) grp.faults[i] = p.faults[i]!;
    grp.totalFaults = p.totalNumaFaults;
    grp.nrTasks++;
    p.group = grp;
  }
  if (!other) return priv;
  const grp = other.group;
  const mine = p.group;
  if (!grp || grp === mine) return priv;
  // only join the bigger group; the other task joins us when we are the bigger one
  if (mine.nrTasks > grp.nrTasks) return priv;
  if (mine.nrTasks === grp.nrTasks && mine.gid > grp.gid) return priv;
  // always join threads of the same process; TNF_SHARED filters PID collisions
  const join = other.mm === p.mm || (flags & TNF_SHARED) !== 0;
  // *priv = !join: a task of another process behind a private folio is not sharing
  if (!join) return 1;
  for (let i = 0; i < 4 * nodes; i++) {
    mine.faults[i]! -= p.faults[i]!;
    grp.faults[i]! += p.faults[i]!;
  }
  mine.totalFaults -= p.totalNumaFaults;
  grp.totalFaults += p.totalNumaFaults;
  mine.nrTasks--;
  grp.nrTasks++;
  p.group = grp;
  return 0;
}
