/**
 * The store's public surface for the UI and the app entry: the zustand store and its slices'
 * types, the hot data outside it (truth history, live clock) and the actions.
 */
export { useAppStore } from './app-store';
export type { AppState } from './app-state';
export type { SimStatus, SimProblem } from './sim-slice';
export { DEFAULT_SPEED } from './sim-slice';
export type { ScenarioProblem } from './scenario-slice';
export type { HeatZoom, HeatHover, HeatScaleMode, Span } from './view-slice';
export { truthHistory, HISTORY_ROWS, type RowSource } from './truth-history';
export { liveSim } from './live-sim';
export {
  connectSimClient,
  loadSimConfig,
  play,
  pause,
  togglePlay,
  stepInterval,
  setSpeed,
  runUntil,
  requestStateHash,
  haltSim,
  SUMMARY_INTERVAL_MS,
} from './sim-actions';
export { openHash, openScenario } from './scenario-actions';
