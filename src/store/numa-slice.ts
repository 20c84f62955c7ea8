/**
 * The NUMA view: whether its panel is open (the worker sends NUMA reports only then), the
 * newest report (at the summary pace; the series and the fault rows stay in numa-history.ts),
 * and what the last control write did.
 */
import type { StateCreator } from 'zustand';
import type { NumaReport } from '../engine/numa/numa-report';
import type { SimControl } from '../worker/protocol';
import type { AppState } from './app-state';

/** The newest report and the simulated time it describes. */
export interface NumaSummary {
  tUs: number;
  report: NumaReport;
  /** numaHistory.version when it was taken: the panel's series are that recent. */
  version: number;
}

/** The last control write: on its way, applied at a time, or refused with the reason. */
export type ControlStatus =
  | { status: 'pending'; control: SimControl }
  | { status: 'applied'; control: SimControl; atUs: number }
  | { status: 'refused'; control: SimControl; message: string };

export interface NumaSlice {
  numaOpen: boolean;
  numaSummary: NumaSummary | null;
  numaControl: ControlStatus | null;
  setNumaOpen(open: boolean): void;
  setNumaSummary(summary: NumaSummary | null): void;
  setNumaControl(control: ControlStatus | null): void;
}

export const createNumaSlice: StateCreator<AppState, [], [], NumaSlice> = (set) => ({
  numaOpen: false,
  numaSummary: null,
  numaControl: null,
  setNumaOpen: (numaOpen) => set({ numaOpen }),
  setNumaSummary: (numaSummary) => set({ numaSummary }),
  setNumaControl: (numaControl) => set({ numaControl }),
});
