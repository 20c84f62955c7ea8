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
  MM_TREE,
  MM_WRITER,
  OBJ_W,
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

/**
 * What a step changed, as bits: 0..5 thread t's VMA slots, 6..11 object o, 12..14 the header
 * (mm_lock_seq, mmap_lock, ...) of mm w, 15..17 the maple tree of mm w.
 */
const C_OBJ = 6;
const C_MM = 12;
const C_TREE = 15;
const ALL_CHANGED = (1 << 18) - 1;

/**
 * For each 32-bit word of the state, the parts (bits as above) it holds bytes of. The explorer
 * ORs them over the words a step changed and re-checks only what reads those parts: the state
 * it stepped from broke no invariant, so every other check still passes.
 */
export function changeBitsOfWords(m: Model): Int32Array {
  const L = m.layout;
  const out = new Int32Array(L.width >> 2);
  const mark = (byte: number, bit: number) => {
    out[byte >> 2] = out[byte >> 2]! | (1 << bit);
  };
  for (let t = 0; t < L.nThreads; t++)
    for (let b = T_SLOT; b < T_SLOT + 8; b++) mark(L.threadBase[t]! + b, t);
  for (let o = 0; o < L.nObjects; o++)
    for (let b = 0; b < OBJ_W; b++) mark(L.objBase[o]! + b, C_OBJ + o);
  for (let w = 0; w < L.nMms; w++) {
    for (let b = 0; b < MM_TREE; b++) mark(L.mmBase[w]! + b, C_MM + w);
    for (let p = 0; p < L.nPages; p++) mark(treeOff(L, w, p), C_TREE + w);
  }
  return out;
}

export function checkState(m: Model, s: Uint8Array): number {
  return checkChanged(m, s, ALL_CHANGED);
}

/**
 * checkState, skipping the checks that read none of the `changed` parts (changeBitsOfWords):
 * the same checks in the same order, so the same first violation.
 *   a slot's: the slot, the object it holds, that object's mm (mm_lock_seq)
 *   an mm's:  its header (mmap_lock)
 *   an object's: the object, its mm's header (the writer) and its mm's maple tree
 */
export function checkChanged(m: Model, s: Uint8Array, changed: number): number {
  const L = m.layout;
  const nt = L.nThreads;
  const threadBase = L.threadBase;
  const objBase = L.objBase;
  const typesafe = m.typesafe;
  // a changed object or mm header can concern any thread's slots; else only the changed slots
  const visit = changed & (((1 << C_TREE) - 1) & ~((1 << C_OBJ) - 1)) ? -1 : changed;
  for (let t = 0; t < nt; t++) {
    if (!(visit & (1 << t))) continue;
    const own = changed & (1 << t);
    for (let k = 0; k < 2; k++) {
      const so = threadBase[t]! + T_SLOT + 4 * k;
      const hold = s[so + S_HOLD]!;
      if (hold !== HOLD_LOCKED && hold !== HOLD_MMAP) continue;
      const o = s[so + S_V]! - 1;
      const ob = objBase[o]!;
      if (!own && !(changed & (1 << (C_OBJ + o)))) {
        const vm = s[ob + O_MM]! - 1;
        if (vm < 0 || !(changed & (1 << (C_MM + vm)))) continue;
      }
      const attached = typesafe ? (s[ob + O_REF]! & REF_COUNT) !== 0 : !s[ob + O_DETACHED];
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
  if (changed & (((1 << L.nMms) - 1) << C_MM))
    for (let w = 0; w < L.nMms; w++) {
      const mb = L.mmBase[w]!;
      if (!(changed & (1 << (C_MM + w))) || s[mb + MM_FREED]) continue;
      if (s[mb + MM_WRITER] && s[mb + MM_READERS]) return fail(m, Inv.ONE_WRITER, 0, w, 0);
    }
  if (changed & ~((1 << C_OBJ) - 1))
    for (let o = 0; o < L.nObjects; o++) {
      const ob = objBase[o]!;
      const w = s[ob + O_MM]! - 1;
      if (
        !(changed & (1 << (C_OBJ + o))) &&
        (w < 0 || !(changed & ((1 << (C_MM + w)) | (1 << (C_TREE + w)))))
      )
        continue;
      const quiet = w < 0 || s[L.mmBase[w]! + MM_WRITER] === 0;
      if (!quiet) continue;
      const alloc = s[ob + O_SLAB] === SLAB_ALLOC;
      const inTree = alloc && w >= 0 && s[treeOff(L, w, s[ob + O_START]!)] === o + 1;
      if (typesafe) {
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
