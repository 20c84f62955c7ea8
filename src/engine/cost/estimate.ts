/**
 * The cost model: from a config alone, before anything runs, an upper estimate of what the run
 * asks of the host — wall time per simulated second, time to set up, and memory. The scenario
 * layer refuses a config over the limits with a message naming the expensive part, so no
 * link can hang a tab or exhaust its memory.
 *
 * Each figure is a sum of parts (the threads' accesses, TLB flushes, DAMON, ground truth,
 * page tables, ...), every part an upper bound built from host-costs.ts:
 *
 *   time per simulated s = sum over parts of (events per simulated s) x (ns per event)
 *   memory               = base + frames + page tables (bounded by address space and RAM)
 *                          + TLBs + DAMON regions and snapshots + heatmap rows
 */
import type { SimConfig } from '../config';
import type { CostPart } from './cost-part';
import { memoryParts } from './memory-parts';
import { setupParts, timeParts } from './time-parts';

export type { CostPart };

/** Wall time may run at most this many times slower than simulated time. */
export const MAX_SLOWDOWN = 100;
/** Host memory one run may need. */
export const MAX_HOST_BYTES = 2 * 1024 ** 3;
/** Host time the set-up (mmap, populate, DAMON init) may take. */
export const MAX_SETUP_NS = 20e9;

export interface CostEstimate {
  /** Host ns per simulated second: the slowdown against real time, times 1e9. */
  nsPerSimSecond: number;
  setupNs: number;
  bytes: number;
  time: CostPart[];
  setup: CostPart[];
  memory: CostPart[];
}

const sum = (parts: CostPart[]): number => parts.reduce((s, p) => s + p.amount, 0);

/** Upper estimates of the host time and memory a run of `c` needs. Never throws on a valid config. */
export function estimateCost(c: SimConfig): CostEstimate {
  const time = timeParts(c);
  const setup = setupParts(c);
  const memory = memoryParts(c);
  return {
    nsPerSimSecond: sum(time),
    setupNs: sum(setup),
    bytes: sum(memory),
    time,
    setup,
    memory,
  };
}
