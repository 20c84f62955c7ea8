/**
 * DAMON's page_fault access-check primitive, after the RFC "mm/damon: ... report access via
 * page faults" (RFC v2, Jul 2025; its paddr_fault ops, here on vaddr targets):
 *  - prepare: pick each region's sampling address as vaddr does, and make its entry
 *    PROT_NONE with change_protection(MM_CP_DAMON) (the TLB entry is flushed, so the next
 *    access faults); an entry already PROT_NONE is left as it is, except that under owner
 *    routing DAMON asks to be told of that fault too;
 *  - check: kdamond_check_reported_accesses(): every report made within the last sample
 *    interval marks the region containing its address accessed, at most once per sample
 *    (access_reported); regions without one count an absence. As in the RFC only the first
 *    damon_access_reports_len entries of the wrapped array are read.
 */
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { flushTlbPage, flushTlbRange } from '../paging/flush';
import { pteIdx } from '../paging/page-table';
import { PFN_MASK, PMD_HUGE, PTE_OWNER_DAMON, PTE_PRESENT, PTE_PROTNONE } from '../paging/pte';
import type { DamonRand, DamonRegion, DamonTarget } from './region';

/** Make the sampled entry PROT_NONE for DAMON; true if DAMON now waits for its fault. */
export function damonFaultArm(m: Machine, mm: Mm, addr: number, nowUs: number): boolean {
  const vpn = mm.vpnOf(addr);
  const pt = mm.pt;
  const pmdI = pt.pmdIndex(vpn, false);
  if (pmdI < 0) return false;
  const v = mm.findVma(vpn);
  if (!v || !v.readable()) return false; // "avoid protecting unaccessible vma"
  const n = m.numa;
  const pe = pt.pmd[pmdI]!;
  if (pe & PMD_HUGE) {
    if (!(pe & PTE_PRESENT) || m.isZeroPfn(pe & PFN_MASK)) return false;
    const hvpn = vpn & ~511;
    if (pe & PTE_PROTNONE) return alsoDamon(m, mm, hvpn, pe);
    pt.pmd[pmdI] = (pe | PTE_PROTNONE | PTE_OWNER_DAMON) >>> 0;
    n.installMs[pe & PFN_MASK] = nowUs / 1000;
    flushTlbRange(m, mm, hvpn, hvpn + 512, true);
    return true;
  }
  const slot = pt.slot[pmdI]!;
  if (slot < 0) return false;
  const pi = pteIdx((slot << 9) | (vpn & 511));
  const e = pt.pte[pi]!;
  if (!(e & PTE_PRESENT) || m.isZeroPfn(e & PFN_MASK)) return false;
  if (e & PTE_PROTNONE) return alsoDamon(m, mm, vpn, e);
  pt.pte[pi] = (e | PTE_PROTNONE | PTE_OWNER_DAMON) >>> 0;
  n.installMs[e & PFN_MASK] = nowUs / 1000;
  flushTlbPage(m, mm, vpn);
  return true;
}

/** An entry already PROT_NONE: under owner routing DAMON joins NUMA balancing's entry. */
function alsoDamon(m: Machine, mm: Mm, vpn: number, e: number): boolean {
  const n = m.numa;
  if (e & PTE_OWNER_DAMON) return true;
  if (n.routing !== 'owner') return true; // rfc-v2: the same PROT_NONE, whoever made it
  if (n.damonAlso.size < 1 << 16) n.damonAlso.add(mm.asid * 2 ** 28 + vpn);
  return true;
}

export function damonFaultPrepareAccessChecks(
  m: Machine,
  targets: DamonTarget[],
  rand: DamonRand,
  nowUs: number,
): void {
  for (const t of targets) {
    const mm = m.mms[t.process]!;
    for (const r of t.regions) {
      r.samplingAddr = rand(r.start, r.end);
      damonFaultArm(m, mm, r.samplingAddr, nowUs);
    }
  }
}

/** kdamond_check_reported_accesses() + kdamond_apply_zero_access_report(). */
export function damonFaultCheckAccesses(
  m: Machine,
  targets: DamonTarget[],
  sampleUs: number,
  nowUs: number,
  update: (r: DamonRegion, accessed: boolean) => void,
): number {
  const rep = m.numa.reports;
  const reported = new Set<DamonRegion>();
  for (let i = 0; i < rep.len; i++) {
    if (rep.tUs[i]! < nowUs - sampleUs) continue;
    const proc = rep.process[i]!;
    const addr = rep.addr[i]!;
    for (const t of targets) {
      if (t.process !== proc) continue; // eligible_report(): the target's pid
      const r = regionAt(t.regions, addr);
      if (r && !reported.has(r)) {
        update(r, true);
        reported.add(r);
      }
    }
  }
  let maxNr = 0;
  for (const t of targets)
    for (const r of t.regions) {
      if (!reported.has(r)) update(r, false);
      if (r.nrAccesses > maxNr) maxNr = r.nrAccesses;
    }
  return maxNr;
}

/** The region holding [addr, addr + PAGE_SIZE): the RFC's report size is one page. */
function regionAt(regions: DamonRegion[], addr: number): DamonRegion | null {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = regions[mid]!;
    if (addr < r.start) hi = mid - 1;
    else if (addr + 4096 > r.end) lo = mid + 1;
    else return r;
  }
  return null;
}
