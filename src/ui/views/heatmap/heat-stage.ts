/**
 * The stage of a heat panel: a canvas in device pixels under an SVG for the axes. The ground
 * truth and DAMON's panel both draw on one, so the two line up to the pixel: same sizing, same
 * "no data" ground, same axes, same triggers for a redraw.
 */
import type { AddressAxis } from '../../../engine/report';
import { useAppStore, type AppState } from '../../../store';
import type { CellImage } from '../../canvas/cell-image';
import type { HeatGrounds } from '../../canvas/colour-maps';
import { vmaColumns } from './address-columns';
import { axesKey, renderHeatAxes } from './heat-axes';
import { heatLayout, visibleSpans, type HeatLayout } from './heat-layout';
import { noDataFill } from './heat-marks';

/** What every heat panel's draw reads from the store: a change to any of them redraws it. */
export const HEAT_STATE_KEYS = [
  'heatZoom',
  'heatScale',
  'hover',
  'vmas',
  'scrubUs',
  'truthMeasure',
  'legendFit',
  'heatPalette',
  'truthByNode',
  'hoverPinned',
  'theme',
] as const satisfies readonly (keyof AppState)[];

/** Calls `redraw` when any of `keys` changes in the store; returns the unsubscribe. */
export function watchStore(keys: readonly (keyof AppState)[], redraw: () => void): () => void {
  return useAppStore.subscribe((s, prev) => {
    if (keys.some((k) => s[k] !== prev[k])) redraw();
  });
}

/** The rows a panel's time axis spans: the truth's grid, which both panels share. */
interface StageRows {
  readonly columns: number;
  readonly endRow: number;
  readonly capacity: number;
}

export interface StageDraw {
  /** Set up in cssPx. */
  ctx: CanvasRenderingContext2D;
  layout: HeatLayout;
  /** Device pixels per cssPx. */
  dpr: number;
}

/**
 * Stretches an image of whole rows [row0, row0 + image rows), one image row each and one image
 * column per device pixel of the plot, over the plot so that the zoom's rows fill it exactly:
 * the image holds whole rows, the zoom may cut into them.
 */
export function blitRows(
  ctx: CanvasRenderingContext2D,
  image: CellImage,
  layout: HeatLayout,
  row0: number,
  widthPx: number,
): void {
  const { rows, plot } = layout;
  image.blit(ctx, 0, rows[0] - row0, widthPx, rows[1] - rows[0], plot.x, plot.y, plot.w, plot.h);
}

export class HeatStage {
  private size = { width: 0, height: 0 };
  /** What the axes were last drawn for: they are redrawn only when it changes. */
  private axesKey = '';
  private axesVmas: unknown = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly svg: SVGSVGElement,
  ) {}

  resize(width: number, height: number): void {
    this.size = { width, height };
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.svg.setAttribute('width', String(width));
    this.svg.setAttribute('height', String(height));
  }

  /**
   * Starts a draw of the cells the zoom shows: clears the canvas and fills the plot as "no
   * data", so what a panel draws next is only what it has. Null while there is no room.
   */
  begin(zoom: AppState['heatZoom'], rows: StageRows, grounds: HeatGrounds): StageDraw | null {
    const { width, height } = this.size;
    const ctx = this.canvas.getContext('2d');
    if (!ctx || width === 0 || height === 0) return null;
    const spans = visibleSpans(zoom, rows.columns, rows.endRow, rows.capacity);
    const layout = heatLayout(width, height, spans.cols, spans.rows);
    const { plot } = layout;
    const dpr = this.canvas.width / width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = noDataFill(ctx, grounds);
    ctx.fillRect(plot.x, plot.y, plot.w, plot.h);
    return { ctx, layout, dpr };
  }

  /** Redraws the SVG axes, but only when the layout, the row interval or the VMAs changed. */
  axes(
    layout: HeatLayout,
    axis: AddressAxis | null,
    vmas: AppState['vmas'],
    intervalUs: number,
  ): void {
    const key = axesKey(this.size.width, this.size.height, layout, intervalUs);
    if (key === this.axesKey && vmas === this.axesVmas) return;
    this.axesKey = key;
    this.axesVmas = vmas;
    const vmaCols = axis ? vmaColumns(axis, vmas) : [];
    renderHeatAxes(this.svg, layout, axis, vmaCols, intervalUs);
  }
}
