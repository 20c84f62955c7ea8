/**
 * should_numa_migrate_memory() (kernel/sched/fair.c): whether a hinting fault from dstCpu
 * moves the folio from srcNid to the CPU's node. Classic mode: early in a task's life, or for
 * a private fault, at once; otherwise only when the previous fault on the folio came from the
 * same node (the two-stage filter on last_cpupid). Memory-tiering mode, for a slow-tier
 * folio: promote when the fast node has room, else when the hint-fault latency (time from
 * the scan that made the entry PROT_NONE to the fault) is under the adaptive hot threshold,
 * within promote_rate_limit_MBps.
 *
 * A shared fault of a task in a numa_group migrates when the group's CPUs use the destination
 * much more (ACTIVE_NODE_FRACTION), else by the 3/4 hysteresis on CPU and memory faults.
 */
import type { Machine } from '../machine';
import { NUMA_BALANCING_MEMORY_TIERING, type PgdatPromo } from './state';
import { ACTIVE_NODE_FRACTION, groupFaults, groupFaultsCpu } from './group';
import type { NumaTask } from './task';

/** LAST__PID_SHIFT: last_cpupid keeps the low 8 bits of the pid. */
const LAST_PID_MASK = 0xff;
/** NUMA_MIGRATION_ADJUST_STEPS. */
const NUMA_MIGRATION_ADJUST_STEPS = 16;

export function cpuPidToCpupid(cpu: number, pid: number): number {
  return (cpu << 8) | (pid & LAST_PID_MASK);
}
/** cpupid_pid_unset(): the reset value -1 has every pid bit set. */
export function cpupidPidUnset(c: number): boolean {
  return (c & LAST_PID_MASK) === LAST_PID_MASK;
}
/** cpupid_valid(): the cpu field names a CPU. */
export function cpupidValid(m: Machine, c: number): boolean {
  return c >= 0 && c >> 8 < m.tlbs.length;
}
export function cpupidMatchPid(p: NumaTask, c: number): boolean {
  return (p.pid & LAST_PID_MASK) === (c & LAST_PID_MASK);
}

/** pgdat_free_space_enough(): free above max(1 GiB, node/16) (promotion watermark not modelled). */
function pgdatFreeSpaceEnough(m: Machine, nid: number): boolean {
  const ph = m.phys;
  const present = ph.nodeBase[nid + 1]! - ph.nodeBase[nid]!;
  return ph.freeInNode(nid) >= Math.max(262_144, present >>> 4);
}

/** numa_promotion_adjust_threshold(): once per scan_period_max, steer toward the rate limit. */
function adjustThreshold(
  pg: PgdatPromo,
  nowMs: number,
  rateLimit: number,
  refTh: number,
  periodMs: number,
): void {
  if (nowMs - pg.nbpThStartMs <= periodMs) return;
  pg.nbpThStartMs = nowMs;
  const refCand = (rateLimit * periodMs) / 1000;
  const diffCand = pg.promoteCandidate - pg.nbpThNrCand;
  const unitTh = Math.floor((refTh * 2) / NUMA_MIGRATION_ADJUST_STEPS);
  let th = pg.nbpThreshold || refTh;
  if (diffCand > (refCand * 11) / 10) th = Math.max(th - unitTh, unitTh);
  else if (diffCand < (refCand * 9) / 10) th = Math.min(th + unitTh, refTh * 2);
  pg.nbpThNrCand = pg.promoteCandidate;
  pg.nbpThreshold = th;
}

/** numa_promotion_rate_limit(): count the candidate; limited once a second's budget is used. */
function promotionRateLimited(
  pg: PgdatPromo,
  nowMs: number,
  rateLimit: number,
  nr: number,
): boolean {
  pg.promoteCandidate += nr;
  if (nowMs - pg.nbpRlStartMs > 1000) {
    pg.nbpRlStartMs = nowMs;
    pg.nbpRlNrCand = pg.promoteCandidate;
  }
  return pg.promoteCandidate - pg.nbpRlNrCand >= rateLimit;
}

/**
 * should_numa_migrate_memory(p, folio, src_nid, dst_cpu). `head` is the folio's head frame,
 * `nr` its pages; updates the folio's last_cpupid or access time as the kernel does.
 */
export function shouldNumaMigrateMemory(
  m: Machine,
  p: NumaTask,
  head: number,
  nr: number,
  srcNid: number,
  dstCpu: number,
  nowUs: number,
): boolean {
  const n = m.numa;
  const dstNid = n.topo.cpuNode[dstCpu]!;
  const nowMs = Math.floor(nowUs / 1000);
  if (n.mode & NUMA_BALANCING_MEMORY_TIERING && !n.topo.toptier[srcNid]) {
    if (pgdatFreeSpaceEnough(m, dstNid)) {
      n.pgdat[dstNid]!.nbpThreshold = 0;
      return true;
    }
    const defTh = n.cfg.hot_threshold_ms;
    const rateLimit = n.cfg.promote_rate_limit_MBps << 8; // MB/s to pages/s
    const pg = n.pgdat[dstNid]!;
    adjustThreshold(pg, nowMs, rateLimit, defTh, n.cfg.scan_period_max_ms);
    const th = pg.nbpThreshold || defTh;
    // numa_hint_fault_latency(): folio_xchg_access_time(folio, now)
    const latency = nowMs - n.accessTime[head]!;
    n.accessTime[head] = nowMs;
    if (latency >= th) return false;
    n.vmstat.pgpromote_candidate += nr;
    return !promotionRateLimited(pg, nowMs, rateLimit, nr);
  }
  const thisCpupid = cpuPidToCpupid(dstCpu, p.pid);
  const lastCpupid = n.cpupid[head]!;
  n.cpupid[head] = thisCpupid; // folio_xchg_last_cpupid
  if (
    !(n.mode & NUMA_BALANCING_MEMORY_TIERING) &&
    !n.topo.toptier[srcNid] &&
    !cpupidValid(m, lastCpupid)
  )
    return false;
  // "Allow first faults or private faults to migrate immediately early in the lifetime of a
  // task. The magic number 4 is based on waiting for two full passes of the multi-stage node
  // selection test"
  if (
    (p.numaPreferredNid < 0 || p.numaScanSeq <= 4) &&
    (cpupidPidUnset(lastCpupid) || cpupidMatchPid(p, lastCpupid))
  )
    return true;
  // the two-stage filter: the same node twice in a row
  if (!cpupidPidUnset(lastCpupid) && n.topo.cpuNode[lastCpupid >> 8] !== dstNid) return false;
  if (cpupidMatchPid(p, lastCpupid)) return true; // always allow private faults
  const ng = p.group;
  if (!ng) return true;
  const nodes = n.topo.nodes;
  // the destination much busier than the source: allow
  const dstUse = groupFaultsCpu(ng, nodes, dstNid);
  const srcUse = groupFaultsCpu(ng, nodes, srcNid);
  if (dstUse > srcUse * ACTIVE_NODE_FRACTION) return true;
  // distribute memory by CPU and memory use per node, with 3/4 hysteresis against ping-pong
  return dstUse * groupFaults(ng, nodes, srcNid) * 3 > srcUse * groupFaults(ng, nodes, dstNid) * 4;
}
