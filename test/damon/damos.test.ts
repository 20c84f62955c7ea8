/** DAMOS: the kernel's filter/quota vectors, and actions that really change the machine. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getDamonStatus, getStats, getVmas } from '../../src/engine';
import type { DamosConfig, DamosFilter, SimConfig } from '../../src/engine/config';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';
import {
  damosCoreFilterMatch,
  damosSetFiltersDefaultReject,
} from '../../src/engine/damon/damos-filter';
import { damonFeedLoopNextInput } from '../../src/engine/damon/damos-quota';
import { DamonRegion, DamonTarget } from '../../src/engine/damon/region';
import { filter, scheme } from './scheme';
import { config, MiB, thread, vma } from '../engine/helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const V: Record<string, any> = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/damon-kunit-vectors.json'), 'utf8'),
);

describe('DAMOS KUnit vectors', () => {
  it.each(
    V['filter_addr_match'].cases as {
      region: number[];
      expect_match: boolean;
      expect_regions: number[][];
    }[],
  )('addr filter [2, 6) on %j', (c) => {
    const v = V['filter_addr_match'];
    const t = new DamonTarget(0);
    t.regions = [new DamonRegion(c.region[0]!, c.region[1]!)];
    const f = filter({
      type: 'addr',
      matching: v.filter.matching,
      allow: v.filter.allow,
      addr_start: v.filter.addr_range[0],
      addr_end: v.filter.addr_range[1],
    });
    expect(damosCoreFilterMatch(t, 0, 0, f, v.min_region_sz)).toBe(c.expect_match);
    expect(t.regions.map((r) => [r.start, r.end])).toEqual(c.expect_regions);
  });

  it.each(
    V['set_filters_default_reject'] as {
      core: DamosFilter[];
      ops: DamosFilter[];
      expect: { core_default_reject: boolean; ops_default_reject: boolean };
    }[],
  )('default reject %#', (c) => {
    const got = damosSetFiltersDefaultReject(
      c.core.map((f) => filter(f)),
      c.ops.map((f) => filter(f)),
    );
    expect(got).toEqual([c.expect.core_default_reject, c.expect.ops_default_reject]);
  });

  it('damon_feed_loop_next_input', () => {
    const x = V['feed_loop_next_input'].exact_values_from_port;
    expect(damonFeedLoopNextInput(900000, 200)).toBe(x['next(900000,200)']);
    expect(damonFeedLoopNextInput(900000, 2000)).toBe(x['next(900000,2000)']);
    expect(damonFeedLoopNextInput(900000, 250000000)).toBe(x['next(900000,250000000)']);
  });
});

/** 64 MiB populated buffer whose first 4 MiB are hot; small VMAs around it for three regions. */
function coldBuffer(schemes: DamosConfig[], extra: Partial<SimConfig> = {}): SimConfig {
  return config(
    [
      vma('low', 0, 1),
      vma('buf', 16, 64, { populate: true, thp: 'nohugepage' }),
      vma('high', 200, 1),
    ],
    [thread('hot', { kind: 'hotset', vma: 'buf', hotBytes: 4 * MiB }, { ratePerMs: 2000 })],
    {
      damon: {
        enabled: true,
        targets: [0],
        attrs: DAMON_DEFAULT_ATTRS,
        flushOnMkold: true,
        primitive: 'page_table',
        schemes,
      },
      ...extra,
    },
  );
}

/** pageout of regions read 0 for at least 5 aggregations; the rest the defaults. */
const coldPageout = (q: Partial<DamosConfig['quota']> = {}, filters: DamosFilter[] = []) => {
  const d = scheme({ action: 'pageout' });
  return scheme({
    action: 'pageout',
    pattern: { ...d.pattern, max_nr_accesses: 0, min_age_region: 5 },
    quota: { ...d.quota, ...q },
    filters,
  });
};

const buf = (sim: ReturnType<typeof createSim>) => getVmas(sim).find((v) => v.name === 'buf')!;

describe('DAMOS actions', () => {
  it('pageout reclaims cold memory: resident drops, the next touch faults it back in', () => {
    const sim = createSim(coldBuffer([coldPageout()]));
    advanceTo(sim, 3_000_000);
    const st = getStats(sim);
    expect(buf(sim).residentBytes).toBeLessThan(16 * MiB);
    expect(buf(sim).residentBytes).toBeGreaterThanOrEqual(4 * MiB); // the hot set stays
    expect(st.vm.pswpout).toBeGreaterThan((40 * MiB) / 4096);
    const s = getDamonStatus(sim)!.schemes[0]!;
    expect(s.nr_applied).toBeGreaterThan(0);
    expect(s.sz_applied).toBeGreaterThan(40 * MiB);
    // touching the paged-out part again is a major fault per page
    const sim2 = createSim(
      coldBuffer([coldPageout()], {
        processes: [
          {
            ...coldBuffer([]).processes[0]!,
            threads: [
              thread(
                'late',
                { kind: 'sequential', vma: 'buf', writeRatio: 0 },
                { ratePerMs: 16384, startUs: 3_000_000 },
              ),
              ...coldBuffer([]).processes[0]!.threads,
            ],
          },
        ],
      }),
    );
    advanceTo(sim2, 3_000_000);
    const before = getStats(sim2).vm.pgmajfault;
    advanceTo(sim2, 4_000_000);
    expect(getStats(sim2).vm.pgmajfault - before).toBeGreaterThan(8 * 256);
  }, 30_000);

  it('a size quota caps what is applied per reset interval, and counts qt_exceeds', () => {
    const sim = createSim(coldBuffer([coldPageout({ sz: MiB, reset_interval: 100 })]));
    advanceTo(sim, 2_000_000);
    const s = getDamonStatus(sim)!.schemes[0]!;
    expect(s.effective_bytes).toBe(MiB);
    // at most 1 MiB per 100 ms window, over at most ~1.5 s of eligible time
    expect(s.sz_tried).toBeLessThanOrEqual(20 * MiB);
    expect(s.sz_tried).toBeGreaterThan(0);
    expect(s.qt_exceeds).toBeGreaterThan(0);
  });

  it('an addr filter rejecting a range protects it', () => {
    const start = 0x7f0000000000 + 16 * MiB + 32 * MiB;
    const sim = createSim(
      coldBuffer([
        coldPageout({}, [filter({ type: 'addr', addr_start: start, addr_end: start + 32 * MiB })]),
      ]),
    );
    advanceTo(sim, 3_000_000);
    // the rejected upper 32 MiB stays resident, the unprotected cold part goes
    expect(buf(sim).residentBytes).toBeGreaterThanOrEqual(32 * MiB);
    expect(buf(sim).residentBytes).toBeLessThan(40 * MiB);
  });

  it('stat only counts: nothing is reclaimed and ages keep growing', () => {
    const sim = createSim(coldBuffer([scheme({ action: 'stat' })]));
    advanceTo(sim, 1_000_000);
    const s = getDamonStatus(sim)!.schemes[0]!;
    expect(s.nr_tried).toBeGreaterThan(0);
    expect(s.nr_applied).toBe(0);
    expect(buf(sim).residentBytes).toBe(64 * MiB);
    expect(sim.damon!.targets[0]!.regions.some((r) => r.age >= 5)).toBe(true);
  });

  it('watermarks outside [low, high] deactivate the scheme and stop kdamond sampling', () => {
    const wm = { metric: 'free_mem_rate' as const, interval: 100_000, high: 10, mid: 5, low: 0 }; // free is ~90 %
    const sim = createSim(coldBuffer([{ ...coldPageout(), wmarks: wm }]));
    advanceTo(sim, 1_000_000);
    const st = getDamonStatus(sim)!;
    expect(st.waiting).toBe(true);
    expect(st.schemes[0]!.activated).toBe(false);
    expect(st.nrAggregations).toBe(0);
    expect(buf(sim).residentBytes).toBe(64 * MiB);
  });

  it('hugepage marks the VMA VM_HUGEPAGE', () => {
    const sim = createSim(coldBuffer([scheme({ action: 'hugepage' })]));
    advanceTo(sim, 300_000);
    expect(buf(sim).thp).toBe('hugepage');
  });
});
