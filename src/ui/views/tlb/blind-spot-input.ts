/**
 * The blind-spot markers' inputs, read from the app's truth and DAMON histories: DAMON's
 * newest aggregation that has its snapshots, and the truth rows over the same window on one
 * set of columns. Copies what it keeps (history rows are views that the next push reuses).
 */
import type { DamonHistory, truthHistory } from '../../../store';
import { truthOverWindow, type DamonRead, type TruthWindow } from './column-reads';

/** How many of the newest aggregations to try for one that still holds its snapshots. */
const LOOK_BACK = 4;

export interface BlindSpotInput {
  /** Absolute index of DAMON's aggregation. */
  row: number;
  damon: DamonRead;
  truth: TruthWindow;
  /** DAMON's working set (regions with nr_accesses >= 1) in that aggregation. */
  damonWssBytes: number;
}

export function latestBlindSpotInput(
  damon: DamonHistory,
  truth: typeof truthHistory,
): BlindSpotInput | null {
  if (!damon.enabled) return null;
  for (let r = damon.endRow - 1; r >= Math.max(damon.firstRow, damon.endRow - LOOK_BACK); r--) {
    const snapshots = damon.snapshots(r);
    if (snapshots.length === 0) continue;
    const t0Us = damon.t0Us(r);
    const t1Us = damon.t1Us(r);
    const window = truthWindow(truth, t0Us, t1Us);
    if (!window) return null;
    return {
      row: r,
      damon: { snapshots, maxNrAccesses: damon.maxNrAccesses(r), t0Us, t1Us },
      truth: window,
      damonWssBytes: damon.wssBytes(r),
    };
  }
  return null;
}

/** The truth rows over [t0, t1) that share the newest one's columns, as one window. */
function truthWindow(h: typeof truthHistory, t0Us: number, t1Us: number): TruthWindow | null {
  const I = h.intervalUs;
  if (!(I > 0) || !(t1Us > t0Us)) return null;
  const first = Math.max(h.firstRow, Math.floor(t0Us / I));
  const last = Math.min(h.endRow - 1, Math.ceil(t1Us / I) - 1);
  let colRanges: Float64Array | null = null;
  const rows = [];
  for (let r = last; r >= first; r--) {
    const ranges = h.colRangesOf(r);
    const damonUnit = h.measureRow('damonUnit', r);
    const coverage = h.measureRow('coverage', r);
    const mapped = h.measureRow('mapped', r);
    if (!ranges || !damonUnit || !coverage || !mapped) continue;
    colRanges ??= ranges;
    if (ranges !== colRanges) continue;
    const touchedPages = Float32Array.from(coverage, (c, i) => (c > 0 ? c * mapped[i]! : 0));
    rows.push({ t0Us: r * I, t1Us: (r + 1) * I, damonUnit, touchedPages, mappedPages: mapped });
  }
  if (!colRanges) return null;
  const w = truthOverWindow(rows, t0Us, t1Us);
  return w && { ...w, colRanges, maxNrAccesses: h.maxNrAccesses };
}
