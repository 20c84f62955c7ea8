/**
 * The hot data of the address × time heatmap, kept outside React and outside the zustand store:
 * a ring of the most recent ground-truth rows (mean accesses per page, one value per address
 * column). Canvas views subscribe and redraw on their own animation frame.
 *
 * Rows are named by their absolute index since the run started: row r covers simulated time
 * [r × intervalUs, (r + 1) × intervalUs). Only rows in [firstRow, endRow) are held.
 */
import type { AddressAxis, TruthRows } from '../engine/report';

/** Rows kept: 600 rows of 100 ms are the last minute of simulated time. */
export const HISTORY_ROWS = 600;

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
  columns = 0;
  intervalUs = 1;
  /** The address axis of the loaded run (stable for the whole run). */
  axis: AddressAxis | null = null;
  private data = new Float32Array(0);
  private next = 0;
  private readonly listeners = new Set<() => void>();

  constructor(readonly capacity = HISTORY_ROWS) {}

  get firstRow(): number {
    return Math.max(0, this.next - this.capacity);
  }
  get endRow(): number {
    return this.next;
  }

  /** Forget everything: a new run with this axis and row length starts. */
  reset(axis: AddressAxis | null, intervalUs: number): void {
    this.axis = axis;
    this.columns = axis?.columns ?? 0;
    this.intervalUs = intervalUs;
    this.data = new Float32Array(this.capacity * this.columns).fill(NaN);
    this.next = 0;
    this.notify();
  }

  /** Append rows as the engine delivered them; rows it skipped are held as NaN (no data). */
  push(rows: TruthRows): void {
    if (rows.count === 0) return;
    if (rows.columns !== this.columns) throw new Error('truth rows do not match the axis');
    for (let i = 0; i < rows.count; i++) {
      const r = rows.firstRow + i;
      if (r < this.next) continue; // already held
      while (this.next < r) this.slot(this.next++).fill(NaN);
      this.slot(r).set(rows.data.subarray(i * rows.columns, (i + 1) * rows.columns));
      this.next = r + 1;
    }
    this.notify();
  }

  row(r: number): Float32Array | null {
    if (r < this.firstRow || r >= this.next || !Number.isInteger(r)) return null;
    return this.slot(r);
  }

  /** Mean accesses per page at (row, col), NaN when not held or nothing mapped. */
  value(r: number, col: number): number {
    const row = this.row(r);
    return row && col >= 0 && col < this.columns ? row[col]! : NaN;
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => void this.listeners.delete(cb);
  }

  private slot(r: number): Float32Array {
    const at = (r % this.capacity) * this.columns;
    return this.data.subarray(at, at + this.columns);
  }

  private notify(): void {
    for (const cb of this.listeners) cb();
  }
}

/** The app's one history, filled by the client bridge. */
export const truthHistory = new TruthHistory();
