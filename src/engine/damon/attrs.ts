/**
 * struct damon_attrs: DAMON's monitoring attributes, with the kernel's defaults
 * (damon_new_ctx) and validation (damon_set_attrs). All intervals are microseconds.
 */
import type { DamonAttrs } from '../config';
import { EngineError } from '../errors';

export type { DamonAttrs };

export const DAMON_DEFAULT_ATTRS: DamonAttrs = {
  sample_interval: 5_000,
  aggr_interval: 100_000,
  ops_update_interval: 60_000_000,
  min_nr_regions: 10,
  max_nr_regions: 1000,
  intervals_goal: { access_bp: 0, aggrs: 0, min_sample_us: 0, max_sample_us: 0 },
};

/**
 * damon_max_nr_accesses(): samples per aggregation, the ceiling of nr_accesses. A 0
 * sample_interval (damon_set_attrs accepts it) is read as 1 µs, as kdamond_fn reads it.
 */
export function damonMaxNrAccesses(a: DamonAttrs): number {
  return Math.min(Math.floor(a.aggr_interval / (a.sample_interval || 1)), 0xffffffff);
}

/** The checks damon_set_attrs() makes; throws EINVAL with the reason. */
export function damonValidateAttrs(a: DamonAttrs): void {
  const g = a.intervals_goal;
  const bad = (why: string): never => {
    throw new EngineError('EINVAL', `damon attrs: ${why}`);
  };
  if (
    g.aggrs !== 0 &&
    (g.min_sample_us > g.max_sample_us ||
      a.sample_interval < g.min_sample_us ||
      a.sample_interval > g.max_sample_us)
  )
    bad('intervals_goal needs min_sample_us <= sample_interval <= max_sample_us');
  if (a.min_nr_regions < 3) bad('min_nr_regions must be at least 3');
  if (a.min_nr_regions > a.max_nr_regions) bad('min_nr_regions must not exceed max_nr_regions');
  if (a.sample_interval > a.aggr_interval) bad('sample_interval must not exceed aggr_interval');
  if (a.sample_interval < 0) bad('sample_interval must not be negative');
}

/** damon_nr_accesses_to_accesses_bp(): nr_accesses in basis points of the maximum under `a`. */
export const damonNrAccessesToAccessesBp = (n: number, a: DamonAttrs): number =>
  Math.floor((n * 10000) / damonMaxNrAccesses(a));
const toBp = damonNrAccessesToAccessesBp;
const fromBp = (bp: number, a: DamonAttrs): number =>
  Math.floor((bp * damonMaxNrAccesses(a)) / 10000);

/**
 * damon_update_monitoring_result(): rescale a region's counters when the attributes change,
 * so a new sampling rate does not make old results look hotter or colder.
 */
export function damonUpdateMonitoringResult(
  r: { nrAccesses: number; nrAccessesBp: number; lastNrAccesses: number; age: number },
  oldA: DamonAttrs,
  newA: DamonAttrs,
  aggregating: boolean,
): void {
  if (!oldA.sample_interval || !oldA.aggr_interval || !newA.sample_interval || !newA.aggr_interval)
    return;
  const conv = (n: number): number => fromBp(toBp(n, oldA), newA);
  if (!aggregating) {
    r.nrAccesses = conv(r.nrAccesses);
    r.nrAccessesBp = r.nrAccesses * 10000;
  } else {
    r.lastNrAccesses = conv(r.lastNrAccesses);
    r.nrAccessesBp = r.lastNrAccesses * 10000;
    r.nrAccesses = 0;
  }
  r.age = Math.floor((r.age * oldA.aggr_interval) / newA.aggr_interval);
}
