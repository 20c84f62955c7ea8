/**
 * Page-table steps: the fault's PTE install (do_anonymous_page), fork's copy_page_range,
 * UFFDIO_MOVE's move_pages_pte / move_present_pte (mm/userfaultfd.c) and the lockless
 * GUP-fast pin (gup_fast_pte_range, mm/gup.c) it has to race with.
 */
import { Res } from './constants';
import { fail, slotOff, touch } from './exec-common';
import {
  F_EXCL,
  F_PIN,
  F_PINOK,
  HOLD_ALIAS,
  HOLD_LOCKED,
  HOLD_REF,
  MM_PTL,
  O_END,
  O_FLAGS,
  O_START,
  S_ADDR,
  S_GEN,
  S_HOLD,
  S_V,
  T_PC,
  T_TMP,
  VM_WRITE,
  ptOff,
} from './layout';
import type { Model } from './model';
import { Op } from './opcodes';
import { Inv } from './violations';

export function execPage(
  m: Model,
  s: Uint8Array,
  t: number,
  op: number,
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  res: number,
): number {
  const L = m.layout;
  const tb = L.threadBase[t]!;
  const mm = m.threadMm[t]!;
  let v: number;
  switch (op) {
    case Op.HANDLE_FAULT: {
      // access_error(); handle_mm_fault → do_anonymous_page: set_pte_at() under the PTL
      const so = slotOff(m, t, a);
      const hold = s[so + S_HOLD]!;
      if ((hold === HOLD_LOCKED || hold === HOLD_REF) && (v = touch(m, s, t, a))) return v;
      const ob = L.objBase[s[so + S_V]! - 1]!;
      if (c && !(s[ob + O_FLAGS]! & VM_WRITE)) {
        s[tb + T_PC] = e;
        return 0;
      }
      const pte = ptOff(L, mm, b);
      if (s[pte] === 0) {
        s[pte] = d + 1;
        const fb = L.folioBase[d]!;
        s[fb + F_EXCL] = 1;
        s[fb + F_PIN] = 0;
        s[fb + F_PINOK] = 0;
      }
      return 0;
    }
    case Op.COPY_PTES: {
      // copy_page_range: the child maps the same folios, no longer exclusive to the parent
      const ob = L.objBase[s[slotOff(m, t, a) + S_V]! - 1]!;
      for (let p = s[ob + O_START]!; p < s[ob + O_END]!; p++) {
        const f = s[ptOff(L, mm, p)]!;
        if (!f) continue;
        s[ptOff(L, b, p)] = f;
        s[L.folioBase[f - 1]! + F_EXCL] = 0;
      }
      return 0;
    }
    case Op.SAME_VMA: {
      // if (src_start >= dst_vma->vm_start && src_start < dst_vma->vm_end): lock it once
      const s0 = slotOff(m, t, 0);
      const s1 = slotOff(m, t, 1);
      if (s[s0 + S_HOLD] === HOLD_LOCKED && (v = touch(m, s, t, 0))) return v;
      const ob = L.objBase[s[s0 + S_V]! - 1]!;
      if (a >= s[ob + O_START]! && a < s[ob + O_END]!) {
        s[s1 + S_V] = s[s0 + S_V]!;
        s[s1 + S_GEN] = s[s0 + S_GEN]!;
        s[s1 + S_HOLD] = HOLD_ALIAS;
        s[s1 + S_ADDR] = a;
        s[tb + T_PC] = b;
      }
      return 0;
    }
    case Op.VALIDATE_MOVE: {
      // validate_move_areas: same access flags, dst VM_WRITE (else -EINVAL)
      if ((v = touch(m, s, t, 0)) || (v = touch(m, s, t, 1))) return v;
      const f0 = s[L.objBase[s[slotOff(m, t, 0) + S_V]! - 1]! + O_FLAGS]!;
      const f1 = s[L.objBase[s[slotOff(m, t, 1) + S_V]! - 1]! + O_FLAGS]!;
      if (!(f0 & VM_WRITE) || f0 !== f1) {
        s[res] = Res.EINVAL;
        s[tb + T_PC] = a;
      }
      return 0;
    }
    case Op.PTL_LOCK: // double_pt_lock(dst_ptl, src_ptl)
      s[L.mmBase[a]! + MM_PTL] = t + 1;
      return 0;
    case Op.PTL_UNLOCK:
      s[L.mmBase[a]! + MM_PTL] = 0;
      return 0;
    case Op.MOVE_CHECK: {
      // dst PTE must be none (-EEXIST); src PTE none is -ENOENT unless ALLOW_SRC_HOLES
      const dp = s[ptOff(L, mm, a)]!;
      const sp = s[ptOff(L, mm, b)]!;
      if (dp !== 0 || sp === 0) {
        s[res] = dp !== 0 ? Res.EEXIST : c ? Res.HOLE : Res.ENOENT;
        s[tb + T_PC] = d;
      } else s[tb + T_TMP] = sp;
      return 0;
    }
    case Op.MOVE_PINCHECK: {
      // folio_maybe_dma_pinned(src_folio) || !PageAnonExclusive(&src_folio->page): -EBUSY
      const fb = L.folioBase[s[tb + T_TMP]! - 1]!;
      if (s[fb + F_PIN]! > 0 || !s[fb + F_EXCL]) {
        s[res] = Res.EBUSY;
        s[tb + T_TMP] = 0;
        s[tb + T_PC] = a;
      }
      return 0;
    }
    case Op.MOVE_CLEAR: // orig_src_pte = ptep_clear_flush(src_vma, src_addr, src_pte)
      s[ptOff(L, mm, a)] = 0;
      return 0;
    case Op.MOVE_RECHECK: {
      // pinned from under us: set_pte_at(src, orig_src_pte) and fail the move
      const fb = L.folioBase[s[tb + T_TMP]! - 1]!;
      if (s[fb + F_PIN]! > 0) {
        s[ptOff(L, mm, a)] = s[tb + T_TMP]!;
        s[res] = Res.EBUSY;
        s[tb + T_TMP] = 0;
        s[tb + T_PC] = b;
      }
      return 0;
    }
    case Op.MOVE_INSTALL: {
      // folio_move_anon_rmap(); set_pte_at(dst): the page now lives at dst
      const f = s[tb + T_TMP]!;
      s[ptOff(L, mm, a)] = f;
      s[tb + T_TMP] = 0;
      s[res] = Res.OK;
      if (s[L.folioBase[f - 1]! + F_PINOK]! > 0) return fail(m, Inv.PINNED_MOVED, t, f - 1, 0);
      return 0;
    }
    case Op.GUP_READ: {
      // pte = ptep_get_lockless(ptep): no lock against the mover
      const p = s[ptOff(L, mm, a)]!;
      if (p === 0) {
        s[res] = Res.GUP_FALLBACK;
        s[tb + T_PC] = b;
      } else s[tb + T_TMP] = p;
      return 0;
    }
    case Op.GUP_PIN: {
      // try_grab_folio_fast(FOLL_PIN): the pin count folio_maybe_dma_pinned() sees
      const fb = L.folioBase[s[tb + T_TMP]! - 1]!;
      s[fb + F_PIN] = s[fb + F_PIN]! + 1;
      return 0;
    }
    case Op.GUP_RECHECK: {
      // the PTE changed under us: gup_put_folio() and leave it to the slow path
      const f = s[tb + T_TMP]!;
      const fb = L.folioBase[f - 1]!;
      s[tb + T_TMP] = 0;
      if (s[ptOff(L, mm, a)] !== f) {
        s[fb + F_PIN] = s[fb + F_PIN]! - 1;
        s[res] = Res.GUP_FALLBACK;
        s[tb + T_PC] = b;
      } else {
        s[fb + F_PINOK] = s[fb + F_PINOK]! + 1;
        s[res] = Res.OK;
      }
      return 0;
    }
  }
  throw new Error(`lock-lab: execPage got op ${op}`);
}
