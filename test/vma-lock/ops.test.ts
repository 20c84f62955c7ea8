/**
 * Each operation against the state table of kernel-facts §5.4, stepped by hand:
 * (vm_refcnt, vm_lock_seq, mm_lock_seq) before and after, and who blocks.
 */
import { describe, expect, it } from 'vitest';
import { KERNEL_EXCLUDE_FLAG as F, type LockOp } from '../../src/engine/vma-lock';
import { Drive, oneVma } from './helpers';

describe('mmap_write_lock / mmap_write_unlock (mm_lock_seq as a seqcount)', () => {
  it('lock makes the seq odd, unlock even, and unlock releases every VMA write lock at once', () => {
    const d = new Drive(oneVma('7.0', [[{ op: 'mprotect', addr: 0, prot: 'r' }]]));
    expect(d.mm().mmLockSeq).toBe(0);
    d.step(0); // mmap_write_lock
    expect(d.mm().mmLockSeq).toBe(1);
    expect(d.mm().mmapLock.writer).toBe(0);
    d.until(0, 'mmap_write_unlock');
    expect(d.vma0.writeLocked).toBe(true);
    expect(d.vma0.vmLockSeq).toBe(1);
    d.step(0);
    expect(d.mm().mmLockSeq).toBe(2);
    expect(d.vma0.vmLockSeq).toBe(1); // never reset: the seq moved on instead
    expect(d.vma0.writeLocked).toBe(false);
    expect(d.vma0.vmFlags).toBe('r');
  });
});

describe('vma_start_write', () => {
  it('attached, no readers: refcnt 1 → flag+1 → vm_lock_seq = mm_lock_seq → 1', () => {
    const d = new Drive(oneVma('7.0', [[{ op: 'mprotect', addr: 0, prot: 'r' }]]));
    d.until(0, 'refcount_add_not_zero');
    expect(d.vma0.vmRefcnt).toBe(1);
    d.step(0);
    expect(d.vma0.vmRefcnt).toBe(F + 1);
    expect(d.vma0.refcount).toEqual({ kind: 'writer-excluding', attached: true, readersLeft: 0 });
    expect(d.thread(0).enabled).toBe(true); // rcuwait_wait_event: already at flag + 1
    d.step(0).step(0); // wait, WRITE_ONCE(vm_lock_seq)
    expect(d.vma0.vmLockSeq).toBe(d.mm().mmLockSeq);
    d.step(0); // refcount_sub_and_test(flag)
    expect(d.vma0.vmRefcnt).toBe(1);
    expect(d.vma0.writeLocked).toBe(true);
  });

  it('a read-locked VMA: the writer adds the flag and blocks until vma_end_read wakes it', () => {
    const d = new Drive(
      oneVma('7.0', [[{ op: 'fault', addr: 0 }], [{ op: 'mprotect', addr: 1, prot: 'r' }]]),
    );
    d.until(0, 'access_error');
    expect(d.vma0.vmRefcnt).toBe(2);
    expect(d.last.view.slots[0]![0]!.hold).toBe('read-locked');
    d.until(1, 'refcount_add_not_zero').step(1);
    expect(d.vma0.vmRefcnt).toBe(F + 2);
    expect(d.thread(1).blocked).toBe(true);
    expect(d.thread(1).next!.line).toContain('rcuwait_wait_event');
    d.step(0); // handle_mm_fault
    d.until(0, 'refcount_put_return').step(0); // the reader's decrement
    expect(d.vma0.vmRefcnt).toBe(F + 1);
    expect(d.thread(0).next!.line).toContain('rcuwait_wake_up');
    expect(d.thread(1).enabled).toBe(true);
  });

  it('already write-locked in this cycle: a no-op', () => {
    const d = new Drive(
      oneVma('7.0', [[{ op: 'mprotect', addr: 0, prot: 'r' }]], {
        mms: [{ vmas: [{ start: 0, end: 2 }] }],
      }),
    );
    d.until(0, 'vm_flags_reset');
    const seq = d.vma0.vmLockSeq;
    expect(seq).toBe(1);
    expect(d.vma0.vmRefcnt).toBe(1);
  });

  it('a new, detached VMA (mmap): no flag, no wait, just vm_lock_seq; then attached at 1', () => {
    const d = new Drive({
      kernel: '7.0',
      pages: 2,
      mms: [{ vmas: [] }],
      spareObjects: 1,
      threads: [{ mm: 0, ops: [{ op: 'mmap', start: 0, end: 2 }] }],
    });
    d.until(0, 'refcount_add_not_zero');
    expect(d.vma0.slab).toBe('allocated');
    expect(d.vma0.vmRefcnt).toBe(0); // created detached
    expect(d.vma0.vmLockSeq).toBeNull(); // UINT_MAX
    d.step(0);
    expect(d.vma0.vmRefcnt).toBe(0);
    d.step(0); // WRITE_ONCE(vm_lock_seq), flag not set → skip the subtract
    expect(d.vma0.vmLockSeq).toBe(1);
    expect(d.thread(0).next!.fn).toBe('vma_mark_attached');
    d.step(0);
    expect(d.vma0.vmRefcnt).toBe(1);
    expect(d.mm().tree).toEqual([null, null]); // not yet stored
    d.step(0);
    expect(d.mm().tree).toEqual([0, 0]);
  });
});

describe('vma_mark_detached', () => {
  it('no readers: 1 → 0 in one step', () => {
    const d = new Drive(oneVma('7.0', [[{ op: 'munmap', addr: 0 }]]));
    d.until(0, 'vma_mark_detached').step(0);
    expect(d.vma0.vmRefcnt).toBe(0);
    expect(d.thread(0).next!.line).toContain('vma_iter_clear');
  });

  it('a transient reader: waits for refcnt == flag, then 0', () => {
    const d = new Drive(oneVma('7.0', [[{ op: 'fault', addr: 0 }], [{ op: 'munmap', addr: 0 }]]));
    d.step(0, 3); // rcu_read_lock, mas_walk, early seq check (not yet locked)
    d.until(1, 'vma_mark_detached');
    expect(d.vma0.writeLocked).toBe(true);
    d.step(0); // the increment succeeds: refcnt 2, a transient reader
    expect(d.vma0.vmRefcnt).toBe(2);
    d.step(1); // 2 → 1, not zero
    d.step(1); // refcount_add_not_zero(flag)
    expect(d.vma0.vmRefcnt).toBe(F + 1);
    expect(d.thread(1).blocked).toBe(true);
    d.until(0, 'refcount_put_return'); // vm_mm ok, seq re-check fails: back off
    d.step(0);
    expect(d.vma0.vmRefcnt).toBe(F);
    expect(d.vma0.refcount).toEqual({ kind: 'writer-excluding', attached: true, readersLeft: 0 });
    expect(d.thread(1).enabled).toBe(true);
    d.step(1, 2);
    expect(d.vma0.vmRefcnt).toBe(0);
  });
});

describe('vma_start_read', () => {
  it('write-locked VMA: the early check fails, the fault falls back to mmap_lock and waits', () => {
    const d = new Drive(
      oneVma('7.0', [[{ op: 'fault', addr: 0 }], [{ op: 'mprotect', addr: 0, prot: 'rw' }]]),
    );
    d.until(1, 'vm_flags_reset');
    d.step(0, 3);
    // 7.0: vma_start_read itself drops RCU on failure
    expect(d.thread(0).next!.fn).toBe('vma_start_read');
    expect(d.thread(0).next!.line).toContain('rcu_read_unlock');
    expect(d.last.view.rcuReaders).toEqual([0]);
    d.step(0);
    expect(d.last.view.rcuReaders).toEqual([]);
    expect(d.thread(0).next!.fn).toBe('lock_mm_and_find_vma');
    expect(d.thread(0).blocked).toBe(true);
    d.finish(1).finish(0);
    expect(d.thread(0).results).toEqual(['ok (mmap_lock fallback)']);
  });

  it('6.15 keeps RCU on failure: lock_vma_under_rcu releases it at inval', () => {
    const d = new Drive(
      oneVma('6.15', [[{ op: 'fault', addr: 0 }], [{ op: 'mprotect', addr: 0, prot: 'rw' }]]),
    );
    d.until(1, 'vm_flags_reset');
    d.step(0, 3);
    expect(d.thread(0).next!.fn).toBe('lock_vma_under_rcu');
    expect(d.thread(0).next!.line).toContain('inval: rcu_read_unlock');
  });

  it('refcnt 0 (detached under us): -EAGAIN and a new mas_walk', () => {
    const d = new Drive(oneVma('7.0', [[{ op: 'fault', addr: 0 }], [{ op: 'munmap', addr: 0 }]]));
    d.step(0, 3);
    d.until(1, 'vma_iter_clear');
    expect(d.vma0.vmRefcnt).toBe(0);
    d.step(0);
    expect(d.thread(0).next!.line).toContain('ERR_PTR(-EAGAIN)');
    d.step(0);
    expect(d.thread(0).next!.line).toBe('rcu_read_lock()'); // goto retry
    d.step(0);
    d.step(1); // vma_iter_clear: the tree no longer has it
    d.step(0); // mas_walk → NULL: abort, fall back to mmap_lock, which munmap still holds
    expect(d.thread(0).next!.line).toContain('VMA_LOCK_ABORT');
    d.step(0);
    expect(d.thread(0).blocked).toBe(true);
    d.finish(1).finish(0);
    expect(d.thread(0).results).toEqual(['SIGSEGV']);
  });

  it('the writer flag or the limit makes the bounded increment fail (NULL, not EAGAIN)', () => {
    const d = new Drive(
      oneVma('7.0', [[{ op: 'fault', addr: 0 }], [{ op: 'fault', addr: 1 }]], { refLimit: 2 }),
    );
    d.until(0, 'access_error');
    expect(d.vma0.vmRefcnt).toBe(2);
    d.step(1, 3).step(1); // early check passes; 2 + 1 > limit 2
    expect(d.vma0.vmRefcnt).toBe(2);
    expect(d.thread(1).next!.line).toContain('return NULL');
    d.finish(0).finish(1);
    expect(d.thread(1).results).toEqual(['ok (mmap_lock fallback)']);
  });
});

describe('pre-6.15: vm_lock rwsem, detached flag, call_rcu', () => {
  it('vma_start_write takes the rwsem for writing; a reader trylock fails on it', () => {
    const d = new Drive(
      oneVma('pre-6.15', [[{ op: 'fault', addr: 0 }], [{ op: 'mprotect', addr: 0, prot: 'r' }]]),
    );
    d.until(1, 'down_write').step(1);
    expect(d.vma0.vmLock.writer).toBe(true);
    d.step(0, 3); // rcu_read_lock, mas_walk, early check passes: seq not yet set
    expect(d.thread(0).next!.line).toContain('down_read_trylock');
    d.step(0);
    expect(d.thread(0).next!.line).toContain('inval');
  });

  it('munmap frees through call_rcu: the object waits for readers inside RCU', () => {
    const d = new Drive(
      oneVma('pre-6.15', [[{ op: 'fault', addr: 0 }], [{ op: 'munmap', addr: 0 }]]),
    );
    d.step(0, 2); // rcu_read_lock, mas_walk found the VMA
    d.finish(1);
    expect(d.vma0.detached).toBe(true);
    expect(d.vma0.slab).toBe('rcu-pending');
    d.finish(0);
    expect(d.vma0.slab).toBe('free');
    expect(d.thread(0).results).toEqual(['SIGSEGV']);
  });
});

describe('UFFDIO_MOVE', () => {
  const move = (extra: object, ops: LockOp[][] = [[{ op: 'uffdio_move', dst: 1, src: 0 }]]) =>
    new Drive({
      kernel: '7.0',
      pages: 2,
      mms: [{ vmas: [{ start: 0, end: 2 }], populated: [0], ...extra }],
      spareObjects: 0,
      threads: ops.map((o) => ({ mm: 0, ops: o })),
    });

  it('moves the PTE without copying; src becomes a hole', () => {
    const d = move({}).finish(0);
    expect(d.thread(0).results).toEqual(['ok']);
    expect(d.mm().ptes).toEqual([null, 0]);
    expect(d.vma0.vmRefcnt).toBe(1); // both read locks (one VMA, locked once) dropped
  });

  it('a pinned page: -EBUSY; a populated dst: -EEXIST; a hole: -ENOENT or skipped', () => {
    expect(
      move({ pinned: [0] })
        .finish(0)
        .thread(0).results,
    ).toEqual(['-EBUSY']);
    expect(
      move({ populated: [0, 1] })
        .finish(0)
        .thread(0).results,
    ).toEqual(['-EEXIST']);
    expect(move({ populated: [] }).finish(0).thread(0).results).toEqual(['-ENOENT']);
    const holes = move({ populated: [] }, [
      [{ op: 'uffdio_move', dst: 1, src: 0, allowSrcHoles: true }],
    ]);
    expect(holes.finish(0).thread(0).results).toEqual(['hole skipped']);
  });

  it('after fork the page is no longer PageAnonExclusive: -EBUSY', () => {
    const d = new Drive({
      kernel: '7.0',
      pages: 2,
      mms: [{ vmas: [{ start: 0, end: 2 }], populated: [0] }, { vmas: [] }],
      spareObjects: 1,
      threads: [
        {
          mm: 0,
          ops: [
            { op: 'fork', child: 1 },
            { op: 'uffdio_move', dst: 1, src: 0 },
          ],
        },
      ],
    }).finish(0);
    expect(d.thread(0).results).toEqual(['ok', '-EBUSY']);
    expect(d.mm(1).ptes).toEqual([0, null]);
    expect(d.vma(1).vmMm).toBe(1);
  });

  it('two VMAs: both are read-locked (refcnt 2 each) during the move', () => {
    const d = new Drive({
      kernel: '7.0',
      pages: 2,
      mms: [
        {
          vmas: [
            { start: 0, end: 1 },
            { start: 1, end: 2 },
          ],
          populated: [0],
        },
      ],
      spareObjects: 0,
      threads: [{ mm: 0, ops: [{ op: 'uffdio_move', dst: 1, src: 0 }] }],
    });
    d.until(0, 'validate_move_areas');
    expect([d.vma(0).vmRefcnt, d.vma(1).vmRefcnt]).toEqual([2, 2]);
    d.finish(0);
    expect([d.vma(0).vmRefcnt, d.vma(1).vmRefcnt]).toEqual([1, 1]);
    expect(d.mm().ptes).toEqual([null, 0]);
  });
});
