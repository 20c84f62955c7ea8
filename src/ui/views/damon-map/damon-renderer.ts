/**
 * Draws DAMON's panel: each aggregation's row of nr_accesses placed on the shared time axis
 * by its window [t0, t1), region boundaries as thin lines, the hovered region, the scrubbed
 * aggregation, and the same axes as the ground truth. In difference mode it draws, on the
 * truth's grid, the truth on its colour scale minus nr_accesses / max. Owns no React state;
 * the panel calls draw() from its frame scheduler and reads the store at draw time.
 */
import type { DamonSnapshot } from '../../../engine/report';
import { damonHistory, truthHistory, useAppStore, type AppState } from '../../../store';
import { CellImage } from '../../canvas/cell-image';
import type { HeatLayout } from '../heatmap/heat-layout';
import { drawScrubLine, outline, panelLayouts } from '../heatmap/heat-marks';
import {
  colorize,
  colorLut,
  heatDomain,
  rampPosition,
  windowCells,
} from '../heatmap/heat-pipeline';
import { blitWindow, HEAT_STATE_KEYS, HeatStage, watchStore } from '../heatmap/heat-stage';
import type { StageRenderer } from '../heatmap/use-heat-stage';
import {
  colorizeDiff,
  damonCells,
  damonOnTruthRows,
  diffLut,
  differenceCells,
  rowBands,
  visibleRows,
} from './damon-pipeline';
import { boundaryCols, regionAt, regionCols } from './region-geometry';

/** What the legend needs: the nr_accesses ceiling, or the truth scale behind the difference. */
export type DamonLegendState =
  | { kind: 'nr_accesses'; maxNrAccesses: number }
  | { kind: 'difference'; mode: AppState['heatScale']; domain: [number, number] };

/** Boundaries are drawn in every row only when rows are at least this tall (cssPx). */
const MIN_ROW_PX_FOR_BOUNDARIES = 3;
/** Region boundaries: the ink colour, about 45 % opaque. */
const BOUNDARY_RGBA = [31, 36, 48, 115] as const;
const SELECTED_COLOR = '#1f2430';
const MARK_COLOR = '#0f766e';

const clamp01 = (v: number) => Math.max(0, Math.min(1, v));

/** What this panel's draw reads from the store: what every heat panel reads, and DAMON's view. */
const DAMON_STATE_KEYS = [
  ...HEAT_STATE_KEYS,
  'damonView',
  'showBoundaries',
  'regionMark',
] as const satisfies readonly (keyof AppState)[];

export class DamonRenderer implements StageRenderer {
  layout: HeatLayout | null = null;
  private readonly lut = colorLut();
  private readonly diffLut = diffLut();
  private readonly stage: HeatStage;
  private readonly cells = new CellImage();
  /** Region boundaries, one device pixel per boundary, one image row per aggregation. */
  private readonly marks = new CellImage();
  private legend: DamonLegendState | null = null;
  /** Boundary columns per snapshot (the axis is fixed for a run, snapshots are immutable). */
  private boundaryCache = new WeakMap<DamonSnapshot, number[]>();

  constructor(
    canvas: HTMLCanvasElement,
    svg: SVGSVGElement,
    private readonly onLegend: (legend: DamonLegendState) => void,
  ) {
    this.stage = new HeatStage(canvas, svg);
  }

  resize(width: number, height: number): void {
    this.stage.resize(width, height);
  }

  watch(redraw: () => void): () => void {
    const offDamon = damonHistory.subscribe(redraw);
    const offTruth = truthHistory.subscribe(redraw);
    const offStore = watchStore(DAMON_STATE_KEYS, redraw);
    return () => {
      offDamon();
      offTruth();
      offStore();
    };
  }

  draw(): void {
    const state = useAppStore.getState();
    const truth = truthHistory;
    const I = truth.intervalUs;
    const frame = this.stage.begin(state.heatZoom, truth);
    if (!frame) return;
    const { ctx, layout, dpr } = frame;
    this.layout = layout;
    panelLayouts.damon = layout;
    const { plot } = layout;
    const yOfUs = (t: number) => layout.y(t / I);

    const [r0, r1] = visibleRows(damonHistory, layout.rows[0] * I, layout.rows[1] * I);
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.x, plot.y, plot.w, plot.h);
    ctx.clip();
    if (damonHistory.columns > 0 && truth.columns === damonHistory.columns) {
      if (state.damonView === 'difference') this.drawDifference(ctx, layout, state.heatScale);
      else this.drawNrAccesses(ctx, layout, r0, r1, yOfUs);
    }
    const selected = this.selectedRow(state.scrubUs);
    if (state.showBoundaries) this.drawBoundaries(ctx, layout, r0, r1, yOfUs, selected, dpr);
    this.drawMarks(ctx, layout, state, selected, yOfUs);
    ctx.restore();
    drawScrubLine(ctx, layout, state.scrubUs, I);
    this.stage.axes(layout, damonHistory.axis, state.vmas, I);
  }

  /** The aggregation the table and the highlight are about: the scrubbed one, or the newest. */
  private selectedRow(scrubUs: number | null): number {
    if (damonHistory.endRow <= damonHistory.firstRow) return -1;
    return scrubUs === null ? damonHistory.endRow - 1 : damonHistory.rowAt(scrubUs);
  }

  private drawNrAccesses(
    ctx: CanvasRenderingContext2D,
    layout: HeatLayout,
    r0: number,
    r1: number,
    yOfUs: (t: number) => number,
  ): void {
    const newest = damonHistory.endRow - 1;
    this.reportLegend({ kind: 'nr_accesses', maxNrAccesses: damonHistory.maxNrAccesses(newest) });
    const { cols, plot } = layout;
    const win = damonCells(damonHistory, cols, r0, r1);
    if (win.cols === 0 || win.rows === 0) return;
    const rgba = this.cells.pixels(win.cols, win.rows);
    colorize(win, clamp01, this.lut, rgba);
    this.cells.commit();
    for (const band of rowBands(damonHistory, r0, r1, yOfUs)) {
      this.cells.blit(
        ctx,
        cols[0] - win.col0,
        band.r0 - r0,
        cols[1] - cols[0],
        band.r1 - band.r0,
        plot.x,
        band.y0,
        plot.w,
        band.y1 - band.y0,
      );
    }
  }

  private drawDifference(
    ctx: CanvasRenderingContext2D,
    layout: HeatLayout,
    mode: AppState['heatScale'],
  ): void {
    const win = windowCells(truthHistory, layout.cols, layout.rows);
    const domain = heatDomain(win.values, mode);
    this.reportLegend({ kind: 'difference', mode, domain });
    if (win.cols === 0 || win.rows === 0) return;
    const damon = damonOnTruthRows(damonHistory, truthHistory.intervalUs, win);
    const diff = differenceCells(win.values, rampPosition(mode, domain), damon);
    const rgba = this.cells.pixels(win.cols, win.rows);
    colorizeDiff(diff, this.diffLut, rgba);
    this.cells.commit();
    blitWindow(ctx, this.cells, layout, win);
  }

  /**
   * A thin line at every region boundary of every row tall enough to tell rows apart (and
   * always in the selected row). Drawn as an image one device pixel per boundary, stretched
   * over each row like the cells, so thousands of boundaries cost one blit, not a path.
   */
  private drawBoundaries(
    ctx: CanvasRenderingContext2D,
    layout: HeatLayout,
    r0: number,
    r1: number,
    yOfUs: (t: number) => number,
    selected: number,
    dpr: number,
  ): void {
    const axis = damonHistory.axis;
    const { plot } = layout;
    const width = Math.round(plot.w * dpr);
    if (!axis || r1 <= r0 || width <= 2) return;
    const n = r1 - r0;
    const rgba = this.marks.pixels(width, n);
    rgba.fill(0);
    for (let i = 0; i < n; i++) {
      const r = r0 + i;
      const tall = yOfUs(damonHistory.t1Us(r)) - yOfUs(damonHistory.t0Us(r));
      if (!(tall >= MIN_ROW_PX_FOR_BOUNDARIES) && r !== selected) continue;
      for (const s of damonHistory.snapshots(r)) {
        for (const col of this.boundaries(s)) {
          const x = Math.round((layout.x(col) - plot.x) * dpr);
          if (x <= 0 || x >= width - 1) continue;
          rgba.set(BOUNDARY_RGBA, (i * width + x) * 4);
        }
      }
    }
    this.marks.commit();
    for (const band of rowBands(damonHistory, r0, r1, yOfUs)) {
      const h = band.r1 - band.r0;
      this.marks.blit(ctx, 0, band.r0 - r0, width, h, plot.x, band.y0, plot.w, band.y1 - band.y0);
    }
  }

  /** The hovered region (from either panel), the table's region, and the selected row. */
  private drawMarks(
    ctx: CanvasRenderingContext2D,
    layout: HeatLayout,
    state: AppState,
    selected: number,
    yOfUs: (t: number) => number,
  ): void {
    const axis = damonHistory.axis;
    if (!axis) return;
    const { plot } = layout;
    if (selected >= 0 && (state.scrubUs !== null || state.regionMark)) {
      const y0 = yOfUs(damonHistory.t0Us(selected));
      const y1 = yOfUs(damonHistory.t1Us(selected));
      outline(ctx, plot.x, y0, plot.x + plot.w, y1, SELECTED_COLOR);
      const mark = state.regionMark;
      if (mark) {
        const [c0, c1] = regionCols(axis, mark.process, mark.start, mark.end);
        ctx.fillStyle = 'rgba(15, 118, 110, 0.18)';
        ctx.fillRect(layout.x(c0), plot.y, layout.x(c1) - layout.x(c0), plot.h);
        outline(ctx, layout.x(c0), y0, layout.x(c1), y1, MARK_COLOR);
      }
    }
    const hover = state.hover;
    if (!hover || !Number.isFinite(hover.addr)) return;
    const r = damonHistory.rowAt(hover.tUs);
    if (r < 0 || !(damonHistory.t0Us(r) <= hover.tUs && hover.tUs < damonHistory.t1Us(r))) return;
    const process = axis.colRanges[hover.col * 3 + 2];
    const snap = damonHistory.snapshots(r).find((s) => s.process === process);
    const i = snap ? regionAt(snap, hover.addr) : -1;
    if (!snap || i < 0) return;
    const [c0, c1] = regionCols(axis, snap.process, snap.ranges[2 * i]!, snap.ranges[2 * i + 1]!);
    const y0 = yOfUs(damonHistory.t0Us(r));
    const y1 = yOfUs(damonHistory.t1Us(r));
    outline(ctx, layout.x(c0), y0, layout.x(c1), y1);
  }

  private boundaries(s: DamonSnapshot): number[] {
    let cols = this.boundaryCache.get(s);
    if (!cols && damonHistory.axis) {
      cols = boundaryCols(damonHistory.axis, s);
      this.boundaryCache.set(s, cols);
    }
    return cols ?? [];
  }

  private reportLegend(next: DamonLegendState): void {
    if (this.legend && JSON.stringify(this.legend) === JSON.stringify(next)) return;
    this.legend = next;
    this.onLegend(next);
  }
}
