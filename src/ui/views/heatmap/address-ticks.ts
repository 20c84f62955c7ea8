/**
 * Where the address axis is labelled, as pure functions of the axis, the VMAs and the layout:
 * absolute hex addresses at VMA starts and at "nice" boundaries (multiples of a power of two,
 * so at 2 MiB, 64 MiB, 1 GiB … as the zoom allows), each nice one with its offset into its VMA
 * in IEC units; and the VMA band above the plot, each VMA with its name, size and THP share.
 */
import type { AxisSegment, VmaInfo } from '../../../engine/report';
import { formatBytes, hex } from '../../format';
import { segmentCol, type VmaColumns } from './address-columns';
import type { HeatLayout } from './heat-layout';

const PAGE_SIZE = 4096;

export interface AddressTick {
  /** cssPx */
  x: number;
  addr: number;
  /** The absolute address, hex. */
  label: string;
  /** The offset into its VMA (`+64 MiB`), empty at a VMA's start or outside VMAs. */
  sub: string;
  kind: 'vma' | 'nice';
  anchor: 'start' | 'middle' | 'end';
}

/** Room a hex label needs (cssPx, 10.5 px monospace, 14 characters) plus a gap. */
export const TICK_ROOM_PX = 104;
/** The least gap between two labels (cssPx). */
const LABEL_GAP_PX = 10;

/** The smallest power of two bytes (at least a page) that is at least `bytes`. */
export function niceStep(bytes: number): number {
  let step = PAGE_SIZE;
  while (step < bytes) step *= 2;
  return step;
}

/** The part of `seg` visible in the layout's column window, as addresses; null if none. */
function visiblePart(seg: AxisSegment, layout: HeatLayout): { lo: number; hi: number } | null {
  const c0 = Math.max(layout.cols[0], seg.col0);
  const c1 = Math.min(layout.cols[1], seg.col1);
  if (!(c1 > c0)) return null;
  const bytesPerCol = (seg.end - seg.start) / (seg.col1 - seg.col0);
  return {
    lo: seg.start + (c0 - seg.col0) * bytesPerCol,
    hi: seg.start + (c1 - seg.col0) * bytesPerCol,
  };
}

/**
 * The ticks of the address axis. VMA starts come first (larger VMAs win where two would
 * collide); nice boundaries fill the room between them, one step for the whole view, chosen
 * so that labels are at least `room` px apart in the densest visible segment.
 */
export function addressTicks(
  segments: readonly AxisSegment[],
  vmaCols: readonly VmaColumns[],
  layout: HeatLayout,
  room = TICK_ROOM_PX,
): AddressTick[] {
  const { plot } = layout;
  const accepted: AddressTick[] = [];
  const label = room - LABEL_GAP_PX;
  /** A VMA's start reads rightwards from its tick; a nice tick is centred; both stay inside. */
  const anchor = (x: number, kind: AddressTick['kind'] = 'nice'): AddressTick['anchor'] => {
    const half = kind === 'vma' ? 0 : label / 2;
    if (x + label - half > plot.x + plot.w) return 'end';
    return kind === 'vma' || x - half < plot.x ? 'start' : 'middle';
  };
  /** [left, right) of a label at x (cssPx), by its anchor. */
  const extent = (x: number, a: AddressTick['anchor']): [number, number] =>
    a === 'start' ? [x, x + label] : a === 'end' ? [x - label, x] : [x - label / 2, x + label / 2];
  const fits = (x: number, kind: AddressTick['kind']) => {
    const [l, r] = extent(x, anchor(x, kind));
    return accepted.every((t) => {
      const [tl, tr] = extent(t.x, t.anchor);
      return r + LABEL_GAP_PX <= tl || tr + LABEL_GAP_PX <= l;
    });
  };
  const inView = (x: number) => x >= plot.x - 0.5 && x <= plot.x + plot.w + 0.5;

  const bySize = [...vmaCols].sort((a, b) => b.vma.end - b.vma.start - (a.vma.end - a.vma.start));
  for (const { vma, col0 } of bySize) {
    const x = layout.x(col0);
    if (!inView(x) || !fits(x, 'vma')) continue;
    accepted.push({
      x,
      addr: vma.start,
      label: hex(vma.start),
      sub: '',
      kind: 'vma',
      anchor: anchor(x, 'vma'),
    });
  }

  let bytesPerPx = 0;
  const parts: { seg: AxisSegment; lo: number; hi: number }[] = [];
  for (const seg of segments) {
    const part = visiblePart(seg, layout);
    if (!part) continue;
    parts.push({ seg, ...part });
    const bpc = (seg.end - seg.start) / (seg.col1 - seg.col0);
    const pxPerCol = layout.x(1) - layout.x(0);
    bytesPerPx = Math.max(bytesPerPx, bpc / pxPerCol);
  }
  if (bytesPerPx > 0) {
    const step = niceStep(room * bytesPerPx);
    for (const { seg, lo, hi } of parts) {
      for (let a = Math.ceil(lo / step) * step; a < hi; a += step) {
        const x = layout.x(segmentCol(seg, a));
        if (!inView(x) || !fits(x, 'nice')) continue;
        const vma = vmaCols.find(
          (v) => v.vma.process === seg.process && a >= v.vma.start && a < v.vma.end,
        )?.vma;
        const sub = vma && a > vma.start ? `+${formatBytes(a - vma.start)}` : '';
        accepted.push({ x, addr: a, label: hex(a), sub, kind: 'nice', anchor: anchor(x) });
      }
    }
  }
  return accepted.sort((a, b) => a.x - b.x);
}

export interface VmaBandItem {
  vma: VmaInfo;
  /** cssPx, clipped to the plot. */
  x0: number;
  x1: number;
  /** What fits: name · size · THP share, or the name, or nothing. */
  label: string;
}

/** A VMA's size and how much of it is THP-mapped: `256 MiB · THP 100 %`. */
export function vmaFacts(vma: VmaInfo): string {
  const size = formatBytes(vma.end - vma.start);
  if (vma.thpBytes <= 0) return size;
  return `${size} · THP ${Math.round((100 * vma.thpBytes) / (vma.end - vma.start))} %`;
}

/** Characters of 11–12 px text per cssPx, roughly. */
const CHAR_PX = 6.6;

/** The VMAs across the visible window, as the band above the plot draws them. */
export function vmaBand(vmaCols: readonly VmaColumns[], layout: HeatLayout): VmaBandItem[] {
  const [c0, c1] = layout.cols;
  const out: VmaBandItem[] = [];
  for (const v of vmaCols) {
    if (!(v.col1 > c0 && v.col0 < c1)) continue;
    const x0 = layout.x(Math.max(v.col0, c0));
    const x1 = layout.x(Math.min(v.col1, c1));
    const w = x1 - x0 - 6;
    const long = `${v.vma.name} · ${vmaFacts(v.vma)}`;
    const label =
      w > long.length * CHAR_PX ? long : w > v.vma.name.length * CHAR_PX ? v.vma.name : '';
    out.push({ vma: v.vma, x0, x1, label });
  }
  return out;
}
