/**
 * The limits a scenario must stay inside. They keep a shared link from asking the browser for
 * more memory or time than a tab has, and they mirror what the engine itself refuses
 * (MAX_PROCESSES, the per-process VA window, power-of-two TLB sets).
 */
import { MAX_PROCESSES, MAX_TLB_ENTRIES, MAX_TLB_WAYS, VA_WINDOW_SIZE } from '../engine/config';

export const MAX_CPUS = 64;
export const MAX_NODES = 8;
export { MAX_PROCESSES };
/** Threads across all processes. */
export const MAX_THREADS = 64;
/**
 * VMAs across all processes plus address-space events (mmap, munmap, mprotect, madvise):
 * the engine budgets them together, since each event may add a VMA or split one.
 */
export const MAX_VMAS = 1000;
export const MAX_EVENTS = MAX_VMAS;
/** Sum of all nodes' memory (64 GiB): the most the simulation can ever hold resident. */
export const MAX_TOTAL_MEM_MIB = 64 * 1024;
/** Each process's VMAs lie in [vaBase, vaBase + VA_WINDOW_SIZE): 1 TiB of VA. */
export { VA_WINDOW_SIZE };
/** End of the x86-64 4-level (47-bit) user address space: TASK_SIZE_MAX rounded up. */
export const USER_VA_END = 2 ** 47;

export const MAX_RATE_PER_MS = 1e6;
export const MAX_ZIPF_S = 4;
export const MIN_TRUTH_INTERVAL_US = 1000;
export const MAX_TRUTH_INTERVAL_US = 10_000_000;
export const MIN_TRUTH_COLUMNS = 64;
export const MAX_TRUTH_COLUMNS = 4096;
/** Largest TLB level accepted, and its most ways (engine/config.ts says why). */
export { MAX_TLB_ENTRIES, MAX_TLB_WAYS };

export const MAX_NAME_LENGTH = 64;
export const MAX_SCENARIO_NAME_LENGTH = 80;
export const MAX_DESCRIPTION_LENGTH = 4000;
