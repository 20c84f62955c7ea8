/** The kernel's THP defaults (khugepaged_init(), the hugepages-<size>kB/enabled defaults). */
import type {
  KhugepagedConfig,
  MthpEnabled,
  MthpSize,
  ThpConfig,
  ThpEnabled,
  TargetAgentConfig,
  ThpPolicyConfig,
} from '../config';

export const KHUGEPAGED_DEFAULTS: Readonly<KhugepagedConfig> = {
  run: true,
  pages_to_scan: 4096,
  scan_sleep_millisecs: 10_000,
  alloc_sleep_millisecs: 60_000,
  max_ptes_none: 511,
  max_ptes_swap: 64,
  max_ptes_shared: 256,
  split_backoff_ms: 0,
};

/** No research policy runs; its knobs at the values the papers use (thp/policy.ts). */
export const POLICY_DEFAULTS: Readonly<ThpPolicyConfig> = {
  kind: 'none',
  interval_ms: 1000,
  threshold_pct: 10,
  per_wake: 64,
};

/** No target-selection program runs (thp/target-agent.ts). */
export const AGENT_DEFAULTS: Readonly<TargetAgentConfig> = {
  kind: 'none',
  scheme: 0,
  interval_ms: 1000,
  sample_period: 1024,
  sparse_pct: 10,
};

/** PMD size inherits the top-level setting; every mTHP size is off. */
export const HUGEPAGES_DEFAULTS: Readonly<Record<MthpSize, MthpEnabled>> = {
  '16kB': 'never',
  '32kB': 'never',
  '64kB': 'never',
  '128kB': 'never',
  '256kB': 'never',
  '512kB': 'never',
  '1024kB': 'never',
  '2048kB': 'inherit',
};

/** A THP config with the kernel defaults under a top-level `enabled`. */
export function thpConfig(enabled: ThpEnabled, over: Partial<ThpConfig> = {}): ThpConfig {
  return {
    enabled,
    hugepages: { ...HUGEPAGES_DEFAULTS, ...over.hugepages },
    khugepaged: { ...KHUGEPAGED_DEFAULTS, ...over.khugepaged },
    policy: { ...POLICY_DEFAULTS, ...over.policy },
  };
}
