/**
 * DAMON's KUnit vectors (mm/damon/tests/core-kunit.h, vaddr-kunit.h), run against the
 * simulator's implementation of the same functions. Region diagrams, e.g. set_regions:
 *   old   [4----16)        [24----32)
 *   new        [8----------------28)
 *   got        [8--16)[16--24)[24-28)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DAMON_DEFAULT_ATTRS,
  damonUpdateMonitoringResult,
  damonValidateAttrs,
} from '../../src/engine/damon/attrs';
import {
  damonApplyMinNrRegions,
  damonMergeRegionsOf,
  damonMergeTwoRegions,
  DamonRegion,
  damonSetRegions,
  damonSplitRegionAt,
  damonSplitRegionsOf,
  DamonTarget,
  damonUpdateRegionAccessRate,
} from '../../src/engine/damon/region';
import { damonVaThreeRegions } from '../../src/engine/damon/three-regions';
import { createRng, randRange } from '../../src/engine/rng';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const V: Record<string, any> = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/damon-kunit-vectors.json'), 'utf8'),
);

function target(ranges: number[][], nr: number[] = []): DamonTarget {
  const t = new DamonTarget(0);
  t.regions = ranges.map(([s, e], i) => {
    const r = new DamonRegion(s!, e!);
    r.nrAccesses = nr[i] ?? 0;
    r.nrAccessesBp = r.nrAccesses * 10000;
    return r;
  });
  return t;
}
const rangesOf = (t: DamonTarget): number[][] => t.regions.map((r) => [r.start, r.end]);
const rand = () => {
  const g = createRng(1, 1);
  return (l: number, r: number) => randRange(g, l, r);
};

describe('DAMON KUnit vectors', () => {
  it('split_region_at: the right piece copies nr_accesses, nr_accesses_bp, last_nr_accesses and age', () => {
    const v = V['split_region_at'];
    const t = target([[v.input.start, v.input.end]], [v.input.nr_accesses]);
    Object.assign(t.regions[0]!, {
      nrAccessesBp: v.input.nr_accesses_bp,
      lastNrAccesses: v.input.last_nr_accesses,
      age: v.input.age,
    });
    damonSplitRegionAt(t, 0, v.sz_r);
    expect(t.regions.length).toBe(v.expect.nr_regions);
    expect(rangesOf(t)).toEqual([v.expect.left, v.expect.right]);
    const [l, r] = t.regions;
    expect([r!.nrAccesses, r!.nrAccessesBp, r!.lastNrAccesses, r!.age]).toEqual([
      l!.nrAccesses,
      l!.nrAccessesBp,
      l!.lastNrAccesses,
      l!.age,
    ]);
  });

  it('merge_two_regions: size-weighted nr_accesses and age', () => {
    const v = V['merge_two_regions'];
    const t = target(
      [
        [v.l.start, v.l.end],
        [v.r.start, v.r.end],
      ],
      [v.l.nr_accesses, v.r.nr_accesses],
    );
    t.regions[0]!.age = v.l.age;
    t.regions[1]!.age = v.r.age;
    damonMergeTwoRegions(t.regions[0]!, t.regions[1]!);
    const m = t.regions[0]!;
    expect([m.start, m.end, m.nrAccesses, m.nrAccessesBp, m.age]).toEqual([
      v.expect.start,
      v.expect.end,
      v.expect.nr_accesses,
      v.expect.nr_accesses_bp,
      v.expect.age,
    ]);
  });

  it('merge_regions_of: merges neighbours within the threshold and size limit; v6.18 age rule', () => {
    const v = V['merge_regions_of'];
    const t = target(v.regions, v.nr_accesses);
    damonMergeRegionsOf(t, v.thres, v.sz_limit);
    expect(t.regions.length).toBe(v.expect.nr_regions);
    expect(rangesOf(t)).toEqual(v.expect.regions);
    expect(t.regions.map((r) => [r.nrAccesses, r.age])).toEqual(
      v.derived_not_asserted_by_kernel['nr_age_with_zero_rule_(v6.18+?)'],
    );
  });

  it.each(
    V['split_regions_of'] as {
      regions: number[][];
      nr_subs: number;
      min_region_sz: number;
      expect: string;
    }[],
  )(
    'split_regions_of %#: at most regions x nr_subs pieces, aligned, covering the same bytes',
    (v) => {
      for (let seed = 0; seed < 50; seed++) {
        const t = target(v.regions);
        const g = createRng(seed, 9);
        damonSplitRegionsOf(t, v.nr_subs, v.min_region_sz, (l, r) => randRange(g, l, r));
        expect(t.regions.length).toBeLessThanOrEqual(v.regions.length * v.nr_subs);
        const total = (rs: number[][]) => rs.reduce((a, [s, e]) => a + e! - s!, 0);
        expect(total(rangesOf(t))).toBe(total(v.regions));
        for (const r of t.regions) expect(r.size % v.min_region_sz).toBe(0);
        for (let i = 1; i < t.regions.length; i++)
          expect(t.regions[i - 1]!.end).toBeLessThanOrEqual(t.regions[i]!.start);
      }
    },
  );

  it('reset_aggregated semantics: last_nr_accesses takes nr_accesses, which restarts at 0', () => {
    const v = V['reset_aggregated'];
    for (const tv of v.targets) {
      const t = target(tv.regions, tv.nr_accesses);
      for (const r of t.regions) {
        r.lastNrAccesses = r.nrAccesses;
        r.nrAccesses = 0;
      }
      expect(t.regions.map((r) => r.nrAccesses)).toEqual([0, 0, 0]);
      expect(t.regions.map((r) => r.lastNrAccesses)).toEqual(tv.nr_accesses);
    }
  });

  it.each(
    V['set_regions'] as {
      old: number[][];
      new: number[][];
      min_region_sz: number;
      expect: number[][];
    }[],
  )('set_regions %#', (v) => {
    const t = target(v.old);
    damonSetRegions(t, v.new as [number, number][], v.min_region_sz);
    expect(rangesOf(t)).toEqual(v.expect);
  });

  it.each((V['apply_min_nr_regions_(v6.18+ / newest)'].cases as number[][]).map((c) => [c]))(
    'apply_min_nr_regions %j',
    ([sz, minSz, minNr, maxSz, nr]) => {
      const t = target([[0, sz!]]);
      const lim = damonApplyMinNrRegions([t], minNr!, minSz!);
      expect(t.regions.length).toBe(nr);
      expect(Math.max(...t.regions.map((r) => r.size))).toBe(maxSz);
      expect(lim).toBeGreaterThanOrEqual(maxSz!);
    },
  );

  it('update_monitoring_result: rescales nr_accesses and age to new intervals', () => {
    const v = V['update_monitoring_result'];
    const r = {
      nrAccesses: v.region.nr_accesses,
      nrAccessesBp: 0,
      lastNrAccesses: 0,
      age: v.region.age,
    };
    const old = {
      ...DAMON_DEFAULT_ATTRS,
      sample_interval: v.old_attrs.sample_interval,
      aggr_interval: v.old_attrs.aggr_interval,
    };
    for (const step of v.steps) {
      const next = {
        ...DAMON_DEFAULT_ATTRS,
        sample_interval: step.new_attrs.sample_interval,
        aggr_interval: step.new_attrs.aggr_interval,
      };
      damonUpdateMonitoringResult(r, old, next, v.aggregating);
      expect({ nr_accesses: r.nrAccesses, age: r.age }).toEqual(step.expect);
    }
  });

  it('set_attrs: rejects min_nr_regions < 3, min > max, sample > aggr', () => {
    const v = V['set_attrs'];
    const base = {
      ...DAMON_DEFAULT_ATTRS,
      min_nr_regions: v.valid.min_nr_regions,
      max_nr_regions: v.valid.max_nr_regions,
      sample_interval: v.valid.sample_interval,
      aggr_interval: v.valid.aggr_interval,
    };
    expect(() => damonValidateAttrs(base)).not.toThrow();
    for (const bad of v.invalid)
      expect(() => damonValidateAttrs({ ...base, ...bad.change })).toThrow(/EINVAL/);
  });

  it('moving sum (nr_accesses_bp era)', () => {
    const v = V['moving_sum_(bp era damon_moving_sum)'];
    const r = new DamonRegion(0, 1);
    r.nrAccessesBp = v.mvsum0;
    r.lastNrAccesses = v.nomvsum / 10000;
    const got = v.new_values.map((x: number) => {
      damonUpdateRegionAccessRate(r, x === 10000, v.len_window);
      return r.nrAccessesBp;
    });
    expect(got).toEqual(v.expect);
  });

  it('vaddr three regions: the address space minus its two biggest gaps', () => {
    const v = V['vaddr_three_regions_in_vmas'];
    expect(damonVaThreeRegions(v.vmas, v.min_region_sz)).toEqual(v.expect);
  });

  it.each(V['vaddr_apply_three_regions'].cases as { new: number[][]; expect: number[][] }[])(
    'vaddr apply three regions %#',
    (c) => {
      const v = V['vaddr_apply_three_regions'];
      const t = target(v.old_regions);
      damonSetRegions(t, c.new as [number, number][], v.min_region_sz);
      expect(rangesOf(t)).toEqual(c.expect);
    },
  );

  it('damon_rand(l, r) stays in [l, r)', () => {
    const r = rand();
    for (let i = 0; i < 10000; i++) {
      const x = r(0, 10);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(9);
    }
  });
});
