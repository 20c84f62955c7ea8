/**
 * The scoreboard table's columns: what each shows of a run's PolicyScore, how it is written,
 * its tooltip in the kernel's names, and which way is better, so the best value per column can
 * be marked. Pure.
 */
import type { PolicyScore } from '../../../engine/thp/score';
import { formatBytes, formatCount } from '../../format';

/** Which value of a column is the best one; null: neither (the column is context). */
export type Better = 'lower' | 'higher' | null;

export interface ScoreColumn {
  id: string;
  /** The header, short. */
  header: string;
  /** What the figure is, with the kernel's names for it, and which way is better. */
  tip: string;
  value(score: PolicyScore): number;
  format(value: number): string;
  better: Better;
  /** More about one cell (for its tooltip), e.g. the total a figure is part of. */
  detail?(score: PolicyScore): string;
}

/** Walks per 1000 accesses: one decimal below 100, whole numbers above. */
export function formatPer1000(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return v < 100 ? v.toFixed(1) : v.toFixed(0);
}

/** Bytes in binary units; a plain 0 for none, as the counts are written. */
export function formatSize(v: number): string {
  return v === 0 ? '0' : formatBytes(v);
}
const bytes = formatSize;

const LOWER = 'Lower is better.';
const WORK = 'Lower is less work for the kernel.';

export const SCORE_COLUMNS: readonly ScoreColumn[] = [
  {
    id: 'walks',
    header: 'TLB walks /1000',
    tip:
      'STLB misses that walked the page table, per 1000 accesses, over the whole run ' +
      '(perf: dtlb_load_misses.walk_completed + dtlb_store_misses.walk_completed). ' +
      LOWER,
    value: (s) => s.walksPer1000,
    format: formatPer1000,
    better: 'lower',
    detail: (s) => `L1 dTLB misses: ${formatPer1000(s.l1MissesPer1000)} per 1000 accesses`,
  },
  {
    id: 'reach',
    header: 'TLB reach',
    tip:
      'Bytes the valid STLB entries of all CPUs translate, 4 KiB entries × 4 KiB + 2 MiB ' +
      'entries × 2 MiB, the mean of one sample per simulated millisecond (taken after the ' +
      "step's accesses, so a context switch's flush does not read as 0). Higher is better.",
    value: (s) => s.tlbReachBytes,
    format: bytes,
    better: 'higher',
    detail: (s) =>
      `at the end: ${bytes(s.tlbReachNowBytes)}; working set of the last interval: ` +
      bytes(s.workingSetBytes),
  },
  {
    id: 'resident',
    header: 'Resident',
    tip:
      'Rss at the end (smaps Rss, VmRSS in /proc/<pid>/status). Huge pages can fault in ' +
      `memory the program never touches. ${LOWER}`,
    value: (s) => s.residentBytes,
    format: bytes,
    better: 'lower',
  },
  {
    id: 'thp',
    header: 'THP',
    tip:
      'smaps AnonHugePages at the end: memory mapped by PMD-sized THPs. Not better either ' +
      'way by itself: it buys TLB reach and can cost bloat and hidden cold memory.',
    value: (s) => s.thpBytes,
    format: bytes,
    better: null,
    detail: (s) => `thp_fault_alloc: ${formatCount(s.thpFaultAlloc)}`,
  },
  {
    id: 'bloat',
    header: 'Collapse bloat',
    tip:
      'Memory collapses allocated for none or zero-page PTEs (khugepaged up to max_ptes_none, ' +
      `MADV_COLLAPSE, DAMOS_COLLAPSE). ${LOWER}`,
    value: (s) => s.collapseBloatBytes,
    format: bytes,
    better: 'lower',
  },
  {
    id: 'hidden',
    header: 'Hidden cold',
    tip:
      'Never-accessed sub-pages inside large folios that DAMON read as accessed (seed 002’s ' +
      `T2), in the last finished truth interval. ${LOWER}`,
    value: (s) => s.hiddenColdBytes,
    format: bytes,
    better: 'lower',
    detail: (s) => `cold in large folios, all: ${bytes(s.coldInLargeFoliosBytes)}`,
  },
  {
    id: 'faults',
    header: 'Page faults',
    tip: `pgfault in /proc/vmstat over the run (a THP fault maps 2 MiB at once). ${LOWER}`,
    value: (s) => s.pgfault,
    format: formatCount,
    better: 'lower',
    detail: (s) => `thp_fault_alloc: ${formatCount(s.thpFaultAlloc)}`,
  },
  {
    id: 'khugepaged',
    header: 'khugepaged collapses',
    tip:
      'khugepaged/pages_collapsed (/sys/kernel/mm/transparent_hugepage/khugepaged): each ' +
      `copies up to 2 MiB. ${WORK}`,
    value: (s) => s.khugepagedCollapses,
    format: formatCount,
    better: 'lower',
    detail: (s) =>
      `khugepaged pages_scanned: ${formatCount(s.khugepagedPagesScanned)}; collapses by anyone ` +
      `(khugepaged, MADV_COLLAPSE, DAMOS, policy daemons): ${formatCount(s.collapses)}`,
  },
  {
    id: 'damos',
    header: 'DAMOS applied',
    tip:
      'The schemes’ sz_applied summed (…/kdamonds/<N>/contexts/<N>/schemes/<N>/stats/' +
      `sz_applied): bytes DAMOS acted on. ${WORK}`,
    value: (s) => s.damosBytesApplied,
    format: bytes,
    better: 'lower',
  },
  {
    id: 'splits',
    header: 'Splits',
    tip:
      'Large folios split, all orders (thp_split_page in /proc/vmstat, ' +
      `hugepages-<size>kB/stats/split). ${WORK}`,
    value: (s) => s.splits,
    format: formatCount,
    better: 'lower',
  },
  {
    id: 'pingpong',
    header: 'Ping-pong',
    tip:
      'Split → re-collapse cycles of one range (khugepaged undoing DAMOS_SPLIT): the ' +
      `simulator’s count, the kernel has no counter for it. ${LOWER}`,
    value: (s) => s.pingPong,
    format: formatCount,
    better: 'lower',
  },
];

/** Two figures the same for marking (sums of floats may differ in the last bits). */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Which of `values` (null: no result yet) are the column's best: the lowest or highest; none
 * when the column has no direction, fewer than two results are in, or all results are equal
 * (then nothing stands out).
 */
export function bestOf(values: readonly (number | null)[], better: Better): boolean[] {
  const none = values.map(() => false);
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (better === null || known.length < 2) return none;
  const best = better === 'lower' ? Math.min(...known) : Math.max(...known);
  if (known.every((v) => same(v, best))) return none;
  return values.map((v) => v !== null && same(v, best));
}
