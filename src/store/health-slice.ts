/**
 * How the simulation worker is doing, for the UI: silent for a while (a stall, see
 * watchdog.ts), dead (the crash panel), or replaced (a notice saying what happened to the run).
 * Set by sim-supervisor.ts.
 */
import type { StateCreator } from 'zustand';
import type { FailureKind } from '../worker/client';
import type { AppState } from './app-state';

/** What the worker was busy with, as far as the app asked it. */
export type SimActivity =
  | { kind: 'load' }
  | { kind: 'play' }
  | { kind: 'step'; toUs: number }
  | { kind: 'runUntil'; toUs: number };

export interface WorkerDeath {
  kind: FailureKind;
  /** The browser's words for it. */
  message: string;
  /** Simulated time of the last frame or status the dead worker sent: the last good checkpoint. */
  lastReportUs: number;
}

/** Said once a worker was replaced, until dismissed or the next scenario opens. */
export type WorkerNotice =
  /** Cancel after a stall: the run was stopped at `atUs`; a fresh worker has nothing loaded. */
  | { kind: 'cancelled'; activity: SimActivity | null; atUs: number }
  /** Restart after a death: the scenario is being replayed to `toUs`. */
  | { kind: 'replaying'; toUs: number }
  | { kind: 'replayed'; toUs: number }
  /** The replay stopped early (a pause, another scenario) at `atUs`. */
  | { kind: 'replay-interrupted'; toUs: number; atUs: number };

export interface HealthSlice {
  /** Whole seconds the worker has been silent while it should report; null when it is fine. */
  stallS: number | null;
  workerDeath: WorkerDeath | null;
  workerNotice: WorkerNotice | null;
  setStall(seconds: number | null): void;
  setWorkerDeath(death: WorkerDeath | null): void;
  setWorkerNotice(notice: WorkerNotice | null): void;
}

export const createHealthSlice: StateCreator<AppState, [], [], HealthSlice> = (set) => ({
  stallS: null,
  workerDeath: null,
  workerNotice: null,
  setStall: (stallS) => set({ stallS }),
  setWorkerDeath: (workerDeath) => set({ workerDeath }),
  setWorkerNotice: (workerNotice) => set({ workerNotice }),
});
