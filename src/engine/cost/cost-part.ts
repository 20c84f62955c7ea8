/** One part of a cost estimate, and the number formats its details use. */

/** Where a part's cost comes from, as a path into the scenario, and what lowers it. */
export interface CostPart {
  /** A short name: 'accesses', 'TLB flushes', 'DAMON sampling', 'page tables', ... */
  what: string;
  /** Path of the field to change (scenario paths: `['processes', 0, 'threads', 1]`). */
  path: (string | number)[];
  /** What to lower, in words. */
  lower: string;
  /** How the figure arises, in words with numbers. */
  detail: string;
  /** Host ns per simulated second, host ns of set-up, or host bytes. */
  amount: number;
}

export const count = (n: number): string => Math.round(n).toLocaleString('en-US');
export const formatKib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
