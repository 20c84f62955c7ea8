/**
 * A fault on a PROT_NONE entry of an accessible VMA (handle_pte_fault's
 * `pte_protnone(vmf->orig_pte) && vma_is_accessible(vma)`, or the PMD test in
 * __handle_mm_fault), routed by the scenario's policy (config.ts FaultRouting) to
 *  - do_numa_page() / do_huge_pmd_numa_page(): record the fault (task_numa_fault), maybe
 *    migrate the folio to the faulting CPU's node, restore the mapping; or
 *  - do_damon_page() of the RFC: restore the mapping exactly as NUMA balancing does
 *    (numa_rebuild_single_mapping / numa_rebuild_large_mapping) and report the access with
 *    damon_report_access().
 * Each fault is counted by installer × handler (routing-stats.ts).
 *
 * Costs, in simulated time the faulting thread loses: NUMA_FAULT_US per hinting fault and
 * MIGRATE_US_PER_PAGE per page migrated (a copy of 4 KiB plus the unmap and remap).
 */
import { HPAGE_PMD_NR } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import type { Vma } from '../mm/vma';
import { pteIdx } from '../paging/page-table';
import { FOLIO_ORDER_MASK } from '../paging/phys-mem';
import {
  PFN_MASK,
  PTE_OWNER_DAMON,
  PTE_PRESENT,
  PTE_PROTNONE,
  PTE_WRITE,
  PTE_YOUNG,
} from '../paging/pte';
import { shouldNumaMigrateMemory } from './migrate-decision';
import { migrateFolio } from './migrate';
import { type FaultOutcome, INSTALLER_DAMON, INSTALLER_NUMA, OWNER_NAMES } from './routing-stats';
import { NUMA_BALANCING_MEMORY_TIERING } from './state';
import { taskNumaFault } from './task-fault';
import { TNF_FAULT_LOCAL, TNF_MIGRATE_FAIL, TNF_MIGRATED, TNF_NO_GROUP } from './task';
import { vmaSetAccessPidBit } from './scan';

export const NUMA_FAULT_US = 1;
export const MIGRATE_US_PER_PAGE = 1;

/** The handler the routing policy picks for an entry `installer` made. */
export function routeProtnoneFault(m: Machine, installer: number): number {
  const n = m.numa;
  if (n.routing === 'mainline') return INSTALLER_NUMA;
  if (n.routing === 'rfc-v2') return n.mode === 0 ? INSTALLER_DAMON : INSTALLER_NUMA;
  return installer;
}

/** Handle the fault; the entry is PROT_NONE (huge: the PMD at pmdI, else the PTE at pi). */
export function protnoneFault(
  m: Machine,
  mm: Mm,
  vma: Vma,
  vpn: number,
  cpu: number,
  pmdI: number,
  pi: number,
): void {
  const n = m.numa;
  const pt = mm.pt;
  const huge = pi < 0;
  const e = huge ? pt.pmd[pmdI]! : pt.pte[pi]!;
  const installer = e & PTE_OWNER_DAMON ? INSTALLER_DAMON : INSTALLER_NUMA;
  const handler = routeProtnoneFault(m, installer);
  const pfn = e & PFN_MASK;
  const lived = m.nowUs / 1000 - n.installMs[pfn]!;
  const key = mm.asid * 2 ** 28 + (huge ? vpn & ~(HPAGE_PMD_NR - 1) : vpn);
  const alsoDamon = n.damonAlso.delete(key);
  // an entry NUMA balancing made, which mainline would give do_numa_page
  if (n.routing === 'rfc-v2' && handler === INSTALLER_DAMON && installer === INSTALLER_NUMA)
    n.stats.divertedFromMainline++;
  n.cpuStallUs[cpu]! += NUMA_FAULT_US;
  let outcome: FaultOutcome;
  if (handler === INSTALLER_NUMA) {
    outcome = doNumaPage(m, mm, vma, vpn, cpu, pmdI, pi);
    if (installer === INSTALLER_DAMON && outcome === 'migrated') n.stats.spuriousMigrations++;
    if (alsoDamon) {
      n.stats.sharedNotifications++;
      damonReportAccess(m, mm, vpn, cpu);
    }
  } else {
    outcome = doDamonPage(m, mm, vma, vpn, cpu, pmdI, pi);
    if (installer === INSTALLER_NUMA && outcome === 'reported') n.stats.extraDamonReports++;
  }
  n.stats.record(
    {
      tUs: m.nowUs,
      process: mm.asid,
      addr: mm.addrOf(vpn),
      cpu,
      installer: OWNER_NAMES[installer]!,
      handler: OWNER_NAMES[handler]!,
      outcome,
      livedMs: Math.max(0, lived),
      misrouted: installer !== handler,
    },
    installer,
    handler,
  );
}

/**
 * numa_rebuild_single_mapping / numa_rebuild_large_mapping: the entry (and, for a large
 * folio mapped by PTEs, every PROT_NONE PTE of it) back to the VMA's protection, young.
 */
function rebuildMapping(m: Machine, mm: Mm, vma: Vma, vpn: number, pmdI: number, pi: number): void {
  const pt = mm.pt;
  const strip = ~(PTE_PROTNONE | PTE_OWNER_DAMON);
  if (pi < 0) {
    const e = pt.pmd[pmdI]!;
    const w = vma.writable() && !m.isZeroPfn(e & PFN_MASK) ? PTE_WRITE : 0;
    pt.pmd[pmdI] = ((e & strip) | PTE_YOUNG | w) >>> 0;
    return;
  }
  const e = pt.pte[pi]!;
  const pfn = e & PFN_MASK;
  const zero = m.isZeroPfn(pfn);
  const w = vma.writable() && !zero ? PTE_WRITE : 0;
  pt.pte[pi] = ((e & strip) | PTE_YOUNG | w) >>> 0;
  if (zero) return;
  const head = m.phys.folioHead(pfn);
  const order = m.phys.frame[head]! & FOLIO_ORDER_MASK;
  if (order === 0) return;
  const nr = 1 << order;
  const slot = pt.slot[pmdI]!;
  const s = vpn & ~(nr - 1);
  for (let v = Math.max(s, vma.startVpn); v < Math.min(s + nr, vma.endVpn); v++) {
    if (v === vpn) continue;
    const qi = pteIdx((slot << 9) | (v & 511));
    const q = pt.pte[qi]!;
    const off = (q & PFN_MASK) - head;
    if (!(q & PTE_PRESENT) || !(q & PTE_PROTNONE) || off < 0 || off >= nr) continue;
    pt.pte[qi] = ((q & strip) | w) >>> 0;
    m.numa.damonAlso.delete(mm.asid * 2 ** 28 + v);
  }
}

/** do_numa_page() / do_huge_pmd_numa_page(). */
function doNumaPage(
  m: Machine,
  mm: Mm,
  vma: Vma,
  vpn: number,
  cpu: number,
  pmdI: number,
  pi: number,
): FaultOutcome {
  const n = m.numa;
  const pt = mm.pt;
  const e = pi < 0 ? pt.pmd[pmdI]! : pt.pte[pi]!;
  const pfn = e & PFN_MASK;
  if (m.isZeroPfn(pfn)) {
    // vm_normal_folio() gives NULL: out_map, nothing recorded
    rebuildMapping(m, mm, vma, vpn, pmdI, pi);
    return 'no_folio';
  }
  const head = m.phys.folioHead(pfn);
  const nr = pi < 0 ? HPAGE_PMD_NR : 1 << (m.phys.frame[head]! & FOLIO_ORDER_MASK);
  let nid = m.phys.nodeOf(head);
  const thisNid = n.topo.cpuNode[cpu]!;
  // numa_migrate_check()
  let flags = 0;
  if (!vma.writable()) flags |= TNF_NO_GROUP;
  const useAccessTime = (n.mode & NUMA_BALANCING_MEMORY_TIERING) !== 0 && !n.topo.toptier[nid];
  const lastCpupid = useAccessTime ? -1 : n.cpupid[head]!;
  n.vmstat.numa_hint_faults++;
  if (nid === thisNid) {
    n.vmstat.numa_hint_faults_local++;
    flags |= TNF_FAULT_LOCAL;
  }
  vmaSetAccessPidBit(m, vma, cpu);
  const p = n.taskOn(cpu);
  // mpol_misplaced() with the default policy (MPOL_F_MOF | MPOL_F_MORON): the CPU's node
  let target = -1;
  if (p && shouldNumaMigrateMemory(m, p, head, nr, nid, cpu, m.nowUs) && nid !== thisNid)
    target = thisNid;
  let outcome: FaultOutcome = 'kept';
  if (target >= 0) {
    const moved = migrateFolio(m, mm, vma, vpn, target);
    if (moved > 0) {
      if (!n.topo.toptier[nid] && n.topo.toptier[target]) n.vmstat.pgpromote_success += moved;
      nid = target;
      flags |= TNF_MIGRATED;
      n.vmstat.numa_pages_migrated += moved;
      n.vmstat.pgmigrate_success += moved;
      n.cpuStallUs[cpu]! += moved * MIGRATE_US_PER_PAGE;
      outcome = 'migrated';
    } else {
      flags |= TNF_MIGRATE_FAIL;
      n.vmstat.pgmigrate_fail += nr;
      outcome = 'migrate_failed';
    }
  }
  if (outcome !== 'migrated') rebuildMapping(m, mm, vma, vpn, pmdI, pi);
  if (p) taskNumaFault(m, p, lastCpupid, nid, nr, flags);
  return outcome;
}

/** do_damon_page() of the RFC: restore, then damon_report_access(). */
function doDamonPage(
  m: Machine,
  mm: Mm,
  vma: Vma,
  vpn: number,
  cpu: number,
  pmdI: number,
  pi: number,
): FaultOutcome {
  rebuildMapping(m, mm, vma, vpn, pmdI, pi);
  return damonReportAccess(m, mm, vpn, cpu) ? 'reported' : 'dropped';
}

/**
 * damon_report_access(); a no-op stub without CONFIG_DAMON. The report is kept while a
 * kdamond with the page_fault primitive runs (the RFC keeps it in any case; no one reads it
 * otherwise, which the model counts as dropped).
 */
function damonReportAccess(m: Machine, mm: Mm, vpn: number, cpu: number): boolean {
  const n = m.numa;
  if (!n.configDamon || !n.damonListening) return false;
  n.reports.report(mm.asid, mm.addrOf(vpn), cpu, m.nowUs);
  return true;
}
