/**
 * From addresses to the heatmap's address columns and back, over the AddressAxis (VMAs laid
 * side by side, the gaps between them collapsed). Pure; used for labels, ticks and tooltips.
 */
import type { AddressAxis, AxisSegment, VmaInfo } from '../../../engine/report';

/** [start, end) of column `col` and its process, from the axis' flat colRanges. */
export function columnRange(
  axis: AddressAxis,
  col: number,
): { start: number; end: number; process: number } | null {
  if (col < 0 || col >= axis.columns) return null;
  const r = axis.colRanges;
  return { start: r[col * 3]!, end: r[col * 3 + 1]!, process: r[col * 3 + 2]! };
}

/** Fractional column of an address inside a segment (linear within it). */
export function segmentCol(seg: AxisSegment, addr: number): number {
  return seg.col0 + ((addr - seg.start) / (seg.end - seg.start)) * (seg.col1 - seg.col0);
}

export interface VmaColumns {
  vma: VmaInfo;
  col0: number;
  col1: number;
}

/** Where each VMA lies on the axis (fractional columns); VMAs outside every segment are left out. */
export function vmaColumns(axis: AddressAxis, vmas: readonly VmaInfo[]): VmaColumns[] {
  const out: VmaColumns[] = [];
  for (const vma of vmas) {
    const seg = axis.segments.find(
      (s) => s.process === vma.process && vma.start >= s.start && vma.end <= s.end,
    );
    if (seg) out.push({ vma, col0: segmentCol(seg, vma.start), col1: segmentCol(seg, vma.end) });
  }
  return out;
}

/** The VMA that contains `addr` in `process`, if any. */
export function vmaAt(vmas: readonly VmaInfo[], process: number, addr: number): VmaInfo | null {
  return vmas.find((v) => v.process === process && addr >= v.start && addr < v.end) ?? null;
}

/** Columns where a collapsed gap lies (the first column of every segment but the first). */
export function gapColumns(axis: AddressAxis): number[] {
  return axis.segments.filter((s) => s.col0 > 0).map((s) => s.col0);
}
