/** Small DAMON histories and snapshots for the UI tests, built the way frames fill them. */
import type { AddressAxis, DamonSnapshot } from '../../src/engine/report';
import { DamonHistory } from '../../src/store/damon-history';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/**
 * An axis of two spans of process 0 with a collapsed gap between them:
 *
 *   columns  0 1 2 3 | 4 5 6 7
 *   address  [A, A+4 MiB) | gap | [B, B+4 MiB)      one MiB per column
 */
export const A = 0x7f00_0000_0000;
export const B = A + 64 * MiB;
export function twoSpanAxis(): AddressAxis {
  const colRanges = new Float64Array(8 * 3);
  for (let c = 0; c < 8; c++) {
    const base = c < 4 ? A + c * MiB : B + (c - 4) * MiB;
    colRanges.set([base, base + MiB, 0], c * 3);
  }
  return {
    columns: 8,
    segments: [
      { process: 0, start: A, end: A + 4 * MiB, col0: 0, col1: 4 },
      { process: 0, start: B, end: B + 4 * MiB, col0: 4, col1: 8 },
    ],
    colRanges,
  };
}

export function snapshot(
  tUs: number,
  regions: [start: number, end: number, nrAccesses: number, age?: number][],
  opts: { startUs?: number; process?: number; sampleUs?: number } = {},
): DamonSnapshot {
  return {
    tUs,
    startUs: opts.startUs ?? tUs - 100_000,
    process: opts.process ?? 0,
    ranges: Float64Array.from(regions.flatMap(([s, e]) => [s, e])),
    nrAccesses: Uint32Array.from(regions.map((r) => r[2])),
    age: Uint32Array.from(regions.map((r) => r[3] ?? 0)),
    sampleUs: opts.sampleUs ?? 5000,
  };
}

export interface RowSpec {
  t0: number;
  t1: number;
  max?: number;
  values: number[];
  regions?: [number, number, number, number?][];
}

/** A history with `rows` pushed as one frame starting at `firstRow`. */
export function history(rows: RowSpec[], firstRow = 0, capacity = 100): DamonHistory {
  const axis = twoSpanAxis();
  const h = new DamonHistory(capacity);
  h.reset(axis, true);
  push(h, rows, firstRow);
  return h;
}

export function push(h: DamonHistory, rows: RowSpec[], firstRow: number): void {
  const columns = h.columns;
  h.push({
    rows: {
      firstRow,
      count: rows.length,
      columns,
      colRanges: h.axis!.colRanges,
      t0Us: Float64Array.from(rows.map((r) => r.t0)),
      t1Us: Float64Array.from(rows.map((r) => r.t1)),
      maxNrAccesses: Uint32Array.from(rows.map((r) => r.max ?? 20)),
      data: Float32Array.from(rows.flatMap((r) => r.values)),
    },
    snapshots: rows
      .filter((r) => r.regions)
      .map((r) => snapshot(r.t1, r.regions!, { startUs: r.t0 })),
  });
}

/** Eight columns with the same value. */
export const flat = (v: number) => Array.from({ length: 8 }, () => v);
