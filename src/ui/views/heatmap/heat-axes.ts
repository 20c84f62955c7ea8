/**
 * The heatmap's axes, drawn with d3 into an SVG laid over the canvas: time (seconds) on the
 * left; absolute addresses below (hex at VMA starts and at power-of-two boundaries, with the
 * offset into the VMA in IEC units; address-ticks.ts); the VMA band above (name, size, THP
 * share); and a dashed marker at every collapsed gap between mapped spans. Tick and band
 * placement is pure (address-ticks.ts, timeScale); renderHeatAxes touches the DOM.
 */
import { axisLeft, scaleLinear, select, type ScaleLinear } from 'd3';
import type { AddressAxis } from '../../../engine/report';
import type { VmaColumns } from './address-columns';
import { gapColumns } from './address-columns';
import {
  addressTicks,
  vmaBand,
  vmaFacts,
  type AddressTick,
  type VmaBandItem,
} from './address-ticks';
import type { HeatLayout } from './heat-layout';

/** Rows → seconds of simulated time, on the layout's vertical range. */
export function timeScale(layout: HeatLayout, intervalUs: number): ScaleLinear<number, number> {
  const [r0, r1] = layout.rows;
  return scaleLinear()
    .domain([(r0 * intervalUs) / 1e6, (r1 * intervalUs) / 1e6])
    .range(layout.y.range());
}

/** Everything the axes depend on besides the VMAs: equal keys draw identical axes. */
export function axesKey(
  width: number,
  height: number,
  layout: HeatLayout,
  intervalUs: number,
): string {
  return `${width}x${height} ${layout.cols.join()} ${layout.rows.join()} ${intervalUs}`;
}

/** The VMA band: its top and height above the plot (cssPx). */
export const BAND = { above: 25, height: 15 } as const;

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

  const ticks = axis ? addressTicks(axis.segments, vmaCols, layout) : [];
  const bottom = plot.y + plot.h;
  group('address-axis')
    .selectAll<SVGGElement, AddressTick>('g.tick')
    .data(ticks, (d) => `${d.kind}:${d.addr}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'tick');
      g.append('line');
      g.append('text').attr('class', 'tick-hex');
      g.append('text').attr('class', 'tick-sub');
      return g;
    })
    .attr('data-kind', (d) => d.kind)
    .attr('transform', (d) => `translate(${d.x},${bottom})`)
    .each(function (d) {
      const g = select(this);
      g.select('line')
        .attr('y1', 0)
        .attr('y2', d.kind === 'vma' ? 8 : 5);
      g.select('text.tick-hex').attr('y', 18).attr('text-anchor', d.anchor).text(d.label);
      g.select('text.tick-sub').attr('y', 30).attr('text-anchor', d.anchor).text(d.sub);
    });

  const band = vmaBand(vmaCols, layout);
  group('vma-labels')
    .selectAll<SVGGElement, VmaBandItem>('g.vma')
    .data(band, (d) => `${d.vma.process}:${d.vma.name}:${d.vma.start}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'vma');
      g.append('rect');
      g.append('text');
      g.append('title');
      return g;
    })
    .classed('thp', (d) => d.vma.thpBytes > 0)
    .each(function (d) {
      const g = select(this);
      g.select('rect')
        .attr('x', d.x0 + 0.5)
        .attr('y', plot.y - BAND.above)
        .attr('width', Math.max(1, d.x1 - d.x0 - 1))
        .attr('height', BAND.height)
        .attr('rx', 2);
      g.select('text')
        .attr('x', (d.x0 + d.x1) / 2)
        .attr('y', plot.y - BAND.above + BAND.height - 4)
        .attr('text-anchor', 'middle')
        .text(d.label);
      g.select('title').text(`${d.vma.name} · ${vmaFacts(d.vma)}`);
    });

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
