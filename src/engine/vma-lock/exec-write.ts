/**
 * Writer-side steps, all under mmap_write_lock: the mmap_lock rwsem and mm_lock_seq,
 * vma_start_write (6.15/7.0 refcount flag, pre-6.15 vm_lock rwsem), vma_mark_detached /
 * attached, the maple tree, and the vm_area_struct cache (vm_area_alloc / vm_area_free).
 */
import { REF_COUNT, REF_FLAG, Res, SEQ_NONE } from './constants';
import {
  clearSlot,
  fail,
  freelistPop,
  freelistPush,
  setSlot,
  slotOff,
  vmaWriteLocked,
} from './exec-common';
import {
  G_RCU,
  HOLD_WRITE,
  MM_COUNT,
  MM_FREED,
  MM_READERS,
  MM_SEQ,
  MM_WRITER,
  O_DETACHED,
  O_END,
  O_FLAGS,
  O_GEN,
  O_GPMASK,
  O_LSEQ,
  O_MM,
  O_REF,
  O_RWSEM,
  O_SLAB,
  O_START,
  S_V,
  SLAB_ALLOC,
  SLAB_FREE,
  SLAB_RCU_PENDING,
  T_PC,
  T_TMP,
  ptOff,
  treeOff,
} from './layout';
import type { Model } from './model';
import { Op } from './opcodes';
import { D, Inv } from './violations';

export function execWrite(
  m: Model,
  s: Uint8Array,
  t: number,
  op: number,
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  res: number,
): number {
  const L = m.layout;
  const tb = L.threadBase[t]!;
  const own = m.threadMm[t]!;
  switch (op) {
    case Op.MMAP_READ_LOCK: // down_read(&mm->mmap_lock)
      s[L.mmBase[a]! + MM_READERS] = s[L.mmBase[a]! + MM_READERS]! + 1;
      return 0;
    case Op.MMAP_READ_UNLOCK: // up_read(&mm->mmap_lock)
      s[L.mmBase[a]! + MM_READERS] = s[L.mmBase[a]! + MM_READERS]! - 1;
      return 0;
    case Op.MMAP_WRITE_LOCK: {
      // down_write(&mm->mmap_lock); mm_lock_seqcount_begin(mm)
      const mb = L.mmBase[a]!;
      s[mb + MM_WRITER] = t + 1;
      s[mb + MM_SEQ] = s[mb + MM_SEQ]! + 1;
      return 0;
    }
    case Op.MMAP_WRITE_UNLOCK: // vma_end_write_all(mm): mm_lock_seqcount_end; up_write
    case Op.MMAP_WRITE_DOWNGRADE: {
      // vma_end_write_all(mm); downgrade_write
      const mb = L.mmBase[a]!;
      s[mb + MM_SEQ] = s[mb + MM_SEQ]! + 1;
      s[mb + MM_WRITER] = 0;
      if (op === Op.MMAP_WRITE_DOWNGRADE) s[mb + MM_READERS] = s[mb + MM_READERS]! + 1;
      return 0;
    }
    case Op.FIND_VMA: {
      // find_vma / vma_find / vma_lookup under mmap_lock
      const x = s[treeOff(L, own, b)]!;
      if (x === 0) s[tb + T_PC] = c;
      else setSlot(m, s, t, a, x - 1, d, b);
      return 0;
    }
    case Op.FIND_FROM: {
      // for_each_vma: the next VMA at or after the cursor
      for (let p = s[tb + T_TMP]!; p < L.nPages; p++) {
        const x = s[treeOff(L, own, p)]!;
        if (x !== 0) {
          setSlot(m, s, t, a, x - 1, HOLD_WRITE, p);
          s[tb + T_TMP] = s[L.objBase[x - 1]! + O_END]!;
          return 0;
        }
      }
      s[tb + T_TMP] = 0;
      s[tb + T_PC] = b;
      return 0;
    }
  }
  const o = s[slotOff(m, t, a) + S_V]! - 1;
  const ob = o >= 0 ? L.objBase[o]! : 0;
  const ref = s[ob + O_REF]!;
  switch (op) {
    case Op.VSW_ADD: // if write-locked return; refcount_add_not_zero(FLAG, &vma->vm_refcnt)
      if (vmaWriteLocked(m, s, o)) s[tb + T_PC] = b;
      else if (ref === 0) s[tb + T_PC] = c;
      else if (ref & REF_FLAG) return fail(m, Inv.REFCOUNT_RANGE, t, o, D.RC_DOUBLE_FLAG);
      else s[ob + O_REF] = ref | REF_FLAG;
      return 0;
    case Op.VSW_WAIT: // rcuwait_wait_event(..., refcnt == FLAG + 1): the guard does the waiting
    case Op.DET_WAIT: // rcuwait_wait_event(..., refcnt == FLAG)
      return 0;
    case Op.VSW_SETSEQ: // WRITE_ONCE(vma->vm_lock_seq, mm_lock_seq)
    case Op.PRE_SETSEQ:
      s[ob + O_LSEQ] = s[L.mmBase[s[ob + O_MM]! - 1]! + MM_SEQ]!;
      if (op === Op.VSW_SETSEQ && !(ref & REF_FLAG)) s[tb + T_PC] = b;
      return 0;
    case Op.VSW_SUB: // __vma_end_exclude_readers: refcount_sub_and_test(FLAG)
      s[ob + O_REF] = ref & ~REF_FLAG;
      return 0;
    case Op.DET_DEC: // vma_mark_detached: drop the tree's reference
      if ((ref & REF_COUNT) === 0) return fail(m, Inv.REFCOUNT_RANGE, t, o, D.RC_UNDERFLOW);
      s[ob + O_REF] = ref - 1;
      if (ref - 1 === 0) s[tb + T_PC] = b;
      return 0;
    case Op.DET_ADD: // refcount_add_not_zero(FLAG): transient readers are still there
      if (ref === 0) s[tb + T_PC] = b;
      else s[ob + O_REF] = ref | REF_FLAG;
      return 0;
    case Op.DET_SUB: // refcount_sub_and_test(FLAG) → 0: detached
      s[ob + O_REF] = ref & ~REF_FLAG;
      return 0;
    case Op.TREE_CLEAR: {
      // vma_iter_clear: mas_store(NULL) over the range, and zap its PTEs
      const w = s[ob + O_MM]! - 1;
      for (let p = s[ob + O_START]!; p < s[ob + O_END]!; p++) {
        if (s[treeOff(L, w, p)] === o + 1) s[treeOff(L, w, p)] = 0;
        s[ptOff(L, w, p)] = 0;
      }
      return 0;
    }
    case Op.VMA_FREE: {
      // vm_area_free: kmem_cache_free (typesafe) or call_rcu (pre-6.15)
      const mask = m.typesafe ? 0 : s[G_RCU]!;
      if (mask === 0) {
        s[ob + O_SLAB] = SLAB_FREE;
        freelistPush(s, o);
      } else {
        s[ob + O_SLAB] = SLAB_RCU_PENDING;
        s[ob + O_GPMASK] = mask;
      }
      clearSlot(m, s, t, a);
      return 0;
    }
    case Op.VMA_ALLOC: // vm_area_alloc(mm) + vma_init (refuses an occupied range: -EEXIST)
    case Op.VMA_DUP: {
      // vm_area_dup(orig): a copy for the child mm
      const dup = op === Op.VMA_DUP;
      const srcO = dup ? s[slotOff(m, t, b) + S_V]! - 1 : -1;
      const w = dup ? c : own;
      const start = dup ? s[L.objBase[srcO]! + O_START]! : b;
      const end = dup ? s[L.objBase[srcO]! + O_END]! : c;
      for (let p = start; p < end && !dup; p++)
        if (s[treeOff(L, w, p)]) {
          s[res] = Res.EEXIST;
          s[tb + T_PC] = e;
          return 0;
        }
      const n = freelistPop(s);
      if (n < 0) {
        s[res] = Res.ENOMEM;
        s[tb + T_PC] = dup ? d : e;
        return 0;
      }
      const nb = L.objBase[n]!;
      if (m.typesafe ? s[nb + O_REF] !== 0 : s[nb + O_RWSEM] !== 0)
        return fail(m, Inv.ATTACHED_VS_TREE, t, n, D.AT_ALLOC_WITH_REFS);
      s[nb + O_GEN] = s[nb + O_GEN] === 255 ? 1 : s[nb + O_GEN]! + 1;
      s[nb + O_SLAB] = SLAB_ALLOC;
      s[nb + O_MM] = w + 1;
      s[nb + O_START] = start;
      s[nb + O_END] = end;
      s[nb + O_FLAGS] = dup ? s[L.objBase[srcO]! + O_FLAGS]! : d;
      s[nb + O_LSEQ] = SEQ_NONE;
      s[nb + O_DETACHED] = 0;
      setSlot(m, s, t, a, n, HOLD_WRITE, start);
      return 0;
    }
    case Op.VMA_ATTACH: // vma_mark_attached: refcount_set_release(&vma->vm_refcnt, 1)
      if (ref !== 0) return fail(m, Inv.ATTACHED_VS_TREE, t, o, D.AT_ATTACH_WITH_REFS);
      s[ob + O_REF] = 1;
      return 0;
    case Op.TREE_STORE: {
      // mas_store(vma) into vma->vm_mm's tree
      const w = s[ob + O_MM]! - 1;
      for (let p = s[ob + O_START]!; p < s[ob + O_END]!; p++) s[treeOff(L, w, p)] = o + 1;
      return 0;
    }
    case Op.SET_FLAGS: // vm_flags_reset(vma, newflags)
      s[ob + O_FLAGS] = b;
      return 0;
    case Op.MMDROP_SELF: {
      // mmdrop(mm): the last reference frees the mm_struct
      const mb = L.mmBase[own]!;
      s[mb + MM_COUNT] = s[mb + MM_COUNT]! - 1;
      if (s[mb + MM_COUNT] === 0) s[mb + MM_FREED] = 1;
      return 0;
    }
    case Op.PRE_DOWN_WRITE: // if (__is_vma_write_locked()) return; down_write(&vma->vm_lock->lock)
      if (vmaWriteLocked(m, s, o)) s[tb + T_PC] = b;
      else s[ob + O_RWSEM] = 255;
      return 0;
    case Op.PRE_UP_WRITE: // up_write(&vma->vm_lock->lock)
      s[ob + O_RWSEM] = 0;
      return 0;
    case Op.PRE_MARK_DETACHED: // vma->detached = detached
      s[ob + O_DETACHED] = b;
      return 0;
  }
  throw new Error(`lock-lab: execWrite got op ${op}`);
}

void SLAB_ALLOC;
