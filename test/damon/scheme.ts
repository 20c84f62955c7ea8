/** A DAMOS scheme for tests: the kernel's defaults (every region matches), then `s`. */
import type { DamosConfig, DamosFilter } from '../../src/engine/config';

export function scheme(s: Partial<DamosConfig> & { action: DamosConfig['action'] }): DamosConfig {
  return {
    target_order: 0,
    collapse_path: 'madvise',
    target_nid: 0,
    apply_interval_us: 0,
    pattern: {
      min_sz_region: 0,
      max_sz_region: Number.MAX_SAFE_INTEGER,
      min_nr_accesses: 0,
      max_nr_accesses: 0xffffffff,
      min_age_region: 0,
      max_age_region: 0xffffffff,
    },
    quota: {
      ms: 0,
      sz: 0,
      reset_interval: 0,
      weight_sz: 0,
      weight_nr_accesses: 0,
      weight_age: 0,
      goals: [],
    },
    wmarks: { metric: 'none', interval: 0, high: 0, mid: 0, low: 0 },
    filters: [],
    ...s,
  } as DamosConfig;
}

/** A DAMOS filter: the schema's defaults (matching, not allow, no range), then `f`. */
export function filter(f: Partial<DamosFilter> & { type: DamosFilter['type'] }): DamosFilter {
  return {
    matching: true,
    allow: false,
    addr_start: 0,
    addr_end: 0,
    target_idx: 0,
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    ...f,
  };
}
