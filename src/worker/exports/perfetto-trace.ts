/**
 * A counter series as Chrome Trace Event JSON (`{"traceEvents": [...]}`), which Perfetto's UI
 * and chrome://tracing open: process and thread names ("M"), one counter event ("C") per
 * sample and track group with simulated µs as `ts`, and one complete slice ("X") per interval
 * in which a DAMOS scheme applied its action. The sample count is bounded by the series
 * (counter-series.ts MAX_SAMPLES), so the trace is too.
 */
import type { CounterSeries } from './counter-series';

/** Counter tracks: the event name, and the series columns it carries as args. */
export const COUNTER_TRACKS: readonly { name: string; columns: readonly string[] }[] = [
  { name: 'memory (bytes)', columns: ['resident_bytes', 'thp_bytes', 'free_bytes'] },
  { name: 'TLB (per sample)', columns: ['tlb_l1_misses', 'tlb_l2_misses', 'page_walks'] },
  { name: 'DAMON nr_regions', columns: ['nr_regions'] },
  { name: 'page faults (per sample)', columns: ['pgfault', 'pgmajfault', 'pswpout'] },
  {
    name: 'PROT_NONE faults installer_to_handler (per sample)',
    columns: [
      'protnone_numa_to_numa',
      'protnone_numa_to_damon',
      'protnone_damon_to_numa',
      'protnone_damon_to_damon',
    ],
  },
  { name: 'khugepaged pages scanned (per sample)', columns: ['khugepaged_pages_scanned'] },
];

const PID = 1;
const COUNTER_TID = 1;
/** DAMOS scheme i's slices are on thread DAMOS_TID0 + i. */
const DAMOS_TID0 = 10;

export interface TraceEvent {
  name: string;
  ph: 'M' | 'C' | 'X';
  pid: number;
  tid?: number;
  ts?: number;
  dur?: number;
  cat?: string;
  args?: Record<string, number | string>;
}

export interface PerfettoTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  metadata: Record<string, number | string>;
}

export function perfettoTrace(series: CounterSeries, schemeActions: string[]): PerfettoTrace {
  const col = new Map(series.columns.map((c, i) => [c, i]));
  const ev: TraceEvent[] = [
    { name: 'process_name', ph: 'M', pid: PID, args: { name: `mmscope: ${series.scenario}` } },
    { name: 'thread_name', ph: 'M', pid: PID, tid: COUNTER_TID, args: { name: 'counters' } },
    ...schemeActions.map((action, i): TraceEvent => ({
      name: 'thread_name',
      ph: 'M',
      pid: PID,
      tid: DAMOS_TID0 + i,
      args: { name: `DAMOS scheme ${i} (${action})` },
    })),
  ];
  for (const row of series.rows) {
    for (const track of COUNTER_TRACKS) {
      const args: Record<string, number> = {};
      for (const c of track.columns) args[c] = row[col.get(c)!]!;
      ev.push({ name: track.name, ph: 'C', pid: PID, tid: COUNTER_TID, ts: row[0]!, args });
    }
  }
  for (const d of series.damos)
    ev.push({
      name: `damos ${d.action}`,
      cat: 'damos',
      ph: 'X',
      pid: PID,
      tid: DAMOS_TID0 + d.scheme,
      ts: d.t0Us,
      dur: d.t1Us - d.t0Us,
      args: { nr_applied: d.nrApplied, sz_applied: d.szApplied },
    });
  return {
    traceEvents: ev,
    displayTimeUnit: 'ms',
    metadata: {
      scenario: series.scenario,
      clock: 'simulated µs since the start of the run',
      sample_interval_us: series.stepUs,
      truth_interval_us: series.truthIntervalUs,
      samples: series.rows.length,
      wanted_samples: series.wantedSamples,
    },
  };
}
