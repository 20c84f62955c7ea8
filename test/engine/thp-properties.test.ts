/**
 * Properties of split and collapse (issue 10): a split keeps every sub-page's mapping and its
 * Accessed and Dirty bits; khugepaged never fills more none PTEs than max_ptes_none allows in
 * a range; every collapse conserves frames (the old pages freed, one folio taken).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSim, type Sim } from '../../src/engine';
import { damosVaSplit } from '../../src/engine/damon/va-split';
import { runAccesses } from '../../src/engine/paging/mmu';
import { pteIdx } from '../../src/engine/paging/page-table';
import { PFN_MASK, PMD_HUGE, PTE_DIRTY, PTE_PRESENT, PTE_YOUNG } from '../../src/engine/paging/pte';
import { testAndClearYoung } from '../../src/engine/paging/accessed';
import { collapseRange } from '../../src/engine/thp/collapse';
import { KHUGEPAGED_DEFAULTS, thpConfig } from '../../src/engine/thp/defaults';
import { BASE, config, vma } from './helpers';

const buf = new Int32Array(1);
function touch(s: Sim, page: number, write: boolean): void {
  const mm = s.machine.mms[0]!;
  buf[0] = (mm.vpnOf(BASE + page * 4096) << 1) | (write ? 1 : 0);
  runAccesses(s.machine, 0, mm, buf, 1);
}

/** Per page of the first 2 MiB: [present, pfn, young, dirty] as the PTE (or PMD) says. */
function view(s: Sim): number[][] {
  const mm = s.machine.mms[0]!;
  const pt = mm.pt;
  const vpn = mm.vpnOf(BASE);
  const pmdI = pt.pmdIndex(vpn, false);
  const pe = pt.pmd[pmdI]!;
  const out: number[][] = [];
  for (let i = 0; i < 512; i++) {
    if (pe & PMD_HUGE) {
      out.push([1, (pe & PFN_MASK) + i, pe & PTE_YOUNG ? 1 : 0, pe & PTE_DIRTY ? 1 : 0]);
      continue;
    }
    const e = pt.pte[pteIdx(pt.slot[pmdI]! * 512 + i)]!;
    out.push([e & PTE_PRESENT ? 1 : 0, e & PFN_MASK, e & PTE_YOUNG ? 1 : 0, e & PTE_DIRTY ? 1 : 0]);
  }
  return out;
}

describe('split', () => {
  it('keeps every sub-page mapped to the same frame with its Accessed and Dirty bits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 2, 3, 4, 8),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 511 }), fc.boolean()), { maxLength: 40 }),
        fc.boolean(),
        (order, touches, clear) => {
          const s = createSim(
            config([vma('buf', 0, 2, { thp: 'hugepage' })], [], { thp: thpConfig('madvise') }),
          );
          touch(s, 0, true); // the THP
          if (clear) testAndClearYoung(s.machine.mms[0]!, s.machine.mms[0]!.vpnOf(BASE));
          for (const [p, w] of touches) touch(s, p, w);
          const before = view(s);
          const free = s.machine.phys.freeFrames;
          const mm = s.machine.mms[0]!;
          damosVaSplit(s.machine, mm, mm.vpnOf(BASE), mm.vpnOf(BASE) + 512, order, 0);
          expect(view(s)).toEqual(before);
          expect(s.machine.phys.freeFrames).toBe(free);
          expect(s.machine.phys.frame[before[0]![1]!]! & 0x0f).toBe(order);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('khugepaged collapse', () => {
  it('fills at most max_ptes_none empty PTEs, keeps every page it had, and conserves frames', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 511 }), { minLength: 1, maxLength: 520 }),
        fc.integer({ min: 0, max: 511 }),
        (pages, maxNone) => {
          const s = createSim(
            config([vma('buf', 0, 2)], [], {
              thp: thpConfig('never', {
                khugepaged: { ...KHUGEPAGED_DEFAULTS, max_ptes_none: maxNone },
              }),
            }),
          );
          for (const p of pages) touch(s, p, true);
          s.machine.thpOrders[9] = 'always'; // THP on after the 4 KiB faults
          const free = s.machine.phys.freeFrames;
          const mm = s.machine.mms[0]!;
          const r = collapseRange(s.machine, mm, mm.vpnOf(BASE), 9, {
            caller: 'khugepaged',
            actor: 'khugepaged',
            scheme: -1,
          });
          const none = 512 - pages.length;
          if (none > maxNone) {
            expect(r).toBe('SCAN_EXCEED_NONE_PTE');
            expect(s.machine.phys.freeFrames).toBe(free);
            return;
          }
          expect(r).toBe('SCAN_SUCCEED');
          expect(s.machine.thp.collapse_none_filled).toBe(none);
          expect(s.machine.phys.freeFrames).toBe(free + pages.length - 512);
          expect(view(s).every(([present]) => present === 1)).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });
});
