/**
 * vm_refcnt constants and the decoded view of a refcount, per kernel generation.
 *
 * The model stores a refcount in one byte: bit 7 is the "writer excludes readers" flag
 * (VMA_LOCK_OFFSET in 6.15, VM_REFCNT_EXCLUDE_READERS_FLAG in 7.0, both 1 << 30 in the
 * kernel) and bits 0..6 the count of attachments + readers. The real value is
 * `(flag ? 0x40000000 : 0) + count`; `realRefcnt` converts for display.
 */
import type { KernelGen } from './scenario';

/** 1U << 30: the flag bit in the kernel's vm_refcnt (include/linux/mm_types.h). */
export const KERNEL_EXCLUDE_FLAG = 0x40000000;
/** VMA_REF_LIMIT / VM_REFCNT_LIMIT: flag − 1, so a reader's bounded increment fails on the flag. */
export const KERNEL_REF_LIMIT = KERNEL_EXCLUDE_FLAG - 1;

/** The flag bit in the model's one-byte refcount. */
export const REF_FLAG = 0x80;
/** The count bits of the model's one-byte refcount. */
export const REF_COUNT = 0x7f;
/** vm_lock_seq's initial value (UINT_MAX, set by vma_lock_init) as the model stores it. */
export const SEQ_NONE = 255;

/** Per-generation names of the same things, for labels and the decoded view. */
export interface GenNames {
  flag: string;
  limit: string;
  enterLocked: string;
  exitLocked: string;
  writerOnly: string;
}

export function genNames(gen: KernelGen): GenNames {
  if (gen === '7.0')
    return {
      flag: 'VM_REFCNT_EXCLUDE_READERS_FLAG',
      limit: 'VM_REFCNT_LIMIT',
      enterLocked: '__vma_start_exclude_readers',
      exitLocked: '__vma_end_exclude_readers',
      writerOnly: '__vma_are_readers_excluded',
    };
  return {
    flag: 'VMA_LOCK_OFFSET',
    limit: 'VMA_REF_LIMIT',
    enterLocked: '__vma_enter_locked',
    exitLocked: '__vma_exit_locked',
    writerOnly: 'is_vma_writer_only',
  };
}

/** The kernel's value of a model refcount byte. */
export function realRefcnt(ref: number): number {
  return (ref & REF_FLAG ? KERNEL_EXCLUDE_FLAG : 0) + (ref & REF_COUNT);
}

/** What a vm_refcnt value means (the mm_types.h comment on vm_refcnt, as states). */
export type RefcntView =
  | { kind: 'detached' }
  | { kind: 'attached' }
  | { kind: 'readers'; readers: number }
  | { kind: 'writer-excluding'; attached: boolean; readersLeft: number };

/**
 * Decode a model refcount byte: 0 detached, 1 attached and unlocked (or write-locked: only
 * vm_lock_seq tells), 1 + n attached with n readers, flag + … a writer or detacher waiting for
 * readers to leave. With the flag set, the count is attachment (when attaching-writer) plus
 * readers; `attached` is the writer's view: vma_start_write waits for flag + 1, vma_mark_detached
 * for flag + 0.
 */
export function decodeRefcnt(ref: number, detaching = false): RefcntView {
  const n = ref & REF_COUNT;
  if (ref & REF_FLAG) {
    const base = detaching ? 0 : 1;
    return { kind: 'writer-excluding', attached: !detaching, readersLeft: Math.max(0, n - base) };
  }
  if (n === 0) return { kind: 'detached' };
  if (n === 1) return { kind: 'attached' };
  return { kind: 'readers', readers: n - 1 };
}

/** One-line text of a decoded refcount, e.g. "attached + 2 readers (3)". */
export function refcntText(ref: number, gen: KernelGen, detaching = false): string {
  const v = decodeRefcnt(ref, detaching);
  const n = ref & REF_COUNT;
  const raw = ref & REF_FLAG ? `${genNames(gen).flag} + ${n}` : String(n);
  switch (v.kind) {
    case 'detached':
      return `detached (${raw})`;
    case 'attached':
      return `attached, no readers (${raw})`;
    case 'readers':
      return `attached + ${v.readers} reader${v.readers === 1 ? '' : 's'} (${raw})`;
    case 'writer-excluding':
      return `writer excluding readers, ${v.readersLeft} left (${raw})`;
  }
}

/** Results of one kernel-level operation, kept per op in the thread's registers. */
export const Res = {
  NONE: 0,
  OK: 1,
  /** Page fault handled under the per-VMA lock (VMA_LOCK_SUCCESS). */
  OK_VMA_LOCK: 2,
  /** Page fault handled after falling back to mmap_lock (lock_mm_and_find_vma). */
  OK_MMAP_LOCK: 3,
  SIGSEGV: 4,
  EBUSY: 5,
  EEXIST: 6,
  ENOENT: 7,
  ENOMEM: 8,
  EINVAL: 9,
  EAGAIN: 10,
  /** UFFDIO_MOVE with ALLOW_SRC_HOLES over a hole: nothing moved, not an error. */
  HOLE: 11,
  /** pin_user_pages_fast gave up (no present PTE or it changed): the slow path is not modelled. */
  GUP_FALLBACK: 12,
} as const;

export const RES_NAMES = [
  '-',
  'ok',
  'ok (per-VMA lock)',
  'ok (mmap_lock fallback)',
  'SIGSEGV',
  '-EBUSY',
  '-EEXIST',
  '-ENOENT',
  '-ENOMEM',
  '-EINVAL',
  '-EAGAIN',
  'hole skipped',
  'gup-fast fell back',
] as const;
