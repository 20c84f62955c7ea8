/**
 * The NUMA side of a run, in the kernel's names: per node memory (meminfo's MemTotal /
 * MemFree per node, CPU-less or not, top tier or not), the /proc/vmstat numa_* and
 * pgpromote_* counters, per thread the NUMA-balancing state of its task (numa_scan_period,
 * numa_preferred_nid) and its local / remote accesses, and the fault routing counters.
 */
import { PAGE_SIZE } from '../config';
import type { Sim } from '../sim';
import { pteIdx } from '../paging/page-table';
import { PMD_HUGE, PTE_OWNER_DAMON, PTE_PRESENT, PTE_PROTNONE } from '../paging/pte';
import { type FaultLogEntry, OWNER_NAMES } from './routing-stats';

/** PROT_NONE entries mapped now, by who installed them (a huge PMD counts one). */
export function protnoneNow(sim: Sim): { numa: number; damon: number } {
  const out = { numa: 0, damon: 0 };
  for (const mm of sim.machine.mms) {
    const pt = mm.pt;
    for (let i = 0; i < pt.pmdTables * 512; i++) {
      const pe = pt.pmd[i]!;
      if (pe & PMD_HUGE) {
        if (pe & PTE_PROTNONE) out[pe & PTE_OWNER_DAMON ? 'damon' : 'numa']++;
        continue;
      }
      const s = pt.slot[i]!;
      if (s < 0) continue;
      for (let k = 0; k < 512; k++) {
        const e = pt.pte[pteIdx((s << 9) | k)]!;
        if (e & PTE_PRESENT && e & PTE_PROTNONE) out[e & PTE_OWNER_DAMON ? 'damon' : 'numa']++;
      }
    }
  }
  return out;
}

export function getNumaReport(sim: Sim) {
  const m = sim.machine;
  const n = m.numa;
  const ph = m.phys;
  const st = n.stats;
  const cellOut = (i: number, h: number) => st.matrix[i]![h]!.faults;
  const lifetimes = Object.fromEntries(
    OWNER_NAMES.map((inst, i) => [
      inst,
      Object.fromEntries(
        OWNER_NAMES.map((hd, h) => {
          const c = st.matrix[i]![h]!;
          return [
            hd,
            {
              faults: c.faults,
              meanMs: c.faults ? c.livedSumMs / c.faults : 0,
              maxMs: c.livedMaxMs,
              histogramLog2Ms: c.lifetime.slice(),
            },
          ];
        }),
      ),
    ]),
  );
  return {
    numa_balancing: n.mode,
    /** kdamond runs now, and how it checks accesses (DamonPrimitive). */
    damonRunning: sim.damonRunning,
    damonPrimitive: sim.damon?.primitive ?? null,
    nodes: Array.from({ length: n.topo.nodes }, (_, nid) => ({
      nid,
      cpus: Array.from(n.topo.cpuNode.entries())
        .filter(([, node]) => node === nid)
        .map(([c]) => c),
      toptier: n.topo.toptier[nid]!,
      MemTotal: ((ph.nodeBase[nid + 1]! - ph.nodeBase[nid]!) * PAGE_SIZE) / 1024,
      MemFree: (ph.freeInNode(nid) * PAGE_SIZE) / 1024,
      distance: Array.from({ length: n.topo.nodes }, (_, b) => n.topo.nodeDistance(nid, b)),
    })),
    vmstat: { ...n.vmstat },
    threads: sim.threads.map((th, i) => {
      const t = n.tasks[i]!;
      const local = t.nodeAccesses[n.topo.cpuNode[th.cpu]!]!;
      const all = t.nodeAccesses.reduce((a, b) => a + b, 0);
      return {
        name: th.name,
        cpu: th.cpu,
        node: n.topo.cpuNode[th.cpu]!,
        numa_scan_period: t.numaScanPeriod,
        numa_preferred_nid: t.numaPreferredNid,
        numa_pages_migrated: t.numaPagesMigrated,
        accessesPerNode: Array.from(t.nodeAccesses),
        localAccesses: local,
        remoteAccesses: all - local,
        stallUs: t.stallUs,
      };
    }),
    faultRouting: {
      policy: n.routing,
      matrix: {
        numa: { numa: cellOut(0, 0), damon: cellOut(0, 1) },
        damon: { numa: cellOut(1, 0), damon: cellOut(1, 1) },
      },
      misrouted: st.misrouted(),
      spuriousMigrations: st.spuriousMigrations,
      extraDamonReports: st.extraDamonReports,
      divertedFromMainline: st.divertedFromMainline,
      sharedNotifications: st.sharedNotifications,
      outcomes: { ...st.outcomes },
      lifetimes,
      protnoneNow: protnoneNow(sim),
      damonReports: { written: n.reports.written, perCpu: n.reports.perCpu.map((x) => x ?? 0) },
    },
  };
}

export type NumaReport = ReturnType<typeof getNumaReport>;

/** The last faults on PROT_NONE entries (at most routing-stats LOG_CAP), oldest first. */
export function getFaultLog(sim: Sim): FaultLogEntry[] {
  return sim.machine.numa.stats.orderedLog();
}
