/**
 * The DAMON section of a scenario: one context with vaddr operations monitoring some of the
 * scenario's processes. Defaults are the kernel's (damon_new_ctx); the cross-field rules are
 * damon_set_attrs()'s, so a scenario the kernel would refuse is refused here with its reason.
 */
import { z } from 'zod';
import type { DamonConfig } from '../engine/config';
import { DAMON_DEFAULT_ATTRS } from '../engine/damon/attrs';
import { DEFAULT_SCENARIO } from './default-scenario';
import { whole } from './fields';

const A = DAMON_DEFAULT_ATTRS;
const US_MAX = 3_600_000_000; // an hour

const IntervalsGoalSchema = z.object({
  access_bp: whole(0, 10_000, ' bp').default(A.intervals_goal.access_bp),
  aggrs: whole(0, 1_000).default(A.intervals_goal.aggrs),
  min_sample_us: whole(0, US_MAX, ' µs').default(A.intervals_goal.min_sample_us),
  max_sample_us: whole(0, US_MAX, ' µs').default(A.intervals_goal.max_sample_us),
});

const AttrsSchema = z
  .object({
    sample_interval: whole(100, US_MAX, ' µs').default(A.sample_interval),
    aggr_interval: whole(100, US_MAX, ' µs').default(A.aggr_interval),
    ops_update_interval: whole(100, US_MAX, ' µs').default(A.ops_update_interval),
    min_nr_regions: whole(0, 100_000).default(A.min_nr_regions),
    max_nr_regions: whole(0, 100_000).default(A.max_nr_regions),
    intervals_goal: IntervalsGoalSchema.prefault({}),
  })
  .superRefine((a, ctx) => {
    const bad = (path: string[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
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

const D = DEFAULT_SCENARIO.damon;

export const DamonSchema = z.object({
  enabled: z.boolean({ error: 'must be true or false' }).default(D.enabled),
  targets: z
    .array(whole(0, 7))
    .min(1, 'needs at least one target process')
    .default(() => [...D.targets]),
  attrs: AttrsSchema.prefault({}),
  flushOnMkold: z.boolean({ error: 'must be true or false' }).default(false),
}) satisfies z.ZodType<DamonConfig>;
