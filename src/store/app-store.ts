/**
 * The app's one zustand store, made of slices. It holds UI state and small summaries only;
 * per-row data lives in truth-history.ts and damon-history.ts. `useAppStore.getState()` works
 * outside React.
 */
import { create } from 'zustand';
import type { AppState } from './app-state';
import { createDamonSlice } from './damon-slice';
import { createHealthSlice } from './health-slice';
import { createHeatViewSlice } from './heat-view-slice';
import { createLockLabSlice } from './lock-lab-slice';
import { createNumaSlice } from './numa-slice';
import { createScenarioSlice } from './scenario-slice';
import { createScoreboardSlice } from './scoreboard-slice';
import { createSimSlice } from './sim-slice';
import { createThpSlice } from './thp-slice';
import { createViewSlice } from './view-slice';

export const useAppStore = create<AppState>()((...a) => ({
  ...createSimSlice(...a),
  ...createScenarioSlice(...a),
  ...createViewSlice(...a),
  ...createHeatViewSlice(...a),
  ...createDamonSlice(...a),
  ...createHealthSlice(...a),
  ...createLockLabSlice(...a),
  ...createThpSlice(...a),
  ...createNumaSlice(...a),
  ...createScoreboardSlice(...a),
}));
