/**
 * The invariants the model checks, and how a violation explains itself in kernel terms.
 * A violation is four integers (invariant, thread, object or mm, detail) so that steps can
 * report one without allocating; `explainViolation` turns it into text.
 */
export const Inv = {
  NONE: 0,
  READ_LOCK_VALID: 1,
  READER_VS_WRITER: 2,
  REFCOUNT_RANGE: 3,
  ONE_WRITER: 4,
  ATTACHED_VS_TREE: 5,
  USE_AFTER_FREE: 6,
  DEADLOCK: 7,
  PINNED_MOVED: 8,
} as const;

export type InvariantId =
  | 'read-lock-valid'
  | 'reader-vs-writer'
  | 'refcount-range'
  | 'one-writer'
  | 'attached-vs-tree'
  | 'use-after-free'
  | 'deadlock'
  | 'pinned-moved';

export const INVARIANT_IDS: readonly InvariantId[] = [
  'read-lock-valid',
  'reader-vs-writer',
  'refcount-range',
  'one-writer',
  'attached-vs-tree',
  'use-after-free',
  'deadlock',
  'pinned-moved',
];

export function invariantId(code: number): InvariantId {
  const id = INVARIANT_IDS[code - 1];
  if (!id) throw new Error(`no invariant ${code}`);
  return id;
}

/** Detail codes, per invariant. */
export const D = {
  // read-lock-valid
  RL_FREED: 1,
  RL_DETACHED: 2,
  RL_OTHER_MM: 3,
  RL_RANGE: 4,
  // refcount-range
  RC_UNDERFLOW: 1,
  RC_OVERFLOW: 2,
  RC_DOUBLE_FLAG: 3,
  RC_RWSEM_UNDERFLOW: 4,
  // attached-vs-tree
  AT_IN_TREE_DETACHED: 1,
  AT_OUT_OF_TREE_REFS: 2,
  AT_ALLOC_WITH_REFS: 3,
  AT_FLAG_NO_WRITER: 4,
  AT_ATTACH_WITH_REFS: 5,
  // use-after-free
  UAF_HELD: 1,
  UAF_UNPROTECTED: 2,
  UAF_MM: 3,
} as const;

export interface Violation {
  invariant: InvariantId;
  thread: number;
  /** What went wrong, in the kernel's terms. */
  message: string;
}

const vmaName = (o: number) => `vm_area_struct #${o}`;

/** Text for a violation; `o` is an object index, or an mm index for mm-level findings. */
export function explainViolation(code: number, t: number, o: number, d: number): Violation {
  const who = `thread ${t}`;
  let message: string;
  switch (code) {
    case Inv.READ_LOCK_VALID:
      message =
        d === D.RL_FREED
          ? `${who} holds a read lock on ${vmaName(o)}, which has been freed and reused since it was locked`
          : d === D.RL_DETACHED
            ? `${who} holds a read lock on ${vmaName(o)}, which is detached (vm_refcnt 0 / vma->detached): a reader took a VMA that is no longer in the tree`
            : d === D.RL_OTHER_MM
              ? `${who} read-locked ${vmaName(o)}, which now belongs to another mm: the object was freed and reused by another process (SLAB_TYPESAFE_BY_RCU), and nobody compared vma->vm_mm with mm`
              : `${who} read-locked ${vmaName(o)}, which no longer covers the faulting address: the object was reused for another range, and the address was not re-checked after locking`;
      break;
    case Inv.READER_VS_WRITER:
      message = `${vmaName(o)} is write-locked (vm_lock_seq == mm_lock_seq) while ${who} still holds it read-locked: the writer did not wait for readers to leave`;
      break;
    case Inv.REFCOUNT_RANGE:
      message =
        d === D.RC_UNDERFLOW
          ? `${who} decremented vm_refcnt of ${vmaName(o)} below 0 (refcount underflow)`
          : d === D.RC_OVERFLOW
            ? `${who} raised vm_refcnt of ${vmaName(o)} past the reader limit into the writer flag`
            : d === D.RC_DOUBLE_FLAG
              ? `${who} added the exclusion flag to ${vmaName(o)} twice: two writers`
              : `${who} released vm_lock of ${vmaName(o)} that was not held`;
      break;
    case Inv.ONE_WRITER:
      message = `mm ${o} has a writer and readers (or two writers) on mmap_lock at once`;
      break;
    case Inv.ATTACHED_VS_TREE:
      message =
        d === D.AT_IN_TREE_DETACHED
          ? `${vmaName(o)} is in the maple tree of its mm but detached`
          : d === D.AT_OUT_OF_TREE_REFS
            ? `${vmaName(o)} is not in any tree but its vm_refcnt says attached/held: a reference was taken on a detached or freed VMA, or survived its detach`
            : d === D.AT_ALLOC_WITH_REFS
              ? `${who} allocated ${vmaName(o)} from the cache while a reader still held a reference to its previous life`
              : d === D.AT_FLAG_NO_WRITER
                ? `${vmaName(o)} has the writer flag set but no writer holds mmap_lock`
                : `${who} attached ${vmaName(o)} (refcount_set 1) over a live reference`;
      break;
    case Inv.USE_AFTER_FREE:
      message =
        d === D.UAF_MM
          ? `${who} touched mm ${o} after its last mmdrop freed the mm_struct (use after free): rcuwait_wake_up(&mm->vma_writer_wait) on a dead mm`
          : d === D.UAF_HELD
            ? `${who} touched ${vmaName(o)} after it was freed, although it held a reference that should have kept it (use after free)`
            : `${who} touched ${vmaName(o)} after it was freed, outside any RCU read section and without a reference (use after free)`;
      break;
    case Inv.DEADLOCK:
      message = 'every live thread is blocked: deadlock';
      break;
    case Inv.PINNED_MOVED:
      message = `${who} moved a folio that holds a DMA pin (FOLL_PIN): the pinner now writes to a page mapped elsewhere`;
      break;
    default:
      message = `unknown violation ${code}`;
  }
  return { invariant: invariantId(code), thread: t, message };
}
