/**
 * The khugepaged thread (mm/khugepaged.c: khugepaged(), khugepaged_do_scan,
 * khugepaged_scan_mm_slot). Each wake-up scans up to pages_to_scan pages, continuing where
 * the last one stopped (khugepaged_scan's mm slot and address), then sleeps
 * scan_sleep_millisecs, or alloc_sleep_millisecs after a failed huge page allocation.
 *
 * A VMA khugepaged may not collapse (thp_vma_allowable_order with TVA_KHUGEPAGED: the
 * 2048kB size's policy and VM_HUGEPAGE) costs one page of progress and is skipped; every
 * 2 MiB block of an allowed VMA costs HPAGE_PMD_NR, whether it collapses, is already
 * PMD-mapped, or fails (collapse.ts has the checks). A wake-up passes the end of the mm list
 * at most twice (pass_through_head < 2); each pass over all mms counts in full_scans.
 *
 * Simplified: every process's mm is on the list (the kernel adds an mm at its first
 * THP-eligible VMA, khugepaged_enter_vma); collapse is to PMD order only, as in every
 * release the model covers (Nico Pache's mTHP khugepaged series is not modelled).
 */
import { HPAGE_PMD_NR, HPAGE_PMD_ORDER } from '../config';
import type { Machine } from '../machine';
import { collapseRange } from './collapse';
import { allowableOrders } from './orders';

export class Khugepaged {
  nextWakeUs: number;
  /** khugepaged_scan.mm_slot and .address (a vpn). */
  mmIdx = 0;
  vpn = 0;
  wakeups = 0;

  constructor(firstWakeUs: number) {
    this.nextWakeUs = firstWakeUs;
  }
}

/** Does the machine run khugepaged at all (hugepage_pmd_enabled() and the model switch)? */
export function khugepagedRuns(m: Machine): boolean {
  return m.khugepaged.run && m.thpOrders[HPAGE_PMD_ORDER] !== 'never' && m.mms.length > 0;
}

/** One wake-up at nowUs: scan, then schedule the next. */
export function khugepagedWake(m: Machine, k: Khugepaged, nowUs: number): void {
  const cfg = m.khugepaged;
  const pages = cfg.pages_to_scan;
  let progress = 0;
  let passes = 0;
  let allocFailed = false;
  k.wakeups++;
  while (progress < pages && passes < 2 && !allocFailed) {
    const mm = m.mms[k.mmIdx]!;
    let done = true; // the mm was scanned to its end
    for (const v of mm.vmas) {
      if (v.endVpn <= k.vpn) continue;
      if (((allowableOrders(m.thpOrders, v) >> HPAGE_PMD_ORDER) & 1) === 0) {
        progress++;
        k.vpn = v.endVpn;
      } else {
        let a = Math.ceil(Math.max(k.vpn, v.startVpn) / HPAGE_PMD_NR) * HPAGE_PMD_NR;
        for (; a + HPAGE_PMD_NR <= v.endVpn; a += HPAGE_PMD_NR) {
          const r = collapseRange(m, mm, a, HPAGE_PMD_ORDER, {
            caller: 'khugepaged',
            actor: 'khugepaged',
            scheme: -1,
          });
          progress += HPAGE_PMD_NR;
          m.thp.khugepaged_pages_scanned += HPAGE_PMD_NR;
          k.vpn = a + HPAGE_PMD_NR;
          if (r === 'SCAN_ALLOC_HUGE_PAGE_FAIL') allocFailed = true;
          if (progress >= pages || allocFailed) break;
        }
        if (a + HPAGE_PMD_NR <= v.endVpn) {
          done = false;
          break;
        }
        k.vpn = v.endVpn;
      }
      if (progress >= pages) {
        done = false;
        break;
      }
    }
    if (!done) break;
    // the mm is done: on to the next slot; wrapping around completes a full scan
    progress++;
    k.vpn = 0;
    k.mmIdx = (k.mmIdx + 1) % m.mms.length;
    if (k.mmIdx === 0) {
      m.thp.full_scans++;
      passes++;
    }
  }
  const sleepMs = allocFailed ? cfg.alloc_sleep_millisecs : cfg.scan_sleep_millisecs;
  k.nextWakeUs = nowUs + Math.max(1, sleepMs) * 1000;
}
