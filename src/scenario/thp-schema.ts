/**
 * /sys/kernel/mm/transparent_hugepage/ as a scenario section: the top-level `enabled`, the
 * per-size hugepages-<size>kB/enabled, and khugepaged's knobs, under their sysfs names and
 * with the kernel's defaults (engine/thp/defaults.ts) and ranges.
 */
import { z } from 'zod';
import { MTHP_SIZES, type MthpSize } from '../engine/config';
import { HUGEPAGES_DEFAULTS, KHUGEPAGED_DEFAULTS, POLICY_DEFAULTS } from '../engine/thp/defaults';
import { DEFAULT_SCENARIO } from './default-scenario';
import { whole } from './fields';
import { strictObject } from './strict-object';

const MTHP = z.enum(['always', 'inherit', 'madvise', 'never'], {
  error: "must be 'always', 'inherit', 'madvise' or 'never'",
});

const sizes = Object.fromEntries(
  MTHP_SIZES.map((sz) => [sz, MTHP.default(HUGEPAGES_DEFAULTS[sz])]),
) as Record<MthpSize, z.ZodDefault<typeof MTHP>>;

const K = KHUGEPAGED_DEFAULTS;
const HOUR_MS = 3_600_000;

export const KhugepagedSchema = strictObject({
  run: z.boolean({ error: 'must be true or false' }).default(K.run),
  // khugepaged/pages_to_scan refuses 0 (kstrtouint, then !pages -> -EINVAL)
  pages_to_scan: whole(1, 1 << 24, ' pages').default(K.pages_to_scan),
  scan_sleep_millisecs: whole(1, HOUR_MS, ' ms').default(K.scan_sleep_millisecs),
  alloc_sleep_millisecs: whole(1, HOUR_MS, ' ms').default(K.alloc_sleep_millisecs),
  // max_ptes_*: 0 .. HPAGE_PMD_NR - 1 (larger values are -EINVAL in sysfs)
  max_ptes_none: whole(0, 511).default(K.max_ptes_none),
  max_ptes_swap: whole(0, 511).default(K.max_ptes_swap),
  max_ptes_shared: whole(0, 511).default(K.max_ptes_shared),
  split_backoff_ms: whole(0, HOUR_MS, ' ms').default(K.split_backoff_ms),
});

const P = POLICY_DEFAULTS;

export const ThpPolicySchema = strictObject({
  kind: z
    .enum(['none', 'ingens', 'hawkeye', 'memtis'], {
      error: "must be 'none', 'ingens', 'hawkeye' or 'memtis'",
    })
    .default(P.kind),
  interval_ms: whole(1, HOUR_MS, ' ms').default(P.interval_ms),
  threshold_pct: whole(0, 100, ' %').default(P.threshold_pct),
  per_wake: whole(1, 1 << 16).default(P.per_wake),
});

export const ThpSchema = strictObject({
  enabled: z
    .enum(['always', 'madvise', 'never'], { error: "must be 'always', 'madvise' or 'never'" })
    .default(DEFAULT_SCENARIO.thp.enabled),
  hugepages: strictObject(sizes).prefault({}),
  khugepaged: KhugepagedSchema.prefault({}),
  policy: ThpPolicySchema.prefault({}),
});
