/** The CLI's report: one JSON-friendly object, identical for identical input on any machine. */
import {
  getDamonStatus,
  getNumaReport,
  getStats,
  getThpReport,
  getVmas,
  stateHash,
  type Sim,
} from '../engine';
import type { Scenario } from '../scenario';

const hex = (x: number): string => '0x' + x.toString(16);

export function summarize(scenario: Scenario, sim: Sim) {
  const st = getStats(sim);
  const { faultRouting, ...numa } = getNumaReport(sim);
  return {
    scenario,
    nowUs: sim.nowUs,
    stateHash: stateHash(sim),
    vmas: getVmas(sim).map((v) => ({
      process: v.process,
      name: v.name,
      start: hex(v.start),
      end: hex(v.end),
      prot: v.prot,
      thp: v.thp,
      residentBytes: v.residentBytes,
      thpBytes: v.thpBytes,
    })),
    metrics: {
      accesses: st.accesses,
      reads: st.reads,
      writes: st.writes,
      faults: st.vm.pgfault,
      thp_fault_alloc: st.vm.thp_fault_alloc,
      thp_fault_fallback: st.vm.thp_fault_fallback,
      segv: st.vm.segv,
      tlb: {
        l1: st.tlb.l1,
        l2: st.tlb.l2,
        walks: st.tlb.walks,
        flushes: st.tlb.flushes,
        shootdowns: st.tlb.shootdowns,
      },
      residentBytes: st.residentBytes,
      thpBytes: st.thpBytes,
      workingSetBytes: st.workingSetBytes,
      pgmajfault: st.vm.pgmajfault,
      pswpout: st.vm.pswpout,
    },
    thp: getThpReport(sim),
    numa,
    /** installer -> handler counts of faults on PROT_NONE entries (numa/routing-stats.ts). */
    faultRouting,
    damon: getDamonStatus(sim),
    syscalls: sim.log,
  };
}

export function formatText(s: ReturnType<typeof summarize>): string {
  const m = s.metrics;
  const pct = (a: number, b: number): string => (b > 0 ? ((100 * a) / b).toFixed(1) + '%' : '-');
  const lines = [
    `${s.scenario.name} at ${(s.nowUs / 1e6).toFixed(3)} s   state ${s.stateHash}`,
    `accesses ${m.accesses} (${m.writes} writes)   faults ${m.faults}   thp_fault_alloc ${m.thp_fault_alloc}   segv ${m.segv}`,
    `TLB L1 hit ${pct(m.tlb.l1.hits, m.tlb.l1.hits + m.tlb.l1.misses)}   L2 hit ${pct(m.tlb.l2.hits, m.tlb.l2.hits + m.tlb.l2.misses)}   walks ${m.tlb.walks}   flushes ${m.tlb.flushes}`,
    `resident ${(m.residentBytes / 2 ** 20).toFixed(1)} MiB (THP ${(m.thpBytes / 2 ** 20).toFixed(0)} MiB)`,
    thpLine(s.thp),
    ...numaLines(s),
    ...(s.damon
      ? [
          `DAMON ${s.damon.nrRegions} regions, ${s.damon.nrAggregations} aggregations, sample ${s.damon.sample_interval} us, aggr ${s.damon.aggr_interval} us`,
          ...s.damon.schemes.map(
            (d) =>
              `  ${d.action}: nr_tried ${d.nr_tried} sz_tried ${d.sz_tried} nr_applied ${d.nr_applied} sz_applied ${d.sz_applied} qt_exceeds ${d.qt_exceeds}`,
          ),
        ]
      : []),
    'VMAs:',
    ...s.vmas.map((v) => `  ${v.start}-${v.end} ${v.prot.padEnd(4)} ${v.thp.padEnd(10)} ${v.name}`),
  ];
  return lines.join('\n');
}

function thpLine(t: ReturnType<typeof summarize>['thp']): string {
  const mthp = Object.entries(t.hugepages)
    .filter(([, v]) => v.nr_anon > 0)
    .map(([k, v]) => `${k.slice('hugepages-'.length)} ${v.nr_anon}`)
    .join(', ');
  return (
    `AnonHugePages ${t.AnonHugePages} kB   large folios: ${mthp || 'none'}   ` +
    `khugepaged ${t.khugepaged.running ? `pages_collapsed ${t.khugepaged.pages_collapsed}, full_scans ${t.khugepaged.full_scans}` : 'off'}   ` +
    `ping-pong ${t.pingPong.total}   collapse bloat ${(t.collapseBloatBytes / 2 ** 20).toFixed(1)} MiB`
  );
}

function numaLines(s: ReturnType<typeof summarize>): string[] {
  const n = s.numa;
  const fr = s.faultRouting;
  if (n.nodes.length < 2 && n.vmstat.numa_hint_faults === 0 && fr.matrix.damon.damon === 0)
    return [];
  const mib = (kb: number) => (kb / 1024).toFixed(0);
  return [
    `numa_balancing ${n.numa_balancing}   nodes ` +
      n.nodes
        .map((x) => `${x.nid}: ${mib(x.MemTotal - x.MemFree)}/${mib(x.MemTotal)} MiB`)
        .join(', ') +
      `   numa_hint_faults ${n.vmstat.numa_hint_faults} (local ${n.vmstat.numa_hint_faults_local})` +
      `   numa_pages_migrated ${n.vmstat.numa_pages_migrated}   pgpromote_success ${n.vmstat.pgpromote_success}`,
    `fault routing ${fr.policy}: numa->numa ${fr.matrix.numa.numa}, numa->damon ${fr.matrix.numa.damon}, ` +
      `damon->damon ${fr.matrix.damon.damon}, damon->numa ${fr.matrix.damon.numa}   misrouted ${fr.misrouted}` +
      `   spurious migrations ${fr.spuriousMigrations}`,
    ...n.threads.map(
      (t) =>
        `  ${t.name} on node ${t.node}: local ${t.localAccesses}, remote ${t.remoteAccesses}` +
        `, numa_scan_period ${t.numa_scan_period} ms, numa_preferred_nid ${t.numa_preferred_nid}`,
    ),
  ];
}
