/**
 * DAMON regions on the heatmap's address axis. Regions may span the gaps between VMAs that
 * the axis collapses (DAMON monitors the "three regions", gaps and all), so an address in a
 * gap lands on the edge of the next mapped span. Pure; used for boundaries, hover and marks.
 */
import type { AddressAxis, DamonSnapshot } from '../../../engine/report';
import { segmentCol } from '../heatmap/address-columns';

/**
 * The fractional column of `addr` in `process`: linear inside a segment, the start of the next
 * segment inside a gap, the end of the last segment past it; NaN if the process has none.
 */
export function addrToCol(axis: AddressAxis, process: number, addr: number): number {
  let last = NaN;
  for (const seg of axis.segments) {
    if (seg.process !== process) continue;
    if (addr < seg.start) return seg.col0;
    if (addr < seg.end) return segmentCol(seg, addr);
    last = seg.col1;
  }
  return last;
}

/** The address at fractional column `col` (interpolated inside the column's range). */
export function colToAddr(
  axis: AddressAxis,
  col: number,
): { process: number; addr: number } | null {
  const c = Math.floor(col);
  if (!(c >= 0 && c < axis.columns)) return null;
  const r = axis.colRanges;
  const start = r[c * 3]!;
  const end = r[c * 3 + 1]!;
  const page = 4096;
  const addr = start + Math.floor(((col - c) * (end - start)) / page) * page;
  return { process: r[c * 3 + 2]!, addr: Math.min(addr, end - 1) };
}

/** Index of the region holding `addr` (binary search over the sorted ranges), or -1. */
export function regionAt(snapshot: DamonSnapshot, addr: number): number {
  const { ranges } = snapshot;
  let lo = 0;
  let hi = snapshot.nrAccesses.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[2 * mid + 1]! <= addr) lo = mid + 1;
    else hi = mid;
  }
  return lo < snapshot.nrAccesses.length && ranges[2 * lo]! <= addr ? lo : -1;
}

/**
 * Where the snapshot's region boundaries fall on the axis, as fractional columns, ascending:
 * every region's start, and its end where the next region does not start right there (a hole
 * in the monitored ranges). Boundaries that land on the same column position are kept once.
 */
export function boundaryCols(axis: AddressAxis, snapshot: DamonSnapshot): number[] {
  const { ranges, process } = snapshot;
  const n = snapshot.nrAccesses.length;
  const out: number[] = [];
  const add = (col: number) => {
    if (Number.isFinite(col) && out[out.length - 1] !== col) out.push(col);
  };
  for (let i = 0; i < n; i++) {
    add(addrToCol(axis, process, ranges[2 * i]!));
    const end = ranges[2 * i + 1]!;
    if (i === n - 1 || ranges[2 * i + 2]! !== end) add(addrToCol(axis, process, end));
  }
  return out;
}

/** Columns [col0, col1) a region covers on the axis (fractional). */
export function regionCols(
  axis: AddressAxis,
  process: number,
  start: number,
  end: number,
): [number, number] {
  return [addrToCol(axis, process, start), addrToCol(axis, process, end)];
}
