/**
 * DAMOS migrate_hot / migrate_cold on vaddr (damos_va_migrate(), "mm/damon/vaddr: add vaddr
 * versions of migrate_{hot,cold}", merged for 6.17): walk the region's folios, pass each
 * through the ops filters, and move the ones not already there to target_nid. Returns the
 * bytes moved (sz_applied). Simplified: one destination node (the later migrate_dests
 * weights are not modelled); the folio is moved at once, not batched per node.
 */
import { PAGE_SIZE } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { migrateFolio } from '../numa/migrate';
import { damosVaStat, type VaFilterOut } from './va-stat';

export function damosVaMigrate(
  m: Machine,
  mm: Mm,
  vs: number,
  ve: number,
  nid: number,
  filterOut: VaFilterOut,
): number {
  let moved = 0;
  damosVaStat(m, mm, vs, ve, (p, mkold) => {
    if (filterOut(p, mkold)) return true;
    if (m.phys.nodeOf(p.pfn) !== nid) moved += migrateFolio(m, mm, p.vma, p.vpn, nid, false);
    return false;
  });
  m.numa.vmstat.damos_migrated += moved;
  m.numa.vmstat.pgmigrate_success += moved;
  return moved * PAGE_SIZE;
}
