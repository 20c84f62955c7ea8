/**
 * Draws one heatmap panel: the canvas (cells through the pure pipeline) and the SVG axes. Owns
 * no React state; the panel calls draw() from its frame scheduler. Reads the zoom, colour mode,
 * hover and VMAs from the store at draw time.
 */
import { useAppStore, type HeatScaleMode } from '../../../store';
import { vmaColumns } from './address-columns';
import { renderHeatAxes } from './heat-axes';
import { heatLayout, visibleSpans, type HeatLayout } from './heat-layout';
import { colorize, colorLut, heatDomain, rampPosition, windowCells } from './heat-pipeline';
import type { HeatSource } from './heat-source';

export interface LegendState {
  mode: HeatScaleMode;
  domain: [number, number];
}

const NO_DATA_BG = '#fafaf8';
const NO_DATA_HATCH = '#e6e6e1';
const HOVER_OUTLINE = '#1d4ed8';

export class HeatRenderer {
  /** The layout of the last draw, for pointer → cell mapping. */
  layout: HeatLayout | null = null;
  private readonly lut = colorLut();
  private readonly cells = document.createElement('canvas');
  private rgba = new Uint8ClampedArray(0);
  private hatch: CanvasPattern | null = null;
  private legend: LegendState | null = null;
  private size = { width: 0, height: 0 };

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly svg: SVGSVGElement,
    private readonly source: HeatSource,
    private readonly onLegend: (legend: LegendState) => void,
  ) {}

  resize(width: number, height: number): void {
    this.size = { width, height };
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.svg.setAttribute('width', String(width));
    this.svg.setAttribute('height', String(height));
  }

  draw(): void {
    const { width, height } = this.size;
    const ctx = this.canvas.getContext('2d');
    if (!ctx || width === 0 || height === 0) return;
    const state = useAppStore.getState();
    const rows = this.source.rows;
    const spans = visibleSpans(state.heatZoom, rows.columns, rows.endRow, rows.capacity);
    const layout = heatLayout(width, height, spans.cols, spans.rows);
    this.layout = layout;
    const { plot } = layout;

    const dpr = this.canvas.width / width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = this.noDataFill(ctx);
    ctx.fillRect(plot.x, plot.y, plot.w, plot.h);
    if (rows.columns > 0) this.drawCells(ctx, layout, state.heatScale);

    const hover = state.hover;
    if (hover && hover.col >= spans.cols[0] && hover.col < spans.cols[1]) {
      ctx.strokeStyle = HOVER_OUTLINE;
      ctx.lineWidth = 1;
      const x0 = layout.x(hover.col);
      const y0 = layout.y(hover.row);
      ctx.strokeRect(
        x0 - 0.5,
        y0 - 0.5,
        layout.x(hover.col + 1) - x0 + 1,
        layout.y(hover.row + 1) - y0 + 1,
      );
    }

    const axis = this.source.axis();
    const vmaCols = axis ? vmaColumns(axis, state.vmas) : [];
    renderHeatAxes(this.svg, layout, axis, vmaCols, rows.intervalUs);
  }

  private drawCells(ctx: CanvasRenderingContext2D, layout: HeatLayout, mode: HeatScaleMode): void {
    const { cols, rows, plot } = layout;
    const win = windowCells(this.source.rows, cols, rows);
    const domain = heatDomain(win.values, mode);
    this.reportLegend(mode, domain);
    if (win.cols === 0 || win.rows === 0) return;
    const n = win.cols * win.rows * 4;
    if (this.rgba.length !== n) this.rgba = new Uint8ClampedArray(new ArrayBuffer(n));
    colorize(win, rampPosition(mode, domain), this.lut, this.rgba);
    if (this.cells.width !== win.cols || this.cells.height !== win.rows) {
      this.cells.width = win.cols;
      this.cells.height = win.rows;
    }
    const cellCtx = this.cells.getContext('2d');
    if (!cellCtx) return;
    cellCtx.putImageData(
      new ImageData(this.rgba as Uint8ClampedArray<ArrayBuffer>, win.cols, win.rows),
      0,
      0,
    );
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(
      this.cells,
      cols[0] - win.col0,
      rows[0] - win.row0,
      cols[1] - cols[0],
      rows[1] - rows[0],
      plot.x,
      plot.y,
      plot.w,
      plot.h,
    );
  }

  private reportLegend(mode: HeatScaleMode, domain: [number, number]): void {
    const l = this.legend;
    if (l && l.mode === mode && l.domain[0] === domain[0] && l.domain[1] === domain[1]) return;
    this.legend = { mode, domain };
    this.onLegend(this.legend);
  }

  /** Light diagonal hatching where there is no data (nothing mapped yet, or before the run). */
  private noDataFill(ctx: CanvasRenderingContext2D): CanvasPattern | string {
    if (this.hatch) return this.hatch;
    const tile = document.createElement('canvas');
    tile.width = tile.height = 8;
    const t = tile.getContext('2d');
    if (!t) return NO_DATA_BG;
    t.fillStyle = NO_DATA_BG;
    t.fillRect(0, 0, 8, 8);
    t.strokeStyle = NO_DATA_HATCH;
    t.beginPath();
    t.moveTo(0, 8);
    t.lineTo(8, 0);
    t.stroke();
    this.hatch = ctx.createPattern(tile, 'repeat');
    return this.hatch ?? NO_DATA_BG;
  }
}
