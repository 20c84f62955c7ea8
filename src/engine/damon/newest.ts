/**
 * The newest mainline's variants of two core pieces (v7.1-dev; the simulated kdamond runs the
 * v6.18 generation with nr_accesses_bp). Kept here, tested against their KUnit vectors, for
 * a later generation switch.
 */
import type { DamonRand } from './region';
import { type DamonTarget, damonSplitRegionAt } from './region';

/** damon_mvsum(): the current window plus the unexpired share of the last one. */
export function damonMvsum(current: number, last: number, leftWindowBp: number): number {
  return current + Math.floor((last * leftWindowBp) / 10000);
}

/** damon_nr_accesses_mvsum(): the moving sum from where the sampler is in the aggregation. */
export function damonNrAccessesMvsum(
  nrAccesses: number,
  lastNrAccesses: number,
  passed: number,
  nextAggregationSis: number,
  windowSamples: number,
): number {
  const left = passed >= nextAggregationSis ? 0 : nextAggregationSis - passed;
  const leftBp = Math.floor((left * 10000) / windowSamples);
  return leftBp === 10000 ? lastNrAccesses : damonMvsum(nrAccesses, lastNrAccesses, leftBp);
}

/**
 * damon_split_some_regions(): above max_nr_regions / 2 the newest kernel still splits one in
 * every `step` regions (step = max / (max - n)) in two, rotating where it starts.
 */
export function damonSplitSomeRegions(
  targets: DamonTarget[],
  maxNrRegions: number,
  minSz: number,
  rand: DamonRand,
  rotation: { value: number },
): void {
  let n = 0;
  for (const t of targets) n += t.regions.length;
  if (n >= maxNrRegions) return;
  const step = Math.floor(maxNrRegions / (maxNrRegions - n));
  const offset = rotation.value++ % step;
  let idx = 0;
  for (const t of targets) {
    const original = [...t.regions];
    for (const r of original) {
      if (idx++ % step !== offset || r.size < 2 * minSz) continue;
      let sz = Math.floor((rand(1, 10) * r.size) / 10);
      sz -= sz % minSz;
      if (sz === 0 || sz >= r.size) continue;
      damonSplitRegionAt(t, t.regions.indexOf(r), sz);
    }
  }
}

/** damon_va_evenly_split_region() (vaddr before v6.18): nr pieces, the last takes the rest. */
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
