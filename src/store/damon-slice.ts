/** DAMON's state as of the latest summary (at most ~4 updates/s), like `damo status`. */
import type { StateCreator } from 'zustand';
import type { DamonStatus } from '../engine/report';
import type { AppState } from './app-state';

export interface DamonSlice {
  /** kdamond's state: nr_regions, intervals in force, scheme stats; null without DAMON. */
  damonStatus: DamonStatus | null;
  setDamonStatus(status: DamonStatus | null): void;
}

export const createDamonSlice: StateCreator<AppState, [], [], DamonSlice> = (set) => ({
  damonStatus: null,
  setDamonStatus: (damonStatus) => set({ damonStatus }),
});
