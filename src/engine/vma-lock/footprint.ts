/**
 * What a thread's next step reads and writes, as bit masks over shared resources, for the
 * sleep-set reduction: two steps are independent when neither writes what the other reads or
 * writes (guards count as reads, so an independent step never enables or blocks the other).
 * Over-approximating is safe (less reduction); missing an access is not, so when in doubt a
 * step claims every object.
 *   bits 0..5 objects, 6..8 mm_struct fields (mmap_lock, mm_lock_seq, mm_count),
 *   9..11 maple trees, 12..14 page tables + PTL, 15 the slab freelist, 16 the RCU state
 *   (pre-6.15 only: call_rcu and grace periods), 17..22 folios
 */
import { nextInstr } from './exec';
import { slotObj } from './exec-common';
import { O_MM, T_GRAB, T_MMSNAP, T_TMP } from './layout';
import type { Model } from './model';
import { Op } from './opcodes';

const ALL_OBJ = 0x3f;
const mmBit = (w: number) => 1 << (6 + w);
const treeBit = (w: number) => 1 << (9 + w);
const pteBit = (w: number) => 1 << (12 + w);
const SLAB = 1 << 15;
const RCU = 1 << 16;
const ALL_FOLIO = 0x3f << 17;

/** Fill out[0] (reads) and out[1] (writes) for thread t's next step; 0/0 if finished. */
export function footprint(m: Model, s: Uint8Array, t: number, out: Int32Array): void {
  const ip = nextInstr(m, s, t);
  out[0] = 0;
  out[1] = 0;
  if (ip < 0) return;
  const L = m.layout;
  const code = m.code;
  const op = code[ip]!;
  const a = code[ip + 1]!;
  const own = m.threadMm[t]!;
  const tb = L.threadBase[t]!;
  let r = 0;
  let w = 0;
  switch (op) {
    case Op.RCU_LOCK:
    case Op.RCU_UNLOCK:
      if (!m.typesafe) {
        r = RCU;
        w = op === Op.RCU_LOCK ? RCU : RCU | ALL_OBJ | SLAB;
      }
      break;
    case Op.MAS_WALK:
    case Op.FIND_VMA:
    case Op.FIND_FROM:
      r = treeBit(own) | ALL_OBJ;
      break;
    case Op.SR_EARLY:
    case Op.SR_SEQCHECK:
      r = objBit(m, s, t, a) | mmBit(own);
      break;
    case Op.PRE_EARLY:
    case Op.PRE_SEQCHECK:
    case Op.VSW_ADD:
    case Op.VSW_SETSEQ:
    case Op.PRE_SETSEQ:
    case Op.PRE_DOWN_WRITE: {
      const vm = vmaMmOf(m, s, t, a);
      r = objBit(m, s, t, a) | (vm >= 0 ? mmBit(vm) : 0);
      w = op === Op.PRE_EARLY || op === Op.PRE_SEQCHECK ? 0 : objBit(m, s, t, a);
      break;
    }
    case Op.SR_MMCHECK:
    case Op.LV_CHECK:
    case Op.PUT_SNAP:
    case Op.GRAB_READ:
    case Op.PRE_DETACHED:
    case Op.VSW_WAIT:
    case Op.DET_WAIT:
    case Op.SAME_VMA:
      r = op === Op.SAME_VMA ? objBit(m, s, t, 0) : objBit(m, s, t, a);
      break;
    case Op.SR_INC:
    case Op.SRL_INC:
    case Op.SR_PLAIN_INC:
    case Op.PUT_DEC:
    case Op.VSW_SUB:
    case Op.DET_DEC:
    case Op.DET_ADD:
    case Op.DET_SUB:
    case Op.VMA_ATTACH:
    case Op.SET_FLAGS:
    case Op.PRE_TRYLOCK:
    case Op.PRE_UP_READ:
    case Op.PRE_UP_WRITE:
    case Op.PRE_MARK_DETACHED:
      r = w = objBit(m, s, t, a);
      break;
    case Op.PUT_WAKE:
      r = mmBit(s[tb + T_MMSNAP]! - 1);
      break;
    case Op.MMGRAB:
    case Op.MMDROP_GRAB:
      r = w = mmBit(s[tb + T_GRAB]! - 1);
      break;
    case Op.MMAP_READ_LOCK:
    case Op.MMAP_READ_UNLOCK:
    case Op.MMAP_WRITE_LOCK:
    case Op.MMAP_WRITE_UNLOCK:
    case Op.MMAP_WRITE_DOWNGRADE:
      r = w = mmBit(a);
      break;
    case Op.MMDROP_SELF:
      r = w = mmBit(own);
      break;
    case Op.TREE_CLEAR: {
      const vm = vmaMmOf(m, s, t, a);
      r = objBit(m, s, t, a) | pteBit(vm);
      w = treeBit(vm) | pteBit(vm);
      break;
    }
    case Op.TREE_STORE:
      r = objBit(m, s, t, a);
      w = treeBit(vmaMmOf(m, s, t, a));
      break;
    case Op.VMA_FREE:
      r = m.typesafe ? 0 : RCU;
      w = objBit(m, s, t, a) | SLAB;
      break;
    case Op.VMA_ALLOC:
    case Op.VMA_DUP:
      r = treeBit(op === Op.VMA_DUP ? code[ip + 3]! : own) | ALL_OBJ | SLAB;
      w = ALL_OBJ | SLAB;
      break;
    case Op.HANDLE_FAULT:
      r = objBit(m, s, t, a) | pteBit(own);
      w = pteBit(own) | ALL_FOLIO;
      break;
    case Op.COPY_PTES:
      r = objBit(m, s, t, a) | pteBit(own);
      w = pteBit(own) | pteBit(code[ip + 2]!) | ALL_FOLIO;
      break;
    case Op.VALIDATE_MOVE:
      r = objBit(m, s, t, 0) | objBit(m, s, t, 1);
      break;
    case Op.PTL_LOCK:
    case Op.PTL_UNLOCK:
    case Op.MOVE_CLEAR:
      r = w = pteBit(own);
      break;
    case Op.MOVE_CHECK:
    case Op.GUP_READ:
      r = pteBit(own);
      break;
    default: {
      // MOVE_PINCHECK, MOVE_RECHECK, MOVE_INSTALL, GUP_PIN, GUP_RECHECK: the folio in TMP
      const f = s[tb + T_TMP]! - 1;
      const fb = f >= 0 ? 1 << (17 + f) : ALL_FOLIO;
      r = fb | pteBit(own);
      w = op === Op.MOVE_PINCHECK ? 0 : fb | pteBit(own);
    }
  }
  out[0] = r;
  out[1] = w;
}

function objBit(m: Model, s: Uint8Array, t: number, k: number): number {
  const o = slotObj(m, s, t, k);
  return o >= 0 ? 1 << o : 0;
}

function vmaMmOf(m: Model, s: Uint8Array, t: number, k: number): number {
  const o = slotObj(m, s, t, k);
  return o >= 0 ? s[m.layout.objBase[o]! + O_MM]! - 1 : 0;
}

export function dependent(r1: number, w1: number, r2: number, w2: number): boolean {
  return (w1 & (r2 | w2)) !== 0 || (w2 & r1) !== 0;
}
