import { describe, expect, it } from 'vitest';
import type { AddressAxis, VmaInfo } from '../../src/engine/report';
import {
  columnRange,
  gapColumns,
  vmaAt,
  vmaColumns,
} from '../../src/ui/views/heatmap/address-columns';
import { timeScale } from '../../src/ui/views/heatmap/heat-axes';
import { heatLayout, HEAT_MARGIN } from '../../src/ui/views/heatmap/heat-layout';

const MiB = 1 << 20;
//   a: [0x10000000, +16M)  ·gap·  b: [0x40000000, +48M)      (columns 0..4 | 4..16)
const axis: AddressAxis = {
  columns: 16,
  segments: [
    { process: 0, start: 0x1000_0000, end: 0x1000_0000 + 16 * MiB, col0: 0, col1: 4 },
    { process: 0, start: 0x4000_0000, end: 0x4000_0000 + 48 * MiB, col0: 4, col1: 16 },
  ],
  colRanges: Float64Array.from({ length: 16 * 3 }, (_, i) => {
    const col = Math.floor(i / 3);
    const base = col < 4 ? 0x1000_0000 + col * 4 * MiB : 0x4000_0000 + (col - 4) * 4 * MiB;
    return [base, base + 4 * MiB, 0][i % 3]!;
  }),
};
const vma = (name: string, start: number, size: number): VmaInfo => ({
  process: 0,
  name,
  start,
  end: start + size,
  kind: 'anon',
  prot: 'rw',
  thp: 'none',
  residentBytes: 0,
  thpBytes: 0,
});
const vmas = [
  vma('a', 0x1000_0000, 16 * MiB),
  vma('b1', 0x4000_0000, 8 * MiB),
  vma('b2', 0x4080_0000, 40 * MiB),
];

describe('address columns', () => {
  it('reads a column range', () => {
    expect(columnRange(axis, 5)).toEqual({ start: 0x4040_0000, end: 0x4080_0000, process: 0 });
    expect(columnRange(axis, 16)).toBeNull();
  });

  it('places VMAs on the axis, several per segment', () => {
    expect(vmaColumns(axis, vmas).map((v) => [v.vma.name, v.col0, v.col1])).toEqual([
      ['a', 0, 4],
      ['b1', 4, 6],
      ['b2', 6, 16],
    ]);
  });

  it('finds the VMA of an address and the gap columns', () => {
    expect(vmaAt(vmas, 0, 0x4090_0000)?.name).toBe('b2');
    expect(vmaAt(vmas, 0, 0x2000_0000)).toBeNull();
    expect(gapColumns(axis)).toEqual([4]);
  });
});

describe('time axis', () => {
  const layout = heatLayout(160 + HEAT_MARGIN.left + HEAT_MARGIN.right, 200, [2, 16], [0, 10]);

  it('labels time in seconds', () => {
    expect(timeScale(layout, 100_000).domain()).toEqual([0, 1]);
  });
});
