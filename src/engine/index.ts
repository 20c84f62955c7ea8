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
  takeTruthRows,
  getStats,
  getVmas,
  getAxis,
  stateHash,
  sysCall,
  takeDamonRows,
  getDamonStatus,
  takeDamonSnapshots,
  type MmSyscall,
  type Sim,
} from './sim';
