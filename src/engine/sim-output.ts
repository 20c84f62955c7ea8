/**
 * What the simulation hands out as it runs: ground-truth rows, DAMON's heatmap rows and
 * snapshots. Each is produced by the clock (sim.ts) and taken, at most once, by a consumer
 * (the worker, the CLI); buffers handed out are fresh and safe to transfer.
 */
import { damonMaxNrAccesses } from './damon/attrs';
import { binDamonSnapshots } from './damon/heat';
import type { DamonCtx, DamonSnapshot } from './damon/kdamond';
import type { AddressAxis, DamonRows, TruthRows } from './report';
import type { Sim } from './sim';

/** Rows and snapshots kept for take* before the oldest are dropped. */
export const MAX_PENDING_ROWS = 4096;
/** Regions in all the snapshots kept for takeDamonSnapshots (24 bytes each: 48 MB). */
export const MAX_PENDING_SNAPSHOT_REGIONS = 2_000_000;

/** Turn the aggregation just completed into a heatmap row and keep its snapshots. */
export function collectDamon(sim: Sim, dc: DamonCtx): void {
  const snaps = dc.pending;
  dc.pending = [];
  const row = new Float32Array(sim.axis.columns);
  binDamonSnapshots(snaps, sim.axis, row, 0);
  sim.damonRows.push({
    axis: sim.axis,
    t0: snaps[0]!.startUs,
    t1: snaps[0]!.tUs,
    max: damonMaxNrAccesses(dc.attrs),
    row,
  });
  sim.damonRowsDone++;
  if (sim.damonRows.length > MAX_PENDING_ROWS) sim.damonRows.shift();
  // one by one: a spread passes every snapshot as an argument and overflows the stack
  for (const snap of snaps) {
    sim.damonSnapshots.push(snap);
    sim.damonSnapshotRegions += snap.nrAccesses.length;
  }
  // drop the oldest beyond either bound (at least the newest snapshot stays)
  const kept = sim.damonSnapshots;
  let drop = Math.max(0, kept.length - MAX_PENDING_ROWS);
  for (let i = 0; i < drop; i++) sim.damonSnapshotRegions -= kept[i]!.nrAccesses.length;
  while (sim.damonSnapshotRegions > MAX_PENDING_SNAPSHOT_REGIONS && drop < kept.length - 1)
    sim.damonSnapshotRegions -= kept[drop++]!.nrAccesses.length;
  if (drop > 0) kept.splice(0, drop);
}

/**
 * The rows at the head of `all` binned on the same axis as the first, and the rest: one take
 * hands out rows of one axis only (the rest wait for the next call). `done` counts every row
 * made so far, so the first taken is row `done - all.length`.
 */
function takeSameAxis<T extends { axis: AddressAxis }>(
  all: T[],
  done: number,
  fallback: AddressAxis,
): { firstRow: number; rows: T[]; rest: T[]; axis: AddressAxis } {
  let n = 0;
  while (n < all.length && all[n]!.axis === all[0]!.axis) n++;
  const rows = all.slice(0, n);
  return { firstRow: done - all.length, rows, rest: all.slice(n), axis: rows[0]?.axis ?? fallback };
}

/** A copy of the rows' column ranges to hand out (nothing when there are no rows). */
function columnsOf(axis: AddressAxis, count: number): Float64Array {
  return count > 0 ? axis.colRanges.slice() : new Float64Array(0);
}

/**
 * DAMON heatmap rows completed since the previous call, as far as they share one axis (fresh
 * buffers, safe to transfer).
 */
export function takeDamonRows(sim: Sim): DamonRows {
  const { firstRow, rows, rest, axis } = takeSameAxis(sim.damonRows, sim.damonRowsDone, sim.axis);
  sim.damonRows = rest;
  const count = rows.length;
  const columns = axis.columns;
  const out: DamonRows = {
    firstRow,
    count,
    columns,
    colRanges: columnsOf(axis, count),
    t0Us: new Float64Array(count),
    t1Us: new Float64Array(count),
    maxNrAccesses: new Uint32Array(count),
    data: new Float32Array(count * columns),
  };
  rows.forEach((r, i) => {
    out.t0Us[i] = r.t0;
    out.t1Us[i] = r.t1;
    out.maxNrAccesses[i] = r.max;
    out.data.set(r.row, i * columns);
  });
  return out;
}

/** DAMON snapshots (per target, per aggregation) completed since the previous call. */
export function takeDamonSnapshots(sim: Sim): DamonSnapshot[] {
  const s = sim.damonSnapshots;
  sim.damonSnapshots = [];
  sim.damonSnapshotRegions = 0;
  return s;
}

/**
 * Ground-truth rows completed since the previous call, as far as they share one axis (fresh
 * buffers, safe to transfer; rows binned on a later axis wait for the next call).
 */
export function takeTruthRows(sim: Sim): TruthRows {
  const { firstRow, rows, rest, axis } = takeSameAxis(sim.pending, sim.rowsDone, sim.axis);
  sim.pending = rest;
  const count = rows.length;
  const columns = axis.columns;
  const out: TruthRows = {
    firstRow,
    count,
    columns,
    colRanges: columnsOf(axis, count),
    intervalUs: sim.config.truth.intervalUs,
    data: new Float32Array(count * columns),
    touchedPages: new Float32Array(count * columns),
    mappedPages: new Float32Array(count * columns),
    damonUnit: new Float32Array(count * columns),
    maxNrAccesses: damonMaxNrAccesses(sim.config.damon.attrs),
    sampleUs: sim.sampler.sampleUs,
    node: sim.machine.phys.nodes > 1 ? new Float32Array(count * columns) : null,
  };
  rows.forEach((r, i) => {
    out.data.set(r.data, i * columns);
    out.touchedPages.set(r.touched, i * columns);
    out.mappedPages.set(r.mapped, i * columns);
    out.damonUnit.set(r.damonUnit, i * columns);
    if (out.node) {
      if (r.node) out.node.set(r.node, i * columns);
      else out.node.fill(NaN, i * columns, (i + 1) * columns);
    }
  });
  return out;
}
