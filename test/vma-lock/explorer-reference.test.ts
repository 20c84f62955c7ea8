/**
 * The explorer's fast paths against plain references: the state set against a Map of string
 * keys; the additive hash kept up to date word by word against hashing the whole state; the
 * invariant checks restricted to the changed parts against checking everything; and the whole
 * exploration (POR off) against a naive BFS with string keys and full checks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileModel,
  explore,
  faultMunmapReuse,
  LEVELS,
  type LockScenario,
  type Model,
} from '../../src/engine/vma-lock';
import { enabled, isDone, runPure, step } from '../../src/engine/vma-lock/exec';
import { changeBitsOfWords, checkChanged, checkState } from '../../src/engine/vma-lock/invariants';
import { StateSet, stateHash, wordHash } from '../../src/engine/vma-lock/state-set';
import { Inv } from '../../src/engine/vma-lock/violations';

const key = (s: Uint8Array) => Array.from(s).join(',');

interface Reference {
  states: number;
  transitions: number;
  endStates: number;
  positive: number;
  /** BFS depth and invariant of the shortest violation (the first found at that depth). */
  best: { depth: number; invariant: number } | null;
}

/**
 * A naive BFS in the explorer's order (threads 0..n−1 from each state), with string keys and
 * checkState after every step; on every step it also checks the fast paths against it.
 */
function reference(m: Model): Reference {
  const W = m.layout.width;
  const words = W >> 2;
  const partsOf = changeBitsOfWords(m);
  const init = m.init.slice();
  for (let t = 0; t < m.layout.nThreads; t++) runPure(m, init, t);
  const seen = new Map<string, number>([[key(init), 0]]);
  const depth = [0];
  const queue: Uint8Array[] = [];
  let transitions = 0;
  let endStates = 0;
  let positive = 0;
  let best: Reference['best'] = null;
  const offer = (d: number, invariant: number) => {
    if (!best || d < best.depth) best = { depth: d, invariant };
  };
  const v0 = checkState(m, init);
  if (v0) {
    endStates = positive = 1;
    offer(0, v0);
  } else queue.push(init);
  const ended = new Set<number>();
  for (let head = 0; head < queue.length; head++) {
    const cur = queue[head]!;
    const i = seen.get(key(cur))!;
    const cur32 = new Uint32Array(cur.buffer, 0, words);
    let any = false;
    for (let t = 0; t < m.layout.nThreads; t++) {
      if (!enabled(m, cur, t)) continue;
      any = true;
      const nxt = cur.slice();
      const nxt32 = new Uint32Array(nxt.buffer, 0, words);
      let code = step(m, nxt, t);
      transitions++;
      // the fast paths: incremental hash and restricted checks
      let h = stateHash(cur32, words);
      let parts = 0;
      for (let k = 0; k < words; k++)
        if (nxt32[k] !== cur32[k]) {
          h = (h + wordHash(k, nxt32[k]!) - wordHash(k, cur32[k]!)) | 0;
          parts |= partsOf[k]!;
        }
      expect(h).toBe(stateHash(nxt32, words));
      if (!code) {
        const full = checkState(m, nxt);
        const fullViol = Array.from(m.viol);
        const fast = parts ? checkChanged(m, nxt, parts) : 0;
        expect(fast).toBe(full);
        if (full) expect(Array.from(m.viol)).toEqual(fullViol);
        code = full;
      }
      const k = key(nxt);
      if (seen.has(k)) continue;
      const idx = seen.size;
      seen.set(k, idx);
      depth[idx] = depth[i]! + 1;
      if (code) {
        positive++;
        endStates++;
        offer(depth[idx]!, code);
      } else queue.push(nxt);
    }
    if (!any && !ended.has(i)) {
      ended.add(i);
      endStates++;
      let all = true;
      for (let t = 0; t < m.layout.nThreads; t++) if (!isDone(m, cur, t)) all = false;
      if (!all) {
        positive++;
        offer(depth[i]!, Inv.DEADLOCK);
      }
    }
  }
  return { states: seen.size, transitions, endStates, positive, best };
}

const op = fc.oneof(
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
);

const scenario: fc.Arbitrary<LockScenario> = fc
  .record({
    kernel: fc.constantFrom('7.0' as const, '6.15' as const, 'pre-6.15' as const),
    split: fc.boolean(),
    second: fc.boolean(),
    spareObjects: fc.integer({ min: 0, max: 2 }),
    variant: fc.constantFrom(
      {},
      { noMmCheck: true },
      { noAddrCheck: true },
      { plainInc: true },
      { writerNoWait: true },
      { detachNoWait: true },
    ),
    threads: fc.array(fc.array(op, { minLength: 1, maxLength: 2 }), {
      minLength: 2,
      maxLength: 3,
    }),
  })
  .map(({ kernel, split, second, spareObjects, variant, threads }) => ({
    kernel,
    variant: kernel === 'pre-6.15' ? {} : variant,
    pages: 2,
    mms: [
      {
        vmas: split
          ? [
              { start: 0, end: 1 },
              { start: 1, end: 2 },
            ]
          : [{ start: 0, end: 2 }],
        populated: [0],
      },
      ...(second ? [{ vmas: [] }] : []),
    ],
    spareObjects,
    threads: threads.map((ops, t) => ({
      mm: second && t === threads.length - 1 ? 1 : 0,
      ops,
    })),
  }));

function agree(m: Model) {
  const r = explore(m, { por: false, maxStates: 200_000 });
  if (r.kind !== 'verdict') return;
  const ref = reference(m);
  expect([r.states, r.transitions, r.endStates, r.positive]).toEqual([
    ref.states,
    ref.transitions,
    ref.endStates,
    ref.positive,
  ]);
  const best = ref.best as Reference['best'];
  expect(r.counterexample?.steps.length ?? null).toBe(best ? best.depth : null);
}

describe('explorer against references', () => {
  it('the state set finds what a Map of string keys finds, in insertion order', () => {
    // 12,000 adds of about 6,000 distinct states: repeats, two arena chunks, several rehashes
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 9 }),
        (seed, spread) => {
          const set = new StateSet(12);
          const map = new Map<string, number>();
          const buf = new Uint32Array(3);
          let x = seed;
          for (let n = 0; n < 12_000; n++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            const v = (x >>> 0) % 7000;
            buf[0] = v * spread;
            buf[1] = v % 3;
            buf[2] = v >> 4;
            const r = set.add(buf, set.hash(buf));
            const k = Array.from(buf).join(',');
            const known = map.get(k);
            if (known === undefined) {
              expect(r).toBe(-(map.size + 1));
              map.set(k, map.size);
            } else expect(r).toBe(known);
          }
          expect(set.size).toBe(map.size);
          const out = new Uint32Array(3);
          for (const [k, idx] of map) {
            set.get(idx, out);
            expect(Array.from(out).join(',')).toBe(k);
            expect(set.hashAt(idx)).toBe(stateHash(out, 3));
          }
        },
      ),
      { numRuns: 5, seed: 2 },
    );
  });

  it('every level and fault-munmap-reuse: the same counts as a naive BFS', () => {
    for (const level of LEVELS) agree(compileModel(level.scenario));
    for (const k of ['7.0', '6.15', 'pre-6.15'] as const) agree(compileModel(faultMunmapReuse(k)));
  });

  it('random scenarios and variants: the same counts as a naive BFS', () => {
    fc.assert(
      fc.property(scenario, (sc) => agree(compileModel(sc))),
      { numRuns: 30, seed: 9 },
    );
  });
});
