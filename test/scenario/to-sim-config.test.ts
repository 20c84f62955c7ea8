import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/engine/validate';
import { PRESETS, presetIds } from '../../src/scenario/presets';
import { toSimConfig } from '../../src/scenario/to-sim-config';

describe('toSimConfig', () => {
  it.each(presetIds)('%s: keeps the engine fields and drops the scenario-only ones', (id) => {
    const s = PRESETS[id];
    const config = toSimConfig(s);
    expect(Object.keys(config).sort()).toEqual(
      [
        'damon',
        'events',
        'kernel',
        'machine',
        'numa',
        'processes',
        'sched',
        'seed',
        'thp',
        'truth',
      ].sort(),
    );
    expect(config.kernel).toBe(s.kernel);
    expect(Object.keys(config.machine).sort()).toEqual(['arch', 'cpus', 'nodes', 'tlb']);
    expect(config.seed).toBe(s.seed);
    expect(config.machine.tlb).toEqual(s.machine.tlb);
    expect(config.processes).toEqual(s.processes);
    expect(config.truth).toEqual(s.truth);
    expect(config.damon).toEqual(s.damon);
    expect(config.numa).toEqual(s.numa);
  });

  it.each(presetIds)('%s: is accepted by the engine', (id) => {
    expect(() => validateConfig(toSimConfig(PRESETS[id]))).not.toThrow();
  });
});
