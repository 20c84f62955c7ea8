/**
 * migrate_misplaced_folio() and the folio move behind DAMOS migrate_hot / migrate_cold:
 * a new folio of the same order on the target node (__GFP_THISNODE), the frames' state
 * copied (folio flags, last_cpupid, access time), every entry that maps the folio pointed at
 * the new frames with the VMA's protection restored (remove_migration_ptes() rebuilds them
 * from vm_page_prot, so a PROT_NONE entry comes back accessible), the old frames freed and
 * the old translations shot down on every CPU (try_to_migrate's ptep_clear_flush).
 *
 * migrate_misplaced_folio_prepare() refuses when the target node would fall below its high
 * watermark (migrate_balanced_pgdat). Simplified: no LRU isolation, no mapcount (nothing is
 * shared between processes in the model), no migration entries a racing fault could see.
 */
import { HPAGE_PMD_NR } from '../config';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import type { Vma } from '../mm/vma';
import { flushTlbRange } from '../paging/flush';
import { pteIdx } from '../paging/page-table';
import { FOLIO_ORDER_MASK } from '../paging/phys-mem';
import {
  PFN_MASK,
  PMD_HUGE,
  PTE_OWNER_DAMON,
  PTE_PRESENT,
  PTE_PROTNONE,
  PTE_WRITE,
  PTE_YOUNG,
} from '../paging/pte';

/**
 * The node's high watermark in frames: its share of min_free_kbytes (sqrt(16 × memory in
 * KiB), clamped to [128 KiB, 256 MiB]) plus twice max(a quarter of it, 0.1 % of the node).
 */
export function highWatermarkFrames(nodeFrames: number, totalFrames: number): number {
  const kib = totalFrames * 4;
  const minKib = Math.min(262_144, Math.max(128, Math.floor(Math.sqrt(kib * 16))));
  const min = ((minKib / 4) * nodeFrames) / totalFrames;
  return Math.ceil(min + 2 * Math.max(min / 4, nodeFrames / 1000));
}

/** migrate_balanced_pgdat(): nr more frames keep the node above its high watermark. */
export function migrateBalancedPgdat(m: Machine, nid: number, nr: number): boolean {
  const ph = m.phys;
  const nodeFrames = ph.nodeBase[nid + 1]! - ph.nodeBase[nid]!;
  return ph.freeInNode(nid) >= nr + highWatermarkFrames(nodeFrames, ph.totalFrames);
}

/**
 * Move the folio mapped at vpn of vma (a PMD leaf or a PTE) to node `nid`. Returns the number
 * of pages moved, or 0 when the node has no room: below its high watermark after the move
 * when `wmark` (migrate_misplaced_folio_prepare), else without free frames.
 */
export function migrateFolio(
  m: Machine,
  mm: Mm,
  vma: Vma,
  vpn: number,
  nid: number,
  wmark = true,
): number {
  const pt = mm.pt;
  const pmdI = pt.pmdIndex(vpn, false);
  if (pmdI < 0) return 0;
  const pe = pt.pmd[pmdI]!;
  const wbit = vma.writable() ? PTE_WRITE : 0;
  if (pe & PMD_HUGE) {
    const old = pe & PFN_MASK;
    if (!(pe & PTE_PRESENT) || m.isZeroPfn(old)) return 0;
    if (wmark && !migrateBalancedPgdat(m, nid, HPAGE_PMD_NR)) return 0;
    const pfn = m.phys.allocFolio(9, nid, true);
    if (pfn < 0) return 0;
    copyFrames(m, old, pfn, HPAGE_PMD_NR);
    pt.pmd[pmdI] =
      ((pe & ~(PFN_MASK | PTE_PROTNONE | PTE_OWNER_DAMON)) | pfn | PTE_YOUNG | wbit) >>> 0;
    m.phys.freeRange(old, 9);
    flushTlbRange(
      m,
      mm,
      vpn & ~(HPAGE_PMD_NR - 1),
      (vpn & ~(HPAGE_PMD_NR - 1)) + HPAGE_PMD_NR,
      true,
    );
    return HPAGE_PMD_NR;
  }
  const slot = pt.slot[pmdI]!;
  if (slot < 0) return 0;
  const pte = pt.pte[pteIdx((slot << 9) | (vpn & 511))]!;
  const mapped = pte & PFN_MASK;
  if (!(pte & PTE_PRESENT) || m.isZeroPfn(mapped)) return 0;
  const head = m.phys.folioHead(mapped);
  const order = m.phys.frame[head]! & FOLIO_ORDER_MASK;
  const nr = 1 << order;
  if (wmark && !migrateBalancedPgdat(m, nid, nr)) return 0;
  const pfn = m.phys.allocFolio(order, nid, true);
  if (pfn < 0) return 0;
  copyFrames(m, head, pfn, nr);
  // the folio's PTEs: the naturally aligned block of its size around vpn (anonymous folios
  // are mapped in place; nothing in the model moves them)
  const s = vpn & ~(nr - 1);
  let lo = Infinity;
  let hi = -Infinity;
  for (let v = s; v < s + nr; v++) {
    const pi = pteIdx((slot << 9) | (v & 511));
    const e = pt.pte[pi]!;
    if (!(e & PTE_PRESENT)) continue;
    const off = (e & PFN_MASK) - head;
    if (off < 0 || off >= nr) continue;
    const keep = e & ~(PFN_MASK | PTE_PROTNONE | PTE_OWNER_DAMON | PTE_WRITE);
    pt.pte[pi] = (keep | (pfn + off) | (v === vpn ? PTE_YOUNG : 0) | wbit) >>> 0;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  m.phys.freeRange(head, order);
  if (hi >= lo) flushTlbRange(m, mm, lo, hi + 1);
  return nr;
}

/** The frames' folio bytes and NUMA fields, from old to new (folio_copy + flags). */
function copyFrames(m: Machine, from: number, to: number, nr: number): void {
  const f = m.phys.frame;
  for (let i = 0; i < nr; i++) f[to + i] = f[from + i]!;
  m.numa.copyFrame(from, to);
}
