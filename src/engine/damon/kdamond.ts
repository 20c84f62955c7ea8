/**
 * One DAMON context and its kdamond, driven by the simulation clock: kdamondInit at start,
 * then kdamondSample once per sample_interval. Each call is one iteration of kdamond_fn's
 * loop, in the kernel's phase order:
 *   check accesses -> (aggregation due) merge regions, apply min_nr_regions
 *   -> DAMOS schemes -> (aggregation due) tune intervals, record the snapshot, reset
 *   aggregated, split regions -> (ops update due) re-read the three regions
 *   -> wait for watermarks, prepare the next access checks
 */
import type { DamonConfig, DamonPrimitive } from '../config';
import { damonRules, type DamonRules, type KernelVersion } from '../kernel';
import type { Machine } from '../machine';
import { createRng, randRange, type Rng, STREAM_DAMON } from '../rng';
import {
  DAMON_DEFAULT_ATTRS,
  type DamonAttrs,
  damonMaxNrAccesses,
  damonUpdateMonitoringResult,
  damonValidateAttrs,
} from './attrs';
import { damosInit, damosWmarkWaitUs, DamosScheme, kdamondApplySchemes } from './damos';
import { damonFeedLoopNextInput } from './damos-quota';
import { damonVaCheckAccesses, damonVaPrepareAccessChecks, vmaRanges } from './ops-vaddr';
import { damonFaultCheckAccesses, damonFaultPrepareAccessChecks } from './ops-fault';
import {
  damonApplyMinNrRegions,
  damonMergeRegionsOf,
  DamonRegion,
  damonRegionSzLimit,
  damonSetRegions,
  damonSplitRegionsOf,
  DamonTarget,
  damonUpdateRegionAccessRate,
} from './region';
import { damonVaEvenlySplitRegion, damonVaThreeRegions } from './three-regions';

export const DAMON_MIN_REGION_SZ = 4096;

/** One aggregation's result for one target: what the damon_aggregated tracepoint reports. */
export interface DamonSnapshot {
  /** Simulated time of the aggregation (end of the window). */
  tUs: number;
  /** Start of the aggregation interval this snapshot covers. */
  startUs: number;
  process: number;
  /** [start, end) pairs, flat. */
  ranges: Float64Array;
  nrAccesses: Uint32Array;
  age: Uint32Array;
  /** sample_interval in force during the window (auto-tuning may change it). */
  sampleUs: number;
}

export class DamonCtx {
  attrs: DamonAttrs;
  readonly targets: DamonTarget[];
  readonly flushOnMkold: boolean;
  /** The rules of the kernel release the scenario runs (kernel.ts). */
  readonly rules: DamonRules;
  readonly rng: Rng;
  passedSampleIntervals = 0;
  nextAggregationSis = 0;
  nextOpsUpdateSis = 0;
  szLimit = 0;
  /** Simulated time of the next sample (none until kdamondInit). */
  nextSampleUs = Infinity;
  lastAggregationUs = 0;
  /** Aggregations completed. */
  nrAggregations = 0;
  /** Sum over samples of the regions checked (the cost of monitoring). */
  nrChecks = 0;
  pending: DamonSnapshot[] = [];
  readonly schemes: DamosScheme[];
  /** aggr_interval / sample_interval when the attributes were set (attrs.aggr_samples). */
  aggrSamples = 0;
  nextIntervalsTuneSis = 0;
  /** kdamond is sleeping until a watermark activates a scheme (kdamond_wait_activation). */
  waiting = false;
  /** The access-check primitive (ops-vaddr.ts Accessed bits, or ops-fault.ts page faults). */
  primitive: DamonPrimitive;

  constructor(cfg: DamonConfig, seed: number, kernel: KernelVersion) {
    damonValidateAttrs(cfg.attrs);
    this.rules = damonRules(kernel);
    this.attrs = { ...cfg.attrs, intervals_goal: { ...cfg.attrs.intervals_goal } };
    this.targets = cfg.targets.map((p) => new DamonTarget(p));
    this.schemes = cfg.schemes.map((sc, i) => new DamosScheme(sc, i));
    this.flushOnMkold = cfg.flushOnMkold;
    this.primitive = cfg.primitive;
    this.rng = createRng(seed, STREAM_DAMON);
  }

  readonly rand = (l: number, r: number): number => randRange(this.rng, l, r);
}

/** kdamond_fn's `sample_interval ? sample_interval : 1`: a 0 interval counts as 1 µs. */
export const sampleUsOf = (c: { attrs: DamonAttrs }): number => c.attrs.sample_interval || 1;
const perSample = (c: DamonCtx, us: number): number => Math.floor(us / sampleUsOf(c));

/** damon_va_update (mm/damon/vaddr.c): set each target's regions to its three regions. */
function vaUpdate(c: DamonCtx, m: Machine): void {
  for (const t of c.targets) {
    const three = damonVaThreeRegions(vmaRanges(m.mms[t.process]!), DAMON_MIN_REGION_SZ);
    if (three) damonSetRegions(t, three, DAMON_MIN_REGION_SZ);
  }
}

/**
 * damon_va_init (mm/damon/vaddr.c). Up to 7.0, __damon_va_init_regions() splits each of the
 * three regions evenly into size / sz pieces, sz = max(total / min_nr_regions, PAGE_SIZE), the
 * last piece taking the rest: a range smaller than sz stays whole, so the start can have fewer
 * than min_nr_regions regions. In 7.1 vaddr only sets the three regions and the core splits.
 */
function vaInit(c: DamonCtx, m: Machine): void {
  for (const t of c.targets) {
    if (t.regions.length > 0) continue; // only targets without user-set regions
    const three = damonVaThreeRegions(vmaRanges(m.mms[t.process]!), DAMON_MIN_REGION_SZ);
    if (!three) continue;
    if (c.rules.minNrRegions === 'core-split') {
      damonSetRegions(t, three, DAMON_MIN_REGION_SZ);
      continue;
    }
    let sz = three.reduce((sum, [s, e]) => sum + (e - s), 0);
    if (c.attrs.min_nr_regions) sz = Math.floor(sz / c.attrs.min_nr_regions);
    sz = Math.max(sz, DAMON_MIN_REGION_SZ);
    for (const [s, e] of three) {
      t.regions.push(new DamonRegion(s, e));
      damonVaEvenlySplitRegion(
        t,
        t.regions.length - 1,
        Math.floor((e - s) / sz),
        DAMON_MIN_REGION_SZ,
      );
    }
  }
}

/**
 * The merge's size limit after start, merges and ops updates: damon_apply_min_nr_regions()
 * (7.1, which also splits) or damon_region_sz_limit() (up to 7.0, no split).
 */
function minNrRegionsLimit(c: DamonCtx): number {
  return c.rules.minNrRegions === 'core-split'
    ? damonApplyMinNrRegions(c.targets, c.attrs.min_nr_regions, DAMON_MIN_REGION_SZ)
    : damonRegionSzLimit(c.targets, c.attrs.min_nr_regions, DAMON_MIN_REGION_SZ);
}

/** kdamond_init_ctx + ops.init + the first prepare_access_checks, at simulated time nowUs. */
export function kdamondInit(c: DamonCtx, m: Machine, nowUs: number): void {
  c.passedSampleIntervals = 0;
  c.aggrSamples = perSample(c, c.attrs.aggr_interval);
  c.nextAggregationSis = c.aggrSamples;
  c.nextOpsUpdateSis = perSample(c, c.attrs.ops_update_interval);
  c.nextIntervalsTuneSis = c.nextAggregationSis * c.attrs.intervals_goal.aggrs;
  damosInit(c);
  vaInit(c, m);
  c.szLimit = minNrRegionsLimit(c);
  c.lastAggregationUs = nowUs;
  startIteration(c, m, nowUs);
}

/**
 * The top of kdamond_fn's loop: wait while watermarks deactivate every scheme, else
 * prepare the access checks and sleep one sample interval.
 */
function startIteration(c: DamonCtx, m: Machine, nowUs: number): void {
  let minWait = 0;
  c.schemes.forEach((s, i) => {
    const w = damosWmarkWaitUs(m, s);
    if (i === 0 || w < minWait) minWait = w;
  });
  if (minWait > 0) {
    c.waiting = true;
    c.nextSampleUs = nowUs + minWait;
    return;
  }
  c.waiting = false;
  if (c.primitive === 'page_fault') damonFaultPrepareAccessChecks(m, c.targets, c.rand, nowUs);
  else damonVaPrepareAccessChecks(m, c.targets, c.rand, c.flushOnMkold);
  // kdamond_usleep(0) is usleep_range_idle(0, 1): the simulation sleeps the 1 µs
  c.nextSampleUs = nowUs + sampleUsOf(c);
}

/**
 * kdamond_tune_intervals(): scale sample_interval (and aggr_interval with it) by how far
 * the observed access ratio is from intervals_goal.access_bp.
 */
export function kdamondTuneIntervals(c: DamonCtx): void {
  const g = c.attrs.intervals_goal;
  let events = 0;
  let maxEvents = 0;
  for (const t of c.targets)
    for (const r of t.regions) {
      events += r.size * r.nrAccesses;
      maxEvents += r.size * c.aggrSamples;
    }
  const target = Math.max(1, Math.floor((maxEvents * g.access_bp) / 10000));
  const score = Math.floor((events * 10000) / target);
  let adapt = Math.floor(damonFeedLoopNextInput(100_000_000, score) / 10000);
  if (adapt <= 10000) adapt = 5000 + Math.floor(adapt / 2);
  // on target: no damon_set_attrs(), which would restart the aggregation, ops update and
  // apply intervals (and round every nr_accesses through basis points)
  if (adapt === 10000) return;
  // at least 1 µs: a 0 interval would sample endlessly at one instant (damon_set_attrs
  // itself only reads a 0 sample_interval as 1 when converting)
  const sample = Math.max(
    1,
    Math.min(
      g.max_sample_us,
      Math.max(g.min_sample_us, Math.floor((c.attrs.sample_interval * adapt) / 10000)),
    ),
  );
  damonSetAttrs(c, { ...c.attrs, sample_interval: sample, aggr_interval: sample * c.aggrSamples });
}

/** damon_set_attrs() at run time: rescale results and every next_*_sis to the new intervals. */
export function damonSetAttrs(c: DamonCtx, attrs: DamonAttrs): void {
  damonValidateAttrs(attrs);
  const aggregating = c.passedSampleIntervals < c.nextAggregationSis;
  for (const t of c.targets)
    for (const r of t.regions) damonUpdateMonitoringResult(r, c.attrs, attrs, aggregating);
  c.attrs = { ...attrs, intervals_goal: { ...attrs.intervals_goal } };
  c.aggrSamples = perSample(c, attrs.aggr_interval);
  c.nextAggregationSis = c.passedSampleIntervals + c.aggrSamples;
  c.nextOpsUpdateSis = c.passedSampleIntervals + perSample(c, attrs.ops_update_interval);
  damosInit(c);
}

function totalRegions(c: DamonCtx): number {
  let n = 0;
  for (const t of c.targets) n += t.regions.length;
  return n;
}

/**
 * kdamond_merge_regions(): merge with a threshold that doubles while over max_nr_regions.
 * Every pass re-runs damon_merge_regions_of()'s age update, so a region ages once per pass
 * (6.12, 6.18 and 7.1 alike).
 */
export function kdamondMergeRegions(c: DamonCtx, threshold: number, szLimit: number): void {
  const maxThres = Math.floor(c.attrs.aggr_interval / sampleUsOf(c));
  const zeroCross = c.rules.ageResetOnZeroCross;
  do {
    for (const t of c.targets) damonMergeRegionsOf(t, threshold, szLimit, zeroCross);
    threshold = Math.max(1, threshold * 2);
  } while (totalRegions(c) > c.attrs.max_nr_regions && threshold / 2 < maxThres);
}

/**
 * kdamond_split_regions(): 3 pieces when the region count is stable and small, else 2.
 * `statics` is the function's static last_nr_regions, shared by all contexts of one kernel.
 */
function kdamondSplitRegions(c: DamonCtx, statics: { lastNrRegions: number }): void {
  const n = totalRegions(c);
  if (n > c.attrs.max_nr_regions / 2) return;
  const subs = statics.lastNrRegions === n && n < c.attrs.max_nr_regions / 3 ? 3 : 2;
  for (const t of c.targets) damonSplitRegionsOf(t, subs, DAMON_MIN_REGION_SZ, c.rand);
  statics.lastNrRegions = n;
}

function recordSnapshot(c: DamonCtx, nowUs: number): void {
  for (const t of c.targets) {
    const n = t.regions.length;
    const ranges = new Float64Array(n * 2);
    const nr = new Uint32Array(n);
    const age = new Uint32Array(n);
    t.regions.forEach((r, i) => {
      ranges[2 * i] = r.start;
      ranges[2 * i + 1] = r.end;
      nr[i] = r.nrAccesses;
      age[i] = r.age;
    });
    c.pending.push({
      tUs: nowUs,
      startUs: c.lastAggregationUs,
      process: t.process,
      ranges,
      nrAccesses: nr,
      age,
      sampleUs: sampleUsOf(c),
    });
  }
  c.lastAggregationUs = nowUs;
  c.nrAggregations++;
}

/** One kdamond iteration after a sample interval has passed (at simulated time nowUs). */
export function kdamondSample(c: DamonCtx, m: Machine, nowUs: number): void {
  if (c.waiting) {
    startIteration(c, m, nowUs); // woke up from a watermark wait: nothing was sampled
    return;
  }
  c.passedSampleIntervals++;
  // damon_update_region_access_rate(): len_window is 1 for a 0 sample_interval
  const lenWindow = c.attrs.sample_interval ? damonMaxNrAccesses(c.attrs) : 1;
  const update = (r: DamonRegion, accessed: boolean) =>
    damonUpdateRegionAccessRate(r, accessed, lenWindow);
  const maxNr =
    c.primitive === 'page_fault'
      ? damonFaultCheckAccesses(m, c.targets, sampleUsOf(c), nowUs, update)
      : damonVaCheckAccesses(m, c.targets, update);
  c.nrChecks += totalRegions(c);
  const aggregate = c.passedSampleIntervals >= c.nextAggregationSis;
  if (aggregate) {
    kdamondMergeRegions(c, Math.floor(maxNr / 10), c.szLimit);
    if (c.rules.minNrRegions === 'core-split') c.szLimit = minNrRegionsLimit(c);
  }
  if (c.schemes.length > 0) kdamondApplySchemes(c, m, nowUs);
  if (aggregate) {
    const g = c.attrs.intervals_goal;
    if (g.aggrs && c.passedSampleIntervals >= c.nextIntervalsTuneSis) {
      c.nextIntervalsTuneSis += c.aggrSamples * g.aggrs;
      kdamondTuneIntervals(c);
    }
    c.nextAggregationSis = c.passedSampleIntervals + perSample(c, c.attrs.aggr_interval);
    recordSnapshot(c, nowUs);
    // kdamond_reset_aggregated(); damon_warn_fix_nr_accesses_corruption() first resyncs the
    // moving sum, whose per-sample subtraction rounds down (kernels since 6.8)
    for (const t of c.targets)
      for (const r of t.regions) {
        r.nrAccessesBp = r.nrAccesses * 10000;
        r.lastNrAccesses = r.nrAccesses;
        r.nrAccesses = 0;
      }
    kdamondSplitRegions(c, m.kdamondStatics);
  }
  if (c.passedSampleIntervals >= c.nextOpsUpdateSis) {
    c.nextOpsUpdateSis = c.passedSampleIntervals + perSample(c, c.attrs.ops_update_interval);
    vaUpdate(c, m);
    // up to 7.0 kdamond_fn recomputes sz_limit here (damon_region_sz_limit); 7.1 does so
    // after every merge instead
    if (c.rules.minNrRegions === 'vaddr-even') c.szLimit = minNrRegionsLimit(c);
  }
  startIteration(c, m, nowUs);
}

export { DAMON_DEFAULT_ATTRS };
export type { DamonConfig };
