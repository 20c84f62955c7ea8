/**
 * The model's whole state is one small byte array, so the explorer can copy, hash and compare
 * states without allocating. This file fixes where each field lives and builds the initial
 * state of a scenario.
 *
 *   global  RCU (bit t: thread t in an RCU read section), FREE_TOP, FREE[objects] (the cache's
 *           freelist, LIFO like SLUB's per-cpu freelist: a freed object is the next one handed out)
 *   mm      mm_lock_seq, mmap_lock readers, writer (thread + 1), mm_count, freed, PTL holder,
 *           maple tree (page → object + 1), PTEs (page → folio + 1)
 *   object  vm_refcnt, vm_lock_seq, vm_mm (+1), vm_start, vm_end, vm_flags, slab state,
 *           incarnation, pending grace-period mask (call_rcu), pre-6.15 vm_lock rwsem, detached
 *   folio   speculative pins, completed pins, PageAnonExclusive
 *   thread  pc and registers (two VMA slots, mm snapshot, grabbed mm, scratch, op results)
 */
import type { LockScenario } from './scenario';

export const G_RCU = 0;
export const G_FREE_TOP = 1;
export const G_FREE = 2;

export const MM_SEQ = 0;
export const MM_READERS = 1;
export const MM_WRITER = 2;
export const MM_COUNT = 3;
export const MM_FREED = 4;
export const MM_PTL = 5;
export const MM_TREE = 6;

export const O_REF = 0;
export const O_LSEQ = 1;
export const O_MM = 2;
export const O_START = 3;
export const O_END = 4;
export const O_FLAGS = 5;
export const O_SLAB = 6;
export const O_GEN = 7;
export const O_GPMASK = 8;
export const O_RWSEM = 9;
export const O_DETACHED = 10;
export const OBJ_W = 11;

export const F_PIN = 0;
export const F_PINOK = 1;
export const F_EXCL = 2;
export const FOLIO_W = 3;

export const T_PC = 0;
/** Slot k (0 or 1) registers start at T_SLOT + 4k: vma + 1, incarnation, hold, address. */
export const T_SLOT = 1;
export const S_V = 0;
export const S_GEN = 1;
export const S_HOLD = 2;
export const S_ADDR = 3;
export const T_MMSNAP = 9;
export const T_GRAB = 10;
export const T_TMP = 11;
/** Op results: one byte per op of the thread, so a thread takes T_RES + its ops bytes. */
export const T_RES = 12;
/** The most a thread takes (LIMITS.opsPerThread ops). */
export const THREAD_W = 16;

/** Slab states of an object. */
export const SLAB_FREE = 0;
export const SLAB_ALLOC = 1;
/** Freed through call_rcu (pre-6.15): still a valid VMA until the grace period ends. */
export const SLAB_RCU_PENDING = 2;

/** What a thread's slot holds. */
export const HOLD_NONE = 0;
/** vm_refcnt raised (or vm_lock read-held) but not yet validated: a transient reader. */
export const HOLD_REF = 1;
/** Returned by lock_vma_under_rcu / vma_start_read_locked: a read-locked VMA. */
export const HOLD_LOCKED = 2;
/** Found under mmap_lock (read or write): stable while the mmap_lock is held. */
export const HOLD_MMAP = 3;
/** A writer's own VMA (under mmap_write_lock): not a reader, never checked as one. */
export const HOLD_WRITE = 4;
/** UFFDIO_MOVE's src slot when src lies in dst_vma: the same VMA, locked once. */
export const HOLD_ALIAS = 5;

export const VM_READ = 1;
export const VM_WRITE = 2;

export function protFlags(prot: 'r' | 'rw' | undefined): number {
  return prot === 'r' ? VM_READ : VM_READ | VM_WRITE;
}

export interface Layout {
  nThreads: number;
  nMms: number;
  nObjects: number;
  nPages: number;
  nFolios: number;
  /** State size in bytes, a multiple of 4. */
  width: number;
  mmBase: Int32Array;
  objBase: Int32Array;
  folioBase: Int32Array;
  threadBase: Int32Array;
}

export function makeLayout(sc: LockScenario, nFolios: number): Layout {
  const nThreads = sc.threads.length;
  const nMms = sc.mms.length;
  const nObjects = sc.mms.reduce((n, m) => n + m.vmas.length, 0) + sc.spareObjects;
  const nPages = sc.pages;
  let at = G_FREE + nObjects;
  const mmBase = new Int32Array(nMms);
  for (let m = 0; m < nMms; m++, at += MM_TREE + 2 * nPages) mmBase[m] = at;
  const objBase = new Int32Array(nObjects);
  for (let o = 0; o < nObjects; o++, at += OBJ_W) objBase[o] = at;
  const folioBase = new Int32Array(nFolios);
  for (let f = 0; f < nFolios; f++, at += FOLIO_W) folioBase[f] = at;
  const threadBase = new Int32Array(nThreads);
  for (let t = 0; t < nThreads; t++) {
    threadBase[t] = at;
    at += T_RES + sc.threads[t]!.ops.length;
  }
  const width = (at + 3) & ~3;
  return {
    nThreads,
    nMms,
    nObjects,
    nPages,
    nFolios,
    width,
    mmBase,
    objBase,
    folioBase,
    threadBase,
  };
}

/** Offset of PTE `page` of mm `m`. */
export function ptOff(l: Layout, m: number, page: number): number {
  return l.mmBase[m]! + MM_TREE + l.nPages + page;
}

/** Offset of the maple-tree slot of `page` in mm `m`. */
export function treeOff(l: Layout, m: number, page: number): number {
  return l.mmBase[m]! + MM_TREE + page;
}

/**
 * The initial state: every VMA of the scenario attached (vm_refcnt 1) in its mm's tree, spare
 * objects on the freelist (lowest index on top), populated pages with their own exclusive folio.
 */
export function initialState(sc: LockScenario, l: Layout): Uint8Array {
  const s = new Uint8Array(l.width);
  let o = 0;
  let f = 0;
  sc.mms.forEach((mm, m) => {
    const mb = l.mmBase[m]!;
    s[mb + MM_COUNT] = 1;
    for (const v of mm.vmas) {
      const ob = l.objBase[o]!;
      s[ob + O_REF] = 1;
      s[ob + O_LSEQ] = 255;
      s[ob + O_MM] = m + 1;
      s[ob + O_START] = v.start;
      s[ob + O_END] = v.end;
      s[ob + O_FLAGS] = protFlags(v.prot);
      s[ob + O_SLAB] = SLAB_ALLOC;
      s[ob + O_GEN] = 1;
      for (let a = v.start; a < v.end; a++) s[treeOff(l, m, a)] = o + 1;
      o++;
    }
    for (const a of mm.populated ?? []) {
      s[ptOff(l, m, a)] = f + 1;
      const fb = l.folioBase[f]!;
      s[fb + F_EXCL] = 1;
      if ((mm.pinned ?? []).includes(a)) {
        s[fb + F_PIN] = 1;
        s[fb + F_PINOK] = 1;
      }
      f++;
    }
  });
  for (let spare = l.nObjects - 1; spare >= o; spare--) {
    const ob = l.objBase[spare]!;
    s[ob + O_LSEQ] = 255;
    s[G_FREE + s[G_FREE_TOP]!] = spare + 1;
    s[G_FREE_TOP] = s[G_FREE_TOP]! + 1;
  }
  return s;
}
