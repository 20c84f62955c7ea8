/**
 * madvise(MADV_COLLAPSE) (madvise_collapse, mm/khugepaged.c, 6.1): synchronous collapse of
 * every hugepage-aligned 2 MiB block of the range that lies inside one VMA (a hugepage never
 * crosses a VMA boundary; each VMA part is handled on its own). A block already PMD-mapped
 * counts as done. The call succeeds only if every block ends PMD-mapped; otherwise the errno
 * comes from the last failure (madvise_collapse_errno: allocation failure -> ENOMEM, the
 * rest -> EINVAL), and what did collapse stays collapsed.
 *
 * `order` below PMD order is the extension SJ Park suggested in seed 002's review
 * (MADV_COLLAPSE to mTHP sizes, in no kernel); then the blocks are 2^order pages.
 */
import { HPAGE_PMD_ORDER } from '../config';
import { EngineError } from '../errors';
import type { Machine } from '../machine';
import type { Mm } from '../mm/address-space';
import { forEachAlignedBlock } from '../mm/walk';
import { type CollapseControl, collapseRange, type ScanResult } from './collapse';

export interface MadviseCollapseResult {
  /** Blocks in the range. */
  blocks: number;
  /** Blocks that ended collapsed (newly, or already). */
  done: number;
  /** Blocks newly collapsed. */
  collapsed: number;
  lastFail: ScanResult | null;
}

export function madviseCollapse(
  m: Machine,
  mm: Mm,
  s: number,
  e: number,
  order: number = HPAGE_PMD_ORDER,
  cc: CollapseControl = { caller: 'madvise', actor: 'madvise', scheme: -1 },
): MadviseCollapseResult {
  const out: MadviseCollapseResult = { blocks: 0, done: 0, collapsed: 0, lastFail: null };
  forEachAlignedBlock(
    mm,
    order,
    (_v, a) => {
      out.blocks++;
      const r = collapseRange(m, mm, a, order, cc);
      if (r === 'SCAN_SUCCEED') out.collapsed++;
      if (r === 'SCAN_SUCCEED' || r === 'SCAN_PMD_MAPPED' || r === 'SCAN_PTE_MAPPED_HUGEPAGE')
        out.done++;
      else out.lastFail = r;
    },
    s,
    e,
  );
  return out;
}

/** The syscall: throws the errno madvise(2) would return (after doing what it could). */
export function doMadviseCollapse(m: Machine, mm: Mm, s: number, e: number): void {
  let holes = false;
  for (let v = s; v < e;) {
    const vma = mm.findVma(v);
    if (!vma) {
      holes = true;
      const next = mm.vmas.find((x) => x.startVpn > v);
      v = next ? next.startVpn : e;
      continue;
    }
    v = vma.endVpn;
  }
  const r = madviseCollapse(m, mm, s, e);
  if (r.blocks === 0)
    throw new EngineError(
      'EINVAL',
      'madvise(MADV_COLLAPSE): no 2 MiB aligned block inside one VMA',
    );
  if (r.lastFail)
    throw new EngineError(
      r.lastFail === 'SCAN_ALLOC_HUGE_PAGE_FAIL' ? 'ENOMEM' : 'EINVAL',
      `madvise(MADV_COLLAPSE): ${r.done} of ${r.blocks} blocks collapsed; last failure ${r.lastFail}`,
    );
  if (holes) throw new EngineError('ENOMEM', 'madvise(MADV_COLLAPSE): range is not fully mapped');
}
