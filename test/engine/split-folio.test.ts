/** split_folio_to_order() on the frame array: frames conserved, folio structure exact. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FOLIO_ACTIVE,
  FOLIO_HEAD,
  FOLIO_IDLE,
  FOLIO_ORDER_MASK,
  PhysMem,
} from '../../src/engine/paging/phys-mem';

describe('PhysMem.splitFolioToOrder', () => {
  it('makes 2^(old - new) folios of the new order, keeping flags and the free count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.nat(8), fc.boolean(), (old, to, idle) => {
        const order = Math.min(to, old - 1) === 1 ? 0 : Math.min(to, old - 1);
        const p = new PhysMem([4]);
        const head = p.allocFolio(old, 0);
        expect(head).toBeGreaterThanOrEqual(0);
        if (idle) p.frame[head]! |= FOLIO_IDLE | FOLIO_ACTIVE;
        const free = p.freeFrames;
        p.splitFolioToOrder(head, order);
        expect(p.freeFrames).toBe(free);
        for (let i = 0; i < 1 << old; i++) {
          const f = p.frame[head + i]!;
          expect(f & FOLIO_ORDER_MASK).toBe(order);
          expect((f & FOLIO_HEAD) !== 0).toBe(i % (1 << order) === 0);
          expect((f & FOLIO_IDLE) !== 0).toBe(idle);
          expect(p.isFree(head + i)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });
});
