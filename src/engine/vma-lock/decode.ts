/**
 * The state byte array as plain objects for drawing: VMAs with their decoded refcount, mms
 * with mmap_lock and mm_lock_seq, the tree, the freelist, folios and thread registers.
 */
import { decodeRefcnt, realRefcnt, refcntText, SEQ_NONE, type RefcntView } from './constants';
import { vmaWriteLocked } from './exec-common';
import {
  F_EXCL,
  F_PIN,
  F_PINOK,
  G_FREE,
  G_FREE_TOP,
  G_RCU,
  MM_COUNT,
  MM_FREED,
  MM_PTL,
  MM_READERS,
  MM_SEQ,
  MM_WRITER,
  O_DETACHED,
  O_END,
  O_FLAGS,
  O_GEN,
  O_LSEQ,
  O_MM,
  O_REF,
  O_RWSEM,
  O_SLAB,
  O_START,
  ptOff,
  S_ADDR,
  S_HOLD,
  S_V,
  SLAB_ALLOC,
  SLAB_FREE,
  T_SLOT,
  treeOff,
  VM_WRITE,
} from './layout';
import type { Model } from './model';

export interface VmaView {
  index: number;
  slab: 'allocated' | 'free' | 'rcu-pending';
  /** How many times this object has been allocated (its "life"). */
  incarnation: number;
  vmMm: number | null;
  vmStart: number;
  vmEnd: number;
  vmFlags: 'r' | 'rw';
  /** The kernel's value (flag 0x40000000 + count); 6.15+ only. */
  vmRefcnt: number;
  refcount: RefcntView;
  refcountText: string;
  /** null for UINT_MAX (never write-locked). */
  vmLockSeq: number | null;
  writeLocked: boolean;
  /** pre-6.15: vma->detached and the separate vm_lock rwsem. */
  detached: boolean;
  vmLock: { readers: number; writer: boolean };
}

export interface MmView {
  index: number;
  mmLockSeq: number;
  mmapLock: { readers: number; writer: number | null };
  mmCount: number;
  freed: boolean;
  ptlHolder: number | null;
  /** Per page: the VMA object mapped there in the maple tree, or null. */
  tree: (number | null)[];
  /** Per page: the folio in the PTE, or null. */
  ptes: (number | null)[];
}

export interface SlotView {
  vma: number | null;
  hold: 'none' | 'ref' | 'read-locked' | 'mmap_lock' | 'writer' | 'alias';
  address: number;
}

export interface LabStateView {
  rcuReaders: number[];
  freelist: number[];
  mms: MmView[];
  vmas: VmaView[];
  folios: { index: number; pins: number; completedPins: number; anonExclusive: boolean }[];
  slots: SlotView[][];
}

const HOLDS = ['none', 'ref', 'read-locked', 'mmap_lock', 'writer', 'alias'] as const;

export function decodeState(m: Model, s: Uint8Array): LabStateView {
  const L = m.layout;
  const rcuReaders: number[] = [];
  for (let t = 0; t < L.nThreads; t++) if (s[G_RCU]! & (1 << t)) rcuReaders.push(t);
  const freelist: number[] = [];
  for (let i = s[G_FREE_TOP]! - 1; i >= 0; i--) freelist.push(s[G_FREE + i]! - 1);
  const mms: MmView[] = [];
  for (let w = 0; w < L.nMms; w++) {
    const mb = L.mmBase[w]!;
    const tree: (number | null)[] = [];
    const ptes: (number | null)[] = [];
    for (let p = 0; p < L.nPages; p++) {
      tree.push(s[treeOff(L, w, p)]! ? s[treeOff(L, w, p)]! - 1 : null);
      ptes.push(s[ptOff(L, w, p)]! ? s[ptOff(L, w, p)]! - 1 : null);
    }
    mms.push({
      index: w,
      mmLockSeq: s[mb + MM_SEQ]!,
      mmapLock: {
        readers: s[mb + MM_READERS]!,
        writer: s[mb + MM_WRITER]! ? s[mb + MM_WRITER]! - 1 : null,
      },
      mmCount: s[mb + MM_COUNT]!,
      freed: s[mb + MM_FREED] !== 0,
      ptlHolder: s[mb + MM_PTL]! ? s[mb + MM_PTL]! - 1 : null,
      tree,
      ptes,
    });
  }
  const vmas: VmaView[] = [];
  for (let o = 0; o < L.nObjects; o++) {
    const ob = L.objBase[o]!;
    const ref = s[ob + O_REF]!;
    const slab = s[ob + O_SLAB]!;
    vmas.push({
      index: o,
      slab: slab === SLAB_ALLOC ? 'allocated' : slab === SLAB_FREE ? 'free' : 'rcu-pending',
      incarnation: s[ob + O_GEN]!,
      vmMm: s[ob + O_MM]! ? s[ob + O_MM]! - 1 : null,
      vmStart: s[ob + O_START]!,
      vmEnd: s[ob + O_END]!,
      vmFlags: s[ob + O_FLAGS]! & VM_WRITE ? 'rw' : 'r',
      vmRefcnt: realRefcnt(ref),
      refcount: decodeRefcnt(ref),
      refcountText: refcntText(ref, m.gen),
      vmLockSeq: s[ob + O_LSEQ] === SEQ_NONE ? null : s[ob + O_LSEQ]!,
      writeLocked: vmaWriteLocked(m, s, o),
      detached: s[ob + O_DETACHED] !== 0,
      vmLock: {
        readers: s[ob + O_RWSEM] === 255 ? 0 : s[ob + O_RWSEM]!,
        writer: s[ob + O_RWSEM] === 255,
      },
    });
  }
  const folios = [];
  for (let f = 0; f < L.nFolios; f++) {
    const fb = L.folioBase[f]!;
    folios.push({
      index: f,
      pins: s[fb + F_PIN]!,
      completedPins: s[fb + F_PINOK]!,
      anonExclusive: s[fb + F_EXCL] !== 0,
    });
  }
  const slots: SlotView[][] = [];
  for (let t = 0; t < L.nThreads; t++) {
    const row: SlotView[] = [];
    for (let k = 0; k < 2; k++) {
      const so = L.threadBase[t]! + T_SLOT + 4 * k;
      row.push({
        vma: s[so + S_V]! ? s[so + S_V]! - 1 : null,
        hold: HOLDS[s[so + S_HOLD]!] ?? 'none',
        address: s[so + S_ADDR]!,
      });
    }
    slots.push(row);
  }
  return { rcuReaders, freelist, mms, vmas, folios, slots };
}
