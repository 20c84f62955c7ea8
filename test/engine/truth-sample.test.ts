/**
 * The truth in DAMON's unit against a brute-force reference: accesses are issued in batches,
 * one batch a sample; the reference counts, per column, the distinct pages each batch reached
 * (found by walking the page tables like a person would), the sampler must count the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, takeTruthRows } from '../../src/engine';
import type { Sim } from '../../src/engine/sim';
import { runAccesses } from '../../src/engine/paging/mmu';
import { SEEN_LIST_CAP } from '../../src/engine/paging/page-table';
import { doMunmap } from '../../src/engine/mm/syscalls';
import { BASE, config, MiB, thread, vma } from './helpers';

/** Columns of process 0 as [startVpn, endVpn, column]. */
function columnsOf(sim: Sim): [number, number, number][] {
  const mm = sim.machine.mms[0]!;
  const cr = sim.axis.colRanges;
  const out: [number, number, number][] = [];
  for (let c = 0; c < sim.axis.columns; c++)
    if (cr[c * 3 + 2] === 0) out.push([mm.vpnOf(cr[c * 3]!), mm.vpnOf(cr[c * 3 + 1]!), c]);
  return out;
}

/** Issue `vpns` as one sample's accesses and count, per column, the distinct pages mapped. */
function batch(sim: Sim, vpns: number[], expected: Float64Array): void {
  const mm = sim.machine.mms[0]!;
  const buf = Int32Array.from(vpns, (v) => (v << 1) | 1);
  runAccesses(sim.machine, 0, mm, buf, buf.length);
  const cols = columnsOf(sim);
  for (const v of new Set(vpns)) {
    const vmaOk = mm.findVma(v) !== null;
    const col = cols.find(([s, e]) => v >= s && v < e);
    if (vmaOk && col) expected[col[2]]!++;
  }
  sim.sampler.flush(sim.machine.mms);
}

const two = () =>
  createSim(
    config(
      [vma('a', 0, 8), vma('huge', 16, 8, { thp: 'hugepage' }), vma('b', 32, 6)],
      [thread('t', { kind: 'uniform', vma: 'a' })],
      { truth: { intervalUs: 100_000, columns: 64 } },
    ),
  );

describe('the truth sampler', () => {
  it('counts, per column and sample, the distinct pages accessed (4 KiB and THP)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 38 * 256 - 1 }), { maxLength: 400 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (batches) => {
          const sim = two();
          const expected = new Float64Array(sim.axis.columns);
          const base = sim.machine.mms[0]!.vpnOf(BASE);
          for (const b of batches)
            batch(
              sim,
              b.map((p) => base + p),
              expected,
            );
          expect([...sim.sampler.touchedSamples]).toEqual([...expected]);
          expect(sim.sampler.samples).toBe(batches.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('sweeps every table when a sample touches more pages than its list holds', () => {
    const sim = createSim(
      config([vma('big', 0, 512)], [], { truth: { intervalUs: 100_000, columns: 64 } }),
    );
    const base = sim.machine.mms[0]!.vpnOf(BASE);
    const expected = new Float64Array(sim.axis.columns);
    const many = Array.from({ length: SEEN_LIST_CAP + 5000 }, (_, i) => base + i * 3);
    batch(sim, many, expected);
    batch(sim, many.slice(0, 100), expected);
    expect(sim.machine.mms[0]!.pt.seenOverflow).toBe(false);
    expect([...sim.sampler.touchedSamples]).toEqual([...expected]);
  });

  it('forgets pages whose table was freed by munmap before the sample ended', () => {
    const sim = two();
    const mm = sim.machine.mms[0]!;
    const base = mm.vpnOf(BASE);
    runAccesses(
      sim.machine,
      0,
      mm,
      Int32Array.from([base, base + 1], (v) => v << 1),
      2,
    );
    doMunmap(sim.machine, mm, BASE, 2 * MiB);
    sim.sampler.flush(sim.machine.mms);
    expect(sim.sampler.touchedSamples.reduce((a, b) => a + b, 0)).toBe(0);
  });
});

describe('truth rows in DAMON units', () => {
  it('is the mean share of pages seen per sample, times samples per aggregation', () => {
    // one page of 'a' every access, 1000 accesses/ms: every sample sees exactly one page
    const sim = createSim(
      config([vma('a', 0, 8)], [thread('t', { kind: 'hotset', vma: 'a', hotBytes: 4096 })], {
        truth: { intervalUs: 100_000, columns: 64 },
      }),
    );
    advanceTo(sim, 300_000);
    const rows = takeTruthRows(sim);
    expect(rows.maxNrAccesses).toBe(20);
    const c = sim.axis.colRanges.findIndex((_, i) => i % 3 === 0) / 3; // column 0 holds page 0
    for (let r = 0; r < rows.count; r++) {
      const i = r * rows.columns + c;
      expect(rows.touchedPages[i]).toBe(1);
      expect(rows.damonUnit[i]).toBeCloseTo((1 / rows.mappedPages[i]!) * 20, 6);
    }
  });
});
