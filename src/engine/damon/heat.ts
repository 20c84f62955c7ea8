/**
 * Put a DAMON snapshot on the heatmap's address axis: each column gets the nr_accesses of the
 * regions covering it, weighted by how many of the column's bytes each region covers.
 */
import type { AddressAxis } from '../report';
import type { DamonSnapshot } from './kdamond';

export function binDamonSnapshots(
  snaps: DamonSnapshot[],
  axis: AddressAxis,
  out: Float32Array,
  off: number,
): void {
  const cr = axis.colRanges;
  for (let c = 0; c < axis.columns; c++) {
    const cs = cr[c * 3]!;
    const ce = cr[c * 3 + 1]!;
    const proc = cr[c * 3 + 2]!;
    let sum = 0;
    let bytes = 0;
    for (const s of snaps) {
      if (s.process !== proc) continue;
      const n = s.nrAccesses.length;
      // regions are sorted: binary search the first region ending after cs
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (s.ranges[2 * mid + 1]! <= cs) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < n && s.ranges[2 * i]! < ce; i++) {
        const ov = Math.min(ce, s.ranges[2 * i + 1]!) - Math.max(cs, s.ranges[2 * i]!);
        if (ov <= 0) continue;
        sum += ov * s.nrAccesses[i]!;
        bytes += ov;
      }
    }
    out[off + c] = bytes > 0 ? sum / bytes : NaN;
  }
}
