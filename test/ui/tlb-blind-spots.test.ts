/**
 * The TLB panel's T1 / T2 markers (src/ui/views/tlb/blind-spots.ts) on small hand-made truth
 * windows and DAMON snapshots: the two presets' shapes (tlbfit, thpsparse with and without
 * PCID) must be detected, and the look-alikes must not be.
 */
import { describe, expect, it } from 'vitest';
import type { ThpCensusSummary } from '../../src/store/thp-census';
import { DamonHistory } from '../../src/store/damon-history';
import { TruthHistory } from '../../src/store/truth-history';
import { latestBlindSpotInput } from '../../src/ui/views/tlb/blind-spot-input';
import {
  checkBlindSpots,
  detectT1,
  detectT2,
  type TlbNow,
} from '../../src/ui/views/tlb/blind-spots';
import {
  columnReads,
  regionsOver,
  thpShareOf,
  truthOverWindow,
  type DamonRead,
  type TruthWindow,
  type VmaThp,
} from '../../src/ui/views/tlb/column-reads';
import { nrOf } from '../../src/ui/views/tlb/BlindSpotMarkers';
import { entriesText } from '../../src/ui/views/tlb/ReachChart';
import { reachBars } from '../../src/ui/views/tlb/tlb-model';
import type { SimStats } from '../../src/engine/report';
import { snapshot } from './damon-helpers';

const KiB = 1024;
const MiB = 1024 * KiB;
const BASE = 0x7f00_0000_0000;

/** Skylake's TLB (the presets' machine): 64 × 4K, 32 × 2M in L1; a unified 1536-entry STLB. */
const SKYLAKE = { l1_4k: 256 * KiB, l1_2m: 64 * MiB, l2_4k: 6 * MiB, l2_2m: 3 * 1024 * MiB };

function tlb(over: Partial<TlbNow> = {}): TlbNow {
  return { reach: SKYLAKE, l2Valid4k: 0, l2Valid2m: 0, walksPerSec: 0, sampleUs: 5000, ...over };
}

interface Col {
  /** Column size (default 1 MiB). */
  size?: number;
  /** nr_accesses a page-exact sampler reads (0..20). */
  unit: number;
  touched: number;
}

/** A truth window of consecutive columns from BASE, process 0, every page mapped. */
function truth(cols: Col[], maxNrAccesses = 20): TruthWindow {
  const colRanges: number[] = [];
  let at = BASE;
  for (const c of cols) {
    const size = c.size ?? MiB;
    colRanges.push(at, at + size, 0);
    at += size;
  }
  return {
    colRanges,
    damonUnit: cols.map((c) => c.unit),
    touchedPages: cols.map((c) => c.touched),
    mappedPages: cols.map((c) => (c.size ?? MiB) / 4096),
    maxNrAccesses,
  };
}

function damon(regions: [number, number, number][], maxNrAccesses = 20): DamonRead {
  return {
    snapshots: [snapshot(2_000_000, regions)],
    maxNrAccesses,
    t0Us: 1_900_000,
    t1Us: 2_000_000,
  };
}

const vma = (start: number, size: number, thpBytes: number): VmaThp => ({
  process: 0,
  start,
  end: start + size,
  residentBytes: size,
  thpBytes,
});

/*
 * tlbfit in four columns: 4 KiB pages, a 1 MiB hot set in column 2, one region over all.
 *
 *   column        0        1        2 (hot)   3
 *   truth         0        0        20        0        (256 of 256 pages touched)
 *   DAMON region  [---------------- 0 of 20 -------------]
 */
const tlbfitTruth = truth([
  { unit: 0, touched: 0 },
  { unit: 0, touched: 0 },
  { unit: 20, touched: 256 },
  { unit: 0, touched: 0 },
]);
const noThp = [vma(BASE, 4 * MiB, 0)];

/*
 * thpsparse's `thp` buffer in four 2 MiB columns, all PMD-mapped: 16 of 512 sub-pages
 * written in each, every sample.
 */
const sparseTruth = truth(
  Array.from({ length: 4 }, () => ({ size: 2 * MiB, unit: 20 / 32, touched: 16 })),
);
const allThp = [vma(BASE, 8 * MiB, 8 * MiB)];

describe('columnReads', () => {
  it("reads a THP's truth as its PMD Accessed bit would: any sub-page sets it", () => {
    const cols = columnReads(sparseTruth, damon([[BASE, BASE + 8 * MiB, 20]]), allThp);
    expect(cols).toHaveLength(4);
    expect(cols[0]).toMatchObject({ thpShare: 1, truthNr: 20, damonNr: 20, touchedPages: 16 });
    // the same columns on 4 KiB pages read as the page-exact sampler does
    const small = columnReads(sparseTruth, damon([[BASE, BASE + 8 * MiB, 0]]), [
      vma(BASE, 8 * MiB, 0),
    ]);
    expect(small[0]!.truthNr).toBeCloseTo(0.625);
  });

  it("puts the truth on DAMON's scale when the ceilings differ", () => {
    const cols = columnReads(tlbfitTruth, damon([[BASE, BASE + 4 * MiB, 0]], 40), noThp);
    expect(cols[2]!.truthNr).toBe(40);
  });

  it('skips unmapped columns and has no DAMON reading where no region covers', () => {
    const t = truth([
      { unit: NaN, touched: 0 },
      { unit: 20, touched: 256 },
    ]);
    const cols = columnReads(t, damon([[BASE + 4 * MiB, BASE + 5 * MiB, 20]]), noThp);
    expect(cols).toHaveLength(1);
    expect(cols[0]!.damonNr).toBeNaN();
  });
});

describe('regionsOver and thpShareOf', () => {
  it('weights nr_accesses by overlap', () => {
    const d = damon([
      [BASE, BASE + MiB / 2, 20],
      [BASE + MiB / 2, BASE + 4 * MiB, 0],
    ]);
    expect(regionsOver(d, 0, BASE, BASE + MiB)).toBe(10);
    expect(regionsOver(d, 0, BASE + MiB, BASE + 2 * MiB)).toBe(0);
    expect(regionsOver(d, 1, BASE, BASE + MiB)).toBeNaN(); // another process
  });

  it("spreads a VMA's THP bytes over its resident memory", () => {
    const vmas = [vma(BASE, 4 * MiB, 0), vma(BASE + 4 * MiB, 4 * MiB, 2 * MiB)];
    expect(thpShareOf(vmas, 0, BASE, BASE + MiB)).toBe(0);
    expect(thpShareOf(vmas, 0, BASE + 5 * MiB, BASE + 6 * MiB)).toBe(0.5);
    expect(thpShareOf(vmas, 0, BASE + 3 * MiB, BASE + 5 * MiB)).toBe(0.25);
  });
});

describe('truthOverWindow', () => {
  it('averages damonUnit by overlap, keeps the most touched pages and the newest mapping', () => {
    const row = (t0Us: number, unit: number, touched: number, mapped: number) => ({
      t0Us,
      t1Us: t0Us + 100_000,
      damonUnit: [unit],
      touchedPages: [touched],
      mappedPages: [mapped],
    });
    const w = truthOverWindow([row(0, 20, 10, 256), row(100_000, 0, 30, 200)], 50_000, 200_000)!;
    expect(w.damonUnit[0]).toBeCloseTo((20 * 50 + 0 * 100) / 150);
    expect(w.touchedPages[0]).toBe(30);
    expect(w.mappedPages[0]).toBe(200);
    expect(truthOverWindow([row(0, 20, 10, 256)], 200_000, 300_000)).toBeNull();
  });
});

describe('T1: the TLB-reach blind spot', () => {
  const blindDamon = damon([[BASE, BASE + 4 * MiB, 0]]);

  it('is happening on tlbfit: hot in the truth, 0 in DAMON, no walks, 256 translations', () => {
    const t1 = detectT1(columnReads(tlbfitTruth, blindDamon, noThp), 20, tlb());
    expect(t1).toMatchObject({
      active: true,
      reason: null,
      hotBytes: MiB,
      hot4kPages: 256,
      hotThps: 0,
      truthNr: 20,
      damonNr: 0,
      stlbEntries: 1536,
      fits: true,
      quietWalks: true,
      exactPageSizes: true,
    });
  });

  it('is not when DAMON reads the hot set (flush on mkold, or walks that set the bit)', () => {
    const seen = damon([
      [BASE, BASE + 2 * MiB, 0],
      [BASE + 2 * MiB, BASE + 3 * MiB, 20],
      [BASE + 3 * MiB, BASE + 4 * MiB, 0],
    ]);
    const t1 = detectT1(columnReads(tlbfitTruth, seen, noThp), 20, tlb());
    expect(t1).toMatchObject({ active: false, reason: 'damon-reads-hot', damonNr: 20 });
  });

  it('is not when nothing is hot', () => {
    const cold = truth(Array.from({ length: 4 }, () => ({ unit: 0, touched: 0 })));
    expect(detectT1(columnReads(cold, blindDamon, noThp), 20, tlb()).reason).toBe('no-hot');
    // every page touched, but each in one sample of 40: below 1 of 20
    const rare = truth([{ unit: 0.5, touched: 256 }]);
    expect(detectT1(columnReads(rare, blindDamon, noThp), 20, tlb()).reason).toBe('no-hot');
  });

  it('is happening on t1reach: a sweep of THPs reads 2 of 20 to a sampler, 0 to DAMON', () => {
    // each 2 MiB column wholly written, each page seen in 2 of 20 samples; 4 THPs held
    const sweep = truth(
      Array.from({ length: 4 }, () => ({ size: 2 * MiB, unit: 2, touched: 512 })),
    );
    const held = tlb({ l2Valid2m: 4 });
    const cols = columnReads(sweep, damon([[BASE, BASE + 8 * MiB, 0]]), allThp);
    expect(detectT1(cols, 20, held)).toMatchObject({ active: true, truthNr: 2, hotThps: 4 });
    // with the flush on mkold DAMON reads what the sampler does: no blind spot
    const flushed = columnReads(sweep, damon([[BASE, BASE + 8 * MiB, 2]]), allThp);
    expect(detectT1(flushed, 20, held).reason).toBe('damon-reads-hot');
  });

  it('needs DAMON well below the truth, not just below 2 of 20', () => {
    const lukewarm = truth([{ unit: 4, touched: 256 }]);
    const d = (nr: number) => damon([[BASE, BASE + MiB, nr]]);
    expect(detectT1(columnReads(lukewarm, d(2), noThp), 20, tlb()).reason).toBe('damon-reads-hot');
    expect(detectT1(columnReads(lukewarm, d(1), noThp), 20, tlb()).active).toBe(true);
  });

  it("is not when the hot set overflows the STLB and walks (hotwin's 64 MiB window)", () => {
    const window = truth([{ size: 64 * MiB, unit: 20, touched: 16384 }]);
    const d = damon([[BASE, BASE + 64 * MiB, 0]]);
    const busy = tlb({ walksPerSec: 4e6, l2Valid4k: 1536 });
    const t1 = detectT1(columnReads(window, d, [vma(BASE, 64 * MiB, 0)]), 20, busy);
    expect(t1).toMatchObject({ active: false, reason: 'does-not-fit', hot4kPages: 16384 });
  });

  it('is not when the hot set fits but walks and the STLB does not hold it', () => {
    const t1 = detectT1(
      columnReads(tlbfitTruth, blindDamon, noThp),
      20,
      tlb({ walksPerSec: 1e6, l2Valid4k: 10 }),
    );
    expect(t1).toMatchObject({ active: false, reason: 'walks', fits: true, held: false });
  });

  it('is happening on thpsparse with PCID: the 2 MiB entries stay while nothp walks', () => {
    const d = damon([[BASE, BASE + 8 * MiB, 0]]);
    const cols = columnReads(sparseTruth, d, allThp);
    const nothpWalks = tlb({ walksPerSec: 2e6, l2Valid4k: 1412, l2Valid2m: 4 });
    const t1 = detectT1(cols, 20, nothpWalks);
    expect(t1).toMatchObject({ active: true, hotThps: 4, hot4kPages: 0, quietWalks: false });
    expect(t1.held).toBe(true);
    expect(t1.hotBytes).toBe(4 * 16 * 4096);
    // the STLB evicted the huge entries: the walks set the PMD bits again
    expect(detectT1(cols, 20, { ...nothpWalks, l2Valid2m: 1 }).reason).toBe('walks');
  });

  it('trusts walks ~0 when the page sizes are only VMA averages (thpcollapse)', () => {
    // 16 MiB hot collapsed into THPs inside a 256 MiB VMA: 1/16 of it THP-mapped
    const t = truth([
      { size: 16 * MiB, unit: 20, touched: 4096 },
      { size: 240 * MiB, unit: 0, touched: 0 },
    ]);
    const d = damon([[BASE, BASE + 256 * MiB, 0]]);
    const cols = columnReads(t, d, [vma(BASE, 256 * MiB, 16 * MiB)]);
    const t1 = detectT1(cols, 20, tlb({ walksPerSec: 0 }));
    expect(t1).toMatchObject({ active: true, exactPageSizes: false, fits: false });
    expect(detectT1(cols, 20, tlb({ walksPerSec: 8e5 })).reason).toBe('does-not-fit');
  });
});

describe('T2: THPs read hot with < 10 % of their sub-pages touched', () => {
  it('is happening on thpsparse: every THP 20 of 20 with 16 of 512 sub-pages touched', () => {
    const cols = columnReads(sparseTruth, damon([[BASE, BASE + 8 * MiB, 20]]), allThp);
    const t2 = detectT2(cols, 20);
    expect(t2).toMatchObject({
      active: true,
      reason: null,
      readHotThpBytes: 8 * MiB,
      touchedShare: 1 / 32,
      damonNr: 20,
      hiddenColdBytes: 4 * (512 - 16) * 4096,
      census: null,
    });
  });

  it('is not on 4 KiB pages (the same workload in `nothp`)', () => {
    const d = damon([[BASE, BASE + 8 * MiB, 20]]);
    const t2 = detectT2(columnReads(sparseTruth, d, [vma(BASE, 8 * MiB, 0)]), 20);
    expect(t2).toMatchObject({ active: false, reason: 'no-thp' });
  });

  it('is not when the THPs DAMON reads hot are mostly touched', () => {
    const dense = truth(
      Array.from({ length: 4 }, () => ({ size: 2 * MiB, unit: 20, touched: 512 })),
    );
    const t2 = detectT2(columnReads(dense, damon([[BASE, BASE + 8 * MiB, 20]]), allThp), 20);
    expect(t2).toMatchObject({ active: false, reason: 'dense', touchedShare: 1 });
  });

  it('is not when DAMON reads the THPs cold (T1 instead)', () => {
    const t2 = detectT2(columnReads(sparseTruth, damon([[BASE, BASE + 8 * MiB, 0]]), allThp), 20);
    expect(t2).toMatchObject({ active: false, reason: 'no-thp-read-hot' });
  });

  it('counts only the THPs read hot: one of four is T2 with PCID on', () => {
    const d = damon([
      [BASE, BASE + 2 * MiB, 20],
      [BASE + 2 * MiB, BASE + 8 * MiB, 0],
    ]);
    const t2 = detectT2(columnReads(sparseTruth, d, allThp), 20);
    expect(t2).toMatchObject({ active: true, readHotThpBytes: 2 * MiB, touchedShare: 1 / 32 });
  });
});

describe('checkBlindSpots', () => {
  const census = {
    t0Us: 1_900_000,
    t1Us: 2_000_000,
    listed: 4,
    readHotSparse: 4,
    hiddenColdBytes: 4 * 496 * 4096,
  } as ThpCensusSummary;
  const input = {
    row: 19,
    damon: damon([[BASE, BASE + 8 * MiB, 20]]),
    truth: sparseTruth,
    damonWssBytes: 8 * MiB,
  };

  it('adds the sub-page census when it covers the aggregation', () => {
    const spots = checkBlindSpots(input, allThp, tlb(), census);
    expect(spots).toMatchObject({ row: 19, t0Us: 1_900_000, t1Us: 2_000_000 });
    expect(spots.t1.active).toBe(false);
    expect(spots.t2.census).toEqual({
      readHotSparse: 4,
      listed: 4,
      hiddenColdBytes: 4 * 496 * 4096,
    });
    const stale = { ...census, t0Us: 1_000_000, t1Us: 1_100_000 };
    expect(checkBlindSpots(input, allThp, tlb(), stale).t2.census).toBeNull();
  });
});

describe('latestBlindSpotInput', () => {
  /** tlbfit's four columns, as the bridge fills the histories from one frame. */
  function histories(regions: [number, number, number][] | null) {
    const t = tlbfitTruth;
    const colRanges = Float64Array.from(t.colRanges as number[]);
    const axis = {
      columns: 4,
      segments: [{ process: 0, start: BASE, end: BASE + 4 * MiB, col0: 0, col1: 4 }],
      colRanges,
    };
    const th = new TruthHistory(10);
    th.reset(axis, 100_000);
    th.push({
      firstRow: 0,
      count: 2,
      columns: 4,
      colRanges,
      intervalUs: 100_000,
      data: new Float32Array(8),
      touchedPages: Float32Array.from([0, 0, 256, 0, 0, 0, 256, 0]),
      mappedPages: new Float32Array(8).fill(256),
      damonUnit: Float32Array.from([0, 0, 20, 0, 0, 0, 20, 0]),
      maxNrAccesses: 20,
      sampleUs: 5000,
      node: null,
    });
    const dh = new DamonHistory(10);
    dh.reset(axis, true);
    dh.push({
      rows: {
        firstRow: 0,
        count: 2,
        columns: 4,
        colRanges,
        t0Us: Float64Array.from([0, 100_000]),
        t1Us: Float64Array.from([100_000, 200_000]),
        maxNrAccesses: Uint32Array.from([20, 20]),
        data: new Float32Array(8),
      },
      snapshots: regions ? [snapshot(200_000, regions, { startUs: 100_000 })] : [],
    });
    return { th, dh };
  }

  it("pairs DAMON's newest aggregation with the truth of its window", () => {
    const { th, dh } = histories([[BASE, BASE + 4 * MiB, 0]]);
    const input = latestBlindSpotInput(dh, th)!;
    expect(input).toMatchObject({ row: 1, damonWssBytes: 0 });
    expect(Array.from(input.truth.damonUnit)).toEqual([0, 0, 20, 0]);
    expect(Array.from(input.truth.touchedPages)).toEqual([0, 0, 256, 0]);
    expect(checkBlindSpots(input, noThp, tlb()).t1.active).toBe(true);
  });

  it('has nothing to compare without snapshots or without DAMON', () => {
    expect(latestBlindSpotInput(histories(null).dh, histories(null).th)).toBeNull();
    const { th } = histories(null);
    const off = new DamonHistory(10);
    off.reset(null, false);
    expect(latestBlindSpotInput(off, th)).toBeNull();
  });
});

describe('the readouts', () => {
  it('spells nr_accesses as N of max', () => {
    expect(nrOf(0, 20)).toBe('0 of 20');
    expect(nrOf(0.62, 20)).toBe('0.6 of 20');
    expect(nrOf(19.8, 20)).toBe('20 of 20');
    expect(nrOf(NaN, 20)).toBe('– of 20');
  });

  it('gives each reach bar its entries and the STLB its valid entries', () => {
    const s = {
      workingSetBytes: MiB,
      residentBytes: 256 * MiB,
      thpBytes: 0,
      tlb: { reach: SKYLAKE, l2Valid4k: 1536, l2Valid2m: 0 },
    } as unknown as SimStats;
    const text = reachBars(s).map(entriesText);
    expect(text).toEqual([
      '64 × 4K',
      '32 × 2M · unused',
      '1536 × 4K · 1536 valid',
      '1536 × 2M · 0 valid · unused',
    ]);
    expect(reachBars(s).find((b) => b.id === 'l2_2m')).toMatchObject({ shared: true });
  });
});
