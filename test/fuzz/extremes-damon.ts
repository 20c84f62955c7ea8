/**
 * The DAMON recipes of extremes.ts: attributes at their extremes, intervals auto-tuning with
 * tiny sample intervals, thousands of targets, every scheme, goal and filter slot used.
 */
import type { Scenario } from '../../src/scenario';
import type { Recipe } from './extremes';

const MiB = 2 ** 20;
const US_MAX = 3_600_000_000;

function damonOf(root: Record<string, unknown>): Scenario['damon'] {
  return (root as unknown as Scenario).damon;
}

const damonExtremes: Recipe = (rng, root) => {
  const d = damonOf(root);
  d.enabled = true;
  const a = d.attrs;
  a.sample_interval = rng.pick([100, 100, 1000, US_MAX]);
  a.aggr_interval = rng.pick([a.sample_interval, a.sample_interval * 2, US_MAX]);
  a.ops_update_interval = rng.pick([100, US_MAX]);
  a.min_nr_regions = rng.pick([3, 3, 1000, 100_000]);
  a.max_nr_regions = rng.pick([a.min_nr_regions, 100_000]);
  d.flushOnMkold = rng.chance(0.5);
};

const intervalsGoal: Recipe = (rng, root) => {
  const a = damonOf(root).attrs;
  damonOf(root).enabled = true;
  a.sample_interval = rng.pick([100, 1000, 5000]);
  a.aggr_interval = Math.max(a.sample_interval, rng.pick([100, 1000, 100_000]));
  a.intervals_goal = {
    access_bp: rng.pick([0, 1, 400, 10_000]),
    aggrs: rng.pick([1, 3, 1000]),
    min_sample_us: rng.pick([0, 0, 1, 100]),
    max_sample_us: rng.pick([a.sample_interval, US_MAX]),
  };
};

const manyTargets: Recipe = (rng, root) => {
  const d = damonOf(root);
  d.enabled = true;
  d.targets = new Array<number>(rng.pick([8, 1000, 20_000, 200_000])).fill(0);
};

const manySchemes: Recipe = (rng, root) => {
  const d = damonOf(root);
  d.enabled = true;
  const types = ['anon', 'active', 'young', 'hugepage_size', 'unmapped', 'addr', 'target'] as const;
  const actions = [
    'willneed',
    'cold',
    'pageout',
    'hugepage',
    'nohugepage',
    'stat',
    'split',
    'collapse',
    'migrate_hot',
    'migrate_cold',
  ] as const;
  d.schemes = Array.from({ length: rng.pick([1, 16]) }, () => {
    const action = rng.pick(actions);
    return {
      action,
      target_order: action === 'collapse' ? rng.pick([2, 9]) : rng.pick([0, 2, 4, 8]),
      collapse_path: rng.pick(['series', 'madvise', 'madvise_mthp'] as const),
      target_nid: 0,
      apply_interval_us: rng.pick([0, 100, 1000]),
      pattern: {
        min_sz_region: 0,
        max_sz_region: Number.MAX_SAFE_INTEGER,
        min_nr_accesses: 0,
        max_nr_accesses: 0xffff_ffff,
        min_age_region: 0,
        max_age_region: 0xffff_ffff,
      },
      quota: {
        ms: rng.pick([0, 1, 10]),
        sz: rng.pick([0, 4096, Number.MAX_SAFE_INTEGER]),
        reset_interval: rng.pick([0, 1, 10]),
        weight_sz: rng.pick([0, 10_000]),
        weight_nr_accesses: rng.pick([0, 10_000]),
        weight_age: rng.pick([0, 10_000]),
        goals: Array.from({ length: rng.pick([0, 8]) }, (_, i) => ({
          metric: rng.pick(['user_input', 'node_mem_used_bp', 'node_mem_free_bp'] as const),
          target_value: rng.pick([1, 5000, Number.MAX_SAFE_INTEGER]),
          current_value: rng.pick([0, Number.MAX_SAFE_INTEGER]),
          nid: i % 2,
        })),
      },
      wmarks: rng.chance(0.5)
        ? { metric: 'free_mem_rate', interval: 1000, high: 1000, mid: 500, low: 0 }
        : { metric: 'none', interval: 0, high: 0, mid: 0, low: 0 },
      filters: Array.from({ length: rng.pick([0, 16]) }, () => {
        const type = rng.pick(types);
        return {
          type,
          matching: rng.chance(0.5),
          allow: rng.chance(0.5),
          addr_start: 0,
          addr_end: type === 'addr' ? rng.pick([4096, Number.MAX_SAFE_INTEGER]) : 0,
          target_idx: rng.pick([0, 7]),
          min: 0,
          max: rng.pick([0, 2 * MiB, Number.MAX_SAFE_INTEGER]),
        };
      }),
    };
  });
};

// prettier-ignore
export const DAMON_RECIPES: readonly Recipe[] = [damonExtremes, intervalsGoal, manyTargets, manySchemes];
