/**
 * Runs a scenario to a time and samples its counters once per ground-truth interval (or a
 * multiple of it, so that at most MAX_SAMPLES rows are kept): the time series the Perfetto
 * trace and the CSV export are made of. Gauges (bytes, nr_regions) are the value at the
 * sample; counters are what happened since the previous sample.
 */
import {
  advanceTo,
  createSim,
  type DamonSnapshot,
  getDamonStatus,
  getNumaReport,
  getStats,
  getThpReport,
  takeDamonSnapshots,
  takeTruthRows,
} from '../../engine';
import { type Scenario, toSimConfig } from '../../scenario';

/** At most this many samples; a longer run samples every k-th truth interval. */
export const MAX_SAMPLES = 5000;

/** The columns every series has, in order (per-scheme DAMOS columns follow). */
export const BASE_COLUMNS = [
  't_us',
  'resident_bytes',
  'thp_bytes',
  'free_bytes',
  'tlb_l1_misses',
  'tlb_l2_misses',
  'page_walks',
  'nr_regions',
  'pgfault',
  'pgmajfault',
  'pswpout',
  'protnone_numa_to_numa',
  'protnone_numa_to_damon',
  'protnone_damon_to_numa',
  'protnone_damon_to_damon',
  'khugepaged_pages_scanned',
] as const;

/** Columns that are counts since the previous sample (the rest are values at the sample). */
export const DELTA_COLUMNS: ReadonlySet<string> = new Set([
  'tlb_l1_misses',
  'tlb_l2_misses',
  'page_walks',
  'pgfault',
  'pgmajfault',
  'pswpout',
  'protnone_numa_to_numa',
  'protnone_numa_to_damon',
  'protnone_damon_to_numa',
  'protnone_damon_to_damon',
  'khugepaged_pages_scanned',
]);

/** One interval in which a DAMOS scheme applied its action to some memory. */
export interface DamosApplication {
  scheme: number;
  action: string;
  t0Us: number;
  t1Us: number;
  nrApplied: number;
  szApplied: number;
}

export interface CounterSeries {
  scenario: string;
  untilUs: number;
  truthIntervalUs: number;
  /** Time between samples: truthIntervalUs, or a multiple of it when the run is long. */
  stepUs: number;
  /** Samples the run would have had at one per truth interval. */
  wantedSamples: number;
  columns: string[];
  rows: number[][];
  damos: DamosApplication[];
  /** The newest aggregation's snapshot of each target (empty without DAMON). */
  lastSnapshots: DamonSnapshot[];
}

/** Cumulative counters in BASE_COLUMNS order from t_us on (NaN-free: 0 where absent). */
function readCounters(sim: ReturnType<typeof createSim>): number[] {
  const st = getStats(sim);
  const damon = getDamonStatus(sim);
  const m = getNumaReport(sim).faultRouting.matrix;
  const k = getThpReport(sim).khugepaged;
  return [
    st.nowUs,
    st.residentBytes,
    st.thpBytes,
    st.freeBytes,
    st.tlb.l1.misses,
    st.tlb.l2.misses,
    st.tlb.walks,
    damon?.nrRegions ?? 0,
    st.vm.pgfault,
    st.vm.pgmajfault,
    st.vm.pswpout,
    m.numa.numa,
    m.numa.damon,
    m.damon.numa,
    m.damon.damon,
    k.pages_scanned,
  ];
}

export function sampleCounters(
  scenario: Scenario,
  untilUs: number,
  maxSamples = MAX_SAMPLES,
): CounterSeries {
  const sim = createSim(toSimConfig(scenario));
  const truthIntervalUs = scenario.truth.intervalUs;
  const wantedSamples = Math.ceil(untilUs / truthIntervalUs);
  const stepUs = truthIntervalUs * Math.max(1, Math.ceil(wantedSamples / maxSamples));
  const schemes = scenario.damon.schemes;
  const columns: string[] = [
    ...BASE_COLUMNS,
    ...schemes.flatMap((_, i) => [`damos${i}_nr_applied`, `damos${i}_sz_applied`]),
  ];
  const rows: number[][] = [];
  const damos: DamosApplication[] = [];
  let lastSnapshots: DamonSnapshot[] = [];
  let prev = readCounters(sim);
  let prevDamos = schemes.map(() => [0, 0]);
  let prevT = 0;
  for (let t = Math.min(stepUs, untilUs); ; t = Math.min(untilUs, t + stepUs)) {
    advanceTo(sim, t);
    // drain what the engine keeps for the app, keeping only DAMON's newest aggregation
    takeTruthRows(sim);
    const snaps = takeDamonSnapshots(sim);
    if (snaps.length > 0) {
      const newest = snaps[snaps.length - 1]!.tUs;
      lastSnapshots = snaps.filter((sn) => sn.tUs === newest);
    }
    const now = readCounters(sim);
    const row = now.map((v, i) => (DELTA_COLUMNS.has(BASE_COLUMNS[i]!) ? v - prev[i]! : v));
    const status = getDamonStatus(sim);
    const nowDamos = schemes.map((_, i) => {
      const ds = status?.schemes[i];
      return [ds?.nr_applied ?? 0, ds?.sz_applied ?? 0];
    });
    nowDamos.forEach(([nr, sz], i) => {
      const dNr = nr! - prevDamos[i]![0]!;
      const dSz = sz! - prevDamos[i]![1]!;
      row.push(dNr, dSz);
      if (dNr > 0)
        damos.push({
          scheme: i,
          action: schemes[i]!.action,
          t0Us: prevT,
          t1Us: now[0]!,
          nrApplied: dNr,
          szApplied: dSz,
        });
    });
    rows.push(row);
    prev = now;
    prevDamos = nowDamos;
    prevT = now[0]!;
    if (t >= untilUs) break;
  }
  return {
    scenario: scenario.name,
    untilUs,
    truthIntervalUs,
    stepUs,
    wantedSamples,
    columns,
    rows,
    damos,
    lastSnapshots,
  };
}
