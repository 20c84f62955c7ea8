/**
 * What the engine reports about itself: plain, structured-clone-friendly data for the CLI,
 * the worker and the views. Nothing here is read back by the engine.
 */

/** One contiguous mapped span of the heatmap's address axis: columns [col0, col1) show [start, end). */
export interface AxisSegment {
  process: number;
  start: number;
  end: number;
  col0: number;
  col1: number;
}

/**
 * The heatmap's address axis: the union of every VMA the scenario ever maps (per process),
 * with the gaps between them collapsed. Stable for the whole run, so rows stay comparable.
 */
export interface AddressAxis {
  columns: number;
  segments: AxisSegment[];
  /** For each column, its [start, end) address range and process (flat: 3 numbers per column). */
  colRanges: Float64Array;
}

export interface VmaInfo {
  process: number;
  name: string;
  start: number;
  end: number;
  kind: 'anon' | 'file';
  prot: 'none' | 'r' | 'rw';
  thp: 'none' | 'hugepage' | 'nohugepage';
  residentBytes: number;
  /** Bytes mapped by PMD-level (2 MiB) folios. */
  thpBytes: number;
}

export interface TlbLevelStats {
  hits: number;
  misses: number;
}

/** TLB counters summed over all CPUs, plus reach = entries x page size. */
export interface TlbStats {
  l1: TlbLevelStats;
  l2: TlbLevelStats;
  /** Page walks (L2 misses) including dirty-bit assists. */
  walks: number;
  /** Full flushes by context switch (no PCID). */
  flushes: number;
  /** Entries invalidated by shootdown (munmap/mprotect/madvise). */
  shootdowns: number;
  /** Bytes of address space the L1 and L2 can map with 4 KiB and with 2 MiB pages. */
  reach: { l1_4k: number; l1_2m: number; l2_4k: number; l2_2m: number };
  /** Valid entries right now per page size, over all CPUs' L2 (an "occupied reach"). */
  l2Valid4k: number;
  l2Valid2m: number;
}

/** Counters named after /proc/vmstat where one exists. */
export interface VmStats {
  pgfault: number;
  /** Faults that allocated a PMD-mapped THP (thp_fault_alloc). */
  thp_fault_alloc: number;
  /** THP wanted but could not be allocated (thp_fault_fallback). */
  thp_fault_fallback: number;
  /** Accesses outside any VMA or against its protection (SIGSEGV would be sent). */
  segv: number;
  /** Faults that had to read a page back from swap. */
  pgmajfault: number;
  /** Pages swapped in / out. */
  pswpin: number;
  pswpout: number;
}

export interface SimStats {
  nowUs: number;
  accesses: number;
  reads: number;
  writes: number;
  vm: VmStats;
  tlb: TlbStats;
  residentBytes: number;
  thpBytes: number;
  totalMemBytes: number;
  freeBytes: number;
  /** Per-process bytes the workloads touched in the last completed truth interval. */
  workingSetBytes: number;
  /** Completed ground-truth rows so far. */
  rows: number;
}

/** Ground-truth heatmap rows produced since the last take: row-major, `columns` values each. */
export interface TruthRows {
  firstRow: number;
  count: number;
  columns: number;
  /**
   * The rows' columns, [start, end, process] each: the base axis' colRanges, or finer ones
   * for rows binned while zoomed (setTruthView). Every row of one block shares them; empty
   * when the block has no rows.
   */
  colRanges: Float64Array;
  intervalUs: number;
  /** Mean accesses per 4 KiB page in each column during the row's interval (NaN = nothing mapped). */
  data: Float32Array;
  /** Pages with at least one access in the row's interval, per cell (coverage = touched / mapped). */
  touchedPages: Float32Array;
  /** Pages mapped in the cell's column at the row's end, per cell. */
  mappedPages: Float32Array;
  /**
   * The truth in DAMON's unit, per cell: the nr_accesses per aggregation an ideal page-exact
   * Accessed-bit sampler with no TLB would report (engine/truth-sample.ts); NaN = nothing mapped.
   */
  damonUnit: Float32Array;
  /** aggr_interval / sample_interval of the scenario's DAMON attributes: damonUnit's ceiling. */
  maxNrAccesses: number;
  /** The sample interval damonUnit counts in, µs (the scenario's DAMON sample_interval). */
  sampleUs: number;
  /**
   * On several NUMA nodes, per cell: the node most of the column's resident pages were on at
   * the row's end (NaN where none); null on one node (engine/truth.ts binNodeRow).
   */
  node: Float32Array | null;
}

/**
 * DAMON's view on the heatmap's axis, one row per aggregation: the nr_accesses of the regions
 * covering each column, weighted by overlap (NaN where DAMON monitors nothing). Rows carry
 * their own times because aggregation intervals can be tuned at run time.
 */
export interface DamonRows {
  firstRow: number;
  count: number;
  columns: number;
  /** The rows' columns, as in TruthRows.colRanges. */
  colRanges: Float64Array;
  /** Window [t0Us[i], t1Us[i]) of row i. */
  t0Us: Float64Array;
  t1Us: Float64Array;
  /** nr_accesses can reach this (aggr_interval / sample_interval) in row i. */
  maxNrAccesses: Uint32Array;
  data: Float32Array;
}

export type { DamonSnapshot } from './damon/kdamond';

/** One scheme's state as sysfs shows it (schemes/N/stats, quotas/effective_bytes). */
export interface DamosStatus {
  action: string;
  nr_tried: number;
  sz_tried: number;
  nr_applied: number;
  sz_applied: number;
  sz_ops_filter_passed: number;
  qt_exceeds: number;
  /** quotas/effective_bytes: the size quota in force (0 = none). */
  effective_bytes: number;
  /** watermarks activated the scheme. */
  activated: boolean;
}

export interface DamonStatus {
  nrRegions: number;
  /** The attributes in force (intervals may have been auto-tuned). */
  sample_interval: number;
  aggr_interval: number;
  nrAggregations: number;
  /** kdamond sleeps because watermarks deactivated every scheme. */
  waiting: boolean;
  schemes: DamosStatus[];
}
