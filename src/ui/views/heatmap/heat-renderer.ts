/**
 * Draws one heatmap panel: the canvas (cells through the pure pipeline) and the SVG axes. Owns
 * no React state; the panel calls draw() from its frame scheduler. Reads the zoom, colour mode,
 * hover and VMAs from the store at draw time.
 */
import { useAppStore, type HeatScaleMode } from '../../../store';
import { CellImage } from '../../canvas/cell-image';
import type { HeatLayout } from './heat-layout';
import { drawScrubLine, outline, panelLayouts } from './heat-marks';
import { colorize, colorLut, heatDomain, rampPosition, windowCells } from './heat-pipeline';
import type { HeatSource } from './heat-source';
import { blitWindow, HEAT_STATE_KEYS, HeatStage, watchStore } from './heat-stage';
import type { StageRenderer } from './use-heat-stage';

export interface LegendState {
  mode: HeatScaleMode;
  domain: [number, number];
}

export class HeatRenderer implements StageRenderer {
  /** The layout of the last draw, for pointer → cell mapping. */
  layout: HeatLayout | null = null;
  private readonly lut = colorLut();
  private readonly stage: HeatStage;
  private readonly cells = new CellImage();
  private legend: LegendState | null = null;

  constructor(
    canvas: HTMLCanvasElement,
    svg: SVGSVGElement,
    private readonly source: HeatSource,
    private readonly onLegend: (legend: LegendState) => void,
  ) {
    this.stage = new HeatStage(canvas, svg);
  }

  resize(width: number, height: number): void {
    this.stage.resize(width, height);
  }

  watch(redraw: () => void): () => void {
    const offRows = this.source.rows.subscribe(redraw);
    const offStore = watchStore(HEAT_STATE_KEYS, redraw);
    return () => {
      offRows();
      offStore();
    };
  }

  draw(): void {
    const state = useAppStore.getState();
    const rows = this.source.rows;
    const frame = this.stage.begin(state.heatZoom, rows);
    if (!frame) return;
    const { ctx, layout } = frame;
    this.layout = layout;
    panelLayouts[this.source.id] = layout;
    if (rows.columns > 0) this.drawCells(ctx, layout, state.heatScale);

    const hover = state.hover;
    // The hover of either panel: the truth cell at the same column and time.
    if (hover && hover.col >= layout.cols[0] && hover.col < layout.cols[1]) {
      const x = (c: number) => layout.x(c);
      const y = (r: number) => layout.y(r);
      outline(ctx, x(hover.col), y(hover.row), x(hover.col + 1), y(hover.row + 1));
    }
    drawScrubLine(ctx, layout, state.scrubUs, rows.intervalUs);
    this.stage.axes(layout, this.source.axis(), state.vmas, rows.intervalUs);
  }

  private drawCells(ctx: CanvasRenderingContext2D, layout: HeatLayout, mode: HeatScaleMode): void {
    const win = windowCells(this.source.rows, layout.cols, layout.rows);
    const domain = heatDomain(win.values, mode);
    this.reportLegend(mode, domain);
    if (win.cols === 0 || win.rows === 0) return;
    const rgba = this.cells.pixels(win.cols, win.rows);
    colorize(win, rampPosition(mode, domain), this.lut, rgba);
    this.cells.commit();
    blitWindow(ctx, this.cells, layout, win);
  }

  private reportLegend(mode: HeatScaleMode, domain: [number, number]): void {
    const l = this.legend;
    if (l && l.mode === mode && l.domain[0] === domain[0] && l.domain[1] === domain[1]) return;
    this.legend = { mode, domain };
    this.onLegend(this.legend);
  }
}
