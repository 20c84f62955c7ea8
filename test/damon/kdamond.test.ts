/** kdamond behaviour in a running machine: the flush what-if and intervals auto-tuning. */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getDamonStatus, getStats } from '../../src/engine';
import type { SimConfig } from '../../src/engine/config';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';
import { config, MiB, thread, vma } from '../engine/helpers';

function hotSet(flushOnMkold: boolean, attrs = DAMON_DEFAULT_ATTRS): SimConfig {
  return config(
    [
      vma('low', 0, 1),
      vma('buf', 16, 64, { populate: true, thp: 'nohugepage' }),
      vma('high', 200, 1),
    ],
    [
      thread(
        'hot',
        { kind: 'hotset', vma: 'buf', offset: 32 * MiB, hotBytes: MiB },
        { ratePerMs: 1000 },
      ),
    ],
    {
      damon: {
        enabled: true,
        targets: [0],
        attrs: { ...attrs, min_nr_regions: 100, max_nr_regions: 200 },
        flushOnMkold,
        primitive: 'page_table',
        schemes: [],
      },
    },
  );
}

describe('flush the TLB entry on mkold (what-if)', () => {
  it('costs a shootdown per sample and the page walks that follow', () => {
    const off = createSim(hotSet(false));
    const on = createSim(hotSet(true));
    advanceTo(off, 1_000_000);
    advanceTo(on, 1_000_000);
    const a = getStats(off).tlb;
    const b = getStats(on).tlb;
    expect(a.shootdowns).toBe(0);
    expect(b.shootdowns).toBeGreaterThan(100); // sampled pages whose translation was cached
    expect(b.walks).toBeGreaterThan(a.walks);
  });
});

describe('intervals auto-tuning (intervals_goal)', () => {
  it('moves sample_interval within [min, max] and keeps aggr / sample', () => {
    const attrs = {
      ...DAMON_DEFAULT_ATTRS,
      intervals_goal: { access_bp: 400, aggrs: 3, min_sample_us: 1000, max_sample_us: 50_000 },
    };
    const sim = createSim(hotSet(true, attrs));
    advanceTo(sim, 3_000_000);
    const st = getDamonStatus(sim)!;
    expect(st.sample_interval).not.toBe(5000);
    expect(st.sample_interval).toBeGreaterThanOrEqual(1000);
    expect(st.sample_interval).toBeLessThanOrEqual(50_000);
    expect(st.aggr_interval / st.sample_interval).toBe(20);
  });
});
