/**
 * The store's public surface for the UI and the app entry: the zustand store and its slices'
 * types, the hot data outside it (truth and DAMON histories, chart series, live clock) and the
 * actions.
 */
export { useAppStore } from './app-store';
export type { AppState } from './app-state';
export type { SimStatus, SimProblem } from './sim-slice';
export { DEFAULT_SPEED } from './sim-slice';
export type { ScenarioProblem } from './scenario-slice';
export type {
  DamonView,
  HeatHover,
  HeatPanelId,
  HeatScaleMode,
  HeatZoom,
  RegionMark,
  Span,
  Theme,
  ThemePreference,
} from './view-slice';
export { resolveTheme, themePreferenceOf, THEME_PREFERENCES } from './view-slice';
export type { HeatMeasure, HeatPalette, LegendFit } from './heat-view-slice';
export { truthHistory, HISTORY_ROWS, type RowSource } from './truth-history';
export {
  damonHistory,
  DAMON_HISTORY_ROWS,
  regionsOf,
  workingSetBytes,
  type DamonHistory,
  type DamonRegion,
} from './damon-history';
export {
  thpCensus,
  findFolio,
  summarizeCensus,
  FRACTION_BUCKETS,
  MTHP_MIN_ORDER,
  PMD_ORDER,
  type ThpCensusSummary,
} from './thp-census';
export { THP_SCALES, type FolioHistoryState, type FolioRef, type ThpScale } from './thp-slice';
export { closeFolioHistory, selectFolio, setThpOpen } from './thp-actions';
export {
  numaHistory,
  FAULT_ROWS,
  routeCounts,
  type NumaSample,
  type RouteCounts,
} from './numa-history';
export type { ControlStatus, NumaSummary } from './numa-slice';
export { applyControl, setNumaOpen, type ControlOutcome } from './numa-actions';
export {
  CONTROL_OPS,
  controlEvents,
  controlStateAt,
  refuseControl,
  type ControlOp,
  type ControlState,
} from './numa-controls';
export { statusSeries, type StatusSample, type StatusSeries } from './status-series';
export { liveSim } from './live-sim';
export { isScrubbed, scrubBy, scrubRange, scrubTo, stepScrub } from './scrub';
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
  requestDamoRecord,
  requestThpHistory,
  requestControl,
  haltSim,
  injectWorkerFault,
  SUMMARY_INTERVAL_MS,
} from './sim-actions';
export {
  superviseSim,
  replaceWorker,
  cancelRun,
  reloadScenario,
  restartFromCheckpoint,
  STALL_POLL_MS,
} from './sim-supervisor';
export { STALL_AFTER_MS } from './watchdog';
export type { SimActivity, WorkerDeath, WorkerNotice } from './health-slice';
export {
  openHash,
  openScenario,
  setHashDecoder,
  OFF_THREAD_HASH_CHARS,
  DECODE_TIMEOUT_MS,
} from './scenario-actions';
export type { AppMode, LabExplore, LabProblem, LockLabState } from './lock-lab-slice';
export { isLabHash, labHash, labLinkOfHash, labPrefixOf, solvesLevel, LAB_HASH } from './lab-link';
export {
  connectLab,
  routeHash,
  openLabHash,
  stepTo,
  stepThread,
  finishThreadOp,
  undoStep,
  resetSchedule,
  currentSchedule,
  setLabPor,
  runExplorer,
  cancelExplorer,
} from './lock-lab-actions';
export {
  DEFAULT_SCOREBOARD_US,
  type ScoreboardBatch,
  type ScoreboardRow,
  type ScoreRunStatus,
} from './scoreboard-slice';
export {
  connectScoreboard,
  setScoreboardOpen,
  setScoreboardDuration,
  runScoreboard,
  cancelScoreboard,
  scoreboardRunning,
  type ScoreboardPoolFactory,
} from './scoreboard-actions';
