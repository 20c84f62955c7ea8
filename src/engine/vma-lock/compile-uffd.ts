/**
 * UFFDIO_MOVE as the kernel locks it (mm/userfaultfd.c, kernel-facts §7.3): uffd_move_lock
 * read-locks dst (falling back to mmap_lock), then src with lock_vma_under_rcu only (a
 * fallback while holding dst could deadlock against a writer), then move_pages_pte under the
 * page table locks; and the lockless GUP-fast pin it races with.
 */
import type { Builder } from './builder';
import { emitLockVmaUnderRcu, emitVmaEndRead } from './compile-lock';
import { Res } from './constants';
import { HOLD_MMAP } from './layout';
import { Op } from './opcodes';

/** pin_user_pages_fast of one page: gup_fast_pte_range with FOLL_PIN. */
export function emitPin(b: Builder, addr: number) {
  const fail = b.label();
  b.emit(Op.GUP_READ, 'pte = ptep_get_lockless(ptep)', addr, fail);
  b.emit(Op.GUP_PIN, 'folio = try_grab_folio_fast(page, 1, FOLL_PIN)');
  b.emit(
    Op.GUP_RECHECK,
    'if (pte_val(pte) != pte_val(ptep_get(ptep))) gup_put_folio()',
    addr,
    fail,
  );
  b.bind(fail);
}

/** move_pages for one page from src to dst (same mm). */
export function emitMove(b: Builder, dst: number, src: number, holes: number) {
  const end = b.label();
  const locked = b.label();
  const unlock = b.label();
  b.call('uffd_move_lock', () => {
    const dstOk = b.label();
    const dstFallback = b.label();
    const srcFallback = b.label();
    const noVma = b.label();
    const again = b.label();
    b.call('uffd_lock_vma', () => {
      emitLockVmaUnderRcu(b, 0, dst, dstOk, dstFallback);
      b.bind(dstFallback);
      b.emit(Op.MMAP_READ_LOCK, 'mmap_read_lock(mm)', b.mm);
      b.emit(Op.FIND_VMA, 'vma = find_vma_and_prepare_anon(mm, address)', 0, dst, noVma, HOLD_MMAP);
      b.emit(Op.SRL_INC, 'vma_start_read_locked(vma)', 0, dst, again);
      b.emit(Op.MMAP_READ_UNLOCK, 'mmap_read_unlock(mm)', b.mm);
    });
    b.bind(dstOk);
    b.emit(Op.SAME_VMA, 'if (src_start >= vma->vm_start && src_start < vma->vm_end)', src, locked);
    emitLockVmaUnderRcu(b, 1, src, locked, srcFallback);
    b.bind(srcFallback);
    b.call('undo: vma_end_read(*dst_vmap)', () => emitVmaEndRead(b, 0));
    b.emit(Op.MMAP_READ_LOCK, 'mmap_read_lock(mm)', b.mm);
    b.call('find_vmas_mm_locked', () => {
      b.emit(
        Op.FIND_VMA,
        'dst = find_vma_and_prepare_anon(mm, dst_start)',
        0,
        dst,
        noVma,
        HOLD_MMAP,
      );
      b.emit(Op.FIND_VMA, 'src = vma_lookup(mm, src_start)', 1, src, noVma, HOLD_MMAP);
    });
    b.emit(Op.SRL_INC, 'vma_start_read_locked(*dst_vmap)', 0, dst, again);
    const same = b.label();
    b.emit(Op.SAME_VMA, 'if (*dst_vmap != *src_vmap)', src, same);
    b.emit(
      Op.SRL_INC,
      'vma_start_read_locked_nested(*src_vmap, SINGLE_DEPTH_NESTING)',
      1,
      src,
      again,
    );
    b.bind(same);
    b.emit(Op.MMAP_READ_UNLOCK, 'mmap_read_unlock(mm)', b.mm);
    b.jmp(locked);
    b.bind(noVma);
    b.clear(0);
    b.clear(1);
    b.emit(Op.MMAP_READ_UNLOCK, 'no vma: mmap_read_unlock(mm); return -ENOENT', b.mm);
    b.res(Res.ENOENT);
    b.jmp(end);
    b.bind(again);
    b.clear(1);
    b.emit(Op.MMAP_READ_UNLOCK, 'refcount limit: mmap_read_unlock(mm); return -EAGAIN', b.mm);
    b.res(Res.EAGAIN);
    // a slot already read-locked is released below
    b.jmp(unlock);
  });
  b.bind(locked);
  const ptlOut = b.label();
  b.call('validate_move_areas', () =>
    b.emit(Op.VALIDATE_MOVE, 'same vm_flags, dst VM_WRITE, both anonymous', unlock),
  );
  b.call('move_pages_pte', () => {
    b.emit(Op.PTL_LOCK, 'double_pt_lock(dst_ptl, src_ptl)', b.mm);
    b.emit(
      Op.MOVE_CHECK,
      'if (!pte_none(orig_dst_pte)) -EEXIST; if (pte_none(orig_src_pte)) -ENOENT',
      dst,
      src,
      holes,
      ptlOut,
    );
    b.call('move_present_pte', () => {
      b.emit(
        Op.MOVE_PINCHECK,
        'if (folio_maybe_dma_pinned(src_folio) || !PageAnonExclusive(&src_folio->page)) -EBUSY',
        ptlOut,
      );
      b.emit(Op.MOVE_CLEAR, 'orig_src_pte = ptep_clear_flush(src_vma, src_addr, src_pte)', src);
      if (!b.variant.noPinRecheck)
        b.emit(
          Op.MOVE_RECHECK,
          'if (folio_maybe_dma_pinned(src_folio)) { set_pte_at(src, orig_src_pte); -EBUSY }',
          src,
          ptlOut,
        );
      b.emit(
        Op.MOVE_INSTALL,
        'folio_move_anon_rmap(src_folio, dst_vma); set_pte_at(mm, dst_addr, dst_pte, ...)',
        dst,
      );
    });
    b.bind(ptlOut);
    b.emit(Op.PTL_UNLOCK, 'double_pt_unlock(dst_ptl, src_ptl)', b.mm);
  });
  b.bind(unlock);
  b.call('uffd_move_unlock', () => {
    const skip = b.label();
    const skipDst = b.label();
    b.emit(Op.IF_NOT_LOCKED, 'if (src_vma != dst_vma)', 1, skip);
    emitVmaEndRead(b, 1);
    b.bind(skip);
    b.emit(Op.IF_NOT_LOCKED, 'if (dst_vma)', 0, skipDst);
    emitVmaEndRead(b, 0);
    b.bind(skipDst);
  });
  b.bind(end);
}
