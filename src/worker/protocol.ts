/**
 * The only vocabulary spoken across the worker boundary. Both sides switch exhaustively over
 * these unions (assertNever), so a new message cannot be forgotten on one side.
 */
import type {
  DamonPrimitive,
  FaultRouting,
  MmEventConfig,
  NumaBalancingMode,
  SimConfig,
} from '../engine/config';
import type { NumaReport } from '../engine/numa/numa-report';
import type { FaultLogEntry } from '../engine/numa/routing-stats';
import type {
  AddressAxis,
  DamonRows,
  DamonSnapshot,
  DamonStatus,
  SimStats,
  TruthRows,
  VmaInfo,
} from '../engine/report';
import type { ThpCensus } from '../engine/thp/census';
import type { ThpEvent } from '../engine/thp/thp-log';
import type { DecodeResult } from '../scenario/codec';

/**
 * 2: frames carry DAMON's rows, snapshots and status; the damoRecord request.
 * 3: hello may allow fault injection; the 'fault' command (for e2e tests only).
 * 4: truth rows carry coverage, mapped pages and the truth in DAMON's unit; every row block
 *    carries its columns (colRanges); the 'view' command bins new rows over a zoomed range.
 * 5: the THP sub-page census: the 'census' command turns it on, frames carry the newest one;
 *    the thpHistory request.
 * 6: the NUMA report: the 'numa' command turns it on, frames carry it (at most ~4 a second)
 *    with the faults on PROT_NONE entries and the control writes since the last one; the
 *    'control' request writes kernel.numa_balancing, DAMON's state or primitive, or the fault
 *    routing at the next grid point, answered with the event that did it.
 */
export const PROTOCOL_VERSION = 6;

/** damo's two record formats: `json_compressed` is zlib-compressed JSON (damon.data). */
export type DamoRecordFormat = 'json' | 'json_compressed';

/**
 * What DAMON (one kdamond) produced since the previous frame. Every typed array in it is
 * transferred, not copied.
 */
export interface DamonFrame {
  /** One heatmap row per aggregation, on the same address columns as the truth rows. */
  rows: DamonRows;
  /** The regions of every aggregation in `rows`, one snapshot per target (damon_aggregated). */
  snapshots: DamonSnapshot[];
  /** kdamond's state now: nr_regions, the intervals in force, each scheme's stats. */
  status: DamonStatus;
}

/**
 * A write of system state the user makes while the run goes on (the NUMA panel's toggles):
 * /proc/sys/kernel/numa_balancing, DAMON's kdamond state, its access-check primitive, or the
 * fault routing policy. The worker applies it as the scheduled event of the same op would be.
 */
export type SimControl =
  | { op: 'numa_balancing'; mode: NumaBalancingMode }
  | { op: 'damon_state'; on: boolean }
  | { op: 'damon_primitive'; primitive: DamonPrimitive }
  | { op: 'fault_routing'; routing: FaultRouting };

/** The scheduled event a control became: the same op, at the time it applied, process 0. */
export type ControlEvent = Extract<MmEventConfig, { op: SimControl['op'] }>;

/**
 * Where a new event goes in a time-ordered list: after every event at or before its time. The
 * worker (in the running engine's events) and the store (in the scenario's) both place a
 * control with this, so the link replays the events in the order the run applied them.
 */
export function insertEvent<E extends { atUs: number }>(events: readonly E[], event: E): E[] {
  let i = events.length;
  while (i > 0 && events[i - 1]!.atUs > event.atUs) i--;
  return [...events.slice(0, i), event, ...events.slice(i)];
}

/** A control write the engine logged (sim.log): `numa_balancing=0`, `damon on`, … */
export interface ControlLogEntry {
  atUs: number;
  text: string;
}

/**
 * The NUMA side of the run (engine/numa/numa-report.ts) and what changed since the previous
 * one: sent with a frame at most every NUMA_REPORT_INTERVAL_MS while the NUMA view is open.
 */
export interface NumaFrame {
  /** Simulated time of the report, µs. */
  tUs: number;
  report: NumaReport;
  /** Faults on PROT_NONE entries since the previous report, oldest first (the log keeps 256). */
  faults: FaultLogEntry[];
  /** Faults since the previous report that had left the bounded log before this one. */
  faultsMissed: number;
  /** Control writes applied since the previous report (all of them in the first report). */
  controls: ControlLogEntry[];
}

/**
 * A failure the e2e tests make the worker suffer on purpose (src/test-hook.ts), so the app's
 * watchdog and crash panel can be tested against a real Worker: `hang` computes for `ms`
 * without answering anything, `throw` lets an exception escape the worker, `oom` lets escape
 * the error V8 throws when an allocation fails.
 */
export type WorkerFault = { kind: 'hang'; ms: number } | { kind: 'throw' } | { kind: 'oom' };

export type ToWorker =
  /** `faults`: obey 'fault' commands. Only the test hook's client sets it; otherwise refused. */
  | { type: 'hello'; protocol: number; faults?: boolean }
  | { type: 'load'; config: SimConfig }
  | { type: 'play' }
  | { type: 'pause' }
  /** Advance by exactly `us` simulated microseconds, then pause. */
  | { type: 'step'; us: number }
  /** Simulated microseconds per wall-clock second while playing (0 = as fast as possible). */
  | { type: 'speed'; simUsPerSec: number }
  /**
   * Bin rows from the next one on over base-axis columns [col0, col1) (the zoomed range), down
   * to a column per page; null: the whole axis again. Rows already made keep their columns.
   */
  | { type: 'view'; view: { col0: number; col1: number } | null }
  /**
   * Run (as fast as possible) until the simulated clock reaches `us`, then pause. Answered by
   * one 'ranUntil' with the same `id` (reached: false when a later command interrupted it).
   */
  | { type: 'runUntil'; us: number; id: number }
  /** Answered by one 'hash' with the same `id`, or an 'error' carrying that `id`. */
  | { type: 'hash'; id: number }
  /**
   * The recorded DAMON snapshots as a `damo record` file. Answered by one 'damoRecord' with
   * the same `id`, or an 'error' carrying it (nothing loaded, DAMON off).
   */
  | { type: 'damoRecord'; id: number; format: DamoRecordFormat }
  /**
   * Take a THP sub-page census at the end of every truth row (on), or stop (off, the
   * default: the walk costs a pass over the page tables). Kept across loads.
   */
  | { type: 'census'; on: boolean }
  /**
   * The large-folio events (faults, collapses, splits) of [addr, addr + bytes) of `process`.
   * Answered by one 'thpHistory' with the same `id`, or an 'error' carrying it.
   */
  | { type: 'thpHistory'; id: number; process: number; addr: number; bytes: number }
  /**
   * Send the NUMA report with frames (on), or stop (off, the default: counting the PROT_NONE
   * entries walks the page tables). Kept across loads.
   */
  | { type: 'numa'; on: boolean }
  /**
   * Apply `control` at the next grid point (the next QUANTUM_US boundary), as an event at that
   * time would; a paused run is advanced to it at once. Answered by one 'control' with the same
   * `id` once applied, or an 'error' carrying it (refused, or a load came first).
   */
  | { type: 'control'; id: number; control: SimControl }
  /** Suffer `fault` now (tests only; refused unless hello allowed it). */
  | { type: 'fault'; fault: WorkerFault };

export type FromWorker =
  | { type: 'ready'; protocol: number }
  | {
      type: 'loaded';
      axis: AddressAxis;
      /** The most columns a row can have (rows binned over a zoomed range may have more). */
      maxColumns: number;
      vmas: VmaInfo[];
      stats: SimStats;
      /** null when the scenario runs without DAMON. */
      damon: DamonStatus | null;
    }
  /** Sent at most ~30 times per wall-clock second; every row buffer is transferred, not copied. */
  | {
      type: 'frame';
      stats: SimStats;
      vmas: VmaInfo[];
      rows: TruthRows;
      damon: DamonFrame | null;
      /**
       * The newest THP census, when one was taken since the last frame and the census is on;
       * trimmed to its listed folios, every typed array transferred.
       */
      census: ThpCensus | null;
      /** The NUMA report, when the NUMA view is open and one is due (NumaFrame). */
      numa: NumaFrame | null;
      playing: boolean;
    }
  | { type: 'status'; playing: boolean; nowUs: number }
  | { type: 'ranUntil'; id: number; nowUs: number; reached: boolean }
  | { type: 'hash'; id: number; nowUs: number; stateHash: string }
  /** The file's bytes (transferred); `snapshots` counts the aggregations in it. */
  | {
      type: 'damoRecord';
      id: number;
      format: DamoRecordFormat;
      bytes: Uint8Array;
      snapshots: number;
    }
  /** The control applied: the event that did it, at `atUs` (what a link must schedule). */
  | { type: 'control'; id: number; atUs: number; event: ControlEvent }
  /** `dropped`: events that fell off the front of the bounded log before this answer. */
  | { type: 'thpHistory'; id: number; events: ThpEvent[]; dropped: number }
  /** `id` is set when the error answers one request (a 'hash' without a loaded simulation). */
  | { type: 'error'; where: 'load' | 'run' | 'protocol'; message: string; id?: number };

export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}

/** To the link decoder (decode.worker.ts): decode this location.hash. It answers once. */
export interface DecodeRequest {
  hash: string;
}
/** The link decoder's one answer: decodeHash's result, a plain structured-cloneable object. */
export interface DecodeReply {
  result: DecodeResult;
}
