/**
 * Properties over random small scenarios: the kernel as merged (every generation) breaks no
 * invariant; the sleep-set reduction changes only the number of transitions; a counterexample
 * replays to its violation; links round-trip; replay is deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileModel,
  decodeLab,
  encodeLab,
  explore,
  LEVELS,
  runSchedule,
  type LockOp,
  type LockScenario,
} from '../../src/engine/vma-lock';

const op = (kernel: LockScenario['kernel']): fc.Arbitrary<LockOp> =>
  fc.oneof(
    fc.record({
      op: fc.constant('fault' as const),
      addr: fc.integer({ min: 0, max: 1 }),
      write: fc.boolean(),
    }),
    fc.record({ op: fc.constant('munmap' as const), addr: fc.integer({ min: 0, max: 1 }) }),
    fc.record({
      op: fc.constant('mprotect' as const),
      addr: fc.integer({ min: 0, max: 1 }),
      prot: fc.constantFrom('r' as const, 'rw' as const),
    }),
    fc.integer({ min: 0, max: 1 }).map((a) => ({ op: 'mmap' as const, start: a, end: a + 1 })),
    fc.record({ op: fc.constant('pin' as const), addr: fc.integer({ min: 0, max: 1 }) }),
    ...(kernel === 'pre-6.15'
      ? []
      : [
          fc
            .record({ src: fc.integer({ min: 0, max: 1 }), allowSrcHoles: fc.boolean() })
            .map((x) => ({
              op: 'uffdio_move' as const,
              dst: 1 - x.src,
              src: x.src,
              allowSrcHoles: x.allowSrcHoles,
            })),
        ]),
  );

const scenario: fc.Arbitrary<LockScenario> = fc
  .constantFrom('7.0' as const, '6.15' as const, 'pre-6.15' as const)
  .chain((kernel) =>
    fc.record({
      kernel: fc.constant(kernel),
      pages: fc.constant(2),
      mms: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()).map(([split, populated, second]) => [
        {
          vmas: split
            ? [
                { start: 0, end: 1 },
                { start: 1, end: 2 },
              ]
            : [{ start: 0, end: 2 }],
          populated: populated ? [0] : [],
        },
        ...(second ? [{ vmas: [] }] : []),
      ]),
      spareObjects: fc.integer({ min: 0, max: 2 }),
      threads: fc.array(
        fc.record({
          mm: fc.constant<number>(0),
          ops: fc.array(op(kernel), { minLength: 1, maxLength: 2 }),
        }),
        { minLength: 2, maxLength: 3 },
      ),
    }),
  )
  .map((sc) => {
    // give mm 1 (when there is one) to the last thread, so "reuse by another mm" happens
    if (sc.mms.length > 1) sc.threads[sc.threads.length - 1]!.mm = 1;
    return sc;
  });

describe('explorer properties', () => {
  it('the kernel as merged never breaks an invariant, and POR changes only transitions', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const m = compileModel(sc);
        const full = explore(m, { por: false, maxStates: 400_000 });
        const por = explore(m, { por: true, maxStates: 400_000 });
        if (full.kind !== 'verdict' || por.kind !== 'verdict') return;
        expect(full.counterexample).toBeNull();
        expect(full.verdict).toBe('Never');
        expect(por.verdict).toBe('Never');
        expect(por.states).toBe(full.states);
        expect(por.endStates).toBe(full.endStates);
        expect(por.outcomes).toEqual(full.outcomes);
        expect(por.transitions).toBeLessThanOrEqual(full.transitions);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('on every level, POR keeps states, verdict and the shortest counterexample length', () => {
    for (const level of LEVELS) {
      const m = compileModel(level.scenario);
      const a = explore(m, { por: false });
      const b = explore(m, { por: true });
      if (a.kind !== 'verdict' || b.kind !== 'verdict') throw new Error(level.id);
      expect([b.states, b.endStates, b.positive, b.verdict]).toEqual([
        a.states,
        a.endStates,
        a.positive,
        a.verdict,
      ]);
      expect(b.counterexample?.steps.length).toBe(a.counterexample?.steps.length);
      expect(b.counterexample?.invariant).toBe(a.counterexample?.invariant);
    }
  });

  it('every broken variant, on random scenarios: a counterexample replays to its violation', () => {
    const variants = [
      'noMmCheck',
      'noAddrCheck',
      'plainInc',
      'writerNoWait',
      'detachNoWait',
      'noPinRecheck',
    ];
    let found = 0;
    fc.assert(
      fc.property(scenario, fc.constantFrom(...variants), (sc, flag) => {
        if (sc.kernel === 'pre-6.15') return;
        const m = compileModel({ ...sc, variant: { [flag]: true } });
        const r = explore(m, { maxStates: 400_000 });
        if (r.kind !== 'verdict' || !r.counterexample) return;
        found++;
        const replay = runSchedule(m, r.counterexample.steps);
        expect(replay.violation?.invariant).toBe(r.counterexample.invariant);
        expect(replay.ran).toBe(r.counterexample.steps.length);
      }),
      { numRuns: 200, seed: 5 },
    );
    expect(found).toBeGreaterThanOrEqual(8); // random scenarios rarely hit a narrow window
  });

  it('replay is deterministic: the same schedule gives the same state', () => {
    const m = compileModel(LEVELS[0]!.scenario);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 40 }), (sched) => {
        const a = runSchedule(m, sched);
        const b = runSchedule(m, sched.slice(0, a.ran));
        expect(Array.from(b.state)).toEqual(Array.from(a.state));
      }),
      { numRuns: 100, seed: 3 },
    );
  });
});

describe('lab links', () => {
  it('round-trip scenarios and schedules', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }),
        (sc, schedule) => {
          const text = encodeLab({ scenario: sc, schedule });
          expect(text).toMatch(/^1~s~[A-Za-z0-9_-]+~[0-9]*$/);
          expect(decodeLab(text)).toEqual({ scenario: JSON.parse(JSON.stringify(sc)), schedule });
        },
      ),
      { numRuns: 100, seed: 7 },
    );
  });

  it('round-trip levels, and a found race is a link that replays', () => {
    const level = LEVELS.find((l) => l.id === 'mm-uaf-6.15')!;
    const m = compileModel(level.scenario);
    const r = explore(m);
    if (r.kind !== 'verdict' || !r.counterexample) throw new Error('no race');
    const link = encodeLab({ level: level.id, schedule: r.counterexample.steps });
    expect(link.startsWith('1~l~mm-uaf-6.15~0001')).toBe(true);
    const back = decodeLab(link);
    expect(back).toEqual({ level: 'mm-uaf-6.15', schedule: r.counterexample.steps });
    expect(runSchedule(m, back.schedule).violation?.invariant).toBe('use-after-free');
  });

  it('rejects malformed links', () => {
    for (const bad of ['', '2~l~x~0', '1~l~x~0a', '1~q~x~0', '1~s~!!~0', '1~l~x~9'])
      expect(() => decodeLab(bad)).toThrow();
  });
});
