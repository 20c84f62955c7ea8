/**
 * The ground truth's measures, per row and column, from what a truth row carries:
 *
 *   accesses     mean accesses per mapped 4 KiB page (every access counts)
 *   damonUnit    nr_accesses per aggregation an ideal page-exact Accessed-bit sampler with no
 *                TLB would report, as a fraction of its ceiling (aggr / sample interval)
 *   coverage     pages touched / pages mapped
 *
 * Each measure gives a value per column and a weight (the mapped pages, or the column's pages
 * when a row does not say), so that resampling a row onto pixels (heat-raster) averages pages,
 * not columns. Pure.
 */
import type { HeatMeasure } from '../../../store';
import { columnPages } from './heat-raster';

/** One ground-truth row as the views read it. */
export interface TruthRow {
  /** The row's own columns: [start, end, process] per column. */
  colRanges: Float64Array;
  /** Mean accesses per mapped page; NaN where nothing is mapped. */
  accesses: Float32Array;
  /** Pages touched / pages mapped, per column; NaN where nothing is mapped (null: not reported). */
  coverage: ArrayLike<number> | null;
  /** Pages mapped in the column at the row's end (null: not reported). */
  mappedPages: ArrayLike<number> | null;
  /** DAMON units per column, 0 … maxNrAccesses; NaN where nothing is mapped (null: not reported). */
  damonUnit: ArrayLike<number> | null;
  /** The ceiling of the unit: aggr_interval / sample_interval (0: not reported). */
  maxNrAccesses: number;
  /**
   * On 2+ NUMA nodes: the node most of each column's resident pages are on at the row's end
   * (NaN where none); null or absent on one node.
   */
  node?: ArrayLike<number> | null;
}

export interface MeasureInfo {
  id: HeatMeasure;
  /** The selector's label. */
  label: string;
  /** What one cell value is, for the legend and the tooltip. */
  unit: string;
  /** Values in [0, 1] by definition (a fixed scale), or open-ended (accesses). */
  bounded: boolean;
  explain: string;
}

export const MEASURES: Readonly<Record<HeatMeasure, MeasureInfo>> = {
  accesses: {
    id: 'accesses',
    label: 'accesses / page',
    unit: 'accesses / page',
    bounded: false,
    explain:
      'Mean accesses per mapped 4 KiB page in each cell: every access counts, as a perfect sampler would see it.',
  },
  damonUnit: {
    id: 'damonUnit',
    label: 'DAMON units',
    unit: 'nr_accesses',
    bounded: true,
    explain:
      "What DAMON would report with a perfect sampler: per page, in how many of an aggregation's samples it was accessed (page-exact Accessed bits, no TLB), averaged over the cell's pages.",
  },
  coverage: {
    id: 'coverage',
    label: 'pages touched',
    unit: 'of the pages touched',
    bounded: true,
    explain:
      'The share of mapped pages accessed at least once in the row: sparse use shows pale, however often the touched pages are hit.',
  },
};

/** Whether a row carries what `measure` needs. */
export function rowHas(row: TruthRow, measure: HeatMeasure): boolean {
  if (measure === 'accesses') return true;
  if (measure === 'coverage') return row.coverage !== null && row.mappedPages !== null;
  return row.damonUnit !== null && row.maxNrAccesses > 0;
}

/**
 * The row's values for `measure` (damonUnit as a fraction of the ceiling, coverage as a
 * fraction) and their weights. Null when the row does not carry the measure.
 */
export function measureColumns(
  row: TruthRow,
  measure: HeatMeasure,
): { values: ArrayLike<number>; weights: ArrayLike<number> } | null {
  if (!rowHas(row, measure)) return null;
  const weights = row.mappedPages ?? columnPages(row.colRanges);
  if (measure === 'accesses') return { values: row.accesses, weights };
  if (measure === 'coverage') return { values: row.coverage!, weights };
  const unit = row.damonUnit!;
  const max = row.maxNrAccesses;
  return { values: Float32Array.from(unit, (u) => u / max), weights };
}

/** The column of `row` holding `addr` in `process` (binary search), or -1. */
export function rowColumnAt(row: TruthRow, process: number, addr: number): number {
  const r = row.colRanges;
  let lo = 0;
  let hi = r.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const p = r[3 * mid + 2]!;
    if (p < process || (p === process && r[3 * mid + 1]! <= addr)) lo = mid + 1;
    else hi = mid;
  }
  const c = lo;
  return c < r.length / 3 && r[3 * c + 2] === process && r[3 * c]! <= addr ? c : -1;
}
