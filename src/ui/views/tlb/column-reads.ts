/**
 * The ground truth and DAMON on the same address columns, for the TLB panel's blind-spot
 * markers: per column, what DAMON would read at its own granularity if no TLB hid an Accessed
 * bit, next to what it did read. Plain arrays in, plain numbers out: no store, no React.
 *
 *   column  |  4 KiB pages: one Accessed bit each  |  THP: one PMD Accessed bit per 2 MiB
 *   truthNr |  damonUnit (page-exact sampler)       |  damonUnit / coverage (any sub-page sets it)
 *   damonNr |  nr_accesses of the regions over the column, weighted by overlap
 */
import type { DamonSnapshot, VmaInfo } from '../../../engine/report';

export const PAGE_SIZE = 4096;
export const HPAGE_PMD_SIZE = 2 * 1024 * 1024;
export const HPAGE_PMD_NR = HPAGE_PMD_SIZE / PAGE_SIZE;

/** The truth over one DAMON aggregation window, on one set of columns. */
export interface TruthWindow {
  /** [start, end, process] per column, flat (TruthRows.colRanges). */
  colRanges: ArrayLike<number>;
  /** nr_accesses an ideal page-exact sampler would report (TruthRows.damonUnit); NaN = unmapped. */
  damonUnit: ArrayLike<number>;
  /** Pages accessed at least once in the window, per column. */
  touchedPages: ArrayLike<number>;
  /** Pages mapped, per column. */
  mappedPages: ArrayLike<number>;
  /** damonUnit's ceiling: aggr_interval / sample_interval of the scenario. */
  maxNrAccesses: number;
}

/** DAMON's newest aggregation: one snapshot per target. */
export interface DamonRead {
  snapshots: readonly Pick<DamonSnapshot, 'process' | 'ranges' | 'nrAccesses'>[];
  /** aggr_interval / sample_interval in force: the most nr_accesses can be. */
  maxNrAccesses: number;
  /** The aggregation window [t0, t1), µs. */
  t0Us: number;
  t1Us: number;
}

export type VmaThp = Pick<VmaInfo, 'process' | 'start' | 'end' | 'residentBytes' | 'thpBytes'>;

/** One column with both readings, on DAMON's scale (0 .. DamonRead.maxNrAccesses). */
export interface ColumnRead {
  mappedPages: number;
  touchedPages: number;
  /** Share of the column's resident memory mapped by PMD-level THPs (its VMAs' thpBytes / residentBytes). */
  thpShare: number;
  /** What DAMON would read with no TLB hiding Accessed bits, at its granularity. */
  truthNr: number;
  /** What DAMON read: overlap-weighted nr_accesses of its regions; NaN where none covers the column. */
  damonNr: number;
}

/**
 * The truth rows overlapping [t0, t1) as one window: damonUnit averaged by overlap, touched
 * pages the most of any row (a lower bound on the union), mapped pages of the newest row.
 * Every row must have the same columns; null when no row overlaps.
 */
export function truthOverWindow(
  rows: readonly {
    t0Us: number;
    t1Us: number;
    damonUnit: ArrayLike<number>;
    touchedPages: ArrayLike<number>;
    mappedPages: ArrayLike<number>;
  }[],
  t0Us: number,
  t1Us: number,
): Omit<TruthWindow, 'colRanges' | 'maxNrAccesses'> | null {
  const used = rows
    .map((r) => ({ r, w: Math.min(r.t1Us, t1Us) - Math.max(r.t0Us, t0Us) }))
    .filter((x) => x.w > 0);
  if (used.length === 0) return null;
  const n = used[0]!.r.damonUnit.length;
  const damonUnit = new Float32Array(n);
  const touchedPages = new Float32Array(n);
  const newest = used.reduce((a, b) => (b.r.t1Us > a.r.t1Us ? b : a)).r;
  for (let c = 0; c < n; c++) {
    let sum = 0;
    let weight = 0;
    let touched = 0;
    for (const { r, w } of used) {
      const u = r.damonUnit[c]!;
      if (Number.isNaN(u)) continue;
      sum += u * w;
      weight += w;
      touched = Math.max(touched, r.touchedPages[c]!);
    }
    damonUnit[c] = weight > 0 ? sum / weight : NaN;
    touchedPages[c] = touched;
  }
  return { damonUnit, touchedPages, mappedPages: Float32Array.from(newest.mappedPages) };
}

/** Both readings per column of `truth` (empty when a scale is unknown). */
export function columnReads(
  truth: TruthWindow,
  damon: DamonRead,
  vmas: readonly VmaThp[],
): ColumnRead[] {
  const out: ColumnRead[] = [];
  if (!(truth.maxNrAccesses > 0 && damon.maxNrAccesses > 0)) return out;
  const scale = damon.maxNrAccesses / truth.maxNrAccesses;
  const n = truth.damonUnit.length;
  for (let c = 0; c < n; c++) {
    const unit = truth.damonUnit[c]!;
    const mapped = truth.mappedPages[c]!;
    if (Number.isNaN(unit) || !(mapped > 0)) continue;
    const start = truth.colRanges[3 * c]!;
    const end = truth.colRanges[3 * c + 1]!;
    const process = truth.colRanges[3 * c + 2]!;
    const touched = Math.min(mapped, truth.touchedPages[c] ?? 0);
    const thpShare = thpShareOf(vmas, process, start, end);
    const coverage = touched / mapped;
    // A PMD's Accessed bit is set by an access to any of its sub-pages: at least as often as
    // the mean touched sub-page is seen.
    const pmdUnit = coverage > 0 ? Math.min(truth.maxNrAccesses, unit / coverage) : 0;
    out.push({
      mappedPages: mapped,
      touchedPages: touched,
      thpShare,
      truthNr: ((1 - thpShare) * unit + thpShare * pmdUnit) * scale,
      damonNr: regionsOver(damon, process, start, end),
    });
  }
  return out;
}

/** Share of [start, end)'s resident memory of `process` that its VMAs map with THPs. */
export function thpShareOf(
  vmas: readonly VmaThp[],
  process: number,
  start: number,
  end: number,
): number {
  let overlap = 0;
  let thp = 0;
  for (const v of vmas) {
    if (v.process !== process || v.residentBytes <= 0) continue;
    const o = Math.min(end, v.end) - Math.max(start, v.start);
    if (o <= 0) continue;
    overlap += o;
    thp += (o * Math.min(v.thpBytes, v.residentBytes)) / v.residentBytes;
  }
  return overlap > 0 ? thp / overlap : 0;
}

/** Overlap-weighted nr_accesses of the regions of `process` over [start, end); NaN if none. */
export function regionsOver(damon: DamonRead, process: number, start: number, end: number): number {
  let sum = 0;
  let covered = 0;
  for (const s of damon.snapshots) {
    if (s.process !== process) continue;
    const r = s.ranges;
    // regions are sorted and disjoint: the first one ending after `start`
    let lo = 0;
    let hi = s.nrAccesses.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (r[2 * mid + 1]! <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < s.nrAccesses.length && r[2 * i]! < end; i++) {
      const o = Math.min(end, r[2 * i + 1]!) - Math.max(start, r[2 * i]!);
      if (o <= 0) continue;
      sum += s.nrAccesses[i]! * o;
      covered += o;
    }
  }
  return covered > 0 ? sum / covered : NaN;
}
