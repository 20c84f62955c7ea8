/**
 * Every level: the explorer's verdict and the length of its (BFS-shortest) counterexample,
 * against a hand count of the steps each thread must take. Step counts per thread (7.0):
 *   fault, up to a validated read lock: rcu_read_lock, mas_walk, early seq check, increment,
 *     vm_mm check, seq re-check, rcu_read_unlock, address check = 8 (6.15: no separate vm_mm
 *     step and RCU released after the combined check: 7; the first 3 happen before the race)
 *   munmap, up to freeing the object: write lock, find, flag add, wait, set seq, flag sub,
 *     detach (1 → 0), tree clear, downgrade, vm_area_free = 10 (+ mmap_read_unlock = 11)
 *   mmap, up to a lockable VMA: write lock, alloc, flag add (fails on 0), set seq, attach = 5
 *     (+ tree store, write unlock = 7)
 */
import { describe, expect, it } from 'vitest';
import { compileModel, explore, LEVELS, runSchedule } from '../../src/engine/vma-lock';

const HAND: Record<string, { length: number | null; invariant?: string; why: string }> = {
  correct: { length: null, why: 'all checks present' },
  // fault's first 3 (walk before the unmap), munmap 10, mmap 5, then increment, seq re-check,
  // rcu_read_unlock, address check (passes: same range): 3 + 10 + 5 + 4
  'no-mm-check': { length: 22, invariant: 'read-lock-valid', why: 'vm_mm is mm B' },
  // the reuse is in mm A itself, so mmap waits for munmap's mmap_read_unlock (11) and the seq
  // re-check fails until mmap's write unlock (7): 3 + 11 + 7 + increment, vm_mm check, seq
  // re-check, rcu_read_unlock, address "check" = 3 + 11 + 7 + 5
  'no-addr-check': { length: 26, invariant: 'read-lock-valid', why: 'range [1,2) misses 0' },
  // reader's first 3; writer: lock, find, flag add, wait (passes: no reader yet); the plain
  // increment ignores the flag, then vm_mm, seq (not set yet), rcu_read_unlock, address = 5;
  // the writer's WRITE_ONCE(vm_lock_seq) then write-locks a read-locked VMA: 3 + 4 + 5 + 1
  'plain-inc': { length: 13, invariant: 'reader-vs-writer', why: 'reader past the flag' },
  // the fault completes its 8 lock steps; mprotect: lock, find, flag add, set seq = 8 + 4
  'writer-no-wait': { length: 12, invariant: 'reader-vs-writer', why: 'no rcuwait_wait_event' },
  // reader's 3; munmap's write lock, find, add, wait, set seq, sub = 6; the reader's
  // increment (transient ref); detach 2 → 1 without waiting, tree clear, downgrade (no writer
  // any more, and a VMA outside the tree still has refcnt 1): 3 + 6 + 1 + 3
  'detach-no-wait': { length: 13, invariant: 'attached-vs-tree', why: 'ref survives detach' },
  'no-early-seq-check': { length: null, why: 'the re-check after the increment suffices' },
  // reader's 3; munmap 10; mmap 5 (object reused by B); increment, seq re-check, combined
  // check fails (vm_mm), mm = vma->vm_mm (B) = 4; mmap's store + unlock, exit's write lock,
  // find, flag add = 5; the reader's decrement (flag + 1: "wake the writer") = 1; exit: wait,
  // set seq, sub, detach, clear, free, next vma (none), unlock, mmdrop (B freed) = 9; the
  // reader's rcuwait_wake_up(&B->vma_writer_wait) = 1: 3 + 10 + 5 + 4 + 5 + 1 + 9 + 1
  'mm-uaf-6.15': { length: 38, invariant: 'use-after-free', why: 'wake-up on a freed mm' },
  'mm-uaf-7.0': { length: null, why: 'mmgrab(other_mm) before vma_refcount_put' },
  'pre-6.15': { length: null, why: 'call_rcu: no reuse inside the RCU section' },
  'uffd-move-pinned': { length: null, why: 'pin re-check after ptep_clear_flush' },
  // move: lock dst (8), src in dst_vma (1), validate, PTL, PTE checks, pin check (4) = 13;
  // GUP-fast: read PTE, pin, re-read PTE (still there) = 3; move: clear, install = 2
  'uffd-move-no-pin-recheck': { length: 18, invariant: 'pinned-moved', why: 'pin after check' },
};

describe('levels', () => {
  it('are listed in curriculum order, each with a hand count', () => {
    expect(LEVELS.map((l) => l.id)).toEqual(Object.keys(HAND));
  });

  for (const level of LEVELS) {
    it(`${level.id}: ${level.expected}, counterexample ${level.counterexampleLength ?? 'none'}`, () => {
      const hand = HAND[level.id]!;
      expect(level.counterexampleLength).toBe(hand.length);
      const m = compileModel(level.scenario);
      const r = explore(m);
      if (r.kind !== 'verdict') throw new Error(r.kind);
      expect(r.verdict).toBe(level.expected);
      expect(r.counterexample?.steps.length ?? null).toBe(hand.length);
      if (hand.invariant) expect(r.counterexample!.invariant).toBe(hand.invariant);
      expect(r.negative).toBeGreaterThan(0); // the kernel can also just work
      if (r.counterexample) {
        const replay = runSchedule(m, r.counterexample.steps);
        expect(replay.violation?.invariant).toBe(r.counterexample.invariant);
        expect(replay.violation?.message).toBe(r.counterexample.message);
        expect(replay.ran).toBe(r.counterexample.steps.length);
        // one step shorter is still clean: the violation is the last step
        expect(runSchedule(m, r.counterexample.steps.slice(0, -1)).violation).toBeNull();
      }
    });
  }

  it('the 6.15 use-after-free is in the pre-fix code and not after the fix', () => {
    const v = (id: string) => {
      const r = explore(compileModel(LEVELS.find((l) => l.id === id)!.scenario));
      return r.kind === 'verdict' ? r.verdict : r.kind;
    };
    expect([v('mm-uaf-6.15'), v('mm-uaf-7.0')]).toEqual(['Sometimes', 'Never']);
  });

  it('removing the early seq check changes the state space but not the verdict', () => {
    const get = (id: string) => {
      const r = explore(compileModel(LEVELS.find((l) => l.id === id)!.scenario));
      if (r.kind !== 'verdict') throw new Error(r.kind);
      return r;
    };
    const a = get('correct');
    const b = get('no-early-seq-check');
    expect([a.verdict, b.verdict]).toEqual(['Never', 'Never']);
    expect(b.states).not.toBe(a.states);
  });

  it('UFFDIO_MOVE outcomes: either the move sees the pin (-EBUSY) or GUP-fast sees the move', () => {
    const r = explore(compileModel(LEVELS.find((l) => l.id === 'uffd-move-pinned')!.scenario));
    if (r.kind !== 'verdict') throw new Error(r.kind);
    expect(r.outcomes).toEqual([
      'T0: uffdio_move -EBUSY; T1: pin ok',
      'T0: uffdio_move ok; T1: pin gup-fast fell back',
    ]);
  });
});
