/**
 * The sub-page view's words and numbers: the histogram and its "< 10 %" share, the readouts per
 * order, why the grid is empty, a folio's tooltip and a history line in the kernel's names, and
 * the grid's keys.
 */
import { describe, expect, it } from 'vitest';
import type { VmaInfo } from '../../src/engine/report';
import type { ThpEvent } from '../../src/engine/thp/thp-log';
import type { ThpCensusSummary } from '../../src/store';
import {
  emptyReason,
  eventRow,
  folioText,
  histBars,
  hugepagesDir,
  nrAnonRows,
  thpReach,
  underTenShare,
} from '../../src/ui/views/thp-map/thp-model';
import { tileKeyAction } from '../../src/ui/views/thp-map/tile-keys';

function summary(over: Partial<ThpCensusSummary> = {}): ThpCensusSummary {
  return {
    t0Us: 0,
    t1Us: 100_000,
    total: 0,
    listed: 0,
    thpHist: new Array(10).fill(0),
    mthpHist: new Array(10).fill(0),
    nrAnon: new Array(10).fill(0),
    largeBytes: 0,
    coldBytes: 0,
    hiddenColdBytes: 0,
    readHotSparse: 0,
    ...over,
  };
}

const vma = (thp: VmaInfo['thp']): VmaInfo => ({
  process: 0,
  name: 'buf',
  start: 0x7f0000000000,
  end: 0x7f0010000000,
  kind: 'anon',
  prot: 'rw',
  thp,
  residentBytes: 0,
  thpBytes: 0,
});

describe('histogram and readouts', () => {
  it('writes out the share of THPs under 10 % (seed 002: 94.6 %)', () => {
    const thpHist = [946, 20, 10, 10, 4, 0, 0, 0, 0, 10];
    expect(underTenShare(thpHist)).toBeCloseTo(0.946, 6);
    expect(underTenShare(new Array(10).fill(0))).toBeNaN();
    const bars = histBars(summary({ thpHist, mthpHist: [4, 0, 0, 0, 0, 0, 0, 0, 0, 1] }));
    expect(bars).toHaveLength(10);
    expect(bars[0]).toEqual({ lo: 0, hi: 0.1, thp: 946, mthp: 4 });
    expect(bars[9]).toMatchObject({ lo: 0.9, hi: 1, thp: 10, mthp: 1 });
  });

  it('names the orders as their hugepages-<size>kB directories, largest first', () => {
    expect(hugepagesDir(9)).toBe('hugepages-2048kB');
    expect(hugepagesDir(2)).toBe('hugepages-16kB');
    const nrAnon = [0, 0, 0, 0, 12, 0, 0, 0, 0, 128];
    expect(nrAnonRows(summary({ nrAnon })).map((r) => `${r.dir} ${r.nrAnon}`)).toEqual([
      'hugepages-2048kB 128',
      'hugepages-64kB 12',
    ]);
  });
});

describe('emptyReason', () => {
  const base = { vmas: [vma('hugepage')], truthIntervalUs: 100_000 };
  const madvise = { enabled: 'madvise' as const };

  it('says the census is waiting for the next interval when none arrived yet', () => {
    expect(emptyReason({ ...base, summary: null, thp: madvise })).toMatch(
      /end of each ground-truth interval \(every 0\.100 s\).*Play or step/,
    );
  });

  it('says THP is disabled, or madvise without MADV_HUGEPAGE, or that nothing faulted yet', () => {
    const none = summary();
    expect(emptyReason({ ...base, summary: none, thp: { enabled: 'never' } })).toMatch(
      /THP is disabled/,
    );
    expect(emptyReason({ ...base, vmas: [vma('none')], summary: none, thp: madvise })).toMatch(
      /madvise-only and no VMA has MADV_HUGEPAGE/,
    );
    expect(emptyReason({ ...base, summary: none, thp: madvise })).toMatch(/mapped yet/);
    expect(emptyReason({ ...base, summary: summary({ total: 3 }), thp: madvise })).toBeNull();
  });

  it('counts an mTHP size enabled on its own as THP being on', () => {
    const hugepages = { '2048kB': 'inherit', '64kB': 'always' } as const;
    expect(thpReach({ enabled: 'never', hugepages })).toBe('always');
    expect(thpReach({ enabled: 'never', hugepages: { '2048kB': 'inherit' } })).toBe('never');
    expect(thpReach({ enabled: 'madvise', hugepages: { '2048kB': 'inherit' } })).toBe('madvise');
    expect(thpReach({ enabled: 'always' })).toBe('always');
  });
});

describe('folioText', () => {
  it('describes a THP DAMON reads hot with 16 of 512 sub-pages accessed (T2)', () => {
    const t = folioText({
      process: 0,
      addr: 0x7f64a0000000,
      order: 9,
      pmdMapped: true,
      touched: 16,
      damonNr: 20,
      damonMax: 20,
      vma: 'thp',
      subpage: { index: 32, accessed: true },
    });
    expect(t.title).toBe('THP 2 MiB · order 9');
    expect(t.range).toBe('0x7f64a0000000-0x7f64a0200000');
    expect(t.where).toBe('process 0 · VMA thp');
    expect(t.mapping).toMatch(/^PMD-mapped/);
    expect(t.accessed).toBe('sub-pages accessed 16/512 (3.1 %)');
    expect(t.damon).toBe('DAMON nr_accesses 20/20 for its region');
    expect(t.subpage).toBe('sub-page 32 (0x7f64a0020000): accessed');
    expect(t.readHotSparse).toBe(true);
  });

  it('describes a PTE-mapped mTHP DAMON does not monitor', () => {
    const t = folioText({
      process: 1,
      addr: 0x10000,
      order: 4,
      pmdMapped: false,
      touched: 16,
      damonNr: -1,
      damonMax: 20,
    });
    expect([t.title, t.where]).toEqual(['mTHP 64 KiB · order 4', 'process 1']);
    expect(t.mapping).toBe('PTE-mapped: 16 PTEs, 16 TLB entries on x86');
    expect(t.damon).toBe('DAMON: not monitored');
    expect([t.subpage, t.readHotSparse]).toEqual([null, false]);
  });
});

describe('eventRow', () => {
  const ev = (over: Partial<ThpEvent>): ThpEvent => ({
    atUs: 1_500_000,
    process: 0,
    addr: 0x200000,
    order: 9,
    fromOrder: 0,
    kind: 'fault',
    actor: 'fault',
    scheme: -1,
    reason: '',
    ...over,
  });

  it('puts time, event, actor and reason in the kernel’s words', () => {
    expect(eventRow(ev({}))).toEqual({
      time: '1.500 s',
      event: 'fault 2 MiB',
      actor: 'page fault',
      reason: '–',
    });
    expect(
      eventRow(ev({ kind: 'split', order: 2, fromOrder: 9, actor: 'damos', scheme: 1 })),
    ).toMatchObject({ event: 'split 2 MiB → 16 KiB', actor: 'DAMOS scheme 1' });
    expect(eventRow(ev({ kind: 'split', order: 0, fromOrder: 9 })).event).toBe(
      'split 2 MiB → 4 KiB pages',
    );
    expect(
      eventRow(ev({ kind: 'collapse_fail', actor: 'khugepaged', reason: 'SCAN_EXCEED_NONE_PTE' })),
    ).toMatchObject({
      event: 'collapse to 2 MiB failed',
      actor: 'khugepaged',
      reason: 'SCAN_EXCEED_NONE_PTE',
    });
  });
});

describe('tileKeyAction', () => {
  it('moves by a tile, a row and a page, clamped; Enter opens, Escape closes', () => {
    const act = (key: string, at: number) => tileKeyAction(key, at, 25, 4, 3);
    expect(act('ArrowRight', 5)).toEqual({ kind: 'move', to: 6 });
    expect(act('ArrowLeft', 0)).toEqual({ kind: 'move', to: 0 });
    expect(act('ArrowDown', 5)).toEqual({ kind: 'move', to: 9 });
    expect(act('ArrowDown', 23)).toEqual({ kind: 'move', to: 24 });
    expect(act('ArrowUp', 2)).toEqual({ kind: 'move', to: 0 });
    expect(act('PageDown', 0)).toEqual({ kind: 'move', to: 12 });
    expect(act('End', 0)).toEqual({ kind: 'move', to: 24 });
    expect(act('Home', 9)).toEqual({ kind: 'move', to: 0 });
    expect(act('Enter', 7)).toEqual({ kind: 'open' });
    expect(act('Escape', 7)).toEqual({ kind: 'close' });
    expect(act('x', 7)).toBeNull();
  });

  it('starts the cursor at the first tile', () => {
    expect(tileKeyAction('ArrowRight', -1, 3, 4, 1)).toEqual({ kind: 'move', to: 0 });
    expect(tileKeyAction('Enter', -1, 3, 4, 1)).toEqual({ kind: 'move', to: 0 });
    expect(tileKeyAction('ArrowRight', -1, 0, 4, 1)).toBeNull();
  });
});
