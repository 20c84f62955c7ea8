/**
 * DAMON's side of the heatmap, kept outside React and the zustand store like the truth
 * history: a ring of the most recent aggregations, each with its heatmap row (nr_accesses on
 * the truth's address columns), its window [t0, t1), the nr_accesses ceiling in force, and the
 * snapshots (region boundaries) it came from. Canvas views, the snapshot table and the charts
 * read it; the bridge fills it from worker frames.
 *
 * Rows are named by their absolute index since the run started: row r is aggregation r.
 * Their windows need not line up with the truth rows (auto-tuned intervals change them).
 */
import type { AddressAxis, DamonSnapshot } from '../engine/report';
import type { DamonFrame } from '../worker/protocol';

/** Aggregations kept at most: 2400 of 100 ms are the last four minutes. */
export const DAMON_HISTORY_ROWS = 2400;
/** Cap on the row data (floats), so a 4096-column axis does not hold 2400 rows. */
const MAX_CELLS = 8_000_000;
/**
 * Cap on the regions of the snapshots held (24 bytes each: 96 MB). Past it the oldest rows
 * keep their heatmap row, region count and working set but drop their region lists.
 */
export const MAX_HELD_SNAPSHOT_REGIONS = 4_000_000;

/** A region of one snapshot, as numbers. */
export interface DamonRegion {
  process: number;
  start: number;
  end: number;
  nrAccesses: number;
  age: number;
}

export class DamonHistory {
  /** Columns of the base axis. */
  columns = 0;
  /** Most columns one row can have (rows binned over a zoomed range may differ). */
  maxColumns = 0;
  capacity = 0;
  /** Whether the loaded run has DAMON at all. */
  enabled = false;
  axis: AddressAxis | null = null;
  private data = new Float32Array(0);
  private t0 = new Float64Array(0);
  private t1 = new Float64Array(0);
  private maxNr = new Uint32Array(0);
  private nrRegionsOf = new Uint32Array(0);
  /** Bytes of regions with nr_accesses >= 1: DAMON's working set (damo report wss). */
  private wssOf = new Float64Array(0);
  private snaps: (DamonSnapshot[] | undefined)[] = [];
  /** Per slot: the row's columns (colRanges) and their count. */
  private rowRanges: (Float64Array | undefined)[] = [];
  private rowColumns = new Int32Array(0);
  /** Regions in `snaps`, and the oldest row that may still hold snapshots. */
  private heldRegions = 0;
  private oldestSnapRow = 0;
  private next = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly maxRows = DAMON_HISTORY_ROWS,
    readonly maxRegions = MAX_HELD_SNAPSHOT_REGIONS,
  ) {}

  get firstRow(): number {
    return Math.max(0, this.next - this.capacity);
  }
  get endRow(): number {
    return this.next;
  }

  /** Forget everything: a new run starts on `axis`, with or without DAMON. */
  reset(axis: AddressAxis | null, enabled: boolean, maxColumns = axis?.columns ?? 0): void {
    this.axis = axis;
    this.enabled = enabled;
    this.columns = axis?.columns ?? 0;
    this.maxColumns = Math.max(this.columns, maxColumns);
    const cap = enabled
      ? Math.min(this.maxRows, Math.floor(MAX_CELLS / Math.max(1, this.maxColumns)))
      : 0;
    this.capacity = Math.max(enabled ? 1 : 0, cap);
    this.data = new Float32Array(this.capacity * this.maxColumns).fill(NaN);
    this.rowRanges = new Array<Float64Array | undefined>(this.capacity);
    this.rowColumns = new Int32Array(this.capacity);
    this.t0 = new Float64Array(this.capacity).fill(NaN);
    this.t1 = new Float64Array(this.capacity).fill(NaN);
    this.maxNr = new Uint32Array(this.capacity);
    this.nrRegionsOf = new Uint32Array(this.capacity);
    this.wssOf = new Float64Array(this.capacity);
    this.snaps = new Array<DamonSnapshot[] | undefined>(this.capacity);
    this.heldRegions = 0;
    this.oldestSnapRow = 0;
    this.next = 0;
    this.notify();
  }

  /** Append a frame's aggregations; each snapshot joins the row whose window ends at its time. */
  push(frame: Pick<DamonFrame, 'rows' | 'snapshots'>): void {
    const { rows } = frame;
    if (this.capacity === 0) return;
    if (rows.count > 0 && rows.columns > this.maxColumns) {
      throw new Error('DAMON rows are wider than the axis');
    }
    for (let i = 0; i < rows.count; i++) {
      const r = rows.firstRow + i;
      if (r < this.next) continue;
      // Rows the engine dropped: empty windows at this row's start keep the times monotonic.
      while (this.next < r) {
        const gap = this.clearSlot(this.next++);
        this.t0[gap] = this.t1[gap] = rows.t0Us[i]!;
      }
      const k = this.clearSlot(r);
      this.rowRanges[k] = rows.colRanges;
      this.rowColumns[k] = rows.columns;
      this.data.set(
        rows.data.subarray(i * rows.columns, (i + 1) * rows.columns),
        k * this.maxColumns,
      );
      this.t0[k] = rows.t0Us[i]!;
      this.t1[k] = rows.t1Us[i]!;
      this.maxNr[k] = rows.maxNrAccesses[i]!;
      this.next = r + 1;
    }
    for (const s of frame.snapshots) {
      const r = this.rowEndingAt(s.tUs);
      if (r < 0) continue;
      const k = r % this.capacity;
      (this.snaps[k] ??= []).push(s);
      this.heldRegions += s.nrAccesses.length;
      this.nrRegionsOf[k] = this.nrRegionsOf[k]! + s.nrAccesses.length;
      this.wssOf[k] = this.wssOf[k]! + workingSetBytes(s);
    }
    this.dropOldSnapshots();
    if (rows.count > 0 || frame.snapshots.length > 0) this.notify();
  }

  /** nr_accesses per column of row `r` (a view, valid until the next push), or null. */
  row(r: number): Float32Array | null {
    if (!this.holds(r)) return null;
    const k = r % this.capacity;
    const at = k * this.maxColumns;
    return this.data.subarray(at, at + this.rowColumns[k]!);
  }
  /** The [start, end, process] ranges of row r's columns, or null if not held or skipped. */
  colRangesOf(r: number): Float64Array | null {
    return this.holds(r) ? (this.rowRanges[r % this.capacity] ?? null) : null;
  }
  t0Us(r: number): number {
    return this.holds(r) ? this.t0[r % this.capacity]! : NaN;
  }
  t1Us(r: number): number {
    return this.holds(r) ? this.t1[r % this.capacity]! : NaN;
  }
  /** aggr_interval / sample_interval of row r's window: the most nr_accesses can be. */
  maxNrAccesses(r: number): number {
    return this.holds(r) ? this.maxNr[r % this.capacity]! : 0;
  }
  nrRegions(r: number): number {
    return this.holds(r) ? this.nrRegionsOf[r % this.capacity]! : 0;
  }
  wssBytes(r: number): number {
    return this.holds(r) ? this.wssOf[r % this.capacity]! : NaN;
  }
  /** The snapshots (one per target) of aggregation r; [] if not held. */
  snapshots(r: number): readonly DamonSnapshot[] {
    return this.holds(r) ? (this.snaps[r % this.capacity] ?? []) : [];
  }

  /**
   * The row whose window [t0, t1) holds `tUs`; before the first window the first row, after
   * the last one the last row; -1 when nothing is held.
   */
  rowAt(tUs: number): number {
    let lo = this.firstRow;
    let hi = this.next;
    if (lo >= hi) return -1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t1 = this.t1Us(mid);
      if (t1 <= tUs) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, this.next - 1);
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => void this.listeners.delete(cb);
  }

  private holds(r: number): boolean {
    return Number.isInteger(r) && r >= this.firstRow && r < this.next;
  }

  /** The held row whose window ends at exactly `tUs`, or -1. */
  private rowEndingAt(tUs: number): number {
    const r = this.rowAt(tUs - 0.5);
    return r >= 0 && this.t1Us(r) === tUs ? r : -1;
  }

  /** Drop the region lists of the oldest rows until the held regions fit the cap. */
  private dropOldSnapshots(): void {
    this.oldestSnapRow = Math.max(this.oldestSnapRow, this.firstRow);
    while (this.heldRegions > this.maxRegions && this.oldestSnapRow < this.next - 1) {
      this.dropSnapshotsOf(this.oldestSnapRow++ % this.capacity);
    }
  }

  private dropSnapshotsOf(k: number): void {
    for (const s of this.snaps[k] ?? []) this.heldRegions -= s.nrAccesses.length;
    this.snaps[k] = undefined;
  }

  private clearSlot(r: number): number {
    const k = r % this.capacity;
    this.dropSnapshotsOf(k);
    this.data.fill(NaN, k * this.maxColumns, (k + 1) * this.maxColumns);
    this.rowRanges[k] = this.axis?.colRanges;
    this.rowColumns[k] = this.columns;
    this.t0[k] = NaN;
    this.t1[k] = NaN;
    this.maxNr[k] = 0;
    this.nrRegionsOf[k] = 0;
    this.wssOf[k] = 0;
    return k;
  }

  private notify(): void {
    for (const cb of this.listeners) cb();
  }
}

/** Bytes of the snapshot's regions that DAMON saw accessed at least once (nr_accesses >= 1). */
export function workingSetBytes(s: DamonSnapshot): number {
  let bytes = 0;
  for (let i = 0; i < s.nrAccesses.length; i++) {
    if (s.nrAccesses[i]! >= 1) bytes += s.ranges[2 * i + 1]! - s.ranges[2 * i]!;
  }
  return bytes;
}

/** The regions of a snapshot as objects (for tables; not for per-frame drawing). */
export function regionsOf(s: DamonSnapshot): DamonRegion[] {
  return Array.from(s.nrAccesses, (nrAccesses, i) => ({
    process: s.process,
    start: s.ranges[2 * i]!,
    end: s.ranges[2 * i + 1]!,
    nrAccesses,
    age: s.age[i]!,
  }));
}

/** The app's one DAMON history, filled by the client bridge. */
export const damonHistory = new DamonHistory();
