/**
 * Canvas marks both heatmap panels draw the same way: the hatching behind cells with no
 * data, the hover outline, and the scrub line across the time axis. Also where each panel's
 * last layout is kept, so keyboard scrubbing can move the hover to the scrubbed row.
 */
import type { HeatPanelId } from '../../../store';
import type { HeatLayout } from './heat-layout';

const NO_DATA_BG = '#fafaf8';
const NO_DATA_HATCH = '#e6e6e1';
export const HOVER_OUTLINE = '#1d4ed8';
const SCRUB_LINE = '#1f2430';

/** The layout each panel drew last (cssPx), by panel. */
export const panelLayouts: Partial<Record<HeatPanelId, HeatLayout>> = {};

const hatches = new WeakMap<CanvasRenderingContext2D, CanvasPattern | string>();

/** Light diagonal hatching where there is no data (nothing mapped yet, or before the run). */
export function noDataFill(ctx: CanvasRenderingContext2D): CanvasPattern | string {
  const cached = hatches.get(ctx);
  if (cached) return cached;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d');
  let fill: CanvasPattern | string = NO_DATA_BG;
  if (t) {
    t.fillStyle = NO_DATA_BG;
    t.fillRect(0, 0, 8, 8);
    t.strokeStyle = NO_DATA_HATCH;
    t.beginPath();
    t.moveTo(0, 8);
    t.lineTo(8, 0);
    t.stroke();
    fill = ctx.createPattern(tile, 'repeat') ?? NO_DATA_BG;
  }
  hatches.set(ctx, fill);
  return fill;
}

/** A 1 px outline around [x0, x1) × [y0, y1), drawn just outside it. */
export function outline(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  color = HOVER_OUTLINE,
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
): void {
  if (scrubUs === null || intervalUs <= 0) return;
  const { plot } = layout;
  const y = Math.round(layout.y(scrubUs / intervalUs)) + 0.5;
  if (y < plot.y || y > plot.y + plot.h) return;
  ctx.save();
  ctx.strokeStyle = SCRUB_LINE;
  ctx.globalAlpha = 0.7;
  ctx.setLineDash([4, 3]);
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(plot.x, y);
  ctx.lineTo(plot.x + plot.w, y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.fillStyle = SCRUB_LINE;
  ctx.beginPath();
  ctx.moveTo(plot.x - 1, y);
  ctx.lineTo(plot.x - 7, y - 4);
  ctx.lineTo(plot.x - 7, y + 4);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}
