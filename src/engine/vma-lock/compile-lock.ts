/**
 * The per-VMA lock primitives as step sequences, per generation:
 *   lock_vma_under_rcu / vma_start_read            (mm/mmap_lock.c, include/linux/mmap_lock.h)
 *   vma_end_read / vma_refcount_put
 * (the writer side is in compile-write.ts)
 * Variant flags drop single steps here; nothing else differs between a level and the kernel.
 */
import type { Builder, Label } from './builder';
import { Op } from './opcodes';

/** LV_CHECK mode bits: which re-checks lock_vma_under_rcu makes after locking. */
export const CHECK_MM = 1;
export const CHECK_ADDR = 2;

/**
 * lock_vma_under_rcu(mm, addr) into slot k. Continues at `ok` with slot k read-locked (RCU
 * released) or at `inval` with the slot empty and RCU released (VMA_LOCK_ABORT).
 */
export function emitLockVmaUnderRcu(b: Builder, k: number, addr: number, ok: Label, inval: Label) {
  const v = b.variant;
  b.call('lock_vma_under_rcu', () => {
    const retry = b.label();
    const started = b.label();
    const fail = b.label();
    const again = b.label();
    const endRead = b.label();
    const abort = b.label();
    if (b.gen === '7.0') b.bind(retry);
    b.emit(Op.RCU_LOCK, 'rcu_read_lock()');
    if (b.gen !== '7.0') b.bind(retry);
    b.emit(Op.MAS_WALK, 'vma = mas_walk(&mas)  (maple tree, under RCU)', k, addr, abort);
    if (b.gen === 'pre-6.15') {
      const upRead = b.label();
      const miss = b.label();
      b.call('vma_start_read', () => {
        if (!v.noEarlySeqCheck)
          b.emit(
            Op.PRE_EARLY,
            'if (vma->vm_lock_seq == vma->vm_mm->mm_lock_seq) return false',
            k,
            fail,
          );
        b.emit(Op.PRE_TRYLOCK, 'down_read_trylock(&vma->vm_lock->lock)', k, fail);
        b.emit(
          Op.PRE_SEQCHECK,
          'if (vma->vm_lock_seq == raw_read_seqcount(&mm->mm_lock_seq))',
          k,
          upRead,
        );
        b.jmp(started);
        b.bind(upRead);
        b.emit(Op.PRE_UP_READ, 'up_read(&vma->vm_lock->lock); return false', k);
        b.jmp(fail);
      });
      b.bind(started);
      b.emit(Op.PRE_DETACHED, 'if (vma->detached) { vma_end_read(vma); goto retry; }', k, miss);
      b.emit(
        Op.LV_CHECK,
        'if (address < vma->vm_start || address >= vma->vm_end)',
        k,
        addr,
        endRead,
        v.noAddrCheck ? 0 : CHECK_ADDR,
      );
      b.emit(Op.RCU_UNLOCK, 'rcu_read_unlock(); return vma');
      b.jmp(ok);
      b.bind(miss);
      b.emit(Op.PRE_UP_READ, 'vma_end_read(vma): up_read(); count VMA_LOCK_MISS', k);
      b.jmp(retry);
      b.bind(endRead);
      b.emit(Op.PRE_UP_READ, 'inval_end_read: vma_end_read(vma)', k);
      b.jmp(abort);
      b.bind(fail);
      b.clear(k);
      b.jmp(abort);
    } else {
      emitVmaStartRead(b, k, started, fail, again);
      b.bind(started);
      if (b.gen === '7.0') {
        b.emit(Op.RCU_UNLOCK, 'rcu_read_unlock()  (VMA is now stable)');
        const line = v.noAddrCheck
          ? 'return vma  (address re-check removed)'
          : 'if (address < vma->vm_start || address >= vma->vm_end)';
        b.emit(Op.LV_CHECK, line, k, addr, endRead, v.noAddrCheck ? 0 : CHECK_ADDR);
        b.jmp(ok);
        b.bind(endRead);
        emitVmaEndRead(b, k);
        b.jmp(inval);
        // vma_start_read failed: it has already dropped RCU (7.0)
        b.bind(again);
        b.jmp(retry);
        b.bind(fail);
        b.jmp(inval);
      } else {
        const mode = (v.noMmCheck ? 0 : CHECK_MM) | (v.noAddrCheck ? 0 : CHECK_ADDR);
        const line =
          mode === 0
            ? 'return vma  (re-checks removed)'
            : mode === CHECK_MM
              ? 'if (vma->vm_mm != mm)  (address re-check removed)'
              : mode === CHECK_ADDR
                ? 'if (address < vma->vm_start || address >= vma->vm_end)  (vm_mm check removed)'
                : 'if (vma->vm_mm != mm || address < vma->vm_start || address >= vma->vm_end)';
        b.emit(Op.LV_CHECK, line, k, addr, endRead, mode);
        b.emit(Op.RCU_UNLOCK, 'rcu_read_unlock(); return vma');
        b.jmp(ok);
        b.bind(endRead);
        b.call('inval_end_read', () => emitVmaEndRead(b, k));
        b.jmp(abort);
        b.bind(again);
        b.jmp(retry); // 6.15: goto retry with RCU still held
        b.bind(fail);
        b.jmp(abort);
      }
    }
    b.bind(abort);
    b.emit(Op.RCU_UNLOCK, 'inval: rcu_read_unlock(); count VMA_LOCK_ABORT');
    b.jmp(inval);
  });
}

/**
 * vma_start_read(mm, vma) for 6.15 and 7.0. Continues at `started` holding a reference, at
 * `again` for -EAGAIN (detached under us) or `fail` for NULL, with the slot dropped; in 7.0 RCU
 * is already released on both failure paths.
 */
function emitVmaStartRead(b: Builder, k: number, started: Label, fail: Label, again: Label) {
  const v = b.variant;
  const is70 = b.gen === '7.0';
  const seqPut = b.label();
  const unstable = b.label();
  const err = b.label();
  const errAgain = b.label();
  b.call('vma_start_read', () => {
    if (!v.noEarlySeqCheck)
      b.emit(
        Op.SR_EARLY,
        'if (READ_ONCE(vma->vm_lock_seq) == READ_ONCE(mm->mm_lock_seq.sequence))',
        k,
        err,
      );
    if (v.plainInc)
      b.emit(Op.SR_PLAIN_INC, 'refcount_inc(&vma->vm_refcnt)  (no zero/limit check)', k);
    else
      b.emit(
        Op.SR_INC,
        `__refcount_inc_not_zero_limited_acquire(&vma->vm_refcnt, &oldcnt, ${b.names.limit})`,
        k,
        errAgain,
        err,
      );
    if (is70 && !v.noMmCheck)
      b.emit(Op.SR_MMCHECK, 'if (unlikely(vma->vm_mm != mm)) goto err_unstable', k, unstable);
    b.emit(
      Op.SR_SEQCHECK,
      'if (vma->vm_lock_seq == raw_read_seqcount(&mm->mm_lock_seq))',
      k,
      seqPut,
    );
    b.jmp(started);
    b.bind(seqPut);
    emitVmaEndRead(b, k, 'vma_refcount_put');
    b.jmp(err);
    if (is70) {
      b.bind(unstable);
      b.call('err_unstable', () => {
        b.emit(
          Op.GRAB_READ,
          'other_mm = vma->vm_mm  (a copy: vma can be freed once the ref drops)',
          k,
        );
        b.emit(Op.RCU_UNLOCK, 'rcu_read_unlock()');
        b.emit(Op.MMGRAB, 'mmgrab(other_mm)');
        emitVmaEndRead(b, k, 'vma_refcount_put');
        b.emit(Op.MMDROP_GRAB, 'mmdrop(other_mm); return NULL');
      });
      b.jmp(fail);
    }
    b.bind(err);
    b.clear(k);
    if (is70) b.emit(Op.RCU_UNLOCK, 'err: rcu_read_unlock(); return NULL');
    b.jmp(fail);
    b.bind(errAgain);
    b.clear(k);
    if (is70) b.emit(Op.RCU_UNLOCK, 'err: rcu_read_unlock(); return ERR_PTR(-EAGAIN)');
    b.jmp(again);
  });
}

/** vma_end_read(vma) → vma_refcount_put(vma) (pre-6.15: up_read of the vm_lock rwsem). */
export function emitVmaEndRead(b: Builder, k: number, fn = 'vma_end_read') {
  if (b.gen === 'pre-6.15') {
    b.call(fn, () => b.emit(Op.PRE_UP_READ, 'up_read(&vma->vm_lock->lock)', k));
    return;
  }
  const done = b.label();
  b.call(fn, () =>
    b.call(fn === 'vma_refcount_put' ? fn : 'vma_refcount_put', () => {
      b.emit(Op.PUT_SNAP, 'struct mm_struct *mm = vma->vm_mm', k);
      const line =
        b.gen === '7.0'
          ? 'newcnt = __vma_refcount_put_return(vma); if (newcnt && __vma_are_readers_excluded(newcnt))'
          : 'if (!__refcount_dec_and_test(&vma->vm_refcnt, &oldcnt) && is_vma_writer_only(oldcnt - 1))';
      b.emit(Op.PUT_DEC, line, k, done);
      b.emit(Op.PUT_WAKE, 'rcuwait_wake_up(&mm->vma_writer_wait)');
      b.bind(done);
    }),
  );
}
