/**
 * The lock lab: per-VMA locks (vm_refcnt, 6.15 / 7.0, and the pre-6.15 rwsem design) as a
 * deterministic model of atomic steps, a stepper, an exhaustive explorer and the levels.
 */
export type {
  KernelGen,
  LockOp,
  LockScenario,
  LockThread,
  LockVariant,
  MmSpec,
  VmaSpec,
} from './scenario';
export { LIMITS, NO_VARIANT, validateScenario } from './scenario';
export { compileModel, type Model } from './model';
export type { StepLabel } from './opcodes';
export {
  decodeRefcnt,
  genNames,
  KERNEL_EXCLUDE_FLAG,
  KERNEL_REF_LIMIT,
  realRefcnt,
  refcntText,
  RES_NAMES,
  type RefcntView,
} from './constants';
export { decodeState, type LabStateView, type MmView, type SlotView, type VmaView } from './decode';
export {
  listing,
  runSchedule,
  startState,
  threadViews,
  type StepperResult,
  type ThreadView,
} from './stepper';
export {
  explore,
  outcomeText,
  type Counterexample,
  type ExploreOptions,
  type ExploreOutcome,
  type ExploreResult,
  type Verdict,
} from './explorer';
export {
  STATE_GRAPH_LIMIT,
  stateKey,
  type GraphEdge,
  type GraphNode,
  type StateGraph,
} from './state-graph';
export type { WaitKind, WaitReason } from './wait-reason';
export { INVARIANT_IDS, type InvariantId, type Violation } from './violations';
export { LEVELS, findLevel, faultMunmapReuse, type LockLevel } from './levels';
export { decodeLab, encodeLab, type LabLink } from './codec';
export {
  DEFAULT_SCALABILITY,
  faultScalability,
  mvaThroughput,
  SEED_003_FAULTS_PER_SEC,
  type ScalabilityParams,
  type ScalabilityPoint,
} from './scalability';
