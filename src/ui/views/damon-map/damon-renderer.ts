/**
 * Draws DAMON's panel: each aggregation's regions placed on the shared time axis by its
 * window [t0, t1) and resampled onto the plot's pixels (damon-rasters), region boundaries as
 * thin lines, the hovered region, the scrubbed aggregation, and the same axes as the ground
 * truth. In difference mode it draws, on the truth's rows, the truth's DAMON units minus
 * DAMON's nr_accesses, both as a fraction of the ceiling, on the fixed diverging scale.
 * Owns no React state; the panel calls draw() from its frame scheduler and reads the store at
 * draw time.
 */
import type { DamonSnapshot } from '../../../engine/report';
import {
  damonHistory,
  truthHistory,
  useAppStore,
  type AppState,
  type HeatPalette,
} from '../../../store';
import { CellImage } from '../../canvas/cell-image';
import {
  colorLut,
  divergingLut,
  GROUNDS,
  palette,
  type HeatGrounds,
} from '../../canvas/colour-maps';
import { effectiveTheme } from '../../canvas/theme';
import type { HeatLayout } from '../heatmap/heat-layout';
import { drawNarrowMarkers, drawScrubLine, outline, panelLayouts } from '../heatmap/heat-marks';
import { colorizeDiverging, colorizeValues, rgbWord, words } from '../heatmap/heat-pipeline';
import { blitRows, HEAT_STATE_KEYS, HeatStage, watchStore } from '../heatmap/heat-stage';
import { truthRowAt } from '../heatmap/heat-source';
import { rowHas } from '../heatmap/truth-measures';
import type { StageRenderer } from '../heatmap/use-heat-stage';
import { rowBands, visibleRows } from './damon-pipeline';
import { DamonRasters, type PixelGrid } from './damon-rasters';
import { boundaryCols, regionAt, regionCols } from './region-geometry';

/** What the legend needs: the nr_accesses ceiling, and whether the difference can be drawn. */
export type DamonLegendState =
  | { kind: 'nr_accesses'; maxNrAccesses: number }
  | { kind: 'difference'; maxNrAccesses: number; available: boolean };

/** Boundaries are drawn in every row only when rows are at least this tall (cssPx). */
const MIN_ROW_PX_FOR_BOUNDARIES = 3;

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
  private readonly stage: HeatStage;
  private readonly cells = new CellImage();
  /** Region boundaries, one device pixel per boundary, one image row per aggregation. */
  private readonly marks = new CellImage();
  private readonly rasters = new DamonRasters(damonHistory, truthHistory.capacity);
  private luts = new Map<string, Uint32Array>();
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
    const theme = effectiveTheme(state);
    const grounds = GROUNDS[theme];
    const truth = truthHistory;
    const I = truth.intervalUs;
    const frame = this.stage.begin(state.heatZoom, truth, grounds);
    if (!frame) return;
    const { ctx, layout, dpr } = frame;
    this.layout = layout;
    panelLayouts.damon = layout;
    const { plot } = layout;
    const yOfUs = (t: number) => layout.y(t / I);
    const axis = damonHistory.axis;
    const grid: PixelGrid | null = axis
      ? { axis, cols: layout.cols, width: Math.max(1, Math.round(plot.w * dpr)), dpr }
      : null;

    const [r0, r1] = visibleRows(damonHistory, layout.rows[0] * I, layout.rows[1] * I);
    let narrow = new Set<number>();
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.x, plot.y, plot.w, plot.h);
    ctx.clip();
    if (grid && damonHistory.columns > 0 && truth.columns === damonHistory.columns) {
      this.rasters.use(grid);
      const zero = rgbWord(grounds.zero);
      narrow =
        state.damonView === 'difference'
          ? this.drawDifference(ctx, layout, grid, state.heatPalette)
          : this.drawNrAccesses(ctx, layout, grid, r0, r1, yOfUs, state.heatPalette, zero);
    }
    const selected = this.selectedRow(state.scrubUs);
    if (state.showBoundaries) {
      this.drawBoundaries(ctx, layout, r0, r1, yOfUs, selected, dpr, grounds);
    }
    this.drawMarks(ctx, layout, state, selected, yOfUs, grounds);
    ctx.restore();
    const xs = [...narrow].map((p) => plot.x + p / dpr);
    drawNarrowMarkers(ctx, layout, xs, grounds.ink);
    drawScrubLine(ctx, layout, state.scrubUs, I, grounds.ink);
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
    grid: PixelGrid,
    r0: number,
    r1: number,
    yOfUs: (t: number) => number,
    paletteId: HeatPalette,
    zero: number,
  ): Set<number> {
    const newest = damonHistory.endRow - 1;
    this.reportLegend({ kind: 'nr_accesses', maxNrAccesses: damonHistory.maxNrAccesses(newest) });
    const { width } = grid;
    const n = r1 - r0;
    const xs = new Set<number>();
    if (n <= 0) return xs;
    const image = words(this.cells.pixels(width, n));
    const lut = this.lut('seq', paletteId);
    for (let i = 0; i < n; i++) {
      const agg = this.rasters.aggregation(r0 + i, grid);
      const row = image.subarray(i * width, (i + 1) * width);
      if (!agg) row.fill(0);
      else colorizeValues(agg.values, clamp01, lut, zero, row);
      for (const at of agg?.marks ?? []) xs.add(Math.round(at));
    }
    this.cells.commit();
    const { plot } = layout;
    for (const band of rowBands(damonHistory, r0, r1, yOfUs)) {
      const h = band.r1 - band.r0;
      this.cells.blit(ctx, 0, band.r0 - r0, width, h, plot.x, band.y0, plot.w, band.y1 - band.y0);
    }
    return xs;
  }

  private drawDifference(
    ctx: CanvasRenderingContext2D,
    layout: HeatLayout,
    grid: PixelGrid,
    paletteId: HeatPalette,
  ): Set<number> {
    const truth = truthHistory;
    const newestTruth = truth.endRow > truth.firstRow ? truthRowAt(truth.endRow - 1) : null;
    const available = !newestTruth || rowHas(newestTruth, 'damonUnit');
    const newest = damonHistory.endRow - 1;
    this.reportLegend({
      kind: 'difference',
      maxNrAccesses: damonHistory.maxNrAccesses(newest),
      available,
    });
    const { width } = grid;
    const row0 = Math.floor(layout.rows[0]);
    const n = Math.max(0, Math.ceil(layout.rows[1]) - row0);
    const xs = new Set<number>();
    if (n === 0 || !available) return xs;
    const image = words(this.cells.pixels(width, n));
    const lut = this.lut('div', paletteId);
    for (let i = 0; i < n; i++) {
      const r = row0 + i;
      const held = r >= truth.firstRow && r < truth.endRow;
      const diff = held ? this.rasters.difference(r, truth.intervalUs, grid) : null;
      const row = image.subarray(i * width, (i + 1) * width);
      if (!diff) row.fill(0);
      else colorizeDiverging(diff.values, lut, row);
      for (const at of diff?.marks ?? []) xs.add(Math.round(at));
    }
    this.cells.commit();
    blitRows(ctx, this.cells, layout, row0, width);
    return xs;
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
    grounds: HeatGrounds,
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
          rgba.set(grounds.boundary, (i * width + x) * 4);
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
    grounds: HeatGrounds,
  ): void {
    const axis = damonHistory.axis;
    if (!axis) return;
    const { plot } = layout;
    if (selected >= 0 && (state.scrubUs !== null || state.regionMark)) {
      const y0 = yOfUs(damonHistory.t0Us(selected));
      const y1 = yOfUs(damonHistory.t1Us(selected));
      outline(ctx, plot.x, y0, plot.x + plot.w, y1, grounds.ink);
      const mark = state.regionMark;
      if (mark) {
        const [c0, c1] = regionCols(axis, mark.process, mark.start, mark.end);
        ctx.fillStyle = grounds.markFill;
        ctx.fillRect(layout.x(c0), plot.y, layout.x(c1) - layout.x(c0), plot.h);
        outline(ctx, layout.x(c0), y0, layout.x(c1), y1, grounds.mark);
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
    outline(ctx, layout.x(c0), y0, layout.x(c1), y1, grounds.hover);
  }

  private boundaries(s: DamonSnapshot): number[] {
    let cols = this.boundaryCache.get(s);
    if (!cols && damonHistory.axis) {
      cols = boundaryCols(damonHistory.axis, s);
      this.boundaryCache.set(s, cols);
    }
    return cols ?? [];
  }

  private lut(kind: 'seq' | 'div', id: HeatPalette): Uint32Array {
    const key = `${kind} ${id}`;
    let lut = this.luts.get(key);
    if (!lut) {
      const p = palette(id);
      lut = words(kind === 'seq' ? colorLut(p.sequential) : divergingLut(p));
      this.luts.set(key, lut);
    }
    return lut;
  }

  private reportLegend(next: DamonLegendState): void {
    if (this.legend && JSON.stringify(this.legend) === JSON.stringify(next)) return;
    this.legend = next;
    this.onLegend(next);
  }
}
