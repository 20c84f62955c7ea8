/**
 * The STLB reach over time: what the valid second-level entries of all CPUs translate
 * (4 KiB entries × 4 KiB + 2 MiB entries × 2 MiB), sampled every REACH_SAMPLE_US of simulated
 * time after a grid step's accesses and before its events (a context switch without PCID
 * flushes the TLB at a grid point; the step's accesses refill it). The instant figure at the
 * end of a run can hit such a flush and read 0; the mean does not.
 */
import { HPAGE_PMD_SIZE, PAGE_SIZE } from '../config';
import { type Tlb, tlbOccupancy } from './tlb';

export const REACH_SAMPLE_US = 1000;

export class ReachMeter {
  nextSampleUs = REACH_SAMPLE_US;
  samples = 0;
  sumBytes = 0;

  /** Take the samples due by `nowUs` (at most one per call: the state is the same). */
  sample(tlbs: readonly Tlb[], nowUs: number): void {
    if (nowUs < this.nextSampleUs) return;
    this.sumBytes += stlbReachBytes(tlbs);
    this.samples++;
    this.nextSampleUs = (Math.floor(nowUs / REACH_SAMPLE_US) + 1) * REACH_SAMPLE_US;
  }

  meanBytes(): number {
    return this.samples === 0 ? 0 : this.sumBytes / this.samples;
  }
}

/** Bytes the valid STLB entries of all CPUs translate now. */
export function stlbReachBytes(tlbs: readonly Tlb[]): number {
  let reach = 0;
  for (const t of tlbs) {
    const o = tlbOccupancy(t);
    reach += o.l2_4k * PAGE_SIZE + o.l2_2m * HPAGE_PMD_SIZE;
  }
  return reach;
}
