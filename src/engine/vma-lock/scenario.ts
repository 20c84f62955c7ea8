/**
 * A lock-lab scenario: a few mms with VMAs, a SLAB_TYPESAFE_BY_RCU vm_area_struct cache with
 * spare objects, and threads, each a list of kernel-level operations. Addresses are page
 * numbers 0..pages-1. The variant flags break one check of the kernel at a time; they change
 * which steps the model emits, never the results.
 */

/** Kernel generation of the per-VMA lock (see kernel-facts §5). */
export type KernelGen = 'pre-6.15' | '6.15' | '7.0';

/** Each flag removes or weakens one step of the kernel's code. */
export interface LockVariant {
  /** lock_vma_under_rcu / vma_start_read do not compare vma->vm_mm with mm. */
  noMmCheck: boolean;
  /** lock_vma_under_rcu does not re-check address ∈ [vm_start, vm_end) after locking. */
  noAddrCheck: boolean;
  /** vma_start_read uses refcount_inc instead of __refcount_inc_not_zero_limited_acquire. */
  plainInc: boolean;
  /** vma_start_write sets the flag but does not wait for readers to leave. */
  writerNoWait: boolean;
  /** vma_mark_detached drops its reference and returns without waiting for transient readers. */
  detachNoWait: boolean;
  /** vma_start_read skips the early, lockless vm_lock_seq check. */
  noEarlySeqCheck: boolean;
  /** move_present_pte does not re-check folio_maybe_dma_pinned after clearing the PTE. */
  noPinRecheck: boolean;
}

export const NO_VARIANT: LockVariant = {
  noMmCheck: false,
  noAddrCheck: false,
  plainInc: false,
  writerNoWait: false,
  detachNoWait: false,
  noEarlySeqCheck: false,
  noPinRecheck: false,
};

export type Prot = 'r' | 'rw';

export interface VmaSpec {
  start: number;
  end: number;
  prot?: Prot;
}

export interface MmSpec {
  vmas: VmaSpec[];
  /** Pages with a present, exclusive anonymous PTE at the start. */
  populated?: number[];
  /** Of those, pages whose folio already holds a long-term pin (e.g. from io_uring). */
  pinned?: number[];
}

export type LockOp =
  /** A user page fault at `addr` (do_user_addr_fault → lock_vma_under_rcu → handle_mm_fault). */
  | { op: 'fault'; addr: number; write?: boolean }
  /** munmap of the whole VMA containing `addr` (do_vmi_align_munmap; no split). */
  | { op: 'munmap'; addr: number }
  /** mprotect of the whole VMA containing `addr` (mprotect_fixup; no split). */
  | { op: 'mprotect'; addr: number; prot: Prot }
  /** mmap of [start, end) (__mmap_region), allocating from the vm_area_struct cache. */
  | { op: 'mmap'; start: number; end: number; prot?: Prot }
  /** fork-like copy of this mm into the empty mm `child` (dup_mmap). */
  | { op: 'fork'; child: number }
  /** The last user leaves: exit_mmap detaches and frees every VMA, then mmdrop. */
  | { op: 'exit' }
  /** UFFDIO_MOVE of one page from `src` to `dst` in this mm (move_pages). */
  | { op: 'uffdio_move'; dst: number; src: number; allowSrcHoles?: boolean }
  /** pin_user_pages_fast of one page (gup_fast_pte_range, FOLL_PIN). */
  | { op: 'pin'; addr: number };

export interface LockThread {
  mm: number;
  ops: LockOp[];
}

export interface LockScenario {
  kernel: KernelGen;
  variant?: Partial<LockVariant>;
  /** Pages per address space. */
  pages: number;
  mms: MmSpec[];
  /** Free objects in the vm_area_struct cache at the start. */
  spareObjects: number;
  /** The model's VM_REFCNT_LIMIT (the kernel's is 0x3FFFFFFF); default 100. */
  refLimit?: number;
  threads: LockThread[];
}

export const LIMITS = { threads: 6, mms: 3, pages: 8, objects: 6, folios: 6, opsPerThread: 4 };

/** Throw with a message naming the field, or return the scenario with its variant filled in. */
export function validateScenario(sc: LockScenario): LockScenario & { variant: LockVariant } {
  const fail = (msg: string): never => {
    throw new Error(`lock-lab scenario: ${msg}`);
  };
  if (!['pre-6.15', '6.15', '7.0'].includes(sc.kernel)) fail(`unknown kernel "${sc.kernel}"`);
  const int = (x: unknown, lo: number, hi: number, what: string) => {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < lo || x > hi)
      fail(`${what} must be an integer in ${lo}..${hi}`);
  };
  int(sc.pages, 1, LIMITS.pages, 'pages');
  int(sc.spareObjects, 0, LIMITS.objects, 'spareObjects');
  if (sc.refLimit !== undefined) int(sc.refLimit, 1, 100, 'refLimit');
  if (!Array.isArray(sc.mms) || sc.mms.length < 1 || sc.mms.length > LIMITS.mms)
    fail(`mms: 1..${LIMITS.mms} address spaces`);
  if (!Array.isArray(sc.threads) || sc.threads.length < 1 || sc.threads.length > LIMITS.threads)
    fail(`threads: 1..${LIMITS.threads} threads`);
  let objects = sc.spareObjects;
  sc.mms.forEach((mm, m) => {
    const used = new Set<number>();
    for (const v of mm.vmas) {
      int(v.start, 0, sc.pages - 1, `mms[${m}] vma start`);
      int(v.end, v.start + 1, sc.pages, `mms[${m}] vma end`);
      for (let a = v.start; a < v.end; a++) {
        if (used.has(a)) fail(`mms[${m}]: VMAs overlap at page ${a}`);
        used.add(a);
      }
      objects++;
    }
    for (const a of mm.populated ?? []) if (!used.has(a)) fail(`mms[${m}]: page ${a} is unmapped`);
    for (const a of mm.pinned ?? [])
      if (!(mm.populated ?? []).includes(a)) fail(`mms[${m}]: pinned page ${a} is not populated`);
  });
  if (objects > LIMITS.objects) fail(`at most ${LIMITS.objects} VMA objects in all`);
  sc.threads.forEach((th, t) => {
    int(th.mm, 0, sc.mms.length - 1, `threads[${t}].mm`);
    if (!Array.isArray(th.ops) || th.ops.length < 1 || th.ops.length > LIMITS.opsPerThread)
      fail(`threads[${t}]: 1..${LIMITS.opsPerThread} ops`);
    th.ops.forEach((op, i) => {
      const where = `threads[${t}].ops[${i}]`;
      const page = (x: unknown) => int(x, 0, sc.pages - 1, `${where} address`);
      switch (op.op) {
        case 'fault':
        case 'munmap':
        case 'mprotect':
        case 'pin':
          page(op.addr);
          break;
        case 'mmap':
          page(op.start);
          int(op.end, op.start + 1, sc.pages, `${where} end`);
          break;
        case 'uffdio_move':
          page(op.dst);
          page(op.src);
          if (op.dst === op.src) fail(`${where}: src and dst are the same page`);
          break;
        case 'fork':
          int(op.child, 0, sc.mms.length - 1, `${where} child`);
          if (op.child === th.mm || (sc.mms[op.child]?.vmas.length ?? 0) > 0)
            fail(`${where}: the child must be another, empty mm`);
          break;
        case 'exit':
          if (sc.threads.some((o, u) => u !== t && o.mm === th.mm))
            fail(`${where}: exit must be by the only thread of its mm`);
          break;
        default:
          fail(`${where}: unknown op ${JSON.stringify((op as { op: unknown }).op)}`);
      }
    });
  });
  return { ...sc, variant: { ...NO_VARIANT, ...sc.variant } };
}
