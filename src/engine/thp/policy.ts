/**
 * Huge-page policies from the research literature (research/anchors.md §D), run as a daemon
 * that wakes every `interval_ms` beside the kernel's khugepaged and DAMOS. They reuse the
 * kernel's mechanisms: a promotion is a collapse (collapse.ts, as MADV_COLLAPSE would do it:
 * the policy has already decided, so no max_ptes_* limit), a demotion a PMD split and
 * split_folio.
 *
 *  - ingens, after Kwon et al. (OSDI'16): utilisation-based asynchronous promotion. A 2 MiB
 *    range is promoted once at least `threshold_pct` of its 4 KiB pages are resident (the
 *    paper's 90 %), fullest first. Simplified: no contiguity reservation, no fairness between
 *    processes, no access-frequency ordering.
 *  - hawkeye, after Panwar et al. (ASPLOS'19) and its released code (mm/ohp.c): each scan
 *    counts and clears the Accessed bits of the 512 PTEs of every candidate range
 *    (ohp_calc_hpage_hotness; no TLB flush, so a translation the TLB keeps hides its page as
 *    DAMON's would); ranges with more than `threshold_pct` of them young (the code's
 *    HPAGE_PMD_NR / 10) are promoted, highest coverage first. Simplified: one process list,
 *    no MMU-overhead weighting, no pre-zeroing.
 *  - memtis, after Lee et al. (SOSP'23): split the THPs whose sub-page accesses are skewed.
 *    Sub-page counts come from the ground truth of the current interval (a perfect PEBS-like
 *    sampler); skewness is Σ h_i² / hot², as htmm_core.c computes it (up to its constant); a
 *    THP with fewer than `threshold_pct` of its sub-pages hot is a candidate, the most
 *    skewed first. Simplified: no tiers, so no hit-ratio feedback deciding how many to split.
 *
 * Each wake acts on at most `per_wake` ranges.
 */
import { HPAGE_PMD_NR, HPAGE_PMD_ORDER } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { splitHugePmd } from '../mm/syscalls';
import { forEachAlignedBlock } from '../mm/walk';
import { pteIdx, TRUTH_COUNT_MAX, truthIdx } from '../paging/page-table';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT, PTE_YOUNG, PTRS_PER_TABLE } from '../paging/pte';
import { collapseRange } from './collapse';
import { forcedCollapseAllowed } from './orders';

export class PolicyDaemon {
  nextWakeUs: number;
  wakeups = 0;
  /** Promotions (collapses) and demotions (splits) the policy did. */
  promoted = 0;
  demoted = 0;

  constructor(firstWakeUs: number) {
    this.nextWakeUs = firstWakeUs;
  }
}

interface Candidate {
  mm: Mm;
  vpn: number;
  score: number;
}

export function policyWake(m: Machine, d: PolicyDaemon, nowUs: number, cfg = m.thpPolicy): void {
  d.wakeups++;
  d.nextWakeUs = nowUs + Math.max(1, cfg.interval_ms) * 1000;
  const found: Candidate[] = [];
  for (const mm of m.mms)
    forEachAlignedBlock(mm, HPAGE_PMD_ORDER, (v, a) => {
      if (!forcedCollapseAllowed(v)) return;
      const score = rangeScore(m, mm, a, cfg.kind, cfg.threshold_pct);
      if (score >= 0) found.push({ mm, vpn: a, score });
    });
  // best first; ties in address order (the scan order), so runs stay deterministic
  found.sort((x, y) => y.score - x.score || x.mm.asid - y.mm.asid || x.vpn - y.vpn);
  const actor = cfg.kind === 'none' ? 'khugepaged' : cfg.kind;
  for (const c of found.slice(0, cfg.per_wake)) {
    if (cfg.kind === 'memtis') {
      const pmdI = c.mm.pt.pmdIndex(c.vpn, false);
      const head = c.mm.pt.pmd[pmdI]! & PFN_MASK;
      const v = c.mm.findVma(c.vpn)!;
      if (splitHugePmd(m, c.mm, pmdI, 'memtis')) v.thpPmds--;
      m.phys.splitFolio(head);
      d.demoted++;
    } else {
      const r = collapseRange(m, c.mm, c.vpn, HPAGE_PMD_ORDER, {
        caller: 'madvise',
        actor,
        scheme: -1,
      });
      if (r === 'SCAN_SUCCEED') d.promoted++;
    }
  }
}

/**
 * A range's priority for the policy, or -1 when it is no candidate: ingens the resident
 * share, hawkeye the young share (clearing the bits it read), memtis the skewness of a THP.
 */
function rangeScore(m: Machine, mm: Mm, a: number, kind: string, thresholdPct: number): number {
  const pt = mm.pt;
  const pmdI = pt.pmdIndex(a, false);
  if (pmdI < 0) return -1;
  const slot = pt.slot[pmdI]!;
  if (slot < 0) return -1;
  const huge = (pt.pmd[pmdI]! & PMD_HUGE) !== 0;
  const limit = (thresholdPct / 100) * HPAGE_PMD_NR;
  const base = slot * PTRS_PER_TABLE;
  if (kind === 'memtis') {
    if (!huge || m.isZeroPfn(pt.pmd[pmdI]! & PFN_MASK)) return -1;
    let hot = 0;
    let sumSq = 0;
    for (let i = 0; i < HPAGE_PMD_NR; i++) {
      const h = pt.truth[truthIdx(base + i)]! & TRUTH_COUNT_MAX;
      if (h === 0) continue;
      hot++;
      sumSq += h * h;
    }
    if (hot === 0 || hot >= limit) return -1;
    return sumSq / (hot * hot);
  }
  if (huge) return -1;
  let n = 0;
  for (let i = 0; i < HPAGE_PMD_NR; i++) {
    const pi = pteIdx(base + i);
    const e = pt.pte[pi]!;
    if (!(e & PTE_PRESENT) || (e & PFN_MASK) === m.zeroPfn) continue;
    if (kind === 'ingens') n++;
    else if (e & PTE_YOUNG) {
      n++;
      pt.pte[pi] = (e & ~PTE_YOUNG) >>> 0; // ptep_test_and_clear_young(), no flush
    }
  }
  if (kind === 'ingens') return n >= limit ? n : -1;
  return n > limit ? n : -1;
}
