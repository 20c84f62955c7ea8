/**
 * The TLB panel's numbers, derived from two consecutive stats summaries. Rates use the change
 * between them (what the TLB does now); before there are two, the run's totals.
 */
import type { SimStats } from '../../../engine/report';

export interface ReachBar {
  id: 'l1_4k' | 'l1_2m' | 'l2_4k' | 'l2_2m';
  label: string;
  /** Reach: entries × pageBytes. */
  bytes: number;
  entries: number;
  pageBytes: number;
  /**
   * Entries of this page size valid now, over all CPUs (the STLB's only; null for the L1
   * arrays, which the stats do not count).
   */
  validEntries: number | null;
  /** The level's entries also hold the other page size (a unified STLB). */
  shared: boolean;
  title: string;
  /**
   * The reach is at least the working set and memory of its page size is mapped: a 2 MiB
   * level covers nothing while no THP is mapped, a 4 KiB one nothing while all of it is THP.
   */
  covers: boolean;
  /** No memory of this page size is mapped: the level's entries are not used. */
  unused: boolean;
}

export interface TlbSummary {
  /** Fraction of L1 dTLB lookups that hit. NaN before any lookup. */
  l1HitRate: number;
  /** Fraction of STLB lookups (L1 misses) that hit. */
  l2HitRate: number;
  /** Page walks per memory access (L1 and STLB both missed). NaN before any access. */
  walksPerAccess: number;
  /** Page walks per simulated second. */
  walksPerSec: number;
  flushes: number;
  shootdowns: number;
  workingSetBytes: number;
  reach: ReachBar[];
  /** Bytes mapped by 2 MiB pages (THP). */
  thpBytes: number;
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
    walksPerAccess: d((s) => s.accesses) > 0 ? d((s) => s.tlb.walks) / d((s) => s.accesses) : NaN,
    flushes: t.flushes,
    shootdowns: t.shootdowns,
    workingSetBytes: cur.workingSetBytes,
    recent: base !== null,
    thpBytes: cur.thpBytes,
    reach: reachBars(cur),
  };
}

type BarSpec = Pick<ReachBar, 'id' | 'label' | 'title' | 'pageBytes'>;

const KiB4 = 4096;
const MiB2 = 2 * 1024 * 1024;

const BARS: readonly BarSpec[] = [
  {
    id: 'l1_4k',
    pageBytes: KiB4,
    label: 'L1 dTLB · 4K',
    title: 'L1 dTLB entries for 4 KiB pages × 4 KiB (per CPU)',
  },
  {
    id: 'l1_2m',
    pageBytes: MiB2,
    label: 'L1 dTLB · 2M',
    title: 'L1 dTLB entries for 2 MiB pages × 2 MiB (per CPU)',
  },
  {
    id: 'l2_4k',
    pageBytes: KiB4,
    label: 'STLB · 4K',
    title: 'second-level TLB (STLB) entries × 4 KiB (per CPU)',
  },
  {
    id: 'l2_2m',
    pageBytes: MiB2,
    label: 'STLB · 2M',
    title: 'STLB entries usable for 2 MiB pages × 2 MiB (per CPU; 0 if the STLB holds 4 KiB only)',
  },
];

/** Each TLB level's reach, and whether it covers the working set (see ReachBar.covers). */
export function reachBars(
  s: Pick<SimStats, 'tlb' | 'workingSetBytes' | 'residentBytes' | 'thpBytes'>,
): ReachBar[] {
  const ws = s.workingSetBytes;
  const mapped2m = s.thpBytes > 0;
  const mapped4k = s.residentBytes > s.thpBytes;
  const { reach } = s.tlb;
  const unified = reach.l2_2m > 0;
  return BARS.map((b) => {
    const bytes = reach[b.id];
    const huge = b.pageBytes === MiB2;
    const stlb = b.id.startsWith('l2');
    const unused = !(huge ? mapped2m : mapped4k);
    const covers = ws > 0 && bytes >= ws && !unused;
    const note = huge && !mapped2m ? ' (nothing is THP-mapped, so no translation uses them)' : '';
    const validEntries = stlb ? ((huge ? s.tlb.l2Valid2m : s.tlb.l2Valid4k) ?? 0) : null;
    return {
      ...b,
      bytes,
      entries: Math.round(bytes / b.pageBytes),
      validEntries,
      shared: stlb && unified,
      covers,
      unused,
      title: `${b.title}${note}`,
    };
  });
}
