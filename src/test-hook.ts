/**
 * `window.__mmscope`: the small hook e2e tests drive the app through (contract in
 * src/README.md). Installed in production builds too, since e2e runs against `vite build`.
 */
import { liveSim, pause, requestStateHash, runUntil } from './store';

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
}

export function installTestHook(target: object = window): MmscopeHook {
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
  };
  Object.defineProperty(target, '__mmscope', { value: hook, configurable: true });
  return hook;
}
