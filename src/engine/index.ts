/**
 * The engine's public surface. Everything outside src/engine talks to the simulation through
 * these functions only. Nothing in src/engine may read UI, DOM, clock or store state.
 */
export type { SimConfig } from './config';
export type {
  AddressAxis,
  AxisSegment,
  DamonRows,
  DamonSnapshot,
  DamonStatus,
  DamosStatus,
  SimStats,
  TruthRows,
  VmaInfo,
} from './report';
export { EngineError } from './errors';
export {
  createSim,
  advanceTo,
  setTruthView,
  maxRowColumns,
  sysCall,
  censusNow,
  nextGridUs,
  QUANTUM_US,
  type MmSyscall,
  type Sim,
} from './sim';
export { takeTruthRows, takeDamonRows, takeDamonSnapshots } from './sim-output';
export { getStats, getVmas, getAxis, getDamonStatus, stateHash } from './sim-report';
export { getThpReport, type ThpReport } from './thp/thp-report';
export { policyScore, type PolicyScore } from './thp/score';
export { ReachMeter, REACH_SAMPLE_US, stlbReachBytes } from './paging/tlb-reach';
export { getFaultLog, getNumaReport, protnoneNow, type NumaReport } from './numa/numa-report';
export type { FaultLogEntry } from './numa/routing-stats';
export { NUMA_DEFAULTS, numaConfig } from './numa/defaults';
