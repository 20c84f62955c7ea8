/** The scoreboard's policies (policies.ts) turn any preset into a valid scenario of their own. */
import { describe, expect, it } from 'vitest';
import { getPreset, parseScenario, POLICIES, presetIds } from '../../src/scenario';

describe('huge-page policies', () => {
  it.each(presetIds)('each turns %s into a valid scenario on kernel 7.1', (id) => {
    for (const p of POLICIES) {
      const r = parseScenario(p.apply(getPreset(id)));
      if (!r.ok) throw new Error(`${p.id} on ${id}: ${r.errors.join('; ')}`);
      expect(r.scenario.kernel).toBe('7.1');
      expect(r.scenario.damon.enabled).toBe(true);
    }
  });

  it('keep the program and machine, change only the policy', () => {
    const base = getPreset('thpsparse');
    for (const p of POLICIES) {
      const s = p.apply(base);
      expect(s.processes).toEqual(base.processes);
      expect(s.machine).toEqual(base.machine);
      expect(s.seed).toBe(base.seed);
    }
    expect(base.thp.policy.kind).toBe('none'); // the base is not edited
  });

  it('name the papers and kernel knobs they come from', () => {
    expect(POLICIES.map((p) => p.id)).toEqual([
      'thp-never',
      'thp-madvise',
      'thp-always',
      'damos-split-spe',
      'damos-split-smaps',
      'damos-collapse-hot',
      'ethp',
      'hawkeye',
      'memtis',
      'ingens',
    ]);
    for (const p of POLICIES) expect(p.source.length).toBeGreaterThan(5);
  });
});
