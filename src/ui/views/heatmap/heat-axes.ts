/**
 * The heatmap's axes, drawn with d3 into an SVG laid over the canvas: time (seconds) on the
 * left, address ticks below (offsets inside each VMA span, since the gaps between spans are
 * collapsed), VMA names and their start addresses above, and a thin marker at every gap.
 * Scale construction is pure (segmentScales, timeScale); renderHeatAxes touches the DOM.
 */
import { axisBottom, axisLeft, scaleLinear, select, type ScaleLinear } from 'd3';
import type { AddressAxis, AxisSegment } from '../../../engine/report';
import { KiB, MiB } from '../../../scenario/units';
import { hex } from '../../format';
import type { VmaColumns } from './address-columns';
import { gapColumns } from './address-columns';
import type { HeatLayout } from './heat-layout';

export interface SegmentScale {
  seg: AxisSegment;
  /** offset inside the segment, in `unit`s → cssPx, over the segment's visible part */
  scale: ScaleLinear<number, number>;
  unit: 'MiB' | 'KiB';
}

/** One linear scale per segment that is visible in the layout's column window. */
export function segmentScales(axis: AddressAxis, layout: HeatLayout): SegmentScale[] {
  const [c0, c1] = layout.cols;
  const out: SegmentScale[] = [];
  for (const seg of axis.segments) {
    const lo = Math.max(c0, seg.col0);
    const hi = Math.min(c1, seg.col1);
    if (hi <= lo) continue;
    const bytesPerCol = (seg.end - seg.start) / (seg.col1 - seg.col0);
    const unit = seg.end - seg.start >= 4 * MiB ? 'MiB' : 'KiB';
    const per = unit === 'MiB' ? MiB : KiB;
    const scale = scaleLinear()
      .domain([((lo - seg.col0) * bytesPerCol) / per, ((hi - seg.col0) * bytesPerCol) / per])
      .range([layout.x(lo), layout.x(hi)]);
    out.push({ seg, scale, unit });
  }
  return out;
}

/** Room a tick label needs (cssPx); segments narrower than this get no ticks. */
const TICK_ROOM_PX = 44;

/**
 * Tick values for one segment: about one per 80 px, none close to the segment's right end
 * unless it is the last one, where the next segment's "+0" would collide with it.
 */
export function segmentTicks(scale: ScaleLinear<number, number>, isLast: boolean): number[] {
  const [x0, x1] = scale.range() as [number, number];
  if (x1 - x0 < TICK_ROOM_PX) return [];
  const ticks = scale.ticks(Math.max(1, Math.floor((x1 - x0) / 80)));
  return isLast ? ticks : ticks.filter((v) => scale(v) <= x1 - TICK_ROOM_PX);
}

/** Rows → seconds of simulated time, on the layout's vertical range. */
export function timeScale(layout: HeatLayout, intervalUs: number): ScaleLinear<number, number> {
  const [r0, r1] = layout.rows;
  return scaleLinear()
    .domain([(r0 * intervalUs) / 1e6, (r1 * intervalUs) / 1e6])
    .range(layout.y.range());
}

const formatOffset = (unit: string) => (v: number | { valueOf(): number }) => {
  const n = Number(v);
  return n === 0 ? '+0' : `+${Number(n.toPrecision(4))}${unit === 'MiB' ? 'M' : 'K'}`;
};

/** Everything the axes depend on besides the VMAs: equal keys draw identical axes. */
export function axesKey(
  width: number,
  height: number,
  layout: HeatLayout,
  intervalUs: number,
): string {
  return `${width}x${height} ${layout.cols.join()} ${layout.rows.join()} ${intervalUs}`;
}

/** Draw (or redraw) every axis into `svg`, sized to the canvas it lies over. */
export function renderHeatAxes(
  svg: SVGSVGElement,
  layout: HeatLayout,
  axis: AddressAxis | null,
  vmaCols: readonly VmaColumns[],
  intervalUs: number,
): void {
  const root = select(svg);
  const { plot } = layout;
  const group = (cls: string) =>
    root.selectAll<SVGGElement, null>(`g.${cls}`).data([null]).join('g').attr('class', cls);

  const time = timeScale(layout, intervalUs);
  group('time-axis')
    .attr('transform', `translate(${plot.x},0)`)
    .call(
      axisLeft(time)
        .ticks(Math.max(2, Math.floor(plot.h / 56)))
        .tickFormat((s) => `${s} s`),
    );

  group('time-title')
    .selectAll('text')
    .data([null])
    .join('text')
    .attr('x', plot.x - 8)
    .attr('y', plot.y - 10)
    .attr('text-anchor', 'end')
    .text('time ↓');

  const scales = axis ? segmentScales(axis, layout) : [];
  group('address-axis')
    .attr('transform', `translate(0,${plot.y + plot.h})`)
    .selectAll<SVGGElement, SegmentScale>('g.segment')
    .data(scales, (d) => `${d.seg.process}:${d.seg.start}`)
    .join('g')
    .attr('class', 'segment')
    .each(function (d, i) {
      const last = i === scales.length - 1;
      select(this).call(
        axisBottom(d.scale)
          .tickValues(segmentTicks(d.scale, last))
          .tickFormat(formatOffset(d.unit))
          .tickSizeOuter(0),
      );
    });

  const visible = vmaCols.filter((v) => v.col1 > layout.cols[0] && v.col0 < layout.cols[1]);
  group('vma-labels')
    .selectAll<SVGTextElement, VmaColumns>('text')
    .data(visible, (d) => `${d.vma.process}:${d.vma.name}:${d.vma.start}`)
    .join('text')
    .attr('x', (d) =>
      layout.x((Math.max(d.col0, layout.cols[0]) + Math.min(d.col1, layout.cols[1])) / 2),
    )
    .attr('y', plot.y - 10)
    .attr('text-anchor', 'middle')
    .text((d) =>
      vmaLabel(
        d,
        layout.x(Math.min(d.col1, layout.cols[1])) - layout.x(Math.max(d.col0, layout.cols[0])),
      ),
    );

  const gaps = axis ? gapColumns(axis).filter((c) => c > layout.cols[0] && c < layout.cols[1]) : [];
  group('gap-markers')
    .selectAll<SVGLineElement, number>('line')
    .data(gaps)
    .join('line')
    .attr('x1', (c) => layout.x(c))
    .attr('x2', (c) => layout.x(c))
    .attr('y1', plot.y - 4)
    .attr('y2', plot.y + plot.h + 4);
}

/** The name, and the start address when there is room for it. */
function vmaLabel(d: VmaColumns, widthPx: number): string {
  const long = `${d.vma.name} · ${hex(d.vma.start)}`;
  if (widthPx > long.length * 6.5) return long;
  return widthPx > d.vma.name.length * 6.5 ? d.vma.name : '';
}
