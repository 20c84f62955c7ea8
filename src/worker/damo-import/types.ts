/**
 * What a damo record becomes after import: plain numbers, damo's field names. Addresses,
 * sizes and intervals are exact integers (anything at or above 2^53 is refused); times are
 * nanoseconds, exact below 2^53 ns (104 days since boot: every perf-clock record) and rounded
 * to the nearest double above it (wall-clock epoch times of snapshot-mode records, within
 * 256 ns), which `notes` then says.
 */

export type DamoFormat =
  | 'json_compressed'
  | 'json'
  | 'json_gzip'
  | 'perf_script'
  | 'perf_script_gzip'
  | 'perf_script_zlib';

export interface ImportedRegion {
  /** Half-open [start, end) in bytes: a virtual address (vaddr) or a physical one (paddr). */
  start: number;
  end: number;
  /** Sampling checks that found the region accessed in one aggregation: 0 .. aggr/sample. */
  nr_accesses: number;
  /** Aggregation intervals the access pattern stayed the same; null from the old tracepoint. */
  age: number | null;
}

export interface ImportedSnapshot {
  /** Nanoseconds (perf clock since boot, or wall clock for snapshot-mode records). */
  start_time: number;
  end_time: number;
  regions: ImportedRegion[];
}

export interface ImportedIntervals {
  sample_us: number;
  aggr_us: number;
  ops_update_us: number;
}

export interface ImportedRecord {
  kdamond_idx: number | null;
  context_idx: number | null;
  scheme_idx: number | null;
  /** A string so ids beyond 2^53 (old kernels put a kernel pointer here) stay exact. */
  target_id: string | null;
  intervals: ImportedIntervals | null;
  snapshots: ImportedSnapshot[];
}

export interface DamoImport {
  format: DamoFormat;
  records: ImportedRecord[];
  /** What the reader did that a user should know: estimated or rounded times, dropped data. */
  notes: string[];
}
