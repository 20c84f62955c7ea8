/**
 * The scenario layer's public surface: what a run is made of (Scenario), how it is checked
 * and completed (parseScenario), shared (encodeScenario / decodeHash), upgraded (migrations),
 * handed to the engine (toSimConfig), and the named starting points (presets, TLB presets).
 */
export { SCENARIO_VERSION, ScenarioSchema, parseScenario, formatPath } from './schema';
export type { Scenario, ScenarioMachine, ScenarioTlbPreset, ParseResult } from './schema';
export { DEFAULT_SCENARIO, DEFAULT_VA_BASE, cloneScenario } from './default-scenario';
export { toSimConfig } from './to-sim-config';
export { damonRuns } from './damon-runs';
export {
  decodeHash,
  encodeScenario,
  readScenarioValue,
  MAX_HASH_LENGTH,
  MAX_INFLATED_BYTES,
} from './codec';
export type { DecodeProblem, DecodeResult } from './codec';
export { MIGRATIONS, migrate } from './migrations';
export type { Migration, MigrationResult } from './migrations';
export { withHexAddresses } from './address-text';
export {
  formatExplanation,
  firstSentence,
  GUIDE_LABELS,
  isGuided,
  parseExplanation,
  spansOf,
} from './explanation';
export type { Explanation, ExplanationText, GuidePart, Paragraph, TextSpan } from './explanation';
export {
  PRESETS,
  PRESET_SUMMARIES,
  presetIds,
  getPreset,
  isPresetId,
  RECORDED_RATE_PER_MS,
  ADDRPAGEOUT_FILTER_OFFSET,
} from './presets';
export type { PresetId } from './presets';
export {
  TLB_PRESETS,
  tlbPresetIds,
  DEFAULT_TLB_PRESET_ID,
  isTlbPresetId,
  tlbOfPreset,
  archOfPreset,
} from './tlb-presets';
export type { TlbPreset, TlbPresetId } from './tlb-presets';
export * from './limits';
export { KERNEL_VERSIONS, isKernelVersion, type KernelVersion } from '../engine/kernel';
export { MTHP_SIZES } from '../engine/config';
export { POLICIES, policyById, type HugePagePolicy, type PolicyId } from './policies';
export { DAMOS_ACTIONS } from './damon-schema';
export {
  FAULT_ROUTINGS,
  LOCAL_DISTANCE,
  MAX_DISTANCE,
  NUMA_BALANCING_MODES,
  NUMA_DEFAULTS,
  REMOTE_DISTANCE,
} from './numa-schema';
