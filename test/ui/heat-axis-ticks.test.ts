/** The address axis: absolute hex at VMA starts and at power-of-two boundaries, IEC offsets. */
import { describe, expect, it } from 'vitest';
import type { AddressAxis, VmaInfo } from '../../src/engine/report';
import { vmaColumns } from '../../src/ui/views/heatmap/address-columns';
import {
  addressTicks,
  niceStep,
  TICK_ROOM_PX,
  vmaBand,
  vmaFacts,
} from '../../src/ui/views/heatmap/address-ticks';
import { heatLayout, HEAT_MARGIN } from '../../src/ui/views/heatmap/heat-layout';

const KiB = 1024;
const MiB = 1 << 20;
/*
 * thpsparse's process, gaps collapsed:
 *
 *   heap [0x7f0010000000, +136 KiB) | nothp [0x7f648fe00000, +256 MiB) | 2 MiB gap |
 *   thp [0x7f64a0000000, +256 MiB)
 *   columns: heap 1 | nothp 255 | thp 256
 */
const HEAP = 0x7f00_1000_0000;
const NOTHP = 0x7f64_8fe0_0000;
const THP = 0x7f64_a000_0000;
const segments = [
  { process: 0, start: HEAP, end: HEAP + 136 * KiB, col0: 0, col1: 1 },
  { process: 0, start: NOTHP, end: NOTHP + 256 * MiB, col0: 1, col1: 256 },
  { process: 0, start: THP, end: THP + 256 * MiB, col0: 256, col1: 512 },
];
const axis = { columns: 512, segments, colRanges: new Float64Array(0) } as AddressAxis;
const vma = (name: string, start: number, size: number, thpBytes = 0): VmaInfo => ({
  process: 0,
  name,
  start,
  end: start + size,
  kind: 'anon',
  prot: 'rw',
  thp: thpBytes > 0 ? 'hugepage' : 'none',
  residentBytes: size,
  thpBytes,
});
const vmas = [
  vma('heap', HEAP, 136 * KiB),
  vma('nothp', NOTHP, 256 * MiB),
  vma('thp', THP, 256 * MiB, 256 * MiB),
];
const cols = vmaColumns(axis, vmas);
const plotW = 800;
const layoutOf = (c0: number, c1: number) =>
  heatLayout(plotW + HEAT_MARGIN.left + HEAT_MARGIN.right, 300, [c0, c1], [0, 10]);

describe('address ticks', () => {
  it('labels VMA starts in hex, the larger VMA winning where two would collide', () => {
    const ticks = addressTicks(axis.segments, cols, layoutOf(0, 512));
    const starts = ticks.filter((t) => t.kind === 'vma').map((t) => t.label);
    expect(starts).toEqual(['0x7f648fe00000', '0x7f64a0000000']); // heap is 1.6 px from nothp
    expect(ticks.every((t) => /^0x[0-9a-f]+$/.test(t.label))).toBe(true);
  });

  it('puts nice ticks on power-of-two boundaries with the offset into the VMA in IEC units', () => {
    const ticks = addressTicks(axis.segments, cols, layoutOf(0, 512)).filter(
      (t) => t.kind === 'nice',
    );
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) {
      const step = niceStep(TICK_ROOM_PX * ((256 * MiB) / 256 / (plotW / 512)));
      expect(t.addr % step).toBe(0);
      expect(t.sub).toMatch(/^\+\d+(\.\d+)? (KiB|MiB|GiB)$/);
    }
    expect(ticks.map((t) => t.sub)).toContain('+130 MiB'); // 0x7f6498000000 − nothp's start
  });

  it('zoomed to 4 MiB, ticks fall on page-or-larger boundaries in KiB or MiB', () => {
    // 4 MiB of thp: columns 256 .. 260 (1 MiB per column)
    const ticks = addressTicks(axis.segments, cols, layoutOf(257, 261));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks.filter((t) => t.kind === 'nice')) {
      expect(t.addr % 4096).toBe(0);
      expect(t.sub).toMatch(/^\+\d+(\.\d+)? (KiB|MiB)$/);
    }
  });

  it('never lets two labels overlap, and keeps them inside the plot', () => {
    for (const [c0, c1] of [
      [0, 512],
      [200, 300],
      [250, 262],
    ] as const) {
      const layout = layoutOf(c0, c1);
      const ticks = addressTicks(axis.segments, cols, layout);
      const w = TICK_ROOM_PX - 10;
      const ext = ticks.map((t) =>
        t.anchor === 'start'
          ? [t.x, t.x + w]
          : t.anchor === 'end'
            ? [t.x - w, t.x]
            : [t.x - w / 2, t.x + w / 2],
      );
      for (let i = 1; i < ext.length; i++) expect(ext[i]![0]).toBeGreaterThan(ext[i - 1]![1]!);
      for (const [l, r] of ext) {
        expect(l).toBeGreaterThanOrEqual(layout.plot.x - 1);
        expect(r).toBeLessThanOrEqual(layout.plot.x + layout.plot.w + 1);
      }
    }
  });

  it('has steps of whole pages and powers of two', () => {
    expect(niceStep(1)).toBe(4096);
    expect(niceStep(3 * MiB)).toBe(4 * MiB);
    expect(niceStep(2 ** 40)).toBe(2 ** 40);
  });
});

describe('the VMA band', () => {
  it('names each VMA with its size and THP share when there is room', () => {
    const band = vmaBand(cols, layoutOf(0, 512));
    expect(band.map((b) => b.label)).toEqual(['', 'nothp · 256 MiB', 'thp · 256 MiB · THP 100 %']);
    expect(vmaFacts(vmas[0]!)).toBe('136 KiB');
  });

  it('falls back to the name, then to nothing, as the VMA narrows', () => {
    const narrow = heatLayout(200 + HEAT_MARGIN.left + HEAT_MARGIN.right, 300, [0, 512], [0, 10]);
    expect(vmaBand(cols, narrow).map((b) => b.label)).toEqual(['', 'nothp', 'thp']);
  });
});
