/**
 * The TLB panel's numbers, derived from two consecutive stats summaries. Rates use the change
 * between them (what the TLB does now); before there are two, the run's totals.
 */
import type { SimStats } from '../../../engine/report';

export interface ReachBar {
  id: 'l1_4k' | 'l1_2m' | 'l2_4k' | 'l2_2m';
  label: string;
  bytes: number;
  title: string;
}

export interface TlbSummary {
  /** Fraction of L1 dTLB lookups that hit. NaN before any lookup. */
  l1HitRate: number;
  /** Fraction of STLB lookups (L1 misses) that hit. */
  l2HitRate: number;
  /** Page walks per simulated second. */
  walksPerSec: number;
  flushes: number;
  shootdowns: number;
  workingSetBytes: number;
  reach: ReachBar[];
  /** true when the rates cover only the latest interval, false for whole-run totals. */
  recent: boolean;
}

const rate = (hits: number, misses: number) => (hits + misses > 0 ? hits / (hits + misses) : NaN);

export function tlbSummary(cur: SimStats, prev: SimStats | null): TlbSummary {
  const base = prev && prev.nowUs < cur.nowUs ? prev : null;
  const d = (f: (s: SimStats) => number) => f(cur) - (base ? f(base) : 0);
  const seconds = (cur.nowUs - (base?.nowUs ?? 0)) / 1e6;
  const t = cur.tlb;
  return {
    l1HitRate: rate(
      d((s) => s.tlb.l1.hits),
      d((s) => s.tlb.l1.misses),
    ),
    l2HitRate: rate(
      d((s) => s.tlb.l2.hits),
      d((s) => s.tlb.l2.misses),
    ),
    walksPerSec: seconds > 0 ? d((s) => s.tlb.walks) / seconds : NaN,
    flushes: t.flushes,
    shootdowns: t.shootdowns,
    workingSetBytes: cur.workingSetBytes,
    recent: base !== null,
    reach: [
      {
        id: 'l1_4k',
        label: 'L1 dTLB · 4K',
        bytes: t.reach.l1_4k,
        title: 'L1 dTLB entries for 4 KiB pages × 4 KiB',
      },
      {
        id: 'l1_2m',
        label: 'L1 dTLB · 2M',
        bytes: t.reach.l1_2m,
        title: 'L1 dTLB entries for 2 MiB pages × 2 MiB',
      },
      {
        id: 'l2_4k',
        label: 'STLB · 4K',
        bytes: t.reach.l2_4k,
        title: 'second-level TLB (STLB) entries × 4 KiB',
      },
      {
        id: 'l2_2m',
        label: 'STLB · 2M',
        bytes: t.reach.l2_2m,
        title: 'STLB entries usable for 2 MiB pages × 2 MiB (0 if the STLB holds 4 KiB only)',
      },
    ],
  };
}
