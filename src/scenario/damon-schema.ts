/**
 * The DAMON section of a scenario: one context with vaddr operations monitoring some of the
 * scenario's processes. Defaults are the kernel's (damon_new_ctx); the cross-field rules are
 * damon_set_attrs()'s, so a scenario the kernel would refuse is refused here with its reason.
 */
import { AGENT_DEFAULTS } from '../engine/thp/defaults';
import { z } from 'zod';
import type { DamonConfig } from '../engine/config';
import { DAMON_DEFAULT_ATTRS } from '../engine/damon/attrs';
import { DEFAULT_SCENARIO } from './default-scenario';
import { bounded, whole } from './fields';
import { MAX_NODES, MAX_PROCESSES } from './limits';
import { strictObject } from './strict-object';

const A = DAMON_DEFAULT_ATTRS;
const US_MAX = 3_600_000_000; // an hour

/**
 * Shortest min_sample_us while auto-tuning. A fixed sample_interval may be anything the kernel
 * accepts (0 runs as 1 µs, and the host budget judges the cost), but the tuner can move the
 * interval far below what the budget saw in the scenario, so it is kept at 100 µs or more.
 */
export const MIN_SAMPLE_INTERVAL_US = 100;

const IntervalsGoalSchema = strictObject({
  access_bp: whole(0, 10_000, ' bp').default(A.intervals_goal.access_bp),
  aggrs: whole(0, 1_000).default(A.intervals_goal.aggrs),
  min_sample_us: whole(0, US_MAX, ' µs').default(A.intervals_goal.min_sample_us),
  max_sample_us: whole(0, US_MAX, ' µs').default(A.intervals_goal.max_sample_us),
}).superRefine((g, ctx) => {
  // The tuner may shrink sample_interval down to min_sample_us (the kernel's floor is 1 µs),
  // far below the interval the host budget judged the scenario by.
  if (g.aggrs !== 0 && g.min_sample_us < MIN_SAMPLE_INTERVAL_US)
    ctx.addIssue({
      code: 'custom',
      path: ['min_sample_us'],
      message:
        `must be at least ${MIN_SAMPLE_INTERVAL_US} µs when aggrs > 0: auto-tuning can shrink ` +
        `sample_interval down to it, past what the run's cost was checked for`,
    });
});

const AttrsSchema = strictObject({
  // 0 is accepted as damon_set_attrs() accepts it; kdamond then sleeps 1 µs a sample
  sample_interval: whole(0, US_MAX, ' µs').default(A.sample_interval),
  aggr_interval: whole(100, US_MAX, ' µs').default(A.aggr_interval),
  ops_update_interval: whole(100, US_MAX, ' µs').default(A.ops_update_interval),
  min_nr_regions: whole(0, 100_000).default(A.min_nr_regions),
  max_nr_regions: whole(0, 100_000).default(A.max_nr_regions),
  intervals_goal: IntervalsGoalSchema.prefault({}),
}).superRefine((a, ctx) => {
  const bad = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (a.min_nr_regions < 3) bad(['min_nr_regions'], 'must be at least 3 (damon_set_attrs)');
  if (a.min_nr_regions > a.max_nr_regions)
    bad(['max_nr_regions'], `must be at least min_nr_regions (${a.min_nr_regions})`);
  if (a.sample_interval > a.aggr_interval)
    bad(['aggr_interval'], `must be at least sample_interval (${a.sample_interval} µs)`);
  const g = a.intervals_goal;
  if (
    g.aggrs !== 0 &&
    (g.min_sample_us > g.max_sample_us ||
      a.sample_interval < g.min_sample_us ||
      a.sample_interval > g.max_sample_us)
  )
    bad(
      ['intervals_goal'],
      'with aggrs > 0, needs min_sample_us <= sample_interval <= max_sample_us',
    );
});

/** "max" in sysfs: ULONG_MAX for sizes and addresses, UINT_MAX for nr_accesses and age. */
export const DAMOS_SZ_MAX = Number.MAX_SAFE_INTEGER;
export const DAMOS_UINT_MAX = 0xffff_ffff;

/**
 * enum damos_action, as sysfs names the actions (the order of damo's and the kernel's), then
 * the RFC series' split and collapse.
 */
export const DAMOS_ACTIONS = [
  'willneed',
  'cold',
  'pageout',
  'hugepage',
  'nohugepage',
  'lru_prio',
  'lru_deprio',
  'migrate_hot',
  'migrate_cold',
  'stat',
  'split',
  'collapse',
] as const;

const PatternSchema = strictObject({
  min_sz_region: whole(0, DAMOS_SZ_MAX, ' bytes').default(0),
  max_sz_region: whole(0, DAMOS_SZ_MAX, ' bytes').default(DAMOS_SZ_MAX),
  min_nr_accesses: whole(0, DAMOS_UINT_MAX).default(0),
  max_nr_accesses: whole(0, DAMOS_UINT_MAX).default(DAMOS_UINT_MAX),
  min_age_region: whole(0, DAMOS_UINT_MAX, ' aggregations').default(0),
  max_age_region: whole(0, DAMOS_UINT_MAX, ' aggregations').default(DAMOS_UINT_MAX),
}).superRefine((p, ctx) => {
  for (const k of ['sz_region', 'nr_accesses', 'age_region'] as const)
    if (p[`min_${k}`] > p[`max_${k}`])
      ctx.addIssue({
        code: 'custom',
        path: [`max_${k}`],
        message: `must be at least min_${k} (${p[`min_${k}`]})`,
      });
});

const GoalSchema = strictObject({
  metric: z.enum(['user_input', 'node_mem_used_bp', 'node_mem_free_bp'], {
    error: "must be 'user_input', 'node_mem_used_bp' or 'node_mem_free_bp'",
  }),
  target_value: whole(1, DAMOS_SZ_MAX),
  current_value: whole(0, DAMOS_SZ_MAX).default(0),
  nid: whole(0, 7).default(0),
});

const QuotaSchema = strictObject({
  ms: whole(0, US_MAX, ' ms').default(0),
  sz: whole(0, DAMOS_SZ_MAX, ' bytes').default(0),
  reset_interval: whole(0, US_MAX, ' ms').default(0),
  weight_sz: whole(0, 10_000, ' permil').default(0),
  weight_nr_accesses: whole(0, 10_000, ' permil').default(0),
  weight_age: whole(0, 10_000, ' permil').default(0),
  goals: bounded(8, 'at most 8 goals', z.array(GoalSchema)).default(() => []),
});

const WmarksSchema = strictObject({
  metric: z
    .enum(['none', 'free_mem_rate'], { error: "must be 'none' or 'free_mem_rate'" })
    .default('none'),
  interval: whole(0, US_MAX, ' µs').default(0),
  high: whole(0, 1000, ' permil').default(0),
  mid: whole(0, 1000, ' permil').default(0),
  low: whole(0, 1000, ' permil').default(0),
}).superRefine((w, ctx) => {
  if (w.metric !== 'none' && !(w.high >= w.mid && w.mid >= w.low))
    ctx.addIssue({ code: 'custom', message: 'needs high >= mid >= low' });
  if (w.metric !== 'none' && w.interval < 1000)
    ctx.addIssue({ code: 'custom', path: ['interval'], message: 'must be at least 1000 µs' });
});

const FilterSchema = strictObject({
  type: z.enum(['anon', 'active', 'young', 'hugepage_size', 'unmapped', 'addr', 'target'], {
    error: 'must be one of anon, active, young, hugepage_size, unmapped, addr, target',
  }),
  matching: z.boolean({ error: 'must be true or false' }).default(true),
  allow: z.boolean({ error: 'must be true or false' }).default(false),
  addr_start: whole(0, DAMOS_SZ_MAX).default(0),
  addr_end: whole(0, DAMOS_SZ_MAX).default(0),
  target_idx: whole(0, 7).default(0),
  min: whole(0, DAMOS_SZ_MAX, ' bytes').default(0),
  max: whole(0, DAMOS_SZ_MAX, ' bytes').default(DAMOS_SZ_MAX),
}).superRefine((f, ctx) => {
  if (f.type === 'addr' && f.addr_start >= f.addr_end)
    ctx.addIssue({ code: 'custom', path: ['addr_end'], message: 'must be above addr_start' });
});

export const SchemeSchema = strictObject({
  action: z
    .enum(DAMOS_ACTIONS, { error: `must be one of ${DAMOS_ACTIONS.join(', ')}` })
    .default('stat'),
  // split_folio_to_order() and the collapse: never 1 for anonymous folios (the per-action
  // ranges are checked below)
  target_order: whole(0, 9)
    .refine((o) => o !== 1, { error: 'must not be 1: an anonymous folio cannot be order 1' })
    .default(0),
  collapse_path: z
    .enum(['series', 'madvise', 'madvise_mthp'], {
      error: "must be 'series', 'madvise' or 'madvise_mthp'",
    })
    .default('madvise'),
  // damos->target_nid of migrate_hot / migrate_cold; that the node exists is checked in
  // numa-checks.ts, which knows the machine
  target_nid: whole(0, MAX_NODES - 1).default(0),
  apply_interval_us: whole(0, US_MAX, ' µs').default(0),
  pattern: PatternSchema.prefault({}),
  quota: QuotaSchema.prefault({}),
  wmarks: WmarksSchema.prefault({}),
  filters: bounded(16, 'at most 16 filters', z.array(FilterSchema)).default(() => []),
}).superRefine((s, ctx) => {
  if (s.action === 'split' && s.target_order > 8)
    ctx.addIssue({
      code: 'custom',
      path: ['target_order'],
      message: 'must be below 9 for split (the folio order to split down to)',
    });
  if (s.action === 'collapse' && s.target_order < 2)
    ctx.addIssue({
      code: 'custom',
      path: ['target_order'],
      message: 'must be 2 .. 9 for collapse (16 KiB .. 2 MiB; 9 is the PMD order)',
    });
});

const D = DEFAULT_SCENARIO.damon;

/** How DAMON checks a sampled page (DamonPrimitive), in damon.primitive and in events. */
export const DamonPrimitiveSchema = z.enum(['page_table', 'page_fault'], {
  error: "must be 'page_table' (Accessed bits) or 'page_fault' (the RFC's PROT_NONE faults)",
});

/** Seed 002's user-space target selection (engine/thp/target-agent.ts). */
const AgentSchema = strictObject({
  kind: z
    .enum(['none', 'spe', 'smaps'], { error: "must be 'none', 'spe' or 'smaps'" })
    .default(AGENT_DEFAULTS.kind),
  scheme: whole(0, 15).default(AGENT_DEFAULTS.scheme),
  interval_ms: whole(1, 3_600_000, ' ms').default(AGENT_DEFAULTS.interval_ms),
  // one sample per this many accesses (perf's SPE sampling interval, in operations)
  sample_period: whole(1, 1 << 30, ' accesses').default(AGENT_DEFAULTS.sample_period),
  sparse_pct: whole(0, 100, ' %').default(AGENT_DEFAULTS.sparse_pct),
});

/**
 * Each process is a target at most once: two targets on one address space would each clear
 * the Accessed bits the other samples, and both would read the memory as colder than it is.
 */
function checkDistinctTargets(targets: number[], ctx: z.RefinementCtx): void {
  const seen = new Set<number>();
  targets.forEach((t, i) => {
    if (seen.has(t))
      ctx.addIssue({ code: 'custom', path: [i], message: `process ${t} is already a target` });
    seen.add(t);
  });
}

export const DamonSchema = strictObject({
  enabled: z.boolean({ error: 'must be true or false' }).default(D.enabled),
  targets: bounded(
    MAX_PROCESSES,
    `at most ${MAX_PROCESSES} targets (one per process; the engine's MAX_PROCESSES)`,
    z
      .array(whole(0, MAX_PROCESSES - 1))
      .min(1, 'needs at least one target process')
      .superRefine(checkDistinctTargets),
  ).default(() => [...D.targets]),
  attrs: AttrsSchema.prefault({}),
  flushOnMkold: z.boolean({ error: 'must be true or false' }).default(false),
  // Accessed bits (every release) or the RFC's PROT_NONE faults (numa-checks.ts: not mainline)
  primitive: DamonPrimitiveSchema.default(D.primitive),
  schemes: bounded(16, 'at most 16 schemes', z.array(SchemeSchema)).default(() => []),
  agent: AgentSchema.prefault({}),
}).superRefine((d, ctx) => {
  if (d.agent.kind !== 'none' && d.agent.scheme >= d.schemes.length)
    ctx.addIssue({
      code: 'custom',
      path: ['agent', 'scheme'],
      message: `names scheme ${d.agent.scheme}, but there ${d.schemes.length === 1 ? 'is 1 scheme' : `are ${d.schemes.length} schemes`}`,
    });
}) satisfies z.ZodType<DamonConfig>;
