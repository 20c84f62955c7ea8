/**
 * Small time series for the DAMON side panel's charts, sampled from worker frames: the true
 * working set (SimStats.workingSetBytes, of the last completed truth interval) and every
 * DAMOS scheme's cumulative stats. Held outside React; the charts read it when the throttled
 * summary in the store changes (at most 4 times per second).
 */
import type { DamosStatus } from '../engine/report';

export const SERIES_CAPACITY = 2400;

export interface StatusSample {
  /** Simulated time the values describe, µs. */
  tUs: number;
  /** Bytes the workloads touched in the truth interval ending at tUs. */
  truthWssBytes: number;
  schemes: readonly DamosStatus[];
}

export class StatusSeries {
  private samples: StatusSample[] = [];
  private head = 0;

  constructor(readonly capacity = SERIES_CAPACITY) {}

  get length(): number {
    return this.samples.length - this.head;
  }

  reset(): void {
    this.samples = [];
    this.head = 0;
  }

  /** Add a sample; one at the same time as the newest replaces it, an older one is ignored. */
  push(sample: StatusSample): void {
    const last = this.at(this.length - 1);
    if (last && sample.tUs < last.tUs) return;
    if (last && sample.tUs === last.tUs) this.samples[this.samples.length - 1] = sample;
    else this.samples.push(sample);
    if (this.length > this.capacity) this.head++;
    if (this.head > 1024 && this.head * 2 > this.samples.length) {
      this.samples = this.samples.slice(this.head);
      this.head = 0;
    }
  }

  at(i: number): StatusSample | undefined {
    return i >= 0 && i < this.length ? this.samples[this.head + i] : undefined;
  }

  /** Every sample held, oldest first (a copy). */
  all(): StatusSample[] {
    return this.samples.slice(this.head);
  }
}

/** The app's one series, filled by the client bridge. */
export const statusSeries = new StatusSeries();
