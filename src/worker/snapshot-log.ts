/**
 * The worker's record of DAMON snapshots, for `damo record` downloads: the newest
 * MAX_LOGGED_AGGREGATIONS aggregations (one snapshot per target each), and never more than
 * MAX_LOGGED_REGIONS regions in all, so a run with many small regions stays within memory.
 */
import type { DamonSnapshot } from '../engine/report';

/** 20,000 aggregations of 100 ms are the last 33 minutes of simulated time. */
export const MAX_LOGGED_AGGREGATIONS = 20_000;
/** 24 bytes per region: about 48 MB at most. */
export const MAX_LOGGED_REGIONS = 2_000_000;

export class SnapshotLog {
  private snaps: DamonSnapshot[] = [];
  private head = 0;
  private aggregations = 0;
  private regions = 0;

  constructor(
    readonly maxAggregations = MAX_LOGGED_AGGREGATIONS,
    readonly maxRegions = MAX_LOGGED_REGIONS,
  ) {}

  /** Aggregations held. */
  get size(): number {
    return this.aggregations;
  }

  clear(): void {
    this.snaps = [];
    this.head = 0;
    this.aggregations = 0;
    this.regions = 0;
  }

  /** Append snapshots in time order; the snapshots of one aggregation share `tUs`. */
  push(snaps: readonly DamonSnapshot[]): void {
    for (const s of snaps) {
      const last = this.snaps.length > this.head ? this.snaps[this.snaps.length - 1] : undefined;
      if (last?.tUs !== s.tUs) this.aggregations++;
      this.snaps.push(s);
      this.regions += s.nrAccesses.length;
    }
    while (this.aggregations > this.maxAggregations || this.regions > this.maxRegions) {
      if (!this.dropOldestAggregation()) break;
    }
    if (this.head > 1024 && this.head * 2 > this.snaps.length) {
      this.snaps = this.snaps.slice(this.head);
      this.head = 0;
    }
  }

  /** Every snapshot held, oldest first. */
  all(): DamonSnapshot[] {
    return this.snaps.slice(this.head);
  }

  private dropOldestAggregation(): boolean {
    const first = this.snaps[this.head];
    if (!first || this.aggregations <= 1) return false;
    while (this.head < this.snaps.length && this.snaps[this.head]!.tUs === first.tUs) {
      this.regions -= this.snaps[this.head]!.nrAccesses.length;
      this.head++;
    }
    this.aggregations--;
    return true;
  }
}

/** A copy whose buffers can be transferred while the original stays in the log. */
export function copySnapshot(s: DamonSnapshot): DamonSnapshot {
  return {
    ...s,
    ranges: s.ranges.slice(),
    nrAccesses: s.nrAccesses.slice(),
    age: s.age.slice(),
  };
}
