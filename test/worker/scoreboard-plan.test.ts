/**
 * What the scoreboard plans to run: every policy's config from the base scenario, a round sample
 * interval, and refusals that name what to change (a duration past the limits, a scenario that
 * does not check out).
 */
import { describe, expect, it } from 'vitest';
import { getPreset, parseScenario, POLICIES, toSimConfig } from '../../src/scenario';
import { planPolicyRuns, sampleIntervalFor } from '../../src/worker/scoreboard-plan';

describe('sampleIntervalFor', () => {
  it('takes a round interval on the 100 µs grid, about 60 samples a run', () => {
    expect(sampleIntervalFor(3_000_000)).toBe(50_000);
    expect(sampleIntervalFor(500_000)).toBe(10_000);
    expect(sampleIntervalFor(60_000_000)).toBe(1_000_000);
    expect(sampleIntervalFor(1000)).toBe(100);
    for (const us of [100, 777_700, 3e6, 59_999_900]) {
      const every = sampleIntervalFor(us);
      expect(every % 100).toBe(0);
      expect(us / every).toBeLessThanOrEqual(1000);
    }
  });
});

describe('planPolicyRuns', () => {
  it('applies every policy to the base, as parseScenario and toSimConfig would', () => {
    const base = getPreset('thpsplit');
    const r = planPolicyRuns(base, 500_000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.scenario).toBe('thpsplit');
    expect(r.plan.runs.map((x) => x.policy)).toEqual(POLICIES.map((p) => p.id));
    for (const [i, run] of r.plan.runs.entries()) {
      const parsed = parseScenario(POLICIES[i]!.apply(base));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(run.spec.config).toEqual(toSimConfig(parsed.scenario));
      expect(run.spec.untilUs).toBe(500_000);
      expect(run.spec.sampleEveryUs).toBe(10_000);
      expect(run.hostBytes).toBeGreaterThan(0);
      expect(run.estimatedMs).toBeGreaterThan(0);
      expect(run.source).not.toBe('');
    }
  });

  it('rounds the duration to the engine’s 100 µs grid', () => {
    const r = planPolicyRuns(getPreset('default'), 123_456);
    expect(r.ok && r.plan.untilUs).toBe(123_500);
  });

  it('refuses a duration past 60 s, naming the limit to keep to', () => {
    const r = planPolicyRuns(getPreset('default'), 90e6);
    expect(r).toEqual({
      ok: false,
      message: expect.stringMatching(/90 s is longer than .* 60 s .*: choose 60 s or less/),
    });
    expect(planPolicyRuns(getPreset('default'), 0)).toMatchObject({
      ok: false,
      message: /above 0 s/,
    });
  });

  it('refuses a run the cost model says would take too long, with a duration that fits', () => {
    const base = getPreset('default');
    // many more accesses per ms: far slower than real time, still within the scenario limits
    for (const p of base.processes) for (const t of p.threads) t.ratePerMs *= 40;
    const r = planPolicyRuns(base, 60e6);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/about \d+ min of wall time per policy/);
    expect(r.message).toMatch(/over the limit of 3 min: choose \d+(\.\d)? s or less/);
    const fits = Number(/choose (\S+) s/.exec(r.message)![1]);
    expect(planPolicyRuns(base, fits * 1e6).ok).toBe(true);
  });

  it('refuses a base scenario that does not check out, saying where', () => {
    const base = getPreset('default');
    base.machine.cpus = 0;
    const r = planPolicyRuns(base, 1e6);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/^The scenario does not check out/);
      expect(r.message).toMatch(/machine\.cpus/);
      expect(r.message).toMatch(/scenario editor/);
    }
  });
});
