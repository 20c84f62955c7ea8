/**
 * struct damon_region and struct damon_target, and the core operations on a target's
 * region list (mm/damon/core.c). Regions are half-open [start, end) byte ranges, sorted,
 * never overlapping, possibly with gaps. The nr_accesses_bp era (v6.7 .. v7.1), which every
 * release the engine models (kernel.ts) is part of; per-release rules are flags.
 */

export class DamonRegion {
  start: number;
  end: number;
  samplingAddr = 0;
  /** Sampling intervals in the current aggregation window in which an access was seen. */
  nrAccesses = 0;
  /** Moving-sum version of nr_accesses in basis points (becomes nrAccesses * 10000 each aggregation). */
  nrAccessesBp = 0;
  /** nr_accesses of the previous aggregation interval. */
  lastNrAccesses = 0;
  /** Aggregation intervals this access pattern has been kept. */
  age = 0;

  constructor(start: number, end: number) {
    this.start = start;
    this.end = end;
  }

  get size(): number {
    return this.end - this.start;
  }
}

export class DamonTarget {
  regions: DamonRegion[] = [];
  constructor(
    /** Index of the monitored process (the pid, for vaddr). */
    readonly process: number,
  ) {}
}

/** damon_rand(l, r) as the kernel's: uniform in [l, r). The caller passes the ctx's generator. */
export type DamonRand = (l: number, r: number) => number;

const alignDown = (x: number, a: number): number => x - (x % a);
const alignUp = (x: number, a: number): number => Math.ceil(x / a) * a;

/** Cut r at `at`: r keeps [start, at), the returned new region [at, end) copies r's counters. */
function splitOff(r: DamonRegion, at: number): DamonRegion {
  const n = new DamonRegion(at, r.end);
  r.end = at;
  n.age = r.age;
  n.lastNrAccesses = r.lastNrAccesses;
  n.nrAccesses = r.nrAccesses;
  n.nrAccessesBp = r.nrAccessesBp;
  return n;
}

/** damon_split_region_at(): the left piece keeps r, the right is new and copies its counters. */
export function damonSplitRegionAt(t: DamonTarget, i: number, szR: number): void {
  const r = t.regions[i]!;
  t.regions.splice(i + 1, 0, splitOff(r, r.start + szR));
}

/** damon_merge_two_regions(): size-weighted nr_accesses and age; l keeps last_nr_accesses. */
export function damonMergeTwoRegions(l: DamonRegion, r: DamonRegion): void {
  const sl = l.size;
  const sr = r.size;
  l.nrAccesses = Math.floor((l.nrAccesses * sl + r.nrAccesses * sr) / (sl + sr));
  l.nrAccessesBp = l.nrAccesses * 10000;
  l.age = Math.floor((l.age * sl + r.age * sr) / (sl + sr));
  l.end = r.end;
}

/**
 * damon_merge_regions_of(): age each region (reset on a change beyond `thres`, and with
 * `zeroCross` also between zero and non-zero, as 6.18 does; 6.12 has no such reset), then
 * merge address-adjacent neighbours whose nr_accesses differ by <= thres while the merged
 * size stays <= szLimit.
 */
export function damonMergeRegionsOf(
  t: DamonTarget,
  thres: number,
  szLimit: number,
  zeroCross = true,
): void {
  const out: DamonRegion[] = [];
  let prev: DamonRegion | null = null;
  for (const r of t.regions) {
    if (Math.abs(r.nrAccesses - r.lastNrAccesses) > thres) r.age = 0;
    else if (zeroCross && (r.nrAccesses === 0) !== (r.lastNrAccesses === 0)) r.age = 0;
    else r.age++;
    if (
      prev &&
      prev.end === r.start &&
      Math.abs(prev.nrAccesses - r.nrAccesses) <= thres &&
      prev.size + r.size <= szLimit
    ) {
      damonMergeTwoRegions(prev, r);
    } else {
      out.push(r);
      prev = r;
    }
  }
  t.regions = out;
}

/**
 * damon_split_regions_of(): split each region into up to nrSubs pieces at random 10-90% points;
 * each further cut is taken from the left piece (new right pieces are not revisited), and a
 * draw that gives an empty piece still counts as one of the nrSubs - 1 attempts.
 */
export function damonSplitRegionsOf(
  t: DamonTarget,
  nrSubs: number,
  minSz: number,
  rand: DamonRand,
): void {
  const out: DamonRegion[] = [];
  for (const r of t.regions) {
    const right: DamonRegion[] = [];
    let sz = r.size;
    for (let i = 0; i < nrSubs - 1 && sz > 2 * minSz; i++) {
      const sub = alignDown(Math.floor((rand(1, 10) * sz) / 10), minSz);
      if (sub === 0 || sub >= sz) continue;
      right.unshift(splitOff(r, r.start + sub));
      sz = sub;
    }
    out.push(r, ...right);
  }
  t.regions = out;
}

/** damon_region_sz_limit(): max(total size / min_nr_regions, min_region_sz). */
export function damonRegionSzLimit(
  targets: DamonTarget[],
  minNrRegions: number,
  minRegionSz: number,
): number {
  let sz = 0;
  for (const t of targets) for (const r of t.regions) sz += r.size;
  if (minNrRegions) sz = Math.floor(sz / minNrRegions);
  return Math.max(sz, minRegionSz);
}

/**
 * damon_apply_min_nr_regions() (v6.18+): split every region larger than the size limit into
 * pieces of at most ALIGN(limit, min_region_sz). Returns that limit (the merge's sz_limit).
 */
export function damonApplyMinNrRegions(
  targets: DamonTarget[],
  minNrRegions: number,
  minRegionSz: number,
): number {
  const lim = alignUp(damonRegionSzLimit(targets, minNrRegions, minRegionSz), minRegionSz);
  for (const t of targets) {
    const out: DamonRegion[] = [];
    for (const r of t.regions) {
      let cur = r;
      out.push(cur);
      while (cur.size > lim) {
        cur = splitOff(cur, cur.start + lim);
        out.push(cur);
      }
    }
    t.regions = out;
  }
  return lim;
}

/**
 * damon_set_regions(): make the target's regions cover exactly `ranges` (sorted, disjoint):
 * drop regions outside every range, stretch the first/last region touching a range to its
 * (min_sz-aligned) ends, and fill holes inside a range with fresh regions.
 */
export function damonSetRegions(t: DamonTarget, ranges: [number, number][], minSz: number): void {
  const inAny = (r: DamonRegion): boolean => ranges.some(([s, e]) => r.start < e && r.end > s);
  let regions = t.regions.filter(inAny);
  for (const [s, e] of ranges) {
    const touching = regions.filter((r) => r.start < e && r.end > s);
    if (touching.length === 0) {
      const n = new DamonRegion(alignDown(s, minSz), alignUp(e, minSz));
      const at = regions.findIndex((r) => r.start >= e);
      if (at < 0) regions.push(n);
      else regions.splice(at, 0, n);
      continue;
    }
    const first = touching[0]!;
    const last = touching[touching.length - 1]!;
    first.start = alignDown(s, minSz);
    last.end = alignUp(e, minSz);
    // fill the holes between first..last
    const filled: DamonRegion[] = [];
    for (let i = 0; i < touching.length; i++) {
      const r = touching[i]!;
      filled.push(r);
      const nx = touching[i + 1];
      if (nx && r.end < nx.start) filled.push(new DamonRegion(r.end, nx.start));
    }
    const i0 = regions.indexOf(first);
    regions = [...regions.slice(0, i0), ...filled, ...regions.slice(i0 + touching.length)];
  }
  t.regions = regions;
}

/**
 * damon_update_region_access_rate() (nr_accesses_bp era): the pseudo moving sum assumes the
 * last window's accesses were spread evenly over it.
 */
export function damonUpdateRegionAccessRate(
  r: DamonRegion,
  accessed: boolean,
  lenWindow: number,
): void {
  r.nrAccessesBp =
    r.nrAccessesBp - Math.floor((r.lastNrAccesses * 10000) / lenWindow) + (accessed ? 10000 : 0);
  if (accessed) r.nrAccesses++;
}
