/**
 * The NUMA view's data over time, kept outside React and the zustand store like the other
 * histories: one small sample per NUMA report (per-node memory in use, the fault matrix, the
 * migration counters), the newest faults on PROT_NONE entries, and every control write of the
 * run. The store gets the newest report (numa-link.ts, at the summary pace); the panel reads
 * this when it changes. Filled only while the NUMA view is open: its series start there.
 */
import type { NumaReport } from '../engine/numa/numa-report';
import type { FaultLogEntry } from '../engine/numa/routing-stats';
import type { ControlLogEntry, NumaFrame } from '../worker/protocol';

/** Samples kept: ten minutes of reports at four a second. */
export const NUMA_SAMPLES = 2400;
/** Fault rows kept for the table (the engine's log holds as many). */
export const FAULT_ROWS = 256;

/** Installer → handler fault counts, cumulative: [numa→numa, numa→damon, damon→numa, damon→damon]. */
export type RouteCounts = readonly [number, number, number, number];

export interface NumaSample {
  tUs: number;
  /** Per node: memory in use (MemTotal − MemFree) and MemTotal, bytes. */
  usedBytes: number[];
  totalBytes: number[];
  routes: RouteCounts;
  misrouted: number;
  spuriousMigrations: number;
  /** numa_pages_migrated (NUMA balancing), pgpromote_success, damos_migrated: pages. */
  numaMigrated: number;
  promoted: number;
  damosMigrated: number;
}

export function routeCounts(r: NumaReport): RouteCounts {
  const m = r.faultRouting.matrix;
  return [m.numa.numa, m.numa.damon, m.damon.numa, m.damon.damon];
}

export function sampleOf(tUs: number, r: NumaReport): NumaSample {
  return {
    tUs,
    usedBytes: r.nodes.map((n) => (n.MemTotal - n.MemFree) * 1024),
    totalBytes: r.nodes.map((n) => n.MemTotal * 1024),
    routes: routeCounts(r),
    misrouted: r.faultRouting.misrouted,
    spuriousMigrations: r.faultRouting.spuriousMigrations,
    numaMigrated: r.vmstat.numa_pages_migrated,
    promoted: r.vmstat.pgpromote_success,
    damosMigrated: r.vmstat.damos_migrated,
  };
}

export class NumaHistory {
  private samples: NumaSample[] = [];
  private faultRows: FaultLogEntry[] = [];
  private controlRows: ControlLogEntry[] = [];
  /** Faults that reached no table row (the log had dropped them before a report). */
  missedFaults = 0;
  /** Bumped on every change. */
  version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(readonly capacity = NUMA_SAMPLES) {}

  push(frame: NumaFrame): void {
    const last = this.samples.at(-1);
    if (last && frame.tUs < last.tUs) return;
    if (last && frame.tUs === last.tUs) this.samples.pop();
    this.samples.push(sampleOf(frame.tUs, frame.report));
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length >> 2);
    this.faultRows.push(...frame.faults);
    if (this.faultRows.length > FAULT_ROWS)
      this.faultRows.splice(0, this.faultRows.length - FAULT_ROWS);
    this.controlRows.push(...frame.controls);
    this.missedFaults += frame.faultsMissed;
    this.changed();
  }

  /** Forget everything: a new run, or the view closed. */
  reset(): void {
    if (this.samples.length === 0 && this.controlRows.length === 0) return;
    this.samples = [];
    this.faultRows = [];
    this.controlRows = [];
    this.missedFaults = 0;
    this.changed();
  }

  /** Every sample held, oldest first (the array itself: do not change it). */
  get series(): readonly NumaSample[] {
    return this.samples;
  }
  /** The newest faults, oldest first. */
  get faults(): readonly FaultLogEntry[] {
    return this.faultRows;
  }
  /** Every control write the run made, in time order. */
  get controls(): readonly ControlLogEntry[] {
    return this.controlRows;
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => void this.listeners.delete(cb);
  }

  private changed(): void {
    this.version++;
    for (const cb of this.listeners) cb();
  }
}

/** The app's one NUMA history, filled by the client bridge while the NUMA view is open. */
export const numaHistory = new NumaHistory();
