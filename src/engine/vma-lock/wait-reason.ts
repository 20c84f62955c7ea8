/**
 * Why a thread cannot take its next step, read from the model state: the same guards as
 * `enabled` (exec.ts), each turned into what the thread waits on and who is in the way.
 */
import { REF_COUNT } from './constants';
import { slotObj } from './exec-common';
import { nextInstr } from './exec';
import {
  HOLD_LOCKED,
  HOLD_REF,
  MM_PTL,
  MM_READERS,
  MM_WRITER,
  O_GEN,
  O_MM,
  O_REF,
  O_RWSEM,
  S_GEN,
  S_HOLD,
  S_V,
  T_SLOT,
} from './layout';
import type { Model } from './model';
import { Op } from './opcodes';

export type WaitKind =
  /** down_read / down_write on mm->mmap_lock. */
  | 'mmap_lock'
  /** rcuwait_wait_event on mm->vma_writer_wait: vma_start_write or vma_mark_detached. */
  | 'vma_writer_wait'
  /** pre-6.15: down_write on the VMA's separate vm_lock rwsem. */
  | 'vma_lock'
  /** The page table lock of an mm (the model has one per mm). */
  | 'pte_lock';

export interface WaitReason {
  kind: WaitKind;
  /** The threads in the way (the writer, the readers of the VMA, the PTL holder). */
  holders: number[];
  /** The first of `holders`, when there is one. */
  holder?: number;
  mm: number;
  /** The VMA object waited on (vma_writer_wait, vma_lock). */
  vma?: number;
  /** In the kernel's terms, e.g. "waiting for mmap_lock of mm 0 (T1 holds it for writing)". */
  text: string;
}

const name = (t: number) => `T${t}`;

function names(ts: number[]): string {
  if (ts.length <= 1) return ts.map(name).join('');
  return `${ts.slice(0, -1).map(name).join(', ')} and ${name(ts[ts.length - 1]!)}`;
}

/** Threads other than `t` whose slots hold object `o` (its current life) as a reader. */
function readersOf(
  m: Model,
  s: Uint8Array,
  t: number,
  o: number,
): { t: number; locked: boolean }[] {
  const L = m.layout;
  const gen = s[L.objBase[o]! + O_GEN];
  const out: { t: number; locked: boolean }[] = [];
  for (let u = 0; u < L.nThreads; u++) {
    if (u === t) continue;
    for (let k = 0; k < 2; k++) {
      const so = L.threadBase[u]! + T_SLOT + 4 * k;
      const hold = s[so + S_HOLD]!;
      if (s[so + S_V] !== o + 1 || s[so + S_GEN] !== gen) continue;
      if (hold === HOLD_REF || hold === HOLD_LOCKED) {
        out.push({ t: u, locked: hold === HOLD_LOCKED });
        break;
      }
    }
  }
  return out;
}

function readerText(rs: { t: number; locked: boolean }[], fallback: string, rwsem = false): string {
  if (rs.length === 0) return fallback;
  const how = rwsem
    ? 'it for reading'
    : rs.every((r) => r.locked)
      ? 'it read-locked'
      : rs.length === 1
        ? 'a reference'
        : 'references';
  return `${names(rs.map((r) => r.t))} ${rs.length === 1 ? 'holds' : 'hold'} ${how}`;
}

function reason(kind: WaitKind, holders: number[], mm: number, text: string, vma?: number) {
  const r: WaitReason = { kind, holders, mm, text };
  if (holders.length > 0) r.holder = holders[0]!;
  if (vma !== undefined) r.vma = vma;
  return r;
}

/** Why thread t is blocked, or null when it can step or has finished. */
export function waitReason(
  m: Model,
  s: Uint8Array,
  t: number,
  enabled: boolean,
): WaitReason | null {
  if (enabled) return null;
  const ip = nextInstr(m, s, t);
  if (ip < 0) return null;
  const L = m.layout;
  const a = m.code[ip + 1]!;
  switch (m.code[ip]) {
    case Op.MMAP_READ_LOCK:
    case Op.MMAP_WRITE_LOCK: {
      const mb = L.mmBase[a]!;
      const w = s[mb + MM_WRITER]! - 1;
      const n = s[mb + MM_READERS]!;
      const who =
        w >= 0
          ? `${name(w)} holds it for writing`
          : `${n} reader${n === 1 ? '' : 's'} hold${n === 1 ? 's' : ''} it`;
      return reason('mmap_lock', w >= 0 ? [w] : [], a, `waiting for mmap_lock of mm ${a} (${who})`);
    }
    case Op.VSW_WAIT:
    case Op.DET_WAIT: {
      const o = slotObj(m, s, t, a);
      const ob = L.objBase[o]!;
      const rs = readersOf(m, s, t, o);
      const detach = m.code[ip] === Op.DET_WAIT;
      const left = (s[ob + O_REF]! & REF_COUNT) - (detach ? 0 : 1);
      const who = readerText(rs, `vm_refcnt still counts ${left} reader${left === 1 ? '' : 's'}`);
      const what = detach
        ? `waiting in rcuwait_wait_event (vma_mark_detached) for the transient readers of VMA ${o} to leave`
        : `waiting in rcuwait_wait_event for the readers of VMA ${o} to leave`;
      return reason(
        'vma_writer_wait',
        rs.map((r) => r.t),
        s[ob + O_MM]! - 1,
        `${what} (${who})`,
        o,
      );
    }
    case Op.PRE_DOWN_WRITE: {
      const o = slotObj(m, s, t, a);
      const ob = L.objBase[o]!;
      const rs = readersOf(m, s, t, o);
      const n = s[ob + O_RWSEM]!;
      const who = readerText(
        rs,
        `${n} reader${n === 1 ? '' : 's'} hold${n === 1 ? 's' : ''} it`,
        true,
      );
      return reason(
        'vma_lock',
        rs.map((r) => r.t),
        s[ob + O_MM]! - 1,
        `waiting for the vm_lock rwsem of VMA ${o} (${who})`,
        o,
      );
    }
    case Op.PTL_LOCK:
    case Op.HANDLE_FAULT:
    case Op.COPY_PTES:
    case Op.TREE_CLEAR: {
      const op = m.code[ip];
      const w =
        op === Op.PTL_LOCK
          ? a
          : op === Op.TREE_CLEAR
            ? s[L.objBase[slotObj(m, s, t, a)]! + O_MM]! - 1
            : m.threadMm[t]!;
      const h = s[L.mmBase[w]! + MM_PTL]! - 1;
      return reason(
        'pte_lock',
        h >= 0 ? [h] : [],
        w,
        `waiting for the page table lock of mm ${w}${h >= 0 ? ` (${name(h)} holds it)` : ''}`,
      );
    }
  }
  return null;
}
