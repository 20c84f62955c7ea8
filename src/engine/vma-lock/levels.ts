/**
 * The lock lab's levels in curriculum order. Each is a scenario plus at most one variant flag;
 * the verdict and the shortest counterexample come from the explorer, and the values here are
 * what a hand count of the steps predicts (test/vma-lock/levels.test.ts checks one against the
 * other; the derivations are in that test).
 */
import type { Verdict } from './explorer';
import type { LockScenario, LockVariant } from './scenario';

export interface LockLevel {
  id: string;
  title: string;
  /** What the student is asked to find or confirm. */
  goal: string;
  /** Why it works or breaks, briefly. */
  explanation: string;
  expected: Verdict;
  /** Steps in the shortest counterexample (null when none is expected). */
  counterexampleLength: number | null;
  scenario: LockScenario;
}

/** T0 faults on A's only VMA, T1 unmaps it, T2 maps a new VMA in mm B at the same address. */
export function faultMunmapReuse(
  kernel: LockScenario['kernel'],
  variant?: Partial<LockVariant>,
): LockScenario {
  return {
    kernel,
    variant,
    pages: 2,
    mms: [{ vmas: [{ start: 0, end: 1 }] }, { vmas: [] }],
    spareObjects: 1,
    threads: [
      { mm: 0, ops: [{ op: 'fault', addr: 0 }] },
      { mm: 0, ops: [{ op: 'munmap', addr: 0 }] },
      { mm: 1, ops: [{ op: 'mmap', start: 0, end: 1 }] },
    ],
  };
}

const twoThreads = (
  other: LockScenario['threads'][number]['ops'],
  variant: Partial<LockVariant>,
): LockScenario => ({
  kernel: '7.0',
  variant,
  pages: 1,
  mms: [{ vmas: [{ start: 0, end: 1 }] }],
  spareObjects: 0,
  threads: [
    { mm: 0, ops: [{ op: 'fault', addr: 0 }] },
    { mm: 0, ops: other },
  ],
});

/** Jann Horn's race: T2's mm B gets the recycled VMA, then exits and frees the mm_struct. */
function mmUaf(kernel: LockScenario['kernel']): LockScenario {
  return {
    kernel,
    pages: 1,
    mms: [{ vmas: [{ start: 0, end: 1 }] }, { vmas: [] }],
    spareObjects: 1,
    threads: [
      { mm: 0, ops: [{ op: 'fault', addr: 0 }] },
      { mm: 0, ops: [{ op: 'munmap', addr: 0 }] },
      { mm: 1, ops: [{ op: 'mmap', start: 0, end: 1 }, { op: 'exit' }] },
    ],
  };
}

function movePinned(variant: Partial<LockVariant>): LockScenario {
  return {
    kernel: '7.0',
    variant,
    pages: 2,
    mms: [{ vmas: [{ start: 0, end: 2 }], populated: [0] }],
    spareObjects: 0,
    threads: [
      { mm: 0, ops: [{ op: 'uffdio_move', dst: 1, src: 0 }] },
      { mm: 0, ops: [{ op: 'pin', addr: 0 }] },
    ],
  };
}

export const LEVELS: readonly LockLevel[] = [
  {
    id: 'correct',
    title: 'The kernel as merged (7.0)',
    goal: 'Explore fault vs munmap vs reuse of the freed VMA by another process: nothing breaks.',
    explanation:
      'A VMA found by mas_walk() may be freed and handed to another mm before vma_start_read() takes its reference. The bounded increment refuses detached VMAs, the vm_mm check refuses another mm, the address re-check refuses another range, and the sequence check refuses a write-locked VMA.',
    expected: 'Never',
    counterexampleLength: null,
    scenario: faultMunmapReuse('7.0'),
  },
  {
    id: 'no-mm-check',
    title: 'No vm_mm check',
    goal: 'Remove the vma->vm_mm != mm check and find the fault that locks another process’s VMA.',
    explanation:
      'SLAB_TYPESAFE_BY_RCU lets the freed vm_area_struct become mm B’s new VMA at the same address while the reader in mm A still holds the pointer; the refcount and the address both look right.',
    expected: 'Sometimes',
    counterexampleLength: 22,
    scenario: faultMunmapReuse('7.0', { noMmCheck: true }),
  },
  {
    id: 'no-addr-check',
    title: 'No address re-check',
    goal: 'Remove the vm_start/vm_end re-check and find a fault that locks a VMA for another range.',
    explanation:
      'The freed object is reused in the same mm for another range: vm_mm matches, but the address no longer lies inside the VMA.',
    expected: 'Sometimes',
    counterexampleLength: 26,
    scenario: {
      ...faultMunmapReuse('7.0', { noAddrCheck: true }),
      threads: [
        { mm: 0, ops: [{ op: 'fault', addr: 0 }] },
        { mm: 0, ops: [{ op: 'munmap', addr: 0 }] },
        { mm: 0, ops: [{ op: 'mmap', start: 1, end: 2 }] },
      ],
    },
  },
  {
    id: 'plain-inc',
    title: 'Plain increment',
    goal: 'Replace __refcount_inc_not_zero_limited_acquire with a plain increment and find a reader that gets in where it must not.',
    explanation:
      'The bounded increment fails on 0 (detached) and on any value with the writer flag (the limit is below the flag). A plain one passes both: the shortest break is a reader slipping in after vma_start_write stopped waiting for readers; a longer one takes a reference on a VMA munmap already detached.',
    expected: 'Sometimes',
    counterexampleLength: 13,
    scenario: twoThreads([{ op: 'munmap', addr: 0 }], { plainInc: true }),
  },
  {
    id: 'writer-no-wait',
    title: 'Writer does not wait',
    goal: 'Let vma_start_write skip rcuwait_wait_event and catch mprotect changing a VMA under a fault.',
    explanation:
      'Setting the flag stops new readers, but readers already inside keep the VMA until vma_end_read; the writer must wait for the count to drop to flag + 1.',
    expected: 'Sometimes',
    counterexampleLength: 12,
    scenario: twoThreads([{ op: 'mprotect', addr: 0, prot: 'r' }], { writerNoWait: true }),
  },
  {
    id: 'detach-no-wait',
    title: 'Detach without waiting',
    goal: 'Let vma_mark_detached return while transient readers still hold a reference.',
    explanation:
      'A reader can raise vm_refcnt after the VMA is write-locked and before it notices; detach must wait for that reader to drop it, or the "detached" VMA still has a reference when it is freed.',
    expected: 'Sometimes',
    counterexampleLength: 13,
    scenario: twoThreads([{ op: 'munmap', addr: 0 }], { detachNoWait: true }),
  },
  {
    id: 'no-early-seq-check',
    title: 'No early sequence check',
    goal: 'Remove the lockless vm_lock_seq check before the increment: is the kernel still correct?',
    explanation:
      'The early check only avoids touching vm_refcnt of a VMA that is visibly write-locked; the re-check after the increment is the one that matters. Still correct, just more work.',
    expected: 'Never',
    counterexampleLength: null,
    scenario: faultMunmapReuse('7.0', { noEarlySeqCheck: true }),
  },
  {
    id: 'mm-uaf-6.15',
    title: 'The mm_struct use-after-free (6.15)',
    goal: 'Find the race fixed by "mm: fix a UAF when vma->mm is freed after vma->vm_refcnt got dropped".',
    explanation:
      'In 6.15 the reader notices the wrong vm_mm only after vma_start_read, and drops its reference through vma_refcount_put, which wakes the writer through mm B. B’s writer no longer waits, finishes, exits and frees B before the wake-up.',
    expected: 'Sometimes',
    counterexampleLength: 38,
    scenario: mmUaf('6.15'),
  },
  {
    id: 'mm-uaf-7.0',
    title: 'The same race after the fix (7.0)',
    goal: 'Run the same scenario on 7.0: vma_start_read checks vm_mm itself and pins the other mm with mmgrab before dropping the reference.',
    explanation:
      'mmgrab(other_mm) keeps the mm_struct alive across vma_refcount_put; mmdrop frees it afterwards.',
    expected: 'Never',
    counterexampleLength: null,
    scenario: mmUaf('7.0'),
  },
  {
    id: 'pre-6.15',
    title: 'Before 6.15: vm_lock rwsem and call_rcu',
    goal: 'Explore the reuse scenario on the old design, which had no vm_mm check at all.',
    explanation:
      'A separate vm_lock rwsem, a detached flag, and VMAs freed through call_rcu: a VMA found under RCU cannot be reused before the reader leaves its RCU section, so it never needed the vm_mm check.',
    expected: 'Never',
    counterexampleLength: null,
    scenario: faultMunmapReuse('pre-6.15'),
  },
  {
    id: 'uffd-move-pinned',
    title: 'UFFDIO_MOVE vs a pin',
    goal: 'Race UFFDIO_MOVE with pin_user_pages_fast on the source page: a pinned page is never moved (-EBUSY).',
    explanation:
      'move_present_pte checks folio_maybe_dma_pinned before clearing the source PTE and again after; GUP-fast re-reads the PTE after pinning. One of the two always sees the other.',
    expected: 'Never',
    counterexampleLength: null,
    scenario: movePinned({}),
  },
  {
    id: 'uffd-move-no-pin-recheck',
    title: 'UFFDIO_MOVE without the re-check',
    goal: 'Drop the pin re-check after ptep_clear_flush and find a pinned page moved.',
    explanation:
      'GUP-fast can pin between the first check and the PTE clear and still see the old PTE: only the re-check after clearing catches it.',
    expected: 'Sometimes',
    counterexampleLength: 18,
    scenario: movePinned({ noPinRecheck: true }),
  },
];

export function findLevel(id: string): LockLevel | undefined {
  return LEVELS.find((l) => l.id === id);
}
