/**
 * Helpers the steps share: slot registers, the vm_area_struct cache freelist, the
 * "write-locked" test and the use-after-free check every VMA access goes through.
 */
import {
  G_FREE,
  G_FREE_TOP,
  G_RCU,
  HOLD_NONE,
  MM_SEQ,
  O_GEN,
  O_LSEQ,
  O_MM,
  O_SLAB,
  S_ADDR,
  S_GEN,
  S_HOLD,
  S_V,
  SLAB_ALLOC,
  SLAB_RCU_PENDING,
  T_SLOT,
} from './layout';
import type { Model } from './model';
import { D, Inv } from './violations';

/** Offset of slot k's first register for thread t. */
export function slotOff(m: Model, t: number, k: number): number {
  return m.layout.threadBase[t]! + T_SLOT + 4 * k;
}

/** Object index held in slot k (−1 when empty). */
export function slotObj(m: Model, s: Uint8Array, t: number, k: number): number {
  return s[slotOff(m, t, k) + S_V]! - 1;
}

export function clearSlot(m: Model, s: Uint8Array, t: number, k: number): void {
  const so = slotOff(m, t, k);
  s[so + S_V] = 0;
  s[so + S_GEN] = 0;
  s[so + S_HOLD] = HOLD_NONE;
  s[so + S_ADDR] = 0;
}

export function setSlot(
  m: Model,
  s: Uint8Array,
  t: number,
  k: number,
  o: number,
  hold: number,
  addr: number,
): void {
  const so = slotOff(m, t, k);
  s[so + S_V] = o + 1;
  s[so + S_GEN] = s[m.layout.objBase[o]! + O_GEN]!;
  s[so + S_HOLD] = hold;
  s[so + S_ADDR] = addr;
}

export function fail(m: Model, inv: number, t: number, o: number, d: number): number {
  m.viol[0] = inv;
  m.viol[1] = t;
  m.viol[2] = o;
  m.viol[3] = d;
  return inv;
}

/**
 * W(v): vma->vm_lock_seq == vma->vm_mm->mm_lock_seq, i.e. write-locked in the current
 * mmap_write_lock cycle (mm_lock_seq is odd while the mmap_lock is write-held).
 */
export function vmaWriteLocked(m: Model, s: Uint8Array, o: number): boolean {
  const ob = m.layout.objBase[o]!;
  const mm = s[ob + O_MM]! - 1;
  if (mm < 0) return false;
  const seq = s[m.layout.mmBase[mm]! + MM_SEQ]!;
  return (seq & 1) === 1 && s[ob + O_LSEQ] === seq;
}

/**
 * Every access to a VMA's fields by a reader. Under SLAB_TYPESAFE_BY_RCU, reading a freed or
 * reused object inside an RCU read section is fine (the memory stays a vm_area_struct); outside
 * one, only a reference keeps it alive. With call_rcu freeing (pre-6.15) the object stays valid
 * until the grace period ends. Returns a violation code, or 0.
 */
export function touch(m: Model, s: Uint8Array, t: number, k: number): number {
  const so = slotOff(m, t, k);
  const o = s[so + S_V]! - 1;
  const ob = m.layout.objBase[o]!;
  const slab = s[ob + O_SLAB]!;
  if (slab === SLAB_ALLOC && s[ob + O_GEN] === s[so + S_GEN]) return 0;
  if (!m.typesafe) {
    if (slab === SLAB_RCU_PENDING) return 0;
  } else if (s[G_RCU]! & (1 << t)) return 0;
  const held = s[so + S_HOLD]! !== HOLD_NONE;
  return fail(m, Inv.USE_AFTER_FREE, t, o, held ? D.UAF_HELD : D.UAF_UNPROTECTED);
}

export function freelistPush(s: Uint8Array, o: number): void {
  const top = s[G_FREE_TOP]!;
  s[G_FREE + top] = o + 1;
  s[G_FREE_TOP] = top + 1;
}

/** kmem_cache_alloc: the most recently freed object, or −1 (-ENOMEM) when the cache is empty. */
export function freelistPop(s: Uint8Array): number {
  const top = s[G_FREE_TOP]!;
  if (top === 0) return -1;
  const o = s[G_FREE + top - 1]! - 1;
  s[G_FREE + top - 1] = 0;
  s[G_FREE_TOP] = top - 1;
  return o;
}
