/**
 * Kernel rules of DAMOS prioritisation and interval tuning that the moving sum and the tuner's
 * rescaling could hide (mm/damon/ops-common.c damon_hot_score, core.c kdamond_tune_intervals).
 */
import { describe, expect, it } from 'vitest';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';
import { damonHotScore } from '../../src/engine/damon/damos-quota';
import { DamonRegion } from '../../src/engine/damon/region';

const quota = {
  ms: 0,
  sz: 0,
  reset_interval: 0,
  weight_sz: 0,
  weight_nr_accesses: 1000,
  weight_age: 0,
  goals: [],
};

describe('damon_hot_score', () => {
  it('scores the frequency by nr_accesses, not the moving sum nr_accesses_bp', () => {
    const r = new DamonRegion(0, 4096);
    r.nrAccesses = 0; // nothing seen yet in this aggregation...
    r.nrAccessesBp = 20 * 10000; // ...though the moving sum still says 20 of 20
    expect(damonHotScore(r, DAMON_DEFAULT_ATTRS, quota)).toBe(0);
    r.nrAccesses = 20;
    r.nrAccessesBp = 0;
    expect(damonHotScore(r, DAMON_DEFAULT_ATTRS, quota)).toBe(99);
    r.nrAccesses = 10;
    expect(damonHotScore(r, DAMON_DEFAULT_ATTRS, quota)).toBe(49);
  });
});
