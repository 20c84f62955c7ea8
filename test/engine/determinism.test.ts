/** Same scenario + seed -> same state hash, however the run is sliced; a different seed differs. */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, EngineError, stateHash } from '../../src/engine';
import type { SimConfig } from '../../src/engine/config';
import { config, MiB, thread, vma } from './helpers';

const cfg = (seed: number): SimConfig =>
  config(
    [vma('heap', 0, 32, { thp: 'hugepage' }), vma('buf', 64, 64, { populate: true })],
    [
      thread(
        'z',
        { kind: 'zipf', vma: 'buf', writeRatio: 0.3, scatter: true },
        { ratePerMs: 3000 },
      ),
      thread(
        'w',
        {
          kind: 'hotwindow',
          vma: 'heap',
          windowBytes: 8 * MiB,
          stepBytes: 8 * MiB,
          moveEveryUs: 50_000,
        },
        { cpu: 1, ratePerMs: 1000 },
      ),
      thread(
        'u',
        { kind: 'uniform', vma: 'buf', writeRatio: 0.5 },
        { cpu: 1, ratePerMs: 500, startUs: 20_000 },
      ),
    ],
    {
      seed,
      sched: { contextSwitchUs: 4000, pcid: false },
      events: [
        { atUs: 120_000, process: 0, op: 'munmap', start: 0x7f0000000000 + 8 * MiB, size: 4 * MiB },
      ],
    },
  );

describe('determinism', () => {
  it('gives the same state hash for the same seed, in one call or many uneven slices', () => {
    const a = createSim(cfg(1));
    advanceTo(a, 200_000);
    const b = createSim(cfg(1));
    for (let t = 0; t < 200_000; t += 7_777) advanceTo(b, t, 1234);
    while (b.nowUs < 200_000) advanceTo(b, 200_000, 999);
    expect(b.nowUs).toBe(200_000);
    expect(stateHash(b)).toBe(stateHash(a));
  });

  it('gives a different hash for a different seed', () => {
    const a = createSim(cfg(1));
    const b = createSim(cfg(2));
    advanceTo(a, 50_000);
    advanceTo(b, 50_000);
    expect(stateHash(a)).not.toBe(stateHash(b));
  });

  it('rejects an invalid config with an errno, not a crash', () => {
    const bad = cfg(1);
    bad.processes[0]!.threads[0]!.cpu = 9;
    expect(() => createSim(bad)).toThrow(EngineError);
    const overlap = config([vma('a', 0, 4), vma('b', 2, 4)], []);
    expect(() => createSim(overlap)).toThrow(/EEXIST/);
  });
});
