/**
 * How the kernel turns "these translations changed" into TLB invalidations, per architecture.
 * munmap, mprotect, MADV_COLD, THP splits and reclaim all end here.
 *
 *  - x86 flush_tlb_mm_range() (arch/x86/mm/tlb.c): up to tlb_single_page_flush_ceiling (33)
 *    strides, one INVLPG per stride (a stride is 4 KiB, or 2 MiB for a PMD-level flush);
 *    above it, every translation of the mm on every CPU that may cache it (a full flush of
 *    its PCID). Reclaim's batched flush, arch_tlbbatch_flush(), is always such a full flush.
 *  - arm64 __flush_tlb_range() (arch/arm64/include/asm/tlbflush.h): without FEAT_TLBIRANGE,
 *    one TLBI VAE1IS per stride below MAX_DVM_OPS (512) strides, else flush_tlb_mm(), the whole
 *    ASID. Batched reclaim invalidates each unmapped page (6.12) or range (6.15): never more.
 *
 * Simplified: the flush reaches every CPU (the mm_cpumask is not tracked), and a full flush of
 * an mm drops its entries at once where x86 defers it on CPUs running another mm (tlb_gen).
 */
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { tlbFlushAsid, tlbFlushPage, tlbFlushRange } from './tlb';

export type Arch = 'x86' | 'arm64';

/** arch/x86/mm/tlb.c: tlb_single_page_flush_ceiling. */
export const X86_TLB_SINGLE_PAGE_FLUSH_CEILING = 33;
/** arch/arm64/include/asm/tlbflush.h: MAX_DVM_OPS (PTRS_PER_PTE). */
export const ARM64_MAX_DVM_OPS = 512;

/** Does a flush of `strides` strides become a flush of the whole mm? */
export function flushesWholeMm(arch: Arch, strides: number): boolean {
  return arch === 'x86'
    ? strides > X86_TLB_SINGLE_PAGE_FLUSH_CEILING
    : strides >= ARM64_MAX_DVM_OPS;
}

/**
 * flush_tlb_range() for virtual pages [s, e) of mm on every CPU. `pmdStride` flushes 2 MiB
 * strides (a huge PMD changed), else 4 KiB.
 */
export function flushTlbRange(m: Machine, mm: Mm, s: number, e: number, pmdStride = false): void {
  if (e <= s) return;
  const strides = pmdStride ? Math.ceil((e - s) / 512) : e - s;
  if (flushesWholeMm(m.arch, strides)) {
    for (const t of m.tlbs) tlbFlushAsid(t, mm.asid);
    return;
  }
  for (const t of m.tlbs) tlbFlushRange(t, mm.asid, s, e);
}

/** flush_tlb_page(): one page on every CPU (ptep_clear_flush_young and friends). */
export function flushTlbPage(m: Machine, mm: Mm, vpn: number): void {
  for (const t of m.tlbs) t.shootdowns += tlbFlushPage(t, mm.asid, vpn);
}

/**
 * The TLB flush after reclaim unmapped pages [s, e) of mm (try_to_unmap with
 * TTU_BATCH_FLUSH, then try_to_unmap_flush): x86 flushes the whole mm, arm64 only the range.
 */
export function flushTlbBatched(m: Machine, mm: Mm, s: number, e: number): void {
  if (e <= s) return;
  if (m.arch === 'x86') for (const t of m.tlbs) tlbFlushAsid(t, mm.asid);
  else for (const t of m.tlbs) tlbFlushRange(t, mm.asid, s, e);
}
