/**
 * The sub-page view's words and numbers, in the kernel's names: folio sizes as the
 * hugepages-<size>kB directories name them, the histogram's bars and its "< 10 %" share,
 * why nothing is drawn, what a tooltip says about a folio, and a history event as a line.
 */
import type { ThpEvent } from '../../../engine/thp/thp-log';
import type { VmaInfo } from '../../../engine/report';
import { FRACTION_BUCKETS, MTHP_MIN_ORDER, PMD_ORDER, type ThpCensusSummary } from '../../../store';
import { formatBytes, formatPercent, formatSeconds, hex } from '../../format';

const PAGE_SIZE = 4096;

/** Bytes of a folio of `order`. */
export const folioBytes = (order: number): number => PAGE_SIZE * 2 ** order;

/** The sysfs directory of an order: `hugepages-2048kB`. */
export function hugepagesDir(order: number): string {
  return `hugepages-${folioBytes(order) / 1024}kB`;
}

/** "THP" for the PMD order, "mTHP" below it. */
export function folioKind(order: number): string {
  return order >= PMD_ORDER ? 'THP' : 'mTHP';
}

/** One bar of "fraction of sub-pages accessed per folio". */
export interface HistBar {
  /** [lo, hi) as fractions; the last bucket includes 1. */
  lo: number;
  hi: number;
  thp: number;
  mthp: number;
}

export function histBars(s: ThpCensusSummary): HistBar[] {
  return Array.from({ length: FRACTION_BUCKETS }, (_, b) => ({
    lo: b / FRACTION_BUCKETS,
    hi: (b + 1) / FRACTION_BUCKETS,
    thp: s.thpHist[b] ?? 0,
    mthp: s.mthpHist[b] ?? 0,
  }));
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Share of the folios in `hist` with < 10 % of their sub-pages accessed (NaN: none). */
export function underTenShare(hist: readonly number[]): number {
  const n = sum(hist);
  return n > 0 ? (hist[0] ?? 0) / n : NaN;
}

/** Per order with folios mapped, high to low: `hugepages-2048kB nr_anon 128`. */
export function nrAnonRows(s: ThpCensusSummary): { order: number; dir: string; nrAnon: number }[] {
  const rows = [];
  for (let o = PMD_ORDER; o >= MTHP_MIN_ORDER; o--) {
    const nrAnon = s.nrAnon[o] ?? 0;
    if (nrAnon > 0) rows.push({ order: o, dir: hugepagesDir(o), nrAnon });
  }
  return rows;
}

/** /sys/kernel/mm/transparent_hugepage/ as far as the empty state needs it. */
export interface ThpSettings {
  enabled: 'always' | 'madvise' | 'never';
  /** hugepages-<size>kB/enabled per size; absent: only the top-level switch. */
  hugepages?: Readonly<Record<string, 'always' | 'inherit' | 'madvise' | 'never'>>;
}

/** The most any size may do: 'always', 'madvise' (only in MADV_HUGEPAGE VMAs) or 'never'. */
export function thpReach(thp: ThpSettings): 'always' | 'madvise' | 'never' {
  const sizes = Object.values(thp.hugepages ?? {}).map((v) => (v === 'inherit' ? thp.enabled : v));
  const all = thp.hugepages ? sizes : [thp.enabled];
  if (all.includes('always')) return 'always';
  return all.includes('madvise') ? 'madvise' : 'never';
}

/** Why the grid is empty, in a sentence; null when there is something to draw. */
export function emptyReason(opts: {
  summary: ThpCensusSummary | null;
  thp: ThpSettings | undefined;
  vmas: readonly VmaInfo[];
  truthIntervalUs: number;
}): string | null {
  const { summary, thp, vmas } = opts;
  if (!summary) {
    const every = opts.truthIntervalUs > 0 ? ` (every ${formatSeconds(opts.truthIntervalUs)})` : '';
    return (
      `The census is taken at the end of each ground-truth interval${every} while this panel is ` +
      'open; none has been taken since it opened. Play or step the simulation.'
    );
  }
  if (summary.total > 0) return null;
  const reach = thp ? thpReach(thp) : 'always';
  if (reach === 'never') {
    return (
      'No large folios: THP is disabled (transparent_hugepage/enabled and every ' +
      'hugepages-<size>kB/enabled are never), so every page is 4 KiB.'
    );
  }
  if (reach === 'madvise' && !vmas.some((v) => v.thp === 'hugepage')) {
    return (
      'No large folios: THP is madvise-only and no VMA has MADV_HUGEPAGE, so every fault ' +
      'maps a 4 KiB page.'
    );
  }
  return 'No large folios are mapped yet: nothing has faulted in a THP-eligible, aligned range.';
}

/** The folio facts a tooltip lists. */
export interface FolioFacts {
  process: number;
  addr: number;
  order: number;
  pmdMapped: boolean;
  touched: number;
  /** -1: not monitored. */
  damonNr: number;
  damonMax: number;
  /** The VMA holding it, if known. */
  vma?: string;
  /** The sub-page under the pointer and whether it was accessed; omitted when none. */
  subpage?: { index: number; accessed: boolean };
}

export interface FolioText {
  title: string;
  range: string;
  /** The mm (process index) and VMA it is mapped in. */
  where: string;
  mapping: string;
  accessed: string;
  damon: string;
  subpage: string | null;
  /** DAMON reads it accessed while < 10 % of it was: the T2 blind spot. */
  readHotSparse: boolean;
}

export function folioText(f: FolioFacts): FolioText {
  const n = 2 ** f.order;
  const end = f.addr + folioBytes(f.order);
  const sparse = f.touched * FRACTION_BUCKETS < n;
  return {
    title: `${folioKind(f.order)} ${formatBytes(folioBytes(f.order))} · order ${f.order}`,
    range: `${hex(f.addr)}-${hex(end)}`,
    where: `process ${f.process}${f.vma ? ` · VMA ${f.vma}` : ''}`,
    mapping: f.pmdMapped
      ? 'PMD-mapped: one huge PMD, one TLB entry'
      : `PTE-mapped: ${n} PTEs, ${n} TLB entries on x86`,
    accessed: `sub-pages accessed ${f.touched}/${n} (${formatPercent(f.touched / n)})`,
    damon:
      f.damonNr < 0
        ? 'DAMON: not monitored'
        : `DAMON nr_accesses ${f.damonNr}/${f.damonMax} for its region`,
    subpage: f.subpage
      ? `sub-page ${f.subpage.index} (${hex(f.addr + f.subpage.index * PAGE_SIZE)}): ${
          f.subpage.accessed ? 'accessed' : 'not accessed'
        }`
      : null,
    readHotSparse: f.damonNr > 0 && sparse,
  };
}

/** One history event as table cells. */
export interface EventRow {
  time: string;
  event: string;
  actor: string;
  reason: string;
}

const ACTOR: Record<ThpEvent['actor'], string> = {
  fault: 'page fault',
  khugepaged: 'khugepaged',
  madvise: 'MADV_COLLAPSE',
  damos: 'DAMOS',
  munmap: 'munmap',
  mprotect: 'mprotect',
  reclaim: 'reclaim',
  madv_cold: 'MADV_COLD',
  deferred_split: 'deferred split shrinker',
  ingens: 'Ingens policy',
  hawkeye: 'HawkEye policy',
  memtis: 'Memtis policy',
};

export function eventRow(e: ThpEvent): EventRow {
  const size = (o: number) => formatBytes(folioBytes(o));
  const event =
    e.kind === 'split'
      ? `split ${size(e.fromOrder)} → ${e.order > 0 ? size(e.order) : '4 KiB pages'}`
      : e.kind === 'collapse_fail'
        ? `collapse to ${size(e.order)} failed`
        : `${e.kind} ${size(e.order)}`;
  const actor = e.actor === 'damos' && e.scheme >= 0 ? `DAMOS scheme ${e.scheme}` : ACTOR[e.actor];
  return { time: formatSeconds(e.atUs), event, actor: actor ?? e.actor, reason: e.reason || '–' };
}
