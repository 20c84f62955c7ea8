/**
 * `window.__mmscope`: the small hook e2e tests drive the app through (contract in
 * src/README.md). Installed in production builds too, since e2e runs against `vite build`.
 *
 * `faults` exists only when the page was opened with the test flag (TEST_FAULTS_FLAG set on
 * window before the app starts, as e2e does with addInitScript): then the simulation worker is
 * started willing to hang or die on request. Without the flag the worker refuses such requests
 * and nothing here can send them.
 */
import { injectWorkerFault, liveSim, pause, requestStateHash, runUntil } from './store';

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
  /** Only with the test flag: make the worker fail. */
  faults?: MmscopeFaults;
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
    ...(options.faults === true && { faults }),
  };
  Object.defineProperty(target, '__mmscope', { value: hook, configurable: true });
  return hook;
}
