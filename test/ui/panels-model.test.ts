import { describe, expect, it } from 'vitest';
import type { SimStats, VmaInfo } from '../../src/engine/report';
import {
  formatCount,
  formatDensity,
  formatPercent,
  formatSeconds,
  formatSpeed,
} from '../../src/ui/format';
import { legendTicks } from '../../src/ui/views/heatmap/HeatLegend';
import { tlbSummary } from '../../src/ui/views/tlb/tlb-model';
import { vmaRows } from '../../src/ui/views/vma-map/vma-rows';

function stats(nowUs: number, l1: [number, number], l2: [number, number], walks: number): SimStats {
  return {
    nowUs,
    workingSetBytes: 8 << 20,
    tlb: {
      l1: { hits: l1[0], misses: l1[1] },
      l2: { hits: l2[0], misses: l2[1] },
      walks,
      flushes: 3,
      shootdowns: 0,
      reach: { l1_4k: 256 << 10, l1_2m: 64 << 20, l2_4k: 6 << 20, l2_2m: 0 },
      l2Valid4k: 0,
      l2Valid2m: 0,
    },
  } as SimStats;
}

describe('tlbSummary', () => {
  it('uses whole-run totals before there is an earlier summary', () => {
    const t = tlbSummary(stats(2_000_000, [90, 10], [6, 4], 4), null);
    expect(t).toMatchObject({ l1HitRate: 0.9, l2HitRate: 0.6, walksPerSec: 2, recent: false });
  });

  it('uses the change since the earlier summary when there is one', () => {
    const prev = stats(1_000_000, [90, 10], [6, 4], 4);
    const cur = stats(1_500_000, [100, 20], [6, 14], 14);
    const t = tlbSummary(cur, prev);
    expect(t).toMatchObject({ l1HitRate: 0.5, l2HitRate: 0, walksPerSec: 20, recent: true });
    expect(t.reach.map((r) => r.bytes)).toEqual([256 << 10, 64 << 20, 6 << 20, 0]);
  });

  it('has no rates before any lookup', () => {
    expect(tlbSummary(stats(0, [0, 0], [0, 0], 0), null).l1HitRate).toBeNaN();
  });
});

describe('vmaRows', () => {
  it('sorts by address and spells flags as the kernel does', () => {
    const v = (name: string, start: number, thp: VmaInfo['thp']): VmaInfo => ({
      process: 0,
      name,
      start,
      end: start + (4 << 20),
      kind: 'anon',
      prot: 'rw',
      thp,
      residentBytes: 1 << 20,
      thpBytes: 2 << 20,
    });
    const rows = vmaRows([v('b', 0x2000_0000, 'nohugepage'), v('a', 0x1000_0000, 'hugepage')]);
    expect(rows.map((r) => [r.name, r.thpFlag, r.perms])).toEqual([
      ['a', 'VM_HUGEPAGE', 'rw-p'],
      ['b', 'VM_NOHUGEPAGE', 'rw-p'],
    ]);
    expect(rows[0]).toMatchObject({
      range: '[0x10000000, 0x10400000)',
      size: '4 MiB',
      residentFraction: 0.25,
      thpFraction: 0.5,
    });
  });
});

describe('legend and number formats', () => {
  it('puts at most four power-of-ten ticks on a log legend, always the top one', () => {
    expect(legendTicks({ mode: 'log', domain: [0.01, 1000] })).toEqual([0.1, 10, 1000]);
    expect(legendTicks({ mode: 'log', domain: [1, 100] })).toEqual([1, 10, 100]);
    expect(legendTicks({ mode: 'linear', domain: [0, 100] })).toEqual([0, 50, 100]);
  });

  it('formats times, counts, percentages and speeds', () => {
    expect(formatSeconds(12_345_678)).toBe('12.346 s');
    expect(formatCount(950)).toBe('950');
    expect(formatCount(1_340_000)).toBe('1.34 M');
    expect(formatPercent(0.9734)).toBe('97.3 %');
    expect(formatPercent(NaN)).toBe('–');
    expect(formatDensity(0.000123456)).toBe('0.000123');
    expect(formatSpeed(0)).toBe('max');
    expect(formatSpeed(250_000)).toBe('0.25×');
  });
});
