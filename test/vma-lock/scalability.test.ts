/** The fault-scalability model: queueing behaviour, and the seed's figures kept as data. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCALABILITY,
  faultScalability,
  mvaThroughput,
  SEED_003_FAULTS_PER_SEC,
} from '../../src/engine/vma-lock';

describe('fault scalability model', () => {
  it('MVA: one thread is 1 / (think + demand); many threads saturate at 1 / max demand', () => {
    expect(mvaThroughput(1, 2, [0.5])).toBeCloseTo(1e6 / 2.5, 6);
    expect(mvaThroughput(500, 2, [0.5, 0.1])).toBeCloseTo(2e6, -3);
  });

  it('per-VMA locks scale past mmap_lock; vm_refcnt is never below pre-6.15', () => {
    const pts = faultScalability([1, 12, 56]);
    expect(pts[0]!.vmRefcnt).toBeGreaterThan(pts[0]!.mmapLock);
    for (const p of pts) expect(p.vmRefcnt).toBeGreaterThanOrEqual(p.pre615);
    expect(pts[2]!.mmapLock).toBeLessThan(1e6 / (2 * DEFAULT_SCALABILITY.lineTransferUs) + 1);
    expect(pts[2]!.vmRefcnt / pts[2]!.mmapLock).toBeGreaterThan(2);
  });

  it('keeps the seed 003 table as published (+10..15% from 21 threads)', () => {
    expect(SEED_003_FAULTS_PER_SEC.map((p) => p.threads)).toEqual([1, 4, 7, 12, 21, 30, 48, 56]);
    const gain = (t: number) => {
      const p = SEED_003_FAULTS_PER_SEC.find((x) => x.threads === t)!;
      return p.after / p.before - 1;
    };
    expect(gain(21)).toBeCloseTo(0.1477, 3);
    expect(gain(56)).toBeCloseTo(0.1085, 3);
  });
});
