/**
 * vaddr's initial monitoring regions (mm/damon/vaddr.c, __damon_va_three_regions): the
 * address space minus its two biggest gaps, as three ranges. Ties keep the earlier gap. Up to
 * 7.0, __damon_va_init_regions() then splits each evenly (damonVaEvenlySplitRegion).
 */
import { type DamonTarget, damonSplitRegionAt } from './region';

export type Range = [number, number];

/** VMAs as sorted [start, end) pairs -> three ranges, or null when there are no two gaps. */
export function damonVaThreeRegions(vmas: Range[], minSz: number): Range[] | null {
  if (vmas.length === 0) return null;
  let first: Range = [0, 0];
  let second: Range = [0, 0];
  const size = (g: Range): number => g[1] - g[0];
  let prev: Range | null = null;
  const start = vmas[0]![0];
  for (const v of vmas) {
    if (prev) {
      const gap: Range = [prev[1], v[0]];
      if (size(gap) > size(first)) {
        second = first;
        first = gap;
      } else if (size(gap) > size(second)) second = gap;
    }
    prev = v;
  }
  if (size(first) === 0 || size(second) === 0) return null;
  if (first[0] > second[0]) [first, second] = [second, first];
  const align = (x: number): number => Math.ceil(x / minSz) * minSz;
  return [
    [align(start), align(first[0])],
    [align(first[1]), align(second[0])],
    [align(second[1]), align(prev![1])],
  ];
}

/**
 * damon_va_evenly_split_region() (vaddr's init up to 7.0): nr pieces, the last takes the rest.
 */
export function damonVaEvenlySplitRegion(
  t: DamonTarget,
  i: number,
  nrPieces: number,
  minSz: number,
): number {
  const r = t.regions[i];
  if (!r || nrPieces === 0) return -22; // -EINVAL
  if (nrPieces === 1) return 0;
  let szPiece = Math.floor(r.size / nrPieces);
  szPiece -= szPiece % minSz;
  if (szPiece === 0) return -22;
  for (let k = 1; k < nrPieces; k++) damonSplitRegionAt(t, i + k - 1, szPiece);
  return 0;
}
