/**
 * One atomic step of one thread: whether it can run (blocking steps wait on a condition, as
 * rwsems and rcuwait_wait_event do), running it in place, then the pure control flow that
 * follows it. Allocation-free: the explorer calls this millions of times.
 */
import { REF_FLAG } from './constants';
import { clearSlot, slotOff, vmaWriteLocked } from './exec-common';
import { execPage } from './exec-page';
import { execRead } from './exec-read';
import { execWrite } from './exec-write';
import {
  HOLD_LOCKED,
  MM_PTL,
  MM_READERS,
  MM_WRITER,
  O_MM,
  O_REF,
  O_RWSEM,
  S_HOLD,
  S_V,
  T_PC,
  T_RES,
} from './layout';
import type { Model } from './model';
import { INSTR_W, Op } from './opcodes';

const READ = 1;
const WRITE = 2;
const PAGE = 3;
const KIND = new Uint8Array(80).fill(WRITE);
for (const op of [
  Op.RCU_LOCK,
  Op.RCU_UNLOCK,
  Op.MAS_WALK,
  Op.SR_EARLY,
  Op.SR_INC,
  Op.SR_PLAIN_INC,
  Op.SR_MMCHECK,
  Op.SR_SEQCHECK,
  Op.LV_CHECK,
  Op.PUT_SNAP,
  Op.PUT_DEC,
  Op.PUT_WAKE,
  Op.GRAB_READ,
  Op.MMGRAB,
  Op.MMDROP_GRAB,
  Op.SRL_INC,
  Op.PRE_EARLY,
  Op.PRE_TRYLOCK,
  Op.PRE_SEQCHECK,
  Op.PRE_DETACHED,
  Op.PRE_UP_READ,
])
  KIND[op] = READ;
for (const op of [
  Op.HANDLE_FAULT,
  Op.COPY_PTES,
  Op.SAME_VMA,
  Op.VALIDATE_MOVE,
  Op.PTL_LOCK,
  Op.PTL_UNLOCK,
  Op.MOVE_CHECK,
  Op.MOVE_PINCHECK,
  Op.MOVE_CLEAR,
  Op.MOVE_RECHECK,
  Op.MOVE_INSTALL,
  Op.GUP_READ,
  Op.GUP_PIN,
  Op.GUP_RECHECK,
])
  KIND[op] = PAGE;

export function isDone(m: Model, s: Uint8Array, t: number): boolean {
  return s[m.layout.threadBase[t]! + T_PC]! >= m.codeLen[t]!;
}

/** Index into m.code of thread t's next instruction (−1 when it has finished). */
export function nextInstr(m: Model, s: Uint8Array, t: number): number {
  const pc = s[m.layout.threadBase[t]! + T_PC]!;
  return pc >= m.codeLen[t]! ? -1 : (m.codeBase[t]! + pc) * INSTR_W;
}

/** Ops whose step waits on a condition (the cases of `enabled`); every other op can always run. */
export const GUARDED = new Uint8Array(80);
for (const op of [
  Op.MMAP_READ_LOCK,
  Op.MMAP_WRITE_LOCK,
  Op.VSW_WAIT,
  Op.DET_WAIT,
  Op.PRE_DOWN_WRITE,
  Op.PTL_LOCK,
  Op.HANDLE_FAULT,
  Op.COPY_PTES,
  Op.TREE_CLEAR,
])
  GUARDED[op] = 1;

/** Whether thread t can take its next step now (false when finished or blocked). */
export function enabled(m: Model, s: Uint8Array, t: number): boolean {
  const ip = nextInstr(m, s, t);
  if (ip < 0) return false;
  const code = m.code;
  if (!GUARDED[code[ip]!]) return true;
  return guardHolds(m, s, t, ip);
}

/** The condition a GUARDED instruction at `ip` waits on, in state `s`. */
export function guardHolds(m: Model, s: Uint8Array, t: number, ip: number): boolean {
  const L = m.layout;
  const code = m.code;
  const a = code[ip + 1]!;
  switch (code[ip]) {
    case Op.MMAP_READ_LOCK:
      return s[L.mmBase[a]! + MM_WRITER] === 0;
    case Op.MMAP_WRITE_LOCK:
      return s[L.mmBase[a]! + MM_WRITER] === 0 && s[L.mmBase[a]! + MM_READERS] === 0;
    case Op.VSW_WAIT:
      return s[L.objBase[slotVma(m, s, t, a)]! + O_REF] === (REF_FLAG | 1);
    case Op.DET_WAIT:
      return s[L.objBase[slotVma(m, s, t, a)]! + O_REF] === REF_FLAG;
    case Op.PRE_DOWN_WRITE: {
      const o = slotVma(m, s, t, a);
      return vmaWriteLocked(m, s, o) || s[L.objBase[o]! + O_RWSEM] === 0;
    }
    case Op.PTL_LOCK:
      return s[L.mmBase[a]! + MM_PTL] === 0;
    case Op.HANDLE_FAULT:
    case Op.COPY_PTES:
      return s[L.mmBase[m.threadMm[t]!]! + MM_PTL] === 0;
    case Op.TREE_CLEAR: {
      const w = s[L.objBase[slotVma(m, s, t, a)]! + O_MM]! - 1;
      return s[L.mmBase[w]! + MM_PTL] === 0;
    }
  }
  return true;
}

function slotVma(m: Model, s: Uint8Array, t: number, k: number): number {
  return s[slotOff(m, t, k) + S_V]! - 1;
}

/**
 * Run thread t's next step on `s` in place (the caller checked `enabled`). Returns 0, or the
 * code of the invariant the step itself broke (details in m.viol).
 */
export function step(m: Model, s: Uint8Array, t: number): number {
  const tb = m.layout.threadBase[t]!;
  const pc = s[tb + T_PC]!;
  const gi = m.codeBase[t]! + pc;
  const ip = gi * INSTR_W;
  const code = m.code;
  const op = code[ip]!;
  s[tb + T_PC] = pc + 1;
  const a = code[ip + 1]!;
  const b = code[ip + 2]!;
  const c = code[ip + 3]!;
  const d = code[ip + 4]!;
  const e = code[ip + 5]!;
  const kind = KIND[op];
  const v =
    kind === READ
      ? execRead(m, s, t, op, a, b, c, d)
      : kind === PAGE
        ? execPage(m, s, t, op, a, b, c, d, e, tb + T_RES + m.opIndex[gi]!)
        : execWrite(m, s, t, op, a, b, c, d, e, tb + T_RES + m.opIndex[gi]!);
  if (v) return v;
  runPure(m, s, t);
  return 0;
}

/** Control flow that touches only the thread's own registers runs with the step before it. */
export function runPure(m: Model, s: Uint8Array, t: number): void {
  const tb = m.layout.threadBase[t]!;
  const len = m.codeLen[t]!;
  const code = m.code;
  for (;;) {
    const pc = s[tb + T_PC]!;
    if (pc >= len) return;
    const gi = m.codeBase[t]! + pc;
    const ip = gi * INSTR_W;
    const op = code[ip]!;
    const a = code[ip + 1]!;
    if (op === Op.JMP) s[tb + T_PC] = a;
    else if (op === Op.SET_RES) {
      s[tb + T_RES + a] = code[ip + 2]!;
      s[tb + T_PC] = pc + 1;
    } else if (op === Op.CLEAR) {
      clearSlot(m, s, t, a);
      s[tb + T_PC] = pc + 1;
    } else if (op === Op.IF_NOT_LOCKED) {
      if (s[slotOff(m, t, a) + S_HOLD] !== HOLD_LOCKED) {
        clearSlot(m, s, t, a);
        s[tb + T_PC] = code[ip + 2]!;
      } else s[tb + T_PC] = pc + 1;
    } else return;
  }
}
