/**
 * Canvas marks both heatmap panels draw the same way: the hatching behind cells with no
 * data, the hover outline, the scrub line across the time axis, the markers of hot ranges
 * drawn wider than they are, and the line where the rows' resolution changes. Also where each
 * panel's last layout is kept, so keyboard scrubbing can move the hover to the scrubbed row.
 */
import type { HeatPanelId } from '../../../store';
import type { HeatGrounds } from '../../canvas/colour-maps';
import type { HeatLayout } from './heat-layout';

/** The layout each panel drew last (cssPx), by panel. */
export const panelLayouts: Partial<Record<HeatPanelId, HeatLayout>> = {};

const hatches = new WeakMap<CanvasRenderingContext2D, Map<string, CanvasPattern | string>>();

/** Light diagonal hatching where there is no data (nothing mapped yet, or before the run). */
export function noDataFill(
  ctx: CanvasRenderingContext2D,
  grounds: Pick<HeatGrounds, 'noDataBg' | 'noDataHatch'>,
): CanvasPattern | string {
  const key = `${grounds.noDataBg} ${grounds.noDataHatch}`;
  let byKey = hatches.get(ctx);
  if (!byKey) hatches.set(ctx, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d');
  let fill: CanvasPattern | string = grounds.noDataBg;
  if (t) {
    t.fillStyle = grounds.noDataBg;
    t.fillRect(0, 0, 8, 8);
    t.strokeStyle = grounds.noDataHatch;
    t.beginPath();
    t.moveTo(0, 8);
    t.lineTo(8, 0);
    t.stroke();
    fill = ctx.createPattern(tile, 'repeat') ?? grounds.noDataBg;
  }
  byKey.set(key, fill);
  return fill;
}

/** A 1 px outline around [x0, x1) × [y0, y1), drawn just outside it. */
export function outline(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  color: string,
): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.strokeRect(x0 - 0.5, y0 - 0.5, x1 - x0 + 1, y1 - y0 + 1);
}

/**
 * The scrub position: a line across the plot at its time, with a small notch on the time
 * axis, so both panels show which moment the table and the tooltips are about.
 */
export function drawScrubLine(
  ctx: CanvasRenderingContext2D,
  layout: HeatLayout,
  scrubUs: number | null,
  intervalUs: number,
  ink: string,
): void {
  if (scrubUs === null || intervalUs <= 0) return;
  const { plot } = layout;
  const y = Math.round(layout.y(scrubUs / intervalUs)) + 0.5;
  if (y < plot.y || y > plot.y + plot.h) return;
  ctx.save();
  ctx.strokeStyle = ink;
  ctx.globalAlpha = 0.7;
  ctx.setLineDash([4, 3]);
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(plot.x, y);
  ctx.lineTo(plot.x + plot.w, y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.fillStyle = ink;
  ctx.beginPath();
  ctx.moveTo(plot.x - 1, y);
  ctx.lineTo(plot.x - 7, y - 4);
  ctx.lineTo(plot.x - 7, y + 4);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

/**
 * Markers of hot ranges drawn wider than they are (heat-raster's minimum-width rule): a small
 * triangle above and below the plot at each range's true position (cssPx), so a range too
 * narrow to see at this zoom is pointed at, and the widened strip is not taken for its size.
 */
export function drawNarrowMarkers(
  ctx: CanvasRenderingContext2D,
  layout: HeatLayout,
  xs: Iterable<number>,
  ink: string,
): void {
  const { plot } = layout;
  ctx.save();
  ctx.fillStyle = ink;
  for (const x of xs) {
    if (x < plot.x || x > plot.x + plot.w) continue;
    ctx.beginPath();
    ctx.moveTo(x, plot.y - 1);
    ctx.lineTo(x - 4, plot.y - 7);
    ctx.lineTo(x + 4, plot.y - 7);
    ctx.closePath();
    ctx.moveTo(x, plot.y + plot.h + 1);
    ctx.lineTo(x - 4, plot.y + plot.h + 7);
    ctx.lineTo(x + 4, plot.y + plot.h + 7);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

/**
 * Where the rows' columns change (rows recorded at another zoom): a dotted line across the
 * plot and a notch on its right edge, at each such row's top (cssPx).
 */
export function drawResolutionChanges(
  ctx: CanvasRenderingContext2D,
  layout: HeatLayout,
  ys: readonly number[],
  ink: string,
): void {
  const { plot } = layout;
  ctx.save();
  ctx.strokeStyle = ink;
  ctx.fillStyle = ink;
  ctx.lineWidth = 1;
  for (const y0 of ys) {
    const y = Math.round(y0) + 0.5;
    if (y < plot.y || y > plot.y + plot.h) continue;
    ctx.globalAlpha = 0.5;
    ctx.setLineDash([1, 3]);
    ctx.beginPath();
    ctx.moveTo(plot.x, y);
    ctx.lineTo(plot.x + plot.w, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    ctx.beginPath();
    ctx.moveTo(plot.x + plot.w + 1, y);
    ctx.lineTo(plot.x + plot.w + 7, y - 4);
    ctx.lineTo(plot.x + plot.w + 7, y + 4);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}
