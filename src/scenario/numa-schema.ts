/**
 * The `numa` section of a scenario: node distances and the access latency they scale,
 * kernel.numa_balancing with the debugfs knobs of sched/numa_balancing/ under their kernel
 * names and defaults, and who handles a fault on a PROT_NONE entry (the routing between NUMA
 * balancing's and DAMON's handlers that "[RFC v2 5/7] mm/memory: implement MM_CP_DAMON"
 * introduces). What relates it to the machine, DAMON and the events is checked in
 * numa-checks.ts.
 */
import { NUMA_DEFAULTS, numaConfig } from '../engine/numa/defaults';
import { z } from 'zod';
import type { FaultRouting, NumaBalancingMode, NumaConfig } from '../engine/config';
import { LOCAL_DISTANCE, REMOTE_DISTANCE } from '../engine/numa/topology';
import { bounded, whole } from './fields';
import { MAX_NODES, MAX_TOTAL_MEM_MIB } from './limits';
import { strictObject } from './strict-object';

/** LOCAL_DISTANCE (a node to itself) and REMOTE_DISTANCE (any other node without a SLIT). */
export { LOCAL_DISTANCE, REMOTE_DISTANCE };
/** The largest SLIT entry for a reachable node: 255 means "unreachable". */
export const MAX_DISTANCE = 254;

/**
 * The defaults: the kernel's for every knob it has (kernel/sched/fair.c, sysctl
 * numa_balancing_promote_rate_limit_MBps), NUMA balancing off (kernel.numa_balancing 0, as
 * on a kernel booted without numa_balancing=enable), the routing every release has, and a
 * 100 ns local access.
 */
/** The kernel's defaults, as the engine defines them (engine/numa/defaults.ts). */
export { NUMA_DEFAULTS };

/** A fresh copy of NUMA_DEFAULTS (its distance list is one's own to edit). */
export function numaDefaults(): NumaConfig {
  return numaConfig();
}

/** kernel.numa_balancing's values and the kernel's names for them (a bitmask). */
export const NUMA_BALANCING_MODES: readonly { mode: NumaBalancingMode; name: string }[] = [
  { mode: 0, name: 'disabled' },
  { mode: 1, name: 'NUMA_BALANCING_NORMAL' },
  { mode: 2, name: 'NUMA_BALANCING_MEMORY_TIERING' },
  { mode: 3, name: 'NUMA_BALANCING_NORMAL | NUMA_BALANCING_MEMORY_TIERING' },
];

export const FAULT_ROUTINGS = ['mainline', 'rfc-v2', 'owner'] as const satisfies FaultRouting[];

const HOUR_MS = 3_600_000;

/** kernel.numa_balancing, in the scenario and in a `numa_balancing` event. */
export const balancingSchema = z.literal([0, 1, 2, 3], {
  error:
    'must be 0 (disabled), 1 (NUMA_BALANCING_NORMAL), 2 (NUMA_BALANCING_MEMORY_TIERING) or ' +
    '3 (both)',
});

/**
 * One SLIT entry. Its range depends on its place (10 on the diagonal, 11 .. 254 elsewhere),
 * and the matrix's size on the machine's nodes: numa-checks.ts checks both, with the message
 * for each place.
 */
const distanceEntry = z.int({
  error: 'must be a whole number (a SLIT distance: 10 local, 11 .. 254 remote)',
});

/** Who handles a PROT_NONE fault, in the scenario and in a `fault_routing` event. */
export const faultRoutingSchema = z.enum(FAULT_ROUTINGS, {
  error: "must be 'mainline', 'rfc-v2' or 'owner'",
});

export const NumaSchema = strictObject({
  distance: bounded(
    MAX_NODES,
    `at most ${MAX_NODES} rows (one per NUMA node)`,
    z.array(
      bounded(
        MAX_NODES,
        `at most ${MAX_NODES} distances (one per NUMA node)`,
        z.array(distanceEntry),
        "must be a list of this node's distances to each node",
      ),
    ),
    'must be [] (10 local, 20 remote) or one list of distances per node',
  ).default(() => []),
  // 0: no access latency at all, how links made before version 4 replay
  local_latency_ns: whole(0, 10_000, ' ns').default(NUMA_DEFAULTS.local_latency_ns),
  balancing: balancingSchema.default(NUMA_DEFAULTS.balancing),
  // The kernel's debugfs takes 0 for scan_delay_ms, hot_threshold_ms and the rate limit; the
  // engine's validateConfig wants them positive, so 0 is refused here too.
  scan_delay_ms: whole(1, HOUR_MS, ' ms').default(NUMA_DEFAULTS.scan_delay_ms),
  scan_period_min_ms: whole(1, HOUR_MS, ' ms').default(NUMA_DEFAULTS.scan_period_min_ms),
  scan_period_max_ms: whole(1, HOUR_MS, ' ms').default(NUMA_DEFAULTS.scan_period_max_ms),
  // task_numa_work() returns at once when scan_size_mb is 0: no PTE would ever be made PROT_NONE
  scan_size_mb: z
    .int({ error: 'must be a whole number of MiB' })
    .min(1, 'must be at least 1 MiB (with 0, task_numa_work() scans nothing)')
    .max(MAX_TOTAL_MEM_MIB, `must be at most ${MAX_TOTAL_MEM_MIB} MiB (all the memory there is)`)
    .default(NUMA_DEFAULTS.scan_size_mb),
  hot_threshold_ms: whole(1, HOUR_MS, ' ms').default(NUMA_DEFAULTS.hot_threshold_ms),
  // an int (proc_dointvec_minmax)
  promote_rate_limit_MBps: whole(1, 0x7fff_ffff, ' MB/s').default(
    NUMA_DEFAULTS.promote_rate_limit_MBps,
  ),
  routing: faultRoutingSchema.default(NUMA_DEFAULTS.routing),
  config_damon: z.boolean({ error: 'must be true or false' }).default(NUMA_DEFAULTS.config_damon),
}).superRefine((n, ctx) => {
  if (n.scan_period_min_ms > n.scan_period_max_ms)
    ctx.addIssue({
      code: 'custom',
      path: ['scan_period_max_ms'],
      message:
        `must be at least scan_period_min_ms (${n.scan_period_min_ms} ms): the scan period ` +
        'adapts between the two',
    });
}) satisfies z.ZodType<NumaConfig>;
