/**
 * The DAMON panel's chart series, read from the histories: nr_regions and DAMON's working set
 * per aggregation, the true working set and each scheme's cumulative stats per sample. Pure
 * over the structural types, so tests can pass plain objects.
 */
import type { DamosStatus } from '../../../engine/report';
import type { DamonHistory, StatusSample } from '../../../store';

type Point = readonly [number, number];
type Rows = Pick<DamonHistory, 'firstRow' | 'endRow' | 't1Us' | 'nrRegions' | 'wssBytes'>;

/** [t1 of each aggregation, f(row)]. */
function perAggregation(rows: Rows, f: (r: number) => number): Point[] {
  const out: Point[] = [];
  for (let r = rows.firstRow; r < rows.endRow; r++) {
    const t = rows.t1Us(r);
    const v = f(r);
    if (Number.isFinite(t) && Number.isFinite(v)) out.push([t, v]);
  }
  return out;
}

export function nrRegionsSeries(rows: Rows): Point[] {
  return perAggregation(rows, (r) => rows.nrRegions(r));
}

/** Bytes of regions with nr_accesses >= 1 in each aggregation (damo report wss, threshold 1). */
export function damonWssSeries(rows: Rows): Point[] {
  return perAggregation(rows, (r) => rows.wssBytes(r));
}

export function truthWssSeries(samples: readonly StatusSample[], fromUs: number): Point[] {
  return samples.filter((s) => s.tUs >= fromUs).map((s) => [s.tUs, s.truthWssBytes] as const);
}

/** One scheme's counter over time (cumulative, as sysfs shows it). */
export function schemeSeries(
  samples: readonly StatusSample[],
  index: number,
  field: keyof Omit<DamosStatus, 'action' | 'activated'>,
  fromUs: number,
): Point[] {
  const out: Point[] = [];
  for (const s of samples) {
    const st = s.schemes[index];
    if (st && s.tUs >= fromUs) out.push([s.tUs, st[field]]);
  }
  return out;
}

/**
 * A series' value at simulated time `tUs` (null = its newest). `windows`: each point is the end
 * of a window (an aggregation: the value of [previous t, t)), so the one whose window holds tUs
 * counts, as the snapshot table picks its aggregation (damonHistory.rowAt). Otherwise the points
 * are instants and the latest at or before tUs counts.
 */
export function valueAt(
  points: readonly Point[],
  tUs: number | null,
  windows: boolean,
): number | undefined {
  if (points.length === 0) return undefined;
  if (tUs === null) return points[points.length - 1]![1];
  let lo = 0;
  let hi = points.length;
  // lo = the first point after tUs
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = points[mid]![0];
    if (t <= tUs) lo = mid + 1;
    else hi = mid;
  }
  if (windows) return points[Math.min(lo, points.length - 1)]![1];
  return points[Math.max(0, lo - 1)]![1];
}
