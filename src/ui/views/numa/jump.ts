/**
 * From a fault in the table to the heatmap, pure: the zoom window around its address (in the
 * base axis' columns) and around its time (in truth rows), and the time to scrub to.
 */
import type { AddressAxis } from '../../../engine/report';
import type { Span } from '../../../store';

export interface FaultJump {
  cols: Span;
  rows: Span;
  scrubUs: number;
}

/** Columns and rows the window around a fault shows, at least. */
export const JUMP_MIN_COLS = 8;
export const JUMP_ROWS = 48;

/** The base-axis column (with its fraction) of `addr` in `process`, or NaN. */
export function columnOf(axis: AddressAxis, process: number, addr: number): number {
  const r = axis.colRanges;
  for (let c = 0; c < axis.columns; c++) {
    if (r[c * 3 + 2] !== process) continue;
    const s = r[c * 3]!;
    const e = r[c * 3 + 1]!;
    if (addr >= s && addr < e) return c + (addr - s) / (e - s);
  }
  return NaN;
}

function around(centre: number, width: number, lo: number, hi: number): Span {
  const w = Math.min(width, hi - lo);
  const start = Math.min(Math.max(lo, centre - w / 2), hi - w);
  return [start, start + w];
}

/**
 * Where to look for a fault at `addr` of `process` at `tUs`; a reason instead when the axis
 * does not show the address or the rows held no longer reach back to the time.
 */
export function faultJump(
  axis: AddressAxis | null,
  fault: { process: number; addr: number; tUs: number },
  rows: { intervalUs: number; firstRow: number; endRow: number },
): FaultJump | { reason: string } {
  if (!axis) return { reason: 'nothing is drawn yet' };
  const col = columnOf(axis, fault.process, fault.addr);
  if (!Number.isFinite(col)) return { reason: 'the heatmap’s address axis does not show it' };
  const row = fault.tUs / Math.max(1, rows.intervalUs);
  if (row < rows.firstRow) return { reason: 'it is older than the rows the heatmap still holds' };
  const width = Math.max(JUMP_MIN_COLS, axis.columns / 32);
  const end = Math.max(rows.endRow, Math.ceil(row) + 1);
  return {
    cols: around(col, width, 0, axis.columns),
    rows: around(row, JUMP_ROWS, rows.firstRow, end),
    scrubUs: fault.tUs,
  };
}
