/**
 * The hot data of the address × time heatmap, kept outside React and outside the zustand store:
 * a ring of the most recent ground-truth rows, one value per address column in each of the
 * truth's measures (TruthMeasure). Canvas views subscribe and redraw on their own animation
 * frame.
 *
 * Rows are named by their absolute index since the run started: row r covers simulated time
 * [r × intervalUs, (r + 1) × intervalUs). Only rows in [firstRow, endRow) are held.
 *
 * Each row keeps the columns it was binned on (colRangesOf): the base axis' columns, or finer
 * ones over a zoomed range (the worker's 'view'). A row has at most `maxColumns` of them.
 */
import type { AddressAxis, TruthRows } from '../engine/report';

/** Rows kept: 600 rows of 100 ms are the last minute of simulated time. */
export const HISTORY_ROWS = 600;

/**
 * What a truth cell can show:
 * - accesses: mean accesses per mapped 4 KiB page in the row's interval;
 * - damonUnit: the nr_accesses per aggregation an ideal page-exact sampler would report
 *   (engine/truth-sample.ts), on DAMON's scale 0..maxNrAccesses;
 * - coverage: the share of the column's mapped pages touched at least once (0..1);
 * - mapped: pages mapped in the column (touched pages = coverage x mapped).
 */
export type TruthMeasure = 'accesses' | 'damonUnit' | 'coverage' | 'mapped';
export const TRUTH_MEASURES: readonly TruthMeasure[] = [
  'accesses',
  'damonUnit',
  'coverage',
  'mapped',
];

/** What a heatmap panel needs from a source of rows (the ground truth, later DAMON's regions). */
export interface RowSource {
  readonly columns: number;
  readonly intervalUs: number;
  /** Oldest row still held. */
  readonly firstRow: number;
  /** One past the newest row. */
  readonly endRow: number;
  /** The values of row `r` (a view, valid until the next push), or null if not held. */
  row(r: number): Float32Array | null;
  /** Called after every change; returns the unsubscribe function. */
  subscribe(cb: () => void): () => void;
}

export class TruthHistory implements RowSource {
  /** Columns of the base axis (what the panels draw on). */
  columns = 0;
  /** Most columns one row can have (the ring's stride). */
  maxColumns = 0;
  intervalUs = 1;
  /** The address axis of the loaded run (stable for the whole run). */
  axis: AddressAxis | null = null;
  /** The ceiling of damonUnit (aggr / sample of the run's DAMON attributes). */
  maxNrAccesses = 0;
  /** The sample interval damonUnit counts in, µs. */
  sampleUs = 0;
  private rings: Record<TruthMeasure, Float32Array> = emptyRings(0);
  /**
   * On a machine of several NUMA nodes: per row and column, the node most of the column's
   * resident pages were on at the row's end (NaN where none), in the same ring layout as the
   * measures. Null until a block of rows carries nodes (never allocated on one node).
   */
  private nodeRing: Float32Array | null = null;
  /** Per ring slot: the row's columns (colRanges) and their count. */
  private rowRanges: (Float64Array | undefined)[] = [];
  private rowColumns = new Int32Array(0);
  private next = 0;
  private readonly listeners = new Set<() => void>();

  constructor(readonly capacity = HISTORY_ROWS) {}

  get firstRow(): number {
    return Math.max(0, this.next - this.capacity);
  }
  get endRow(): number {
    return this.next;
  }

  /** Forget everything: a new run with this axis, row length and widest row starts. */
  reset(axis: AddressAxis | null, intervalUs: number, maxColumns = axis?.columns ?? 0): void {
    this.axis = axis;
    this.columns = axis?.columns ?? 0;
    this.maxColumns = Math.max(this.columns, maxColumns);
    this.intervalUs = intervalUs;
    this.rings = emptyRings(this.capacity * this.maxColumns);
    this.nodeRing = null;
    this.rowRanges = new Array<Float64Array | undefined>(this.capacity);
    this.rowColumns = new Int32Array(this.capacity);
    this.maxNrAccesses = 0;
    this.sampleUs = 0;
    this.next = 0;
    this.notify();
  }

  /** Append rows as the engine delivered them; rows it skipped are held as NaN (no data). */
  push(rows: TruthRows): void {
    if (rows.count === 0) return;
    if (rows.columns > this.maxColumns) throw new Error('truth rows are wider than the axis');
    this.maxNrAccesses = rows.maxNrAccesses;
    this.sampleUs = rows.sampleUs;
    const n = rows.columns;
    for (let i = 0; i < rows.count; i++) {
      const r = rows.firstRow + i;
      if (r < this.next) continue; // already held
      // rows the engine skipped: no data on the base axis
      while (this.next < r) {
        this.setColumns(this.next, this.axis?.colRanges, this.columns);
        this.next++;
      }
      this.setColumns(r, rows.colRanges, n);
      const cells = (a: Float32Array) => a.subarray(i * n, (i + 1) * n);
      this.slot('accesses', r).set(cells(rows.data));
      this.slot('damonUnit', r).set(cells(rows.damonUnit));
      this.slot('mapped', r).set(cells(rows.mappedPages));
      if (rows.node) {
        this.nodeRing ??= new Float32Array(this.capacity * this.maxColumns).fill(NaN);
        this.nodeSlot(this.nodeRing, r).set(cells(rows.node));
      }
      const coverage = this.slot('coverage', r);
      const touched = cells(rows.touchedPages);
      const mapped = cells(rows.mappedPages);
      for (let c = 0; c < n; c++) {
        coverage[c] = mapped[c]! > 0 ? touched[c]! / mapped[c]! : NaN;
      }
      this.next = r + 1;
    }
    this.notify();
  }

  /** Mean accesses per page of row `r` (a view, valid until the next push), or null. */
  row(r: number): Float32Array | null {
    return this.measureRow('accesses', r);
  }

  /** The [start, end, process] ranges of row r's columns, or null if not held or skipped. */
  colRangesOf(r: number): Float64Array | null {
    if (r < this.firstRow || r >= this.next || !Number.isInteger(r)) return null;
    return this.rowRanges[r % this.capacity] ?? null;
  }

  /** Row `r` in `measure` (a view, valid until the next push), or null if not held. */
  measureRow(measure: TruthMeasure, r: number): Float32Array | null {
    if (r < this.firstRow || r >= this.next || !Number.isInteger(r)) return null;
    return this.slot(measure, r);
  }

  /** Whether the run's rows carry nodes (a machine of several NUMA nodes). */
  get hasNodes(): boolean {
    return this.nodeRing !== null;
  }

  /**
   * The node of each of row r's columns (a view, valid until the next push; NaN where nothing
   * is resident), or null when not held or the run has one node.
   */
  nodeRow(r: number): Float32Array | null {
    if (!this.nodeRing || r < this.firstRow || r >= this.next || !Number.isInteger(r)) return null;
    return this.nodeSlot(this.nodeRing, r);
  }

  /** The value at (row, col) in `measure` (accesses by default), NaN when not held or unmapped. */
  value(r: number, col: number, measure: TruthMeasure = 'accesses'): number {
    const row = this.measureRow(measure, r);
    return row && col >= 0 && col < row.length ? row[col]! : NaN;
  }

  /** A RowSource over one measure, for a heatmap panel. */
  source(measure: TruthMeasure): RowSource {
    return new MeasureSource(this, measure);
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => void this.listeners.delete(cb);
  }

  private slot(measure: TruthMeasure, r: number): Float32Array {
    const k = r % this.capacity;
    const at = k * this.maxColumns;
    return this.rings[measure].subarray(at, at + this.rowColumns[k]!);
  }

  private nodeSlot(ring: Float32Array, r: number): Float32Array {
    const k = r % this.capacity;
    const at = k * this.maxColumns;
    return ring.subarray(at, at + this.rowColumns[k]!);
  }

  /** Give row r's slot `n` columns with these ranges, every measure NaN. */
  private setColumns(r: number, ranges: Float64Array | undefined, n: number): void {
    const k = r % this.capacity;
    this.rowRanges[k] = ranges;
    this.rowColumns[k] = n;
    for (const m of TRUTH_MEASURES) this.slot(m, r).fill(NaN);
    if (this.nodeRing) this.nodeSlot(this.nodeRing, r).fill(NaN);
  }

  private notify(): void {
    for (const cb of this.listeners) cb();
  }
}

/** The app's one history, filled by the client bridge. */
export const truthHistory = new TruthHistory();

/** One measure of a TruthHistory, seen as a plain RowSource. */
class MeasureSource implements RowSource {
  constructor(
    private readonly history: TruthHistory,
    private readonly measure: TruthMeasure,
  ) {}
  get columns(): number {
    return this.history.columns;
  }
  get intervalUs(): number {
    return this.history.intervalUs;
  }
  get firstRow(): number {
    return this.history.firstRow;
  }
  get endRow(): number {
    return this.history.endRow;
  }
  row(r: number): Float32Array | null {
    return this.history.measureRow(this.measure, r);
  }
  subscribe(cb: () => void): () => void {
    return this.history.subscribe(cb);
  }
}

function emptyRings(cells: number): Record<TruthMeasure, Float32Array> {
  const ring = () => new Float32Array(cells).fill(NaN);
  return { accesses: ring(), damonUnit: ring(), coverage: ring(), mapped: ring() };
}
