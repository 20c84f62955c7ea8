/**
 * The STLB reach meter: a mean of millisecond samples taken after a grid step's accesses.
 * Without PCID every context switch flushes the TLB at a grid point; the instant figure at
 * such a point is 0 while the mean is what the accesses between switches keep resident.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, policyScore, ReachMeter, REACH_SAMPLE_US } from '../../src/engine';
import { HPAGE_PMD_SIZE, PAGE_SIZE } from '../../src/engine/config';
import { getPreset } from '../../src/scenario/presets';
import { toSimConfig } from '../../src/scenario/to-sim-config';

function capacityBytes(sim: ReturnType<typeof createSim>): number {
  let b = 0;
  for (const t of sim.machine.tlbs) b += t.l2.tags.length * HPAGE_PMD_SIZE;
  return b;
}

describe('ReachMeter', () => {
  it('reads the reach between flushes, where the instant at a switch reads 0', () => {
    const cfg = toSimConfig(getPreset('thpsparse'));
    expect(cfg.sched.pcid).toBe(false);
    const sim = createSim(cfg);
    sim.reach = new ReachMeter();
    const until = 1_000_000;
    advanceTo(sim, until);
    // the run ends on a context switch (every 4 ms), which flushed every TLB
    expect(until % cfg.sched.contextSwitchUs).toBe(0);
    const s = policyScore(sim);
    expect(s.tlbReachNowBytes).toBe(0);
    expect(sim.reach.samples).toBe(until / REACH_SAMPLE_US);
    expect(s.tlbReachBytes).toBeGreaterThan(100 * PAGE_SIZE);
    expect(s.tlbReachBytes).toBeLessThanOrEqual(capacityBytes(sim));
  });

  it('equals the instant reach when nothing flushes and the set fits', () => {
    const sim = createSim(toSimConfig(getPreset('t1reach')));
    advanceTo(sim, 50_000);
    sim.reach = new ReachMeter();
    sim.reach.nextSampleUs = sim.nowUs + REACH_SAMPLE_US;
    advanceTo(sim, 300_000);
    const s = policyScore(sim);
    expect(s.tlbReachNowBytes).toBeGreaterThan(0);
    expect(s.tlbReachBytes).toBeCloseTo(s.tlbReachNowBytes, -6);
  });

  it('is the instant figure when no meter is set', () => {
    const sim = createSim(toSimConfig(getPreset('tlbfit')));
    advanceTo(sim, 100_000);
    const s = policyScore(sim);
    expect(sim.reach).toBeNull();
    expect(s.tlbReachBytes).toBe(s.tlbReachNowBytes);
    expect(s.tlbReachBytes).toBeGreaterThan(0);
  });
});
