/**
 * `window.__mmscope`: the small hook e2e tests drive the app through (contract in
 * src/README.md). Installed in production builds too, since e2e runs against `vite build`.
 *
 * `faults` exists only when the page was opened with the test flag (TEST_FAULTS_FLAG set on
 * window before the app starts, as e2e does with addInitScript): then the simulation worker is
 * started willing to hang or die on request. Without the flag the worker refuses such requests
 * and nothing here can send them.
 */
import {
  injectWorkerFault,
  liveSim,
  pause,
  requestStateHash,
  runUntil,
  truthHistory,
  useAppStore,
} from './store';

/** The window property that asks for `faults` (read once, at startup). */
export const TEST_FAULTS_FLAG = '__mmscopeTestFaults';

export interface MmscopeFaults {
  /** The worker computes for `ms` wall-clock ms without answering anything. */
  hang(ms: number): void;
  /** An exception escapes the worker: it dies. */
  crash(): void;
  /** An allocation fails in the worker as if memory ran out: it dies. */
  outOfMemory(): void;
}

export interface MmscopeHook {
  /** Simulated time of the newest frame or status from the worker, µs. */
  readonly nowUs: number;
  /** Whether the simulation is running. */
  readonly playing: boolean;
  /** The engine's state hash (16 hex digits) at the worker's current time. */
  stateHash(): Promise<string>;
  /** Run as fast as possible to simulated time `us`, then stay paused. */
  runUntil(us: number): Promise<void>;
  pause(): void;
  /** Zoom both heatmaps to the addresses [start, start + bytes) (as the wheel or +/- do). */
  zoomTo(start: number, bytes: number): void;
  /** The newest truth row held: its columns' address range and how many were touched. */
  newestTruthRow(): TruthRowSummary | null;
  /** Only with the test flag: make the worker fail. */
  faults?: MmscopeFaults;
}

export interface TruthRowSummary {
  row: number;
  columns: number;
  /** First and end address of the row's columns. */
  start: number;
  end: number;
  /** Columns with at least one page touched in the row. */
  touchedColumns: number;
}

/** The base-axis column (with its fraction) of `addr`, or NaN outside every column. */
function columnOf(addr: number): number {
  const axis = truthHistory.axis;
  if (!axis) return NaN;
  const cr = axis.colRanges;
  for (let c = 0; c < axis.columns; c++) {
    const s = cr[c * 3]!;
    const e = cr[c * 3 + 1]!;
    if (addr >= s && addr < e) return c + (addr - s) / (e - s);
    if (addr === e && (c + 1 === axis.columns || cr[(c + 1) * 3] !== e)) return c + 1;
  }
  return NaN;
}

function zoomTo(start: number, bytes: number): void {
  const cols: [number, number] = [columnOf(start), columnOf(start + bytes)];
  if (!cols.every(Number.isFinite)) throw new Error('zoomTo: the range is not on the axis');
  useAppStore.getState().setHeatZoom({ cols, rows: null });
}

function newestTruthRow(): TruthRowSummary | null {
  const r = truthHistory.endRow - 1;
  const ranges = truthHistory.colRangesOf(r);
  const coverage = truthHistory.measureRow('coverage', r);
  if (!ranges || !coverage) return null;
  const columns = coverage.length;
  let touchedColumns = 0;
  for (const c of coverage) if (c > 0) touchedColumns++;
  return { row: r, columns, start: ranges[0]!, end: ranges[columns * 3 - 2]!, touchedColumns };
}

/** Whether the page asked for fault injection (e2e only). */
export function testFaultsRequested(target: object = window): boolean {
  return (target as Record<string, unknown>)[TEST_FAULTS_FLAG] === true;
}

const faults: MmscopeFaults = {
  hang: (ms) => injectWorkerFault({ kind: 'hang', ms }),
  crash: () => injectWorkerFault({ kind: 'throw' }),
  outOfMemory: () => injectWorkerFault({ kind: 'oom' }),
};

export function installTestHook(
  target: object = window,
  options: { faults?: boolean } = {},
): MmscopeHook {
  const hook: MmscopeHook = {
    get nowUs() {
      return liveSim.nowUs;
    },
    get playing() {
      return liveSim.playing;
    },
    stateHash: requestStateHash,
    runUntil,
    pause,
    zoomTo,
    newestTruthRow,
    ...(options.faults === true && { faults }),
  };
  Object.defineProperty(target, '__mmscope', { value: hook, configurable: true });
  return hook;
}
