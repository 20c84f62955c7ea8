/**
 * One run's line of the huge-page policy scoreboard: the figures seed 002 and the papers of
 * research/anchors.md §D compare policies by, from the engine's counters. Everything is a
 * total since t=0 except the "now" figures (resident, cold in large folios). The TLB reach is
 * the mean of sim.reach's millisecond samples when the caller set one, else the instant's.
 */
import { HPAGE_PMD_SIZE, PAGE_SIZE } from '../config';
import type { Sim } from '../sim';
import { stlbReachBytes } from '../paging/tlb-reach';

export interface PolicyScore {
  nowUs: number;
  accesses: number;
  /** STLB misses (page walks) per 1000 accesses. */
  walksPer1000: number;
  /** L1 dTLB misses per 1000 accesses. */
  l1MissesPer1000: number;
  /** Bytes the valid STLB entries of all CPUs translate (4 KiB and 2 MiB entries), mean. */
  tlbReachBytes: number;
  /** The same, at this instant. */
  tlbReachNowBytes: number;
  residentBytes: number;
  /** smaps AnonHugePages, in bytes. */
  thpBytes: number;
  /** Memory collapses allocated for none or zero-page PTEs. */
  collapseBloatBytes: number;
  /** Never-accessed sub-pages inside large folios in the last finished truth interval. */
  coldInLargeFoliosBytes: number;
  /** Of those, inside folios DAMON read as accessed. */
  hiddenColdBytes: number;
  /** The truth's working set of the last interval. */
  workingSetBytes: number;
  pgfault: number;
  thpFaultAlloc: number;
  khugepagedPagesScanned: number;
  khugepagedCollapses: number;
  /** Collapses by anyone (thp_collapse_alloc plus mTHP collapses). */
  collapses: number;
  /** Large folios split (all orders). */
  splits: number;
  damosBytesApplied: number;
  pingPong: number;
}

export function policyScore(sim: Sim): PolicyScore {
  const m = sim.machine;
  let walks = 0;
  let l1m = 0;
  for (const t of m.tlbs) {
    walks += t.walks;
    l1m += t.l1Misses;
  }
  const reachNow = stlbReachBytes(m.tlbs);
  let rss = 0;
  let pmds = 0;
  for (const mm of m.mms)
    for (const v of mm.vmas) {
      rss += v.rssPages;
      pmds += v.thpPmds;
    }
  const acc = Math.max(1, m.vm.accesses);
  const census = sim.census;
  return {
    nowUs: sim.nowUs,
    accesses: m.vm.accesses,
    walksPer1000: (walks * 1000) / acc,
    l1MissesPer1000: (l1m * 1000) / acc,
    tlbReachBytes: sim.reach && sim.reach.samples > 0 ? sim.reach.meanBytes() : reachNow,
    tlbReachNowBytes: reachNow,
    residentBytes: rss * PAGE_SIZE,
    thpBytes: pmds * HPAGE_PMD_SIZE,
    collapseBloatBytes: m.thp.collapse_none_filled * PAGE_SIZE,
    coldInLargeFoliosBytes: census?.coldBytes ?? 0,
    hiddenColdBytes: census?.hiddenColdBytes ?? 0,
    workingSetBytes: sim.lastWorkingSetPages * PAGE_SIZE,
    pgfault: m.vm.pgfault,
    thpFaultAlloc: m.vm.thp_fault_alloc,
    khugepagedPagesScanned: m.thp.khugepaged_pages_scanned,
    khugepagedCollapses: m.thp.pages_collapsed,
    collapses: m.thpOrder.reduce((a, o) => a + o.collapse, 0),
    splits: m.phys.splits.reduce((a, b) => a + b, 0),
    damosBytesApplied: sim.damon?.schemes.reduce((a, s) => a + s.stat.sz_applied, 0) ?? 0,
    pingPong: m.thp.ping_pong,
  };
}
