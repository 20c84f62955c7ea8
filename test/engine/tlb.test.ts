/**
 * The TLB against an obviously-correct reference: per set, a list ordered by recency.
 * Random lookups, inserts, range flushes and full flushes must agree on every result and
 * on the final contents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getStats } from '../../src/engine';
import {
  STAMP_LIMIT,
  Tlb,
  TLB_EMPTY,
  tag2m,
  tag4k,
  tlbFlushAll,
  tlbFlushRange,
  tlbInsert,
  tlbLookup,
  tlbRenumber,
} from '../../src/engine/paging/tlb';
import { config, thread, vma } from './helpers';

interface RefEntry {
  tag: number;
  data: number;
}
class RefLevel {
  sets: RefEntry[][];
  constructor(
    n: number,
    readonly ways: number,
  ) {
    this.sets = Array.from({ length: n }, () => []);
  }
  lookup(tag: number, set: number): number {
    const s = this.sets[set]!;
    const i = s.findIndex((e) => e.tag === tag);
    if (i < 0) return -1;
    const [e] = s.splice(i, 1);
    s.push(e!);
    return e!.data;
  }
  insert(tag: number, set: number, data: number): void {
    const s = this.sets[set]!;
    const i = s.findIndex((e) => e.tag === tag);
    if (i >= 0) s.splice(i, 1);
    else if (s.length === this.ways) s.shift();
    s.push({ tag, data });
  }
  flush(pred: (tag: number) => boolean): void {
    for (const s of this.sets)
      for (let i = s.length - 1; i >= 0; i--) if (pred(s[i]!.tag)) s.splice(i, 1);
  }
}

const geometry = {
  l1_4k: { entries: 8, ways: 2 },
  l1_2m: { entries: 4, ways: 4 },
  l2: { entries: 16, ways: 4, holds2m: true },
};

const lookup = fc.record({
  k: fc.constant('lookup' as const),
  asid: fc.integer({ min: 0, max: 1 }),
  vpn: fc.integer({ min: 0, max: 40 }),
  huge: fc.boolean(),
});
const insert = fc.record({
  k: fc.constant('insert' as const),
  asid: fc.integer({ min: 0, max: 1 }),
  vpn: fc.integer({ min: 0, max: 40 }),
  huge: fc.boolean(),
  data: fc.integer({ min: 0, max: 1000 }),
});
const range = fc.record({
  k: fc.constant('range' as const),
  asid: fc.integer({ min: 0, max: 1 }),
  vpn: fc.integer({ min: 0, max: 40 }),
  len: fc.integer({ min: 1, max: 1100 }),
});
// flushes are rarer than lookups and inserts, so sets fill up and evict between them
const op = fc.oneof(
  { arbitrary: lookup, weight: 6 },
  { arbitrary: insert, weight: 6 },
  { arbitrary: range, weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('all' as const) }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('renumber' as const) }), weight: 1 },
);

function decode(tag: number): { asid: number; s: number; e: number } {
  if (tag >= 0) return { asid: tag >>> 28, s: tag & 0x0fffffff, e: (tag & 0x0fffffff) + 1 };
  const v = ~tag;
  return { asid: v >>> 19, s: (v & 0x7ffff) << 9, e: ((v & 0x7ffff) << 9) + 512 };
}

describe('TLB level (set-associative, LRU)', () => {
  it('agrees with a reference LRU model on random operation sequences', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200, size: 'max' }), fc.boolean(), (ops, nearLimit) => {
        const t = new Tlb(geometry);
        // start the LRU clock just below its limit: 200 operations cannot pass it
        if (nearLimit) t.stamp = STAMP_LIMIT - 300;
        const lv = t.l2;
        const ref = new RefLevel(lv.sets, lv.ways);
        for (const o of ops) {
          if (o.k === 'renumber') {
            tlbRenumber(t);
            expect(t.stamp).toBeLessThanOrEqual(lv.ways);
            continue;
          }
          if (o.k === 'all') {
            tlbFlushAll(t);
            ref.flush(() => true);
            continue;
          }
          if (o.k === 'range') {
            tlbFlushRange(t, o.asid, o.vpn, o.vpn + o.len);
            ref.flush((tag) => {
              const d = decode(tag);
              return d.asid === o.asid && d.s < o.vpn + o.len && d.e > o.vpn;
            });
            continue;
          }
          const tag = o.huge ? tag2m(o.asid, o.vpn) : tag4k(o.asid, o.vpn);
          const set = o.vpn & lv.mask;
          if (o.k === 'lookup') {
            const i = tlbLookup(t, lv, tag, set);
            expect(i < 0 ? -1 : lv.data[i]).toBe(ref.lookup(tag, set));
          } else {
            tlbInsert(t, lv, tag, set, o.data, 0);
            ref.insert(tag, set, o.data);
          }
        }
        // same contents, set by set, and the huge-entry counter is exact
        let huge = 0;
        for (let s = 0; s < lv.sets; s++) {
          const got = [...lv.tags.subarray(s * lv.ways, (s + 1) * lv.ways)]
            .filter((x) => x !== TLB_EMPTY)
            .sort();
          expect(got).toEqual(ref.sets[s]!.map((e) => e.tag).sort());
          huge += got.filter((x) => x < 0).length;
        }
        expect(lv.huge).toBe(huge);
      }),
      { numRuns: 300 },
    );
  });

  it('evicts the least recently used way of a full set', () => {
    const t = new Tlb(geometry);
    const lv = t.l1_4k; // 4 sets x 2 ways
    tlbInsert(t, lv, tag4k(0, 0), 0, 10, 0);
    tlbInsert(t, lv, tag4k(0, 4), 0, 20, 0);
    expect(tlbLookup(t, lv, tag4k(0, 0), 0)).toBeGreaterThanOrEqual(0); // 0 is now MRU
    tlbInsert(t, lv, tag4k(0, 8), 0, 30, 0); // evicts vpn 4
    expect(tlbLookup(t, lv, tag4k(0, 4), 0)).toBe(-1);
    expect(tlbLookup(t, lv, tag4k(0, 0), 0)).toBeGreaterThanOrEqual(0);
    expect(tlbLookup(t, lv, tag4k(0, 8), 0)).toBeGreaterThanOrEqual(0);
  });

  it('renumbers the LRU clock near its limit without changing what the TLB does', () => {
    const cfg = () =>
      config(
        [vma('heap', 0, 64)],
        [thread('z', { kind: 'zipf', vma: 'heap', s: 0.9, writeRatio: 0.3 })],
      );
    const plain = createSim(cfg());
    const jumped = createSim(cfg());
    advanceTo(plain, 20_000);
    advanceTo(jumped, 20_000);
    // moving the clock forward keeps every set's order; the next chunk must renumber
    const t = jumped.machine.tlbs[0]!;
    t.stamp = STAMP_LIMIT - 10;
    advanceTo(plain, 60_000);
    advanceTo(jumped, 60_000);
    expect(t.stamp).toBeLessThan(STAMP_LIMIT / 2);
    expect(getStats(jumped)).toEqual(getStats(plain));
    const p = plain.machine.tlbs[0]!;
    for (const lv of ['l1_4k', 'l2'] as const) expect(t[lv].tags).toEqual(p[lv].tags);
  });
});
