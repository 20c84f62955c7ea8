/**
 * The DAMON part of family (b): attributes that damon_set_attrs() accepts, up to 16 schemes
 * with patterns, quotas, watermarks and filters inside DAMOS's ranges.
 */
import { DAMOS_ACTIONS } from '../../src/scenario';
import type { DamonConfig, DamosConfig, DamosFilter } from '../../src/engine/config';
import type { FuzzRng } from './rng';

const US_MAX = 3_600_000_000;
const SZ_MAX = Number.MAX_SAFE_INTEGER;
const UINT_MAX = 0xffff_ffff;

function minMax(rng: FuzzRng, max: number): [number, number] {
  const a = rng.chance(0.5) ? 0 : rng.logInt(1, max);
  const b = rng.chance(0.5) ? max : rng.logInt(1, max);
  return a <= b ? [a, b] : [b, a];
}

function filter(rng: FuzzRng, targets: number): DamosFilter {
  const type = rng.pick([
    'anon',
    'active',
    'young',
    'hugepage_size',
    'unmapped',
    'addr',
    'target',
  ] as const);
  const [addr_start, addr_end] = minMax(rng, SZ_MAX);
  const [min, max] = minMax(rng, SZ_MAX);
  return {
    type,
    matching: rng.chance(0.5),
    allow: rng.chance(0.5),
    addr_start,
    addr_end: type === 'addr' && addr_end <= addr_start ? addr_start + 4096 : addr_end,
    target_idx: rng.int(Math.max(1, targets)),
    min,
    max,
  };
}

function scheme(rng: FuzzRng, targets: number): DamosConfig {
  const [min_sz_region, max_sz_region] = minMax(rng, SZ_MAX);
  const [min_nr_accesses, max_nr_accesses] = minMax(rng, rng.chance(0.5) ? 20 : UINT_MAX);
  const [min_age_region, max_age_region] = minMax(rng, rng.chance(0.5) ? 100 : UINT_MAX);
  const wm = rng.chance(0.2);
  const [low, mid] = minMax(rng, 1000);
  const action = rng.pick(DAMOS_ACTIONS);
  return {
    action,
    target_order: action === 'collapse' ? rng.pick([2, 4, 9]) : rng.pick([0, 2, 4, 8]),
    collapse_path: rng.pick(['series', 'madvise', 'madvise_mthp'] as const),
    target_nid: 0,
    apply_interval_us: rng.chance(0.7) ? 0 : rng.logInt(1, US_MAX),
    pattern: {
      min_sz_region,
      max_sz_region,
      min_nr_accesses,
      max_nr_accesses,
      min_age_region,
      max_age_region,
    },
    quota: {
      ms: rng.chance(0.6) ? 0 : rng.logInt(1, 10_000),
      sz: rng.chance(0.6) ? 0 : rng.logInt(1, SZ_MAX),
      reset_interval: rng.chance(0.5) ? 0 : rng.logInt(1, 10_000),
      weight_sz: rng.int(10_001),
      weight_nr_accesses: rng.int(10_001),
      weight_age: rng.int(10_001),
      goals: Array.from({ length: rng.count(8, 0.5) }, () => ({
        metric: rng.pick(['user_input', 'node_mem_used_bp', 'node_mem_free_bp'] as const),
        target_value: rng.logInt(1, 10_000),
        current_value: rng.int(10_001),
        nid: rng.int(8),
      })),
    },
    wmarks: wm
      ? {
          metric: 'free_mem_rate',
          interval: rng.logInt(1000, US_MAX),
          high: Math.max(mid, rng.int(1001)),
          mid,
          low,
        }
      : { metric: 'none', interval: 0, high: 0, mid: 0, low: 0 },
    filters: Array.from({ length: rng.count(16, 1) }, () => filter(rng, targets)),
  };
}

export function generateDamon(rng: FuzzRng, processes: number): DamonConfig {
  const sample_interval = rng.chance(0.5) ? 5000 : rng.logInt(100, 1_000_000);
  const aggr_interval = rng.chance(0.5)
    ? sample_interval * 20
    : rng.logInt(sample_interval, US_MAX);
  const min_nr_regions = rng.chance(0.7) ? 10 : rng.logInt(3, 100_000);
  const tune = rng.chance(0.3);
  // Distinct targets, as the schema wants; now and then more than there are processes.
  const nTargets = rng.chance(0.95) ? rng.range(1, processes) : rng.logInt(1, 5000);
  const targets = Array.from({ length: nTargets }, (_, i) =>
    i < processes ? i : rng.int(processes),
  );
  return {
    enabled: rng.chance(0.8),
    targets,
    attrs: {
      sample_interval,
      aggr_interval,
      ops_update_interval: rng.logInt(100, US_MAX),
      min_nr_regions,
      max_nr_regions: rng.chance(0.5)
        ? 1000 * (min_nr_regions <= 1000 ? 1 : 100)
        : rng.logInt(min_nr_regions, 100_000),
      intervals_goal: tune
        ? {
            access_bp: rng.int(10_001),
            aggrs: rng.logInt(1, 1000),
            min_sample_us: rng.chance(0.05)
              ? 0
              : rng.logInt(Math.min(100, sample_interval), sample_interval),
            max_sample_us: rng.logInt(sample_interval, US_MAX),
          }
        : { access_bp: 0, aggrs: 0, min_sample_us: 0, max_sample_us: 0 },
    },
    flushOnMkold: rng.chance(0.2),
    primitive: 'page_table',
    schemes: Array.from({ length: rng.count(16, 0.7) }, () => scheme(rng, nTargets)),
  };
}
