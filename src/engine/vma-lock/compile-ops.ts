/**
 * Thread programs from kernel-level operations: a page fault, munmap, mprotect, mmap, exit,
 * fork (dup_mmap), UFFDIO_MOVE (move_pages) and pin_user_pages_fast, each written as the
 * kernel orders its locking (kernel-facts §5.3 and §7.3).
 */
import type { Builder } from './builder';
import { emitLockVmaUnderRcu, emitVmaEndRead } from './compile-lock';
import { emitVmaMarkAttached, emitVmaMarkDetached, emitVmaStartWrite } from './compile-write';
import { Res } from './constants';
import { HOLD_MMAP, HOLD_WRITE, protFlags } from './layout';
import { Op } from './opcodes';
import type { LockOp } from './scenario';
import { emitMove, emitPin } from './compile-uffd';

/** Emit one op; `folio` is the folio a fault would install (one per fault op). */
export function emitOp(b: Builder, op: LockOp, folio: number): void {
  const end = b.label();
  const own = b.mm;
  switch (op.op) {
    case 'fault':
      b.call('do_user_addr_fault', () => emitFault(b, op.addr, op.write ? 1 : 0, folio));
      break;
    case 'munmap':
      b.call('do_vmi_align_munmap', () => {
        const none = b.label();
        b.emit(Op.MMAP_WRITE_LOCK, 'mmap_write_lock_killable(mm)  (mm_lock_seq++)', own);
        b.emit(Op.FIND_VMA, 'vma = vma_find(vmi, end)', 0, op.addr, none, HOLD_WRITE);
        b.call('vms_gather_munmap_vmas', () => {
          emitVmaStartWrite(b, 0);
          emitVmaMarkDetached(b, 0);
        });
        b.emit(Op.TREE_CLEAR, 'vma_iter_clear_gfp(vmi, start, end); unmap_region()', 0);
        b.call('vms_complete_munmap_vmas', () => {
          b.emit(
            Op.MMAP_WRITE_DOWNGRADE,
            'mmap_write_downgrade(mm)  (vma_end_write_all: mm_lock_seq++)',
            own,
          );
          b.call('remove_vma', () => b.emit(Op.VMA_FREE, freeLine(b), 0));
          b.emit(Op.MMAP_READ_UNLOCK, 'mmap_read_unlock(mm)', own);
        });
        b.res(Res.OK);
        b.jmp(end);
        b.bind(none);
        b.emit(Op.MMAP_WRITE_UNLOCK, 'nothing mapped: mmap_write_unlock(mm); return 0', own);
        b.res(Res.OK);
      });
      break;
    case 'mprotect':
      b.call('mprotect_fixup', () => {
        const none = b.label();
        b.emit(Op.MMAP_WRITE_LOCK, 'mmap_write_lock_killable(mm)  (mm_lock_seq++)', own);
        b.emit(Op.FIND_VMA, 'vma = vma_find(&vmi, end)', 0, op.addr, none, HOLD_WRITE);
        emitVmaStartWrite(b, 0);
        b.emit(Op.SET_FLAGS, 'vm_flags_reset_once(vma, newflags)', 0, protFlags(op.prot));
        b.emit(
          Op.MMAP_WRITE_UNLOCK,
          'mmap_write_unlock(mm)  (vma_end_write_all: mm_lock_seq++)',
          own,
        );
        b.clear(0);
        b.res(Res.OK);
        b.jmp(end);
        b.bind(none);
        b.emit(Op.MMAP_WRITE_UNLOCK, 'no VMA: mmap_write_unlock(mm); return -ENOMEM', own);
        b.res(Res.ENOMEM);
      });
      break;
    case 'mmap':
      b.call('__mmap_region', () => {
        const fail = b.label();
        b.emit(Op.MMAP_WRITE_LOCK, 'mmap_write_lock_killable(mm)  (mm_lock_seq++)', own);
        const line = `vma = vm_area_alloc(mm): kmem_cache_alloc(vm_area_cachep)${b.gen === 'pre-6.15' ? '' : '  (SLAB_TYPESAFE_BY_RCU)'}`;
        b.emit(Op.VMA_ALLOC, line, 0, op.start, op.end, protFlags(op.prot), fail);
        emitVmaStartWrite(b, 0);
        b.call('vma_iter_store_new', () => {
          emitVmaMarkAttached(b, 0);
          b.emit(Op.TREE_STORE, 'vma_iter_store_overwrite(): mas_store() under RCU', 0);
        });
        b.emit(
          Op.MMAP_WRITE_UNLOCK,
          'mmap_write_unlock(mm)  (vma_end_write_all: mm_lock_seq++)',
          own,
        );
        b.clear(0);
        b.res(Res.OK);
        b.jmp(end);
        b.bind(fail);
        b.emit(Op.MMAP_WRITE_UNLOCK, 'mmap_write_unlock(mm); return error', own);
      });
      break;
    case 'exit':
      b.call('exit_mmap', () => {
        const loop = b.label();
        const done = b.label();
        b.emit(Op.MMAP_WRITE_LOCK, 'mmap_write_lock(mm)', own);
        b.bind(loop);
        b.emit(Op.FIND_FROM, 'vma = vma_next(&vmi)', 0, done);
        b.call('free_pgtables', () => emitVmaStartWrite(b, 0));
        emitVmaMarkDetached(b, 0);
        b.emit(Op.TREE_CLEAR, 'unmap_vmas(); __mt_destroy(&mm->mm_mt) (this VMA)', 0);
        b.call('remove_vma', () => b.emit(Op.VMA_FREE, freeLine(b), 0));
        b.jmp(loop);
        b.bind(done);
        b.emit(Op.MMAP_WRITE_UNLOCK, 'mmap_write_unlock(mm)', own);
        b.call('mmput', () =>
          b.emit(Op.MMDROP_SELF, 'mmdrop(mm)  (__mmdrop frees the mm_struct at 0)'),
        );
        b.res(Res.OK);
      });
      break;
    case 'fork':
      b.call('dup_mmap', () => emitFork(b, op.child));
      break;
    case 'uffdio_move':
      b.call('move_pages', () => emitMove(b, op.dst, op.src, op.allowSrcHoles ? 1 : 0));
      break;
    case 'pin':
      b.call('gup_fast_pte_range', () => emitPin(b, op.addr));
      break;
  }
  b.bind(end);
}

function freeLine(b: Builder): string {
  return b.gen === 'pre-6.15'
    ? 'vm_area_free(vma): call_rcu(&vma->vm_rcu, vm_area_free_rcu_cb)'
    : 'vm_area_free(vma): kmem_cache_free()  (reusable at once: SLAB_TYPESAFE_BY_RCU)';
}

function emitFault(b: Builder, addr: number, write: number, folio: number) {
  const ok = b.label();
  const inval = b.label();
  const bad = b.label();
  const none = b.label();
  const badLocked = b.label();
  const end = b.label();
  emitLockVmaUnderRcu(b, 0, addr, ok, inval);
  b.bind(ok);
  b.call('handle_mm_fault', () =>
    b.emit(
      Op.HANDLE_FAULT,
      'access_error(); do_anonymous_page(): set_pte_at() under the PTL',
      0,
      addr,
      write,
      folio,
      bad,
    ),
  );
  emitVmaEndRead(b, 0);
  b.res(Res.OK_VMA_LOCK);
  b.jmp(end);
  b.bind(bad);
  emitVmaEndRead(b, 0);
  b.res(Res.SIGSEGV);
  b.jmp(end);
  b.bind(inval);
  b.call('lock_mm_and_find_vma', () => {
    b.emit(Op.MMAP_READ_LOCK, 'get_mmap_lock_carefully(): mmap_read_lock_killable(mm)', b.mm);
    b.emit(Op.FIND_VMA, 'vma = find_vma(mm, addr)', 0, addr, none, HOLD_MMAP);
  });
  b.call('handle_mm_fault', () =>
    b.emit(
      Op.HANDLE_FAULT,
      'access_error(); do_anonymous_page(): set_pte_at() under the PTL',
      0,
      addr,
      write,
      folio,
      badLocked,
    ),
  );
  b.emit(Op.MMAP_READ_UNLOCK, 'mmap_read_unlock(mm)', b.mm);
  b.clear(0);
  b.res(Res.OK_MMAP_LOCK);
  b.jmp(end);
  b.bind(none);
  b.emit(Op.MMAP_READ_UNLOCK, 'lock_mm_and_find_vma: no vma: mmap_read_unlock(); bad_area', b.mm);
  b.res(Res.SIGSEGV);
  b.jmp(end);
  b.bind(badLocked);
  b.emit(Op.MMAP_READ_UNLOCK, 'bad_area(): mmap_read_unlock(mm)', b.mm);
  b.clear(0);
  b.res(Res.SIGSEGV);
  b.bind(end);
}

function emitFork(b: Builder, child: number) {
  const loop = b.label();
  const done = b.label();
  const fail = b.label();
  b.emit(Op.MMAP_WRITE_LOCK, 'mmap_write_lock_killable(oldmm)', b.mm);
  b.emit(Op.MMAP_WRITE_LOCK, 'mmap_write_lock_nested(mm, SINGLE_DEPTH_NESTING)', child);
  b.bind(loop);
  b.emit(Op.FIND_FROM, 'for_each_vma(vmi, mpnt)', 0, done);
  emitVmaStartWrite(b, 0);
  b.emit(Op.VMA_DUP, 'tmp = vm_area_dup(mpnt); tmp->vm_mm = mm', 1, 0, child, fail);
  emitVmaStartWrite(b, 1);
  b.call('vma_iter_bulk_store', () => {
    emitVmaMarkAttached(b, 1);
    b.emit(Op.TREE_STORE, 'mas_store(&vmi->mas, tmp)', 1);
  });
  b.emit(Op.COPY_PTES, 'copy_page_range(tmp, mpnt)  (anon pages lose PageAnonExclusive)', 0, child);
  b.clear(0);
  b.clear(1);
  b.jmp(loop);
  b.bind(done);
  b.emit(Op.MMAP_WRITE_UNLOCK, 'mmap_write_unlock(mm)', child);
  b.emit(Op.MMAP_WRITE_UNLOCK, 'mmap_write_unlock(oldmm)', b.mm);
  b.res(Res.OK);
  const end = b.label();
  b.jmp(end);
  b.bind(fail);
  b.clear(0);
  b.emit(Op.MMAP_WRITE_UNLOCK, 'out: mmap_write_unlock(mm)', child);
  b.emit(Op.MMAP_WRITE_UNLOCK, 'mmap_write_unlock(oldmm)', b.mm);
  b.bind(end);
}
