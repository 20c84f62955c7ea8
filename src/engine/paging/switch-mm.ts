/**
 * switch_mm_irqs_off() (arch/x86/mm/tlb.c) and its arm64 counterpart, for threads of
 * different processes taking turns on one CPU:
 *  - x86 without PCID: loading the new CR3 drops every translation (tlbFlushAll).
 *  - x86 with PCID: each CPU has TLB_NR_DYN_ASIDS (6) dynamic ASIDs. choose_new_asid() reuses
 *    the slot the mm already owns, else takes the next one round-robin and flushes it, which
 *    drops the entries of the mm that owned it before.
 *  - arm64: ASIDs are global and always on; a switch drops nothing (rollover is not modelled).
 */
import type { Machine } from '../machine';
import { tlbFlushAll, tlbFlushAsid } from './tlb';

/** arch/x86/include/asm/tlbflush.h: TLB_NR_DYN_ASIDS. */
export const TLB_NR_DYN_ASIDS = 6;

/** Per-CPU state of the address space switch (cpu_tlbstate). */
export class CpuTlbState {
  /** The asid of the mm loaded on the CPU, or -1 before the first switch. */
  loadedMm = -1;
  /** Which mm owns each dynamic ASID slot (-1: free). */
  readonly ctxs = new Int32Array(TLB_NR_DYN_ASIDS).fill(-1);
  nextAsid = 0;
}

/** Make `asid` the CPU's current mm; `pcid` is the scenario's PCID switch (x86 only). */
export function switchMm(m: Machine, cpu: number, asid: number, pcid: boolean): void {
  const st = m.cpuTlbState[cpu]!;
  if (st.loadedMm === asid) return;
  const first = st.loadedMm < 0;
  st.loadedMm = asid;
  if (m.arch === 'arm64') return;
  const t = m.tlbs[cpu]!;
  if (!pcid) {
    if (!first) tlbFlushAll(t);
    return;
  }
  if (st.ctxs.includes(asid)) return;
  const slot = st.nextAsid;
  st.nextAsid = (slot + 1) % TLB_NR_DYN_ASIDS;
  const owner = st.ctxs[slot]!;
  st.ctxs[slot] = asid;
  if (owner >= 0) tlbFlushAsid(t, owner); // need_flush: the slot's old entries go
}
