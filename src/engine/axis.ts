/**
 * The heatmap's address axes. The base axis is the union of every range the scenario ever
 * maps, per process, with the gaps between them collapsed; each contiguous span gets columns in
 * proportion to its size (at least one), and it never changes during a run. A view axis covers
 * part of the base axis (what the user zoomed to) with as many columns, so new rows can be
 * binned finely down to one column per 4 KiB page.
 *
 * Columns are snapped: a column is 2^k pages wide and starts at a multiple of its width, so a
 * column never straddles a huge page once columns are 2 MiB or wider, and the pages of one 2 MiB
 * are never split unevenly:
 *
 *     span  [-----------------------------------------)
 *     cols  [   ][       ][       ][       ][       ][  )     8 pages wide, aligned to 8
 *           ^ cut at the span's start              ^ cut at its end
 */
import { PAGE_SIZE, type SimConfig } from './config';
import type { AddressAxis, AxisSegment } from './report';

interface Span {
  process: number;
  start: number;
  end: number;
}

/** The ranges a scenario ever maps, merged per process, in axis order. */
function mappedSpans(cfg: SimConfig): Span[] {
  const spans: Span[] = [];
  cfg.processes.forEach((p, pi) => {
    const ranges = p.vmas.map((v) => [v.start, v.start + v.size] as [number, number]);
    for (const ev of cfg.events)
      if (ev.op === 'mmap' && ev.process === pi)
        ranges.push([ev.vma.start, ev.vma.start + ev.vma.size]);
    ranges.sort((a, b) => a[0] - b[0]);
    for (const [s, e] of ranges) {
      const last = spans[spans.length - 1];
      if (last && last.process === pi && s <= last.end) last.end = Math.max(last.end, e);
      else spans.push({ process: pi, start: s, end: e });
    }
  });
  return spans;
}

export function buildAxis(cfg: SimConfig, columns: number): AddressAxis {
  return snappedAxis(mappedSpans(cfg), columns);
}

/**
 * An axis over base columns [col0, col1) (fractions allowed) with about `columns` columns,
 * snapped as in the file comment; a range of at most `columns` pages gets one column a page.
 */
export function buildViewAxis(
  base: AddressAxis,
  col0: number,
  col1: number,
  columns: number,
): AddressAxis {
  const cr = base.colRanges;
  const lo = Math.max(0, Math.min(base.columns, col0));
  const hi = Math.max(lo, Math.min(base.columns, col1));
  const at = (col: number): number => {
    const c = Math.min(base.columns - 1, Math.floor(col));
    const s = cr[c * 3]!;
    const e = cr[c * 3 + 1]!;
    return s + Math.round(((col - c) * (e - s)) / PAGE_SIZE) * PAGE_SIZE;
  };
  const spans: Span[] = [];
  for (const seg of base.segments) {
    const a = Math.max(lo, seg.col0);
    const b = Math.min(hi, seg.col1);
    if (a >= b) continue;
    const start = at(a);
    const end = b >= seg.col1 ? seg.end : at(b);
    if (end > start) spans.push({ process: seg.process, start, end });
  }
  if (spans.length === 0) return base;
  return snappedAxis(spans, columns);
}

/** Columns cutting [start, end) at multiples of `step` bytes. */
function columnsIn(start: number, end: number, step: number): number {
  return Math.ceil(end / step) - Math.floor(start / step);
}

/**
 * Columns of 2^k pages over `spans`: the narrowest width whose columns (cut at every span's
 * ends) number at most `columns`, or one column per span when even that does not fit.
 */
function snappedAxis(spans: Span[], columns: number): AddressAxis {
  let width = 1;
  const count = (w: number) =>
    spans.reduce((n, s) => n + columnsIn(s.start, s.end, w * PAGE_SIZE), 0);
  while (count(width) > Math.max(columns, spans.length) && width < 2 ** 28) width *= 2;
  const step = width * PAGE_SIZE;
  const segments: AxisSegment[] = [];
  const ranges: number[] = [];
  for (const s of spans) {
    const col0 = ranges.length / 3;
    for (let a = s.start; a < s.end;) {
      const next = Math.min(s.end, (Math.floor(a / step) + 1) * step);
      ranges.push(a, next, s.process);
      a = next;
    }
    segments.push({
      process: s.process,
      start: s.start,
      end: s.end,
      col0,
      col1: ranges.length / 3,
    });
  }
  return { columns: ranges.length / 3, segments, colRanges: Float64Array.from(ranges) };
}
