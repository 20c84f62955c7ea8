/**
 * The atomic steps the model knows. A thread's program is a list of instructions of six
 * integers (op, a..e); each one is one atomic step of the kernel code it is labelled with,
 * except the pure ones (JMP, SET_RES, CLEAR), which only move the thread's own pc and
 * registers and so are run as part of the step before them.
 */
export const Op = {
  // control flow (pure)
  JMP: 0,
  SET_RES: 1,
  CLEAR: 2,
  // RCU
  RCU_LOCK: 3,
  RCU_UNLOCK: 4,
  // reader side, 6.15 / 7.0
  MAS_WALK: 5,
  SR_EARLY: 6,
  SR_INC: 7,
  SR_PLAIN_INC: 8,
  SR_MMCHECK: 9,
  SR_SEQCHECK: 10,
  LV_CHECK: 11,
  PUT_SNAP: 12,
  PUT_DEC: 13,
  PUT_WAKE: 14,
  GRAB_READ: 15,
  MMGRAB: 16,
  MMDROP_GRAB: 17,
  SRL_INC: 18,
  // mmap_lock
  MMAP_READ_LOCK: 19,
  MMAP_READ_UNLOCK: 20,
  MMAP_WRITE_LOCK: 21,
  MMAP_WRITE_UNLOCK: 22,
  MMAP_WRITE_DOWNGRADE: 23,
  // writer side, 6.15 / 7.0
  FIND_VMA: 24,
  FIND_FROM: 25,
  VSW_ADD: 26,
  VSW_WAIT: 27,
  VSW_SETSEQ: 28,
  VSW_SUB: 29,
  DET_DEC: 30,
  DET_ADD: 31,
  DET_WAIT: 32,
  DET_SUB: 33,
  TREE_CLEAR: 34,
  VMA_FREE: 35,
  VMA_ALLOC: 36,
  VMA_ATTACH: 37,
  TREE_STORE: 38,
  SET_FLAGS: 39,
  HANDLE_FAULT: 40,
  COPY_PTES: 41,
  MMDROP_SELF: 42,
  // pre-6.15
  PRE_TRYLOCK: 43,
  PRE_SEQCHECK: 44,
  PRE_EARLY: 45,
  PRE_DETACHED: 46,
  PRE_UP_READ: 47,
  PRE_DOWN_WRITE: 48,
  PRE_SETSEQ: 49,
  PRE_UP_WRITE: 50,
  PRE_MARK_DETACHED: 51,
  // UFFDIO_MOVE and GUP-fast
  SAME_VMA: 52,
  VALIDATE_MOVE: 53,
  PTL_LOCK: 54,
  PTL_UNLOCK: 55,
  MOVE_CHECK: 56,
  MOVE_PINCHECK: 57,
  MOVE_CLEAR: 58,
  MOVE_RECHECK: 59,
  MOVE_INSTALL: 60,
  GUP_READ: 61,
  GUP_PIN: 62,
  GUP_RECHECK: 63,
  VMA_DUP: 64,
  /**
   * Pure: if slot a holds no read lock of its own (empty, found under mmap_lock, or the alias
   * of slot 0 when UFFDIO_MOVE's src lies in dst_vma), drop it and jump to b.
   */
  IF_NOT_LOCKED: 65,
} as const;
export type OpCode = (typeof Op)[keyof typeof Op];

export const INSTR_W = 6;

export function isPure(op: number): boolean {
  return op <= Op.CLEAR || op === Op.IF_NOT_LOCKED;
}

/** Where an instruction comes from: the kernel function it models and the line it stands for. */
export interface StepLabel {
  /** The kernel function this step is part of, e.g. "vma_start_read". */
  fn: string;
  /** A short description of the source line, e.g. "__refcount_inc_not_zero_limited_acquire()". */
  line: string;
  /** Callers, outermost first, e.g. ["do_user_addr_fault", "lock_vma_under_rcu"]. */
  stack: string[];
  /** Which kernel-level op of the thread this step belongs to. */
  opIndex: number;
}
