/**
 * Reader-side steps: RCU, lock_vma_under_rcu / vma_start_read (6.15, 7.0 and pre-6.15),
 * vma_refcount_put, the err_unstable mm pinning of 7.0, and vma_start_read_locked.
 * Each case names the kernel line it executes; `a..e` are the instruction's arguments.
 */
import { REF_COUNT, REF_FLAG } from './constants';
import { clearSlot, fail, freelistPush, setSlot, slotOff, touch } from './exec-common';
import { CHECK_ADDR, CHECK_MM } from './compile-lock';
import {
  G_RCU,
  HOLD_LOCKED,
  HOLD_NONE,
  HOLD_REF,
  MM_COUNT,
  MM_FREED,
  MM_SEQ,
  O_DETACHED,
  O_END,
  O_GEN,
  O_GPMASK,
  O_LSEQ,
  O_MM,
  O_REF,
  O_RWSEM,
  O_SLAB,
  O_START,
  S_GEN,
  S_HOLD,
  S_V,
  SLAB_FREE,
  SLAB_RCU_PENDING,
  T_GRAB,
  T_MMSNAP,
  T_PC,
  treeOff,
} from './layout';
import type { Model } from './model';
import { Op } from './opcodes';
import { D, Inv } from './violations';

export function execRead(
  m: Model,
  s: Uint8Array,
  t: number,
  op: number,
  a: number,
  b: number,
  c: number,
  d: number,
): number {
  const L = m.layout;
  const tb = L.threadBase[t]!;
  const mm = m.threadMm[t]!;
  const mb = L.mmBase[mm]!;
  const so = slotOff(m, t, a);
  const o = s[so + S_V]! - 1;
  const ob = o >= 0 ? L.objBase[o]! : 0;
  let v: number;
  switch (op) {
    case Op.RCU_LOCK: // rcu_read_lock()
      s[G_RCU] = s[G_RCU]! | (1 << t);
      return 0;
    case Op.RCU_UNLOCK: // rcu_read_unlock(): may end a grace period (call_rcu, pre-6.15)
      s[G_RCU] = s[G_RCU]! & ~(1 << t);
      if (!m.typesafe) endGracePeriods(m, s, t);
      return 0;
    case Op.MAS_WALK: {
      // vma = mas_walk(&mas): the maple tree read under RCU
      const x = s[treeOff(L, mm, b)]!;
      if (x === 0) s[tb + T_PC] = c;
      else setSlot(m, s, t, a, x - 1, HOLD_NONE, b);
      return 0;
    }
    case Op.SR_EARLY: // if (READ_ONCE(vma->vm_lock_seq) == READ_ONCE(mm->mm_lock_seq.sequence))
    case Op.SR_SEQCHECK: // if (vma->vm_lock_seq == raw_read_seqcount(&mm->mm_lock_seq))
      if ((v = touch(m, s, t, a))) return v;
      if (s[ob + O_LSEQ] === s[mb + MM_SEQ]) s[tb + T_PC] = b;
      return 0;
    case Op.SR_INC: // __refcount_inc_not_zero_limited_acquire(&vma->vm_refcnt, &oldcnt, LIMIT)
    case Op.SRL_INC: {
      // vma_start_read_locked(): the same bounded increment, under mmap_read_lock
      if ((v = touch(m, s, t, a))) return v;
      const ref = s[ob + O_REF]!;
      if (ref === 0 || ref & REF_FLAG || (ref & REF_COUNT) + 1 > m.refLimit) {
        s[tb + T_PC] = op === Op.SR_INC ? (ref === 0 ? b : c) : c;
        return 0;
      }
      s[ob + O_REF] = ref + 1;
      s[so + S_GEN] = s[ob + O_GEN]!;
      s[so + S_HOLD] = op === Op.SR_INC ? HOLD_REF : HOLD_LOCKED;
      return 0;
    }
    case Op.SR_PLAIN_INC: {
      // variant: a plain increment, blind to 0 (detached) and to the writer flag
      if ((v = touch(m, s, t, a))) return v;
      const ref = s[ob + O_REF]!;
      if ((ref & REF_COUNT) === REF_COUNT) return fail(m, Inv.REFCOUNT_RANGE, t, o, D.RC_OVERFLOW);
      s[ob + O_REF] = ref + 1;
      s[so + S_GEN] = s[ob + O_GEN]!;
      s[so + S_HOLD] = HOLD_REF;
      return 0;
    }
    case Op.SR_MMCHECK: // if (unlikely(vma->vm_mm != mm)) goto err_unstable
      if ((v = touch(m, s, t, a))) return v;
      if (s[ob + O_MM] !== mm + 1) s[tb + T_PC] = b;
      return 0;
    case Op.LV_CHECK: {
      // lock_vma_under_rcu's re-checks after locking (mode: vm_mm and/or address)
      if ((v = touch(m, s, t, a))) return v;
      const bad =
        (d & CHECK_MM && s[ob + O_MM] !== mm + 1) ||
        (d & CHECK_ADDR && (b < s[ob + O_START]! || b >= s[ob + O_END]!));
      if (bad) s[tb + T_PC] = c;
      else s[so + S_HOLD] = HOLD_LOCKED;
      return 0;
    }
    case Op.PUT_SNAP: // struct mm_struct *mm = vma->vm_mm
      if ((v = touch(m, s, t, a))) return v;
      s[tb + T_MMSNAP] = s[ob + O_MM]!;
      return 0;
    case Op.PUT_DEC: {
      // __refcount_dec_and_test(); wake only if the writer is now alone
      if ((v = touch(m, s, t, a))) return v;
      const ref = s[ob + O_REF]!;
      if ((ref & REF_COUNT) === 0) return fail(m, Inv.REFCOUNT_RANGE, t, o, D.RC_UNDERFLOW);
      const n = ref - 1;
      s[ob + O_REF] = n;
      clearSlot(m, s, t, a);
      if (!(n !== 0 && n & REF_FLAG && (n & REF_COUNT) <= 1)) {
        s[tb + T_MMSNAP] = 0;
        s[tb + T_PC] = b;
      }
      return 0;
    }
    case Op.PUT_WAKE: {
      // rcuwait_wake_up(&mm->vma_writer_wait) on the copied mm
      const w = s[tb + T_MMSNAP]! - 1;
      s[tb + T_MMSNAP] = 0;
      if (s[L.mmBase[w]! + MM_FREED]) return fail(m, Inv.USE_AFTER_FREE, t, w, D.UAF_MM);
      return 0;
    }
    case Op.GRAB_READ: // other_mm = vma->vm_mm
      if ((v = touch(m, s, t, a))) return v;
      s[tb + T_GRAB] = s[ob + O_MM]!;
      return 0;
    case Op.MMGRAB:
    case Op.MMDROP_GRAB: {
      // mmgrab(other_mm) / mmdrop(other_mm): mm_count keeps the mm_struct itself alive
      const w = s[tb + T_GRAB]! - 1;
      const wb = L.mmBase[w]!;
      if (s[wb + MM_FREED]) return fail(m, Inv.USE_AFTER_FREE, t, w, D.UAF_MM);
      if (op === Op.MMGRAB) s[wb + MM_COUNT] = s[wb + MM_COUNT]! + 1;
      else {
        s[wb + MM_COUNT] = s[wb + MM_COUNT]! - 1;
        if (s[wb + MM_COUNT] === 0) s[wb + MM_FREED] = 1;
        s[tb + T_GRAB] = 0;
      }
      return 0;
    }
    case Op.PRE_EARLY: // if (vma->vm_lock_seq == vma->vm_mm->mm_lock_seq.sequence)
    case Op.PRE_SEQCHECK: {
      if ((v = touch(m, s, t, a))) return v;
      const own = s[ob + O_MM]! - 1;
      if (own >= 0 && s[ob + O_LSEQ] === s[L.mmBase[own]! + MM_SEQ]) s[tb + T_PC] = b;
      return 0;
    }
    case Op.PRE_TRYLOCK: // down_read_trylock(&vma->vm_lock->lock)
      if ((v = touch(m, s, t, a))) return v;
      if (s[ob + O_RWSEM] === 255) s[tb + T_PC] = b;
      else {
        s[ob + O_RWSEM] = s[ob + O_RWSEM]! + 1;
        s[so + S_GEN] = s[ob + O_GEN]!;
        s[so + S_HOLD] = HOLD_REF;
      }
      return 0;
    case Op.PRE_DETACHED: // if (vma->detached) { vma_end_read(vma); goto retry; }
      if ((v = touch(m, s, t, a))) return v;
      if (s[ob + O_DETACHED]) s[tb + T_PC] = b;
      return 0;
    case Op.PRE_UP_READ: // up_read(&vma->vm_lock->lock)
      if ((v = touch(m, s, t, a))) return v;
      if (s[ob + O_RWSEM] === 0 || s[ob + O_RWSEM] === 255)
        return fail(m, Inv.REFCOUNT_RANGE, t, o, D.RC_RWSEM_UNDERFLOW);
      s[ob + O_RWSEM] = s[ob + O_RWSEM]! - 1;
      clearSlot(m, s, t, a);
      return 0;
  }
  throw new Error(`lock-lab: execRead got op ${op}`);
}

/** call_rcu callbacks whose grace period ended when thread t left its read section. */
function endGracePeriods(m: Model, s: Uint8Array, t: number): void {
  const L = m.layout;
  for (let o = 0; o < L.nObjects; o++) {
    const ob = L.objBase[o]!;
    if (s[ob + O_SLAB] !== SLAB_RCU_PENDING) continue;
    const mask = s[ob + O_GPMASK]! & ~(1 << t);
    s[ob + O_GPMASK] = mask;
    if (mask === 0) {
      s[ob + O_SLAB] = SLAB_FREE;
      freelistPush(s, o);
    }
  }
}
