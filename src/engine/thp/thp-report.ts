/**
 * The THP counters of a run, as the kernel's files name them: smaps' AnonHugePages, the
 * per-size hugepages-<size>kB/stats, khugepaged's sysfs directory, the thp_* lines of
 * /proc/vmstat; plus the model's own collapse outcomes, bloat and ping-pong.
 */
import { HPAGE_PMD_ORDER, HPAGE_PMD_SIZE, MTHP_SIZES, PAGE_SIZE } from '../config';
import type { Sim } from '../sim';
import { takeCensus } from './census';
import { MTHP_MIN_ORDER } from './thp-stats';

export function getThpReport(sim: Sim) {
  const m = sim.machine;
  let pmds = 0;
  for (const mm of m.mms) for (const v of mm.vmas) pmds += v.thpPmds;
  const census = takeCensus(m, sim.nowUs, sim.nowUs, () => -1);
  const hugepages = Object.fromEntries(
    MTHP_SIZES.map((sz, i) => {
      const o = i + MTHP_MIN_ORDER;
      const st = m.thpOrder[o]!;
      return [
        `hugepages-${sz}`,
        {
          enabled: m.thpOrders[o],
          anon_fault_alloc: st.anon_fault_alloc,
          anon_fault_fallback: st.anon_fault_fallback,
          split: m.phys.splits[o]!,
          collapse: st.collapse,
          nr_anon: census.nrAnon[o]!,
        },
      ];
    }),
  );
  const k = m.khugepaged;
  return {
    /** smaps / meminfo AnonHugePages, kB: PMD-mapped anonymous THPs. */
    AnonHugePages: (pmds * HPAGE_PMD_SIZE) / 1024,
    hugepages,
    khugepaged: {
      running: sim.khugepaged !== null,
      pages_to_scan: k.pages_to_scan,
      scan_sleep_millisecs: k.scan_sleep_millisecs,
      alloc_sleep_millisecs: k.alloc_sleep_millisecs,
      max_ptes_none: k.max_ptes_none,
      max_ptes_swap: k.max_ptes_swap,
      max_ptes_shared: k.max_ptes_shared,
      pages_collapsed: m.thp.pages_collapsed,
      full_scans: m.thp.full_scans,
      wakeups: sim.khugepaged?.wakeups ?? 0,
      pages_scanned: m.thp.khugepaged_pages_scanned,
    },
    vmstat: {
      thp_fault_alloc: m.vm.thp_fault_alloc,
      thp_fault_fallback: m.vm.thp_fault_fallback,
      thp_collapse_alloc: m.thp.thp_collapse_alloc,
      thp_collapse_alloc_failed: m.thp.thp_collapse_alloc_failed,
      thp_scan_exceed_none_pte: m.thp.thp_scan_exceed_none_pte,
      thp_scan_exceed_swap_pte: m.thp.thp_scan_exceed_swap_pte,
      thp_split_page: m.phys.splits[HPAGE_PMD_ORDER]!,
      thp_split_pmd: m.thp.thp_split_pmd,
      thp_deferred_split_page: m.thp.thp_deferred_split_page,
      thp_underused_split_page: m.thp.thp_underused_split_page,
    },
    /** Collapse attempts per caller and scan_result. */
    collapse: m.collapseResults,
    /** Memory a collapse allocated for none or zero-page PTEs (in no kernel counter). */
    collapseBloatBytes: m.thp.collapse_none_filled * PAGE_SIZE,
    /** Split -> re-collapse cycles (in no kernel counter). */
    pingPong: { total: m.thp.ping_pong, ranges: m.pingPong.ranges() },
  };
}

export type ThpReport = ReturnType<typeof getThpReport>;
