/**
 * State invariants, checked after every step (steps check the rest themselves: refcount
 * range, use after free, pinned-moved). Deadlock is found by whoever enumerates the threads.
 *   read-lock-valid   a read-locked VMA is alive, attached, of the faulting mm, covers the address
 *   reader-vs-writer  no VMA is write-locked while a reader holds it read-locked
 *   one-writer        mmap_lock never has a writer together with readers
 *   attached-vs-tree  with no writer in the mm: in the tree ⇔ attached; no references elsewhere
 */
import { REF_COUNT, REF_FLAG } from './constants';
import { fail, vmaWriteLocked } from './exec-common';
import {
  HOLD_LOCKED,
  HOLD_MMAP,
  MM_FREED,
  MM_READERS,
  MM_WRITER,
  O_DETACHED,
  O_END,
  O_GEN,
  O_MM,
  O_REF,
  O_SLAB,
  O_START,
  S_ADDR,
  S_GEN,
  S_HOLD,
  S_V,
  SLAB_ALLOC,
  T_SLOT,
  treeOff,
} from './layout';
import type { Model } from './model';
import { D, Inv } from './violations';

export function checkState(m: Model, s: Uint8Array): number {
  const L = m.layout;
  for (let t = 0; t < L.nThreads; t++) {
    for (let k = 0; k < 2; k++) {
      const so = L.threadBase[t]! + T_SLOT + 4 * k;
      const hold = s[so + S_HOLD]!;
      if (hold !== HOLD_LOCKED && hold !== HOLD_MMAP) continue;
      const o = s[so + S_V]! - 1;
      const ob = L.objBase[o]!;
      const attached = m.typesafe ? (s[ob + O_REF]! & REF_COUNT) !== 0 : !s[ob + O_DETACHED];
      const addr = s[so + S_ADDR]!;
      let d = 0;
      if (s[ob + O_SLAB] !== SLAB_ALLOC || s[ob + O_GEN] !== s[so + S_GEN]) d = D.RL_FREED;
      else if (!attached) d = D.RL_DETACHED;
      else if (s[ob + O_MM] !== m.threadMm[t]! + 1) d = D.RL_OTHER_MM;
      else if (addr < s[ob + O_START]! || addr >= s[ob + O_END]!) d = D.RL_RANGE;
      if (d) return fail(m, Inv.READ_LOCK_VALID, t, o, d);
      if (hold === HOLD_LOCKED && vmaWriteLocked(m, s, o))
        return fail(m, Inv.READER_VS_WRITER, t, o, 0);
    }
  }
  for (let w = 0; w < L.nMms; w++) {
    const mb = L.mmBase[w]!;
    if (s[mb + MM_FREED]) continue;
    if (s[mb + MM_WRITER] && s[mb + MM_READERS]) return fail(m, Inv.ONE_WRITER, 0, w, 0);
  }
  for (let o = 0; o < L.nObjects; o++) {
    const ob = L.objBase[o]!;
    const w = s[ob + O_MM]! - 1;
    const quiet = w < 0 || s[L.mmBase[w]! + MM_WRITER] === 0;
    if (!quiet) continue;
    const alloc = s[ob + O_SLAB] === SLAB_ALLOC;
    const inTree = alloc && w >= 0 && s[treeOff(L, w, s[ob + O_START]!)] === o + 1;
    if (m.typesafe) {
      const ref = s[ob + O_REF]!;
      if (ref & REF_FLAG) return fail(m, Inv.ATTACHED_VS_TREE, 0, o, D.AT_FLAG_NO_WRITER);
      if (inTree && ref === 0) return fail(m, Inv.ATTACHED_VS_TREE, 0, o, D.AT_IN_TREE_DETACHED);
      if (!inTree && ref !== 0) return fail(m, Inv.ATTACHED_VS_TREE, 0, o, D.AT_OUT_OF_TREE_REFS);
    } else if (alloc) {
      const detached = s[ob + O_DETACHED] !== 0;
      if (inTree && detached) return fail(m, Inv.ATTACHED_VS_TREE, 0, o, D.AT_IN_TREE_DETACHED);
      if (!inTree && !detached) return fail(m, Inv.ATTACHED_VS_TREE, 0, o, D.AT_OUT_OF_TREE_REFS);
    }
  }
  return 0;
}
