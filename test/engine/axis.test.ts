/**
 * The heatmap axes: snapped columns (2^k pages wide, aligned to their width), views that
 * re-bin a zoomed range down to one column per page, and rows that keep the columns they were
 * binned on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, setTruthView, stateHash, takeTruthRows } from '../../src/engine';
import { buildAxis, buildViewAxis } from '../../src/engine/axis';
import type { AddressAxis } from '../../src/engine/report';
import { BASE, config, MiB, thread, vma } from './helpers';

const PAGE = 4096;

/** Columns are contiguous within a segment, 2^k pages wide and aligned, but cut at the ends. */
function expectSnapped(axis: AddressAxis): void {
  const cr = axis.colRanges;
  let width = 0;
  for (const seg of axis.segments) {
    expect(cr[seg.col0 * 3]).toBe(seg.start);
    expect(cr[(seg.col1 - 1) * 3 + 1]).toBe(seg.end);
    for (let c = seg.col0; c < seg.col1; c++) {
      const s = cr[c * 3]!;
      const e = cr[c * 3 + 1]!;
      if (c > seg.col0) expect(s).toBe(cr[(c - 1) * 3 + 1]);
      expect(e).toBeGreaterThan(s);
      const inner = c > seg.col0 && c < seg.col1 - 1;
      if (inner) {
        width ||= (e - s) / PAGE;
        expect((e - s) / PAGE).toBe(width);
        expect(s % (width * PAGE)).toBe(0);
      }
    }
  }
  if (width) expect(Math.log2(width) % 1).toBe(0);
}

const scenario = (sizesMib: number[]) =>
  config(
    sizesMib.map((m, i) => vma(`v${i}`, i * 4096, m)),
    [thread('t', { kind: 'uniform', vma: 'v0' })],
    { truth: { intervalUs: 100_000, columns: 1024 } },
  );

describe('the base axis', () => {
  it('snaps columns to power-of-two page counts, never more than asked for', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 6 }),
        (sizes) => {
          const axis = buildAxis(scenario(sizes), 1024);
          expectSnapped(axis);
          expect(axis.columns).toBeLessThanOrEqual(Math.max(1024, sizes.length));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives a 1 GiB VMA 2 MiB-aligned columns of 1 MiB, none straddling a huge page', () => {
    const axis = buildAxis(scenario([1024]), 1024);
    expect(axis.columns).toBe(1024);
    for (let c = 0; c < axis.columns; c++) {
      expect(axis.colRanges[c * 3 + 1]! - axis.colRanges[c * 3]!).toBe(MiB);
      expect(Math.floor(axis.colRanges[c * 3]! / (2 * MiB))).toBe(
        Math.floor((axis.colRanges[c * 3 + 1]! - 1) / (2 * MiB)),
      );
    }
  });
});

describe('a view axis', () => {
  const base = buildAxis(scenario([1024, 64]), 1024);

  it('bins 4 MiB at one column per page', () => {
    const col0 = 10; // 1,088 MiB on at most 1,024 columns: 2 MiB each, 2 columns = 4 MiB
    expect(base.colRanges[col0 * 3 + 1]! - base.colRanges[col0 * 3]!).toBe(2 * MiB);
    const view = buildViewAxis(base, col0, col0 + 2, 1024);
    expect(view.columns).toBe(1024);
    expect(view.colRanges[0]).toBe(base.colRanges[col0 * 3]);
    expect(view.colRanges[1]! - view.colRanges[0]!).toBe(PAGE);
    expectSnapped(view);
  });

  it('covers exactly the zoomed range, across segments, in at most the columns asked for', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: base.columns, noNaN: true }),
        fc.double({ min: 0.01, max: base.columns, noNaN: true }),
        (a, w) => {
          const view = buildViewAxis(base, a, Math.min(base.columns, a + w), 1024);
          expectSnapped(view);
          expect(view.columns).toBeLessThanOrEqual(1024);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('rows binned on a view', () => {
  const make = () =>
    createSim(
      config(
        [vma('a', 0, 256)],
        [thread('t', { kind: 'uniform', vma: 'a' }, { ratePerMs: 5000 })],
        {
          truth: { intervalUs: 100_000, columns: 1024 },
        },
      ),
    );

  it('take the view from the next row on; rows before keep the base columns', () => {
    const sim = make();
    advanceTo(sim, 150_000);
    setTruthView(sim, { col0: 0, col1: 16 }); // the first 4 MiB (base columns of 256 KiB)
    advanceTo(sim, 1_200_000);
    const before = takeTruthRows(sim);
    expect(before.count).toBe(2); // rows 0 and 1 (row 1 ended after the call)
    expect(before.colRanges).toEqual(sim.baseAxis.colRanges);
    const after = takeTruthRows(sim);
    expect(after.firstRow).toBe(2);
    expect(after.count).toBe(10);
    expect(after.colRanges[0]).toBe(BASE);
    expect(after.colRanges[after.columns * 3 - 2]).toBe(BASE + 4 * MiB);
    const distinct = new Set<number>();
    const last = after.count - 1;
    for (let c = 0; c < after.columns; c++) {
      if (after.touchedPages[last * after.columns + c]! > 0) distinct.add(c);
    }
    expect(distinct.size).toBeGreaterThanOrEqual(512);
  }, 30_000); // runs the default scenario for seconds of simulated time: above the 5 s default on a busy machine

  it('change nothing that is simulated: the same state hash with or without a view', () => {
    const plain = make();
    const zoomed = make();
    setTruthView(zoomed, { col0: 100, col1: 101.5 });
    advanceTo(plain, 700_000);
    advanceTo(zoomed, 700_000);
    expect(stateHash(zoomed)).toBe(stateHash(plain));
  }, 30_000);
});
