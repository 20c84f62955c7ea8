/** Run status, clock and the latest small summaries from the worker (at most ~4 updates/s). */
import type { StateCreator } from 'zustand';
import type { SimStats, VmaInfo } from '../engine/report';
import type { AppState } from './app-state';

export type SimStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'error';

export interface SimProblem {
  where: 'load' | 'run' | 'protocol';
  message: string;
}

export interface SimSlice {
  status: SimStatus;
  /** Simulated time of `stats`, µs. */
  nowUs: number;
  stats: SimStats | null;
  /** The summary before `stats` (an earlier time), for rates such as page walks/s. */
  prevStats: SimStats | null;
  vmas: VmaInfo[];
  /** Simulated µs per wall-clock second while playing; 0 = as fast as possible. */
  speed: number;
  simProblem: SimProblem | null;
  setSimStatus(status: SimStatus): void;
  /** Record a newer summary; `prevStats` only moves when simulated time moved. */
  setSummary(stats: SimStats, vmas: VmaInfo[]): void;
  setSpeedValue(simUsPerSec: number): void;
  setSimProblem(problem: SimProblem | null): void;
}

export const DEFAULT_SPEED = 1_000_000;

export const createSimSlice: StateCreator<AppState, [], [], SimSlice> = (set) => ({
  status: 'idle',
  nowUs: 0,
  stats: null,
  prevStats: null,
  vmas: [],
  speed: DEFAULT_SPEED,
  simProblem: null,
  setSimStatus: (status) => set({ status }),
  setSummary: (stats, vmas) =>
    set((s) => ({
      nowUs: stats.nowUs,
      stats,
      vmas,
      prevStats: s.stats && s.stats.nowUs < stats.nowUs ? s.stats : s.prevStats,
    })),
  setSpeedValue: (speed) => set({ speed }),
  setSimProblem: (simProblem) => set({ simProblem }),
});
