/**
 * The writer side of the per-VMA lock, always under mmap_write_lock (mm/mmap_lock.c):
 * vma_start_write, vma_mark_detached (waiting for transient readers) and vma_mark_attached,
 * per generation; pre-6.15 takes the separate vm_lock rwsem and flips vma->detached.
 */
import type { Builder } from './builder';
import { Op } from './opcodes';

/** vma_start_write(vma) under mmap_write_lock. */
export function emitVmaStartWrite(b: Builder, k: number) {
  const done = b.label();
  b.call('vma_start_write', () => {
    if (b.gen === 'pre-6.15') {
      b.emit(
        Op.PRE_DOWN_WRITE,
        'if (__is_vma_write_locked()) return; down_write(&vma->vm_lock->lock)',
        k,
        done,
      );
      b.emit(Op.PRE_SETSEQ, 'WRITE_ONCE(vma->vm_lock_seq, mm_lock_seq)', k);
      b.emit(Op.PRE_UP_WRITE, 'up_write(&vma->vm_lock->lock)', k);
      b.bind(done);
      return;
    }
    const seq = b.label();
    const n = b.names;
    b.call('__vma_start_write', () => {
      b.call(n.enterLocked, () => {
        b.emit(
          Op.VSW_ADD,
          `if (vma_is_write_locked) return; refcount_add_not_zero(${n.flag}, &vma->vm_refcnt)`,
          k,
          done,
          seq,
        );
        if (!b.variant.writerNoWait)
          b.emit(
            Op.VSW_WAIT,
            `rcuwait_wait_event(&mm->vma_writer_wait, refcnt == ${n.flag} + 1)`,
            k,
          );
      });
      b.bind(seq);
      b.emit(Op.VSW_SETSEQ, 'WRITE_ONCE(vma->vm_lock_seq, mm_lock_seq)', k, done);
      b.call(n.exitLocked, () =>
        b.emit(Op.VSW_SUB, `refcount_sub_and_test(${n.flag}, &vma->vm_refcnt)`, k),
      );
    });
    b.bind(done);
  });
}

/** vma_mark_detached(vma): drop the tree's reference, waiting for transient readers. */
export function emitVmaMarkDetached(b: Builder, k: number) {
  b.call('vma_mark_detached', () => {
    if (b.gen === 'pre-6.15') {
      b.emit(Op.PRE_MARK_DETACHED, 'vma->detached = true', k, 1);
      return;
    }
    const done = b.label();
    const n = b.names;
    const put =
      b.gen === '7.0' ? '__vma_refcount_put_return(vma)' : 'refcount_dec_and_test(&vma->vm_refcnt)';
    b.emit(
      Op.DET_DEC,
      b.variant.detachNoWait ? `${put}; return  (no wait for readers)` : `if (${put} == 0) return`,
      k,
      done,
    );
    if (!b.variant.detachNoWait) {
      const fn =
        b.gen === '7.0' ? '__vma_exclude_readers_for_detach' : `${n.enterLocked}(vma, true)`;
      b.call(fn, () => {
        b.emit(Op.DET_ADD, `refcount_add_not_zero(${n.flag}, &vma->vm_refcnt)`, k, done);
        b.emit(Op.DET_WAIT, `rcuwait_wait_event(&mm->vma_writer_wait, refcnt == ${n.flag})`, k);
        b.emit(Op.DET_SUB, `${n.exitLocked}: refcount_sub_and_test(${n.flag}) → detached`, k);
      });
    }
    b.bind(done);
  });
}

/** vma_mark_attached(vma): the tree's reference (6.15+; pre-6.15 VMAs start attached). */
export function emitVmaMarkAttached(b: Builder, k: number) {
  if (b.gen === 'pre-6.15') return;
  b.call('vma_mark_attached', () =>
    b.emit(Op.VMA_ATTACH, 'refcount_set_release(&vma->vm_refcnt, 1)', k),
  );
}
