/**
 * Two core pieces of a mainline newer than every modelled release (7.2-rc era: nr_accesses_bp
 * gone, damon_split_some_regions). No release in kernel.ts uses them yet; they are kept here,
 * tested against their KUnit vectors, for a later generation.
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
