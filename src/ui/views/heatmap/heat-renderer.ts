/**
 * Draws one heatmap panel: the canvas (cells through the pure pipeline) and the SVG axes. Owns
 * no React state; the panel calls draw() from its frame scheduler. Reads the zoom, colour mode,
 * hover and VMAs from the store at draw time.
 */
import { useAppStore, type HeatScaleMode } from '../../../store';
import { vmaColumns } from './address-columns';
import { axesKey, renderHeatAxes } from './heat-axes';
import { heatLayout, visibleSpans, type HeatLayout } from './heat-layout';
import { drawScrubLine, noDataFill, outline, panelLayouts } from './heat-marks';
import { colorize, colorLut, heatDomain, rampPosition, windowCells } from './heat-pipeline';
import type { HeatSource } from './heat-source';

export interface LegendState {
  mode: HeatScaleMode;
  domain: [number, number];
}

export class HeatRenderer {
  /** The layout of the last draw, for pointer → cell mapping. */
  layout: HeatLayout | null = null;
  private readonly lut = colorLut();
  private readonly cells = document.createElement('canvas');
  private rgba = new Uint8ClampedArray(0);
  private legend: LegendState | null = null;
  /** What the axes were last drawn for: they are redrawn only when it changes. */
  private axesKey = '';
  private axesVmas: unknown = null;
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
    panelLayouts[this.source.id] = layout;
    const { plot } = layout;

    const dpr = this.canvas.width / width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = noDataFill(ctx);
    ctx.fillRect(plot.x, plot.y, plot.w, plot.h);
    if (rows.columns > 0) this.drawCells(ctx, layout, state.heatScale);

    const hover = state.hover;
    // The hover of either panel: the truth cell at the same column and time.
    if (hover && hover.col >= spans.cols[0] && hover.col < spans.cols[1]) {
      const x = (c: number) => layout.x(c);
      const y = (r: number) => layout.y(r);
      outline(ctx, x(hover.col), y(hover.row), x(hover.col + 1), y(hover.row + 1));
    }
    drawScrubLine(ctx, layout, state.scrubUs, rows.intervalUs);

    const axis = this.source.axis();
    const key = axesKey(width, height, layout, rows.intervalUs);
    if (key === this.axesKey && state.vmas === this.axesVmas) return;
    this.axesKey = key;
    this.axesVmas = state.vmas;
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
}
