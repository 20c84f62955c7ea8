/**
 * The kernel's NUMA-balancing defaults (debugfs sched/numa_balancing/ and the sysctls, as
 * kernel/sched/fair.c initialises them) and the model's own: a 100 ns local access, the
 * SLIT from the topology (10 local, 20 remote), mainline fault routing, CONFIG_DAMON=y.
 */
import type { NumaConfig } from '../config';

export const NUMA_DEFAULTS: Readonly<NumaConfig> = Object.freeze({
  distance: [],
  local_latency_ns: 100,
  balancing: 0,
  scan_delay_ms: 1000,
  scan_period_min_ms: 1000,
  scan_period_max_ms: 60000,
  scan_size_mb: 256,
  hot_threshold_ms: 1000,
  promote_rate_limit_MBps: 65536,
  routing: 'mainline',
  config_damon: true,
});

/** A fresh, editable copy. */
export function numaConfig(over: Partial<NumaConfig> = {}): NumaConfig {
  return { ...NUMA_DEFAULTS, distance: [], ...over };
}
