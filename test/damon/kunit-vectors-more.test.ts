/**
 * The rest of DAMON's KUnit vectors: region basics, the bp conversion, the newest mainline's
 * moving sums and split-above-half, online commits, and the older vaddr evenly-split.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAMON_DEFAULT_ATTRS, damonNrAccessesToAccessesBp } from '../../src/engine/damon/attrs';
import {
  type CommitGoal,
  damonCommitCtxCheck,
  damonCommitTargetRegions,
  damosCommitDests,
  damosCommitQuota,
  damosCommitQuotaGoal,
  damosCommitQuotaGoals,
  damosCommitScheme,
} from '../../src/engine/damon/commit';
import {
  damonMvsum,
  damonNrAccessesMvsum,
  damonSplitSomeRegions,
} from '../../src/engine/damon/newest';
import { damonVaEvenlySplitRegion } from '../../src/engine/damon/three-regions';
import { DamonRegion, DamonTarget } from '../../src/engine/damon/region';
import { createRng, randRange } from '../../src/engine/rng';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const V: Record<string, any> = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/damon-kunit-vectors.json'), 'utf8'),
);
const target = (ranges: number[][]): DamonTarget => {
  const t = new DamonTarget(0);
  t.regions = ranges.map(([s, e]) => new DamonRegion(s!, e!));
  return t;
};
const rangesOf = (t: DamonTarget) => t.regions.map((r) => [r.start, r.end]);

describe('DAMON KUnit vectors (continued)', () => {
  it('region_basic: a new region has no accesses; add/destroy count', () => {
    const [nv, ad] = V['region_basic'];
    const r = new DamonRegion(nv.start, nv.end);
    expect({ start: r.start, end: r.end, nr_accesses: r.nrAccesses }).toEqual(nv.expect);
    const t = new DamonTarget(0);
    const seq = [t.regions.length];
    t.regions.push(r);
    seq.push(t.regions.length);
    t.regions.splice(0, 1);
    seq.push(t.regions.length);
    expect(seq).toEqual(ad.expect_nr_regions_sequence);
  });

  it('nr_accesses_to_accesses_bp clamps max_nr_accesses to UINT_MAX', () => {
    const v = V['nr_accesses_to_accesses_bp_(bp era)'];
    const attrs = {
      ...DAMON_DEFAULT_ATTRS,
      sample_interval: 10,
      aggr_interval: (0xffffffff + 1) * 10,
    };
    expect(damonNrAccessesToAccessesBp(v.nr_accesses, attrs)).toBe(v.expect);
  });

  it.each(V['mvsum_(newest mainline damon_mvsum)'].cases as number[][])(
    'damon_mvsum(%d, %d, %d) = %d',
    (cur, last, left, want) => {
      expect(damonMvsum(cur!, last!, left!)).toBe(want);
    },
  );

  it.each(V['nr_accesses_mvsum_(newest mainline)'].cases as number[][])(
    'damon_nr_accesses_mvsum(passed %d, next %d, nr %d, last %d) = %d',
    (passed, next, nr, last, want) => {
      expect(damonNrAccessesMvsum(nr!, last!, passed!, next!, 10)).toBe(want);
    },
  );

  it('split above max/2 still progresses (newest mainline)', () => {
    const v = V['split_above_half_progresses_(newest_mainline_only)'];
    const t = target(Array.from({ length: 760 }, (_, i) => [i * 100, (i + 1) * 100]));
    t.regions.forEach((r, i) => {
      r.nrAccesses = i % 2 === 0 ? 100 : 0;
      r.age = 5;
    });
    const before = t.regions.length;
    const g = createRng(5, 5);
    damonSplitSomeRegions([t], v.max_nr_regions, v.min_region_sz, (l, r) => randRange(g, l, r), {
      value: 0,
    });
    expect(before).toBeGreaterThan(750);
    expect(t.regions.length).toBeGreaterThan(760);
    expect(t.regions.length).toBeLessThanOrEqual(1500);
  });

  it.each(V['commit_target_regions'] as { dst: number[][]; src: number[][]; expect: number[][] }[])(
    'commit_target_regions %#',
    (c) => {
      const t = target(c.dst);
      damonCommitTargetRegions(t, c.src as [number, number][], 1);
      expect(rangesOf(t)).toEqual(c.expect);
    },
  );

  it('commit_ctx: min_region_sz must be a power of two', () => {
    expect(() => damonCommitCtxCheck(4096)).not.toThrow();
    expect(() => damonCommitCtxCheck(4095)).toThrow(/EINVAL/);
  });

  it('commit_quota_goal: metric and target always, the rest as the metric needs', () => {
    const v = V['commit_quota_goal'];
    for (const src of v.srcs as CommitGoal[]) {
      const dst: CommitGoal = { ...v.dst_initial };
      damosCommitQuotaGoal(dst, src);
      expect(dst.metric).toBe(src.metric);
      expect(dst.target_value).toBe(src.target_value);
      if (src.metric === 'user_input') expect(dst.current_value).toBe(src.current_value);
      else expect(dst.current_value).toBe(v.dst_initial.current_value);
      if (/^node_mem/.test(src.metric)) expect(dst.nid).toBe(src.nid);
      if (/^node_memcg/.test(src.metric))
        expect([dst.nid, dst.memcg_id]).toEqual([src.nid, src.memcg_id]);
      expect(dst.last_psi_total).toBe(v.dst_initial.last_psi_total);
    }
  });

  it.each(
    V['commit_quota_goals'] as {
      dst: [string, number][];
      src: [string, number][];
      expect: [string, number][];
    }[],
  )('commit_quota_goals %#', (c) => {
    const goal = ([metric, target_value]: [string, number]): CommitGoal => ({
      metric,
      target_value,
    });
    const dst = c.dst.map(goal);
    damosCommitQuotaGoals(dst, c.src.map(goal));
    expect(dst.map((g) => [g.metric, g.target_value])).toEqual(c.expect);
  });

  it('commit_quota copies every configured field', () => {
    const v = V['commit_quota'];
    const dst = { ...v.dst };
    damosCommitQuota(dst, v.src, Object.keys(v.src));
    expect(dst).toEqual(v.src);
  });

  it.each(V['commit_dests'] as { dst: [number, number][]; src: [number, number][] }[])(
    'commit_dests %#',
    (c) => {
      const dst = c.dst.map((d) => [...d] as [number, number]);
      damosCommitDests(dst, c.src);
      expect(dst).toEqual(c.src);
    },
  );

  it.each(V['commit_scheme'] as { dst: object; src: object }[])('commit_scheme %#', (c) => {
    const dst = JSON.parse(JSON.stringify(c.dst));
    damosCommitScheme(dst, c.src);
    expect(dst).toMatchObject(c.src);
  });

  it('is_last_region: each appended region is the last', () => {
    const t = new DamonTarget(0);
    for (const [s, e] of V['is_last_region'].regions as number[][]) {
      const r = new DamonRegion(s!, e!);
      t.regions.push(r);
      expect(t.regions[t.regions.length - 1]).toBe(r);
    }
  });

  it.each(
    V['vaddr_evenly_split_(older kernels, removed in newest)'].cases as {
      region: number[];
      nr_pieces: number;
      expect: unknown;
    }[],
  )('vaddr evenly split %j', (c) => {
    const t = target([c.region]);
    const ret = damonVaEvenlySplitRegion(t, 0, c.nr_pieces, 1);
    if (typeof c.expect === 'string' && c.expect.startsWith('-EINVAL')) {
      expect(ret).toBe(-22);
      expect(rangesOf(t)).toEqual([c.region]);
    } else if (typeof c.expect === 'string') {
      expect(t.regions.length).toBe(10);
    } else expect(rangesOf(t)).toEqual(c.expect);
  });
});
