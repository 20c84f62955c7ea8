/**
 * Draws the ground-truth panel: each visible row resampled from its own columns onto the
 * plot's device pixels (heat-raster), coloured on the legend's scale (legend-scale), blitted
 * as one image; then the markers of hot ranges drawn wider than they are, the hover outline,
 * the scrub line and the axes. Rows never change once recorded, so a drawn row is kept
 * (RowCache) until the window, the width, the measure or the colours change. Owns no React
 * state; the panel calls draw() from its frame scheduler and reads the store at draw time.
 */
import type { AddressAxis } from '../../../engine/report';
import { useAppStore, type AppState, type HeatPalette } from '../../../store';
import { CellImage } from '../../canvas/cell-image';
import { colorLut, GROUNDS, palette, type HeatGrounds } from '../../canvas/colour-maps';
import { RowCache } from '../../canvas/row-cache';
import { effectiveTheme } from '../../canvas/theme';
import type { HeatLayout } from './heat-layout';
import {
  drawNarrowMarkers,
  drawResolutionChanges,
  drawScrubLine,
  outline,
  panelLayouts,
} from './heat-marks';
import { colorizeValues, rampPosition, rgbWord, valueRange, words } from './heat-pipeline';
import { MIN_HOT_PX, PixelColumns, rasterRow, sameColumns, widenNarrow } from './heat-raster';
import type { HeatSource } from './heat-source';
import { blitRows, HEAT_STATE_KEYS, HeatStage, watchStore } from './heat-stage';
import { legendDomain, measureMode, RunScale, type TruthLegend } from './legend-scale';
import { colorizeByNode, nodeLuts, rasterNodes } from './node-colours';
import { measureColumns, rowColumnAt, rowHas } from './truth-measures';
import type { StageRenderer } from './use-heat-stage';

/**
 * One row as drawn: its pixels, the centres of its widened ranges, and whether it was binned
 * on other columns than the row before it (a zoom changed the resolution there).
 */
interface DrawnRow {
  rgba: Uint32Array;
  marks: number[];
  resolutionChanged: boolean;
}

/** What a row is drawn with, besides the row itself. */
interface RowStyle {
  axis: AddressAxis;
  layout: HeatLayout;
  width: number;
  dpr: number;
  position: (v: number) => number;
  lut: Uint32Array;
  zero: number;
  state: AppState;
  /** "By node": one table per node then one for "no node" (null: colour by value alone). */
  nodeLuts: Uint32Array[] | null;
}

/** How many nodes the truth is coloured by: the machine's, when 2+ and "by node" is chosen. */
export function byNodeCount(state: Pick<AppState, 'truthByNode' | 'scenario'>): number {
  const n = state.scenario?.machine.nodes.length ?? 0;
  return state.truthByNode && n >= 2 ? n : 0;
}

export class HeatRenderer implements StageRenderer {
  /** The layout of the last draw, for pointer → cell mapping. */
  layout: HeatLayout | null = null;
  private readonly stage: HeatStage;
  private readonly cells = new CellImage();
  private readonly drawn: RowCache<DrawnRow>;
  private readonly pixelCols = new PixelColumns();
  private readonly run = new RunScale();
  private luts = new Map<HeatPalette, Uint32Array>();
  private legend: TruthLegend | null = null;
  private values = new Float32Array(0);
  private scratch = new Float64Array(0);
  private pixelNodes = new Float32Array(0);
  private nodeTables: { key: string; luts: Uint32Array[] } | null = null;
  /** The run the cached rows belong to (its axis), and a counter for the cache key. */
  private runAxis: AddressAxis | null = null;
  private runId = 0;

  constructor(
    canvas: HTMLCanvasElement,
    svg: SVGSVGElement,
    private readonly source: HeatSource,
    private readonly onLegend: (legend: TruthLegend) => void,
  ) {
    this.stage = new HeatStage(canvas, svg);
    this.drawn = new RowCache(source.rows.capacity);
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
    const theme = effectiveTheme(state);
    const grounds = GROUNDS[theme];
    const rows = this.source.rows;
    const frame = this.stage.begin(state.heatZoom, rows, grounds);
    if (!frame) return;
    const { ctx, layout, dpr } = frame;
    this.layout = layout;
    panelLayouts[this.source.id] = layout;
    const axis = this.source.axis();
    const width = Math.max(1, Math.round(layout.plot.w * dpr));
    if (axis && rows.columns > 0) {
      this.drawCells(
        ctx,
        { axis, layout, width, dpr, state, ...this.scale(state, axis, layout, width, theme) },
        grounds,
      );
      this.drawHover(ctx, state, axis, layout, width, dpr, grounds);
    }
    drawScrubLine(ctx, layout, state.scrubUs, rows.intervalUs, grounds.ink);
    this.stage.axes(layout, axis, state.vmas, rows.intervalUs);
  }

  /** The legend for this draw (reported to the panel), and what colours a value with it. */
  private scale(
    state: AppState,
    axis: AddressAxis,
    layout: HeatLayout,
    width: number,
    theme: 'light' | 'dark',
  ): Pick<RowStyle, 'position' | 'lut' | 'zero' | 'nodeLuts'> & { key: string } {
    const rows = this.source.rows;
    const measure = state.truthMeasure;
    const mode = measureMode(measure, state.heatScale);
    this.run.update({
      firstRow: rows.firstRow,
      endRow: rows.endRow,
      axis,
      rowAt: this.source.rowAt,
    });
    const newest = rows.endRow > rows.firstRow ? this.source.rowAt(rows.endRow - 1) : null;
    const visible = { max: 0, minPositive: Infinity };
    if (state.legendFit === 'view') {
      const [r0, r1] = this.heldRows(layout);
      for (let r = r0; r < r1; r++) {
        const row = this.source.rowAt(r);
        const m = row && measureColumns(row, measure);
        if (!row || !m) continue;
        const px = this.pixelCols.of(axis, row.colRanges, layout.cols, width);
        const seen: number[] = [];
        for (let c = 0; c < m.values.length; c++) {
          if (px[2 * c + 1]! > 0 && px[2 * c]! < width) seen.push(m.values[c]!);
        }
        valueRange(seen, visible);
      }
    }
    const domain = legendDomain(measure, mode, state.legendFit, this.run, visible);
    this.reportLegend({
      measure,
      mode,
      domain,
      fit: state.legendFit,
      byNode: byNodeCount(state) > 0,
      maxNrAccesses: newest?.maxNrAccesses ?? 0,
      available: !newest || rowHas(newest, measure),
    });
    if (axis !== this.runAxis) {
      this.runAxis = axis;
      this.runId++;
    }
    const zero = rgbWord(GROUNDS[theme].zero);
    const key = [
      this.runId,
      measure,
      mode,
      domain,
      state.heatPalette,
      byNodeCount(state),
      theme,
      width,
      layout.cols,
    ].join(' ');
    return {
      position: rampPosition(mode, domain),
      lut: this.lut(state.heatPalette),
      zero,
      key,
      nodeLuts: this.nodeLuts(byNodeCount(state), theme),
    };
  }

  private heldRows(layout: HeatLayout): [number, number] {
    const rows = this.source.rows;
    return [
      Math.max(rows.firstRow, Math.floor(layout.rows[0])),
      Math.min(rows.endRow, Math.ceil(layout.rows[1])),
    ];
  }

  private drawCells(
    ctx: CanvasRenderingContext2D,
    style: RowStyle & { key: string },
    grounds: HeatGrounds,
  ): void {
    const { layout, width, dpr } = style;
    this.drawn.use(style.key);
    const row0 = Math.floor(layout.rows[0]);
    const n = Math.max(0, Math.ceil(layout.rows[1]) - row0);
    if (n === 0) return;
    const [r0, r1] = this.heldRows(layout);
    const image = words(this.cells.pixels(width, n));
    const marks = new Set<number>();
    const changes: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = row0 + i;
      const drawn = r >= r0 && r < r1 ? (this.drawn.get(r) ?? this.drawRow(r, style)) : null;
      if (!drawn) {
        image.fill(0, i * width, (i + 1) * width);
        continue;
      }
      image.set(drawn.rgba, i * width);
      for (const at of drawn.marks) marks.add(Math.round(at));
      if (drawn.resolutionChanged && r > r0) changes.push(layout.y(r));
    }
    this.cells.commit();
    blitRows(ctx, this.cells, layout, row0, width);
    const xs = [...marks].map((p) => layout.plot.x + p / dpr);
    drawNarrowMarkers(ctx, layout, xs, grounds.ink);
    drawResolutionChanges(ctx, layout, changes, grounds.ink);
  }

  private drawRow(r: number, style: RowStyle): DrawnRow | null {
    const row = this.source.rowAt(r);
    if (!row) return null;
    const { width, position } = style;
    const rgba = new Uint32Array(width);
    const marks: number[] = [];
    const m = measureColumns(row, style.state.truthMeasure);
    if (m) {
      if (this.values.length !== width) {
        this.values = new Float32Array(width);
        this.scratch = new Float64Array(2 * width);
      }
      const px = this.pixelCols.of(style.axis, row.colRanges, style.layout.cols, width);
      const values = rasterRow(px, m.values, m.weights, width, this.values, this.scratch);
      const level = (v: number) => (v > 0 ? position(v) : 0);
      const nodes = style.nodeLuts && row.node ? this.rasterNodes(px, row.node, m.weights) : null;
      for (const w of widenNarrow(px, m.values, level, width, MIN_HOT_PX * style.dpr, values)) {
        marks.push(w.at);
        // a widened range keeps the node of the range itself
        if (nodes) nodes.fill(nodes[Math.min(width - 1, Math.floor(w.at))]!, w.x0, w.x1);
      }
      if (nodes) colorizeByNode(values, nodes, position, style.nodeLuts!, style.zero, rgba);
      else colorizeValues(values, position, style.lut, style.zero, rgba);
    }
    const prev = this.source.rowAt(r - 1);
    const resolutionChanged = prev !== null && !sameColumns(prev.colRanges, row.colRanges);
    return this.drawn.set(r, { rgba, marks, resolutionChanged });
  }

  /** The hovered (or pinned) column of the row under it, at least MIN_HOT_PX wide. */
  private drawHover(
    ctx: CanvasRenderingContext2D,
    state: AppState,
    axis: AddressAxis,
    layout: HeatLayout,
    width: number,
    dpr: number,
    grounds: HeatGrounds,
  ): void {
    const hover = state.hover;
    if (!hover || !(hover.col >= layout.cols[0] && hover.col < layout.cols[1])) return;
    let x0 = layout.x(hover.col);
    let x1 = layout.x(hover.col + 1);
    const row = this.source.rowAt(hover.row);
    const process = axis.colRanges[hover.col * 3 + 2] ?? 0;
    const c = row && Number.isFinite(hover.addr) ? rowColumnAt(row, process, hover.addr) : -1;
    if (row && c >= 0) {
      const px = this.pixelCols.of(axis, row.colRanges, layout.cols, width);
      x0 = layout.plot.x + px[2 * c]! / dpr;
      x1 = layout.plot.x + px[2 * c + 1]! / dpr;
    }
    if (x1 - x0 < MIN_HOT_PX) {
      const mid = (x0 + x1) / 2;
      x0 = mid - MIN_HOT_PX / 2;
      x1 = mid + MIN_HOT_PX / 2;
    }
    const y0 = layout.y(hover.row);
    const y1 = layout.y(hover.row + 1);
    outline(ctx, x0, y0, x1, y1, grounds.hover);
    if (state.hoverPinned) outline(ctx, x0 - 1, y0 - 1, x1 + 1, y1 + 1, grounds.hover);
  }

  /** The node of each pixel of the row being drawn (scratch, reused row to row). */
  private rasterNodes(
    px: Float64Array,
    nodes: ArrayLike<number>,
    weights: ArrayLike<number>,
  ): Float32Array {
    const width = this.values.length;
    if (this.pixelNodes.length !== width) this.pixelNodes = new Float32Array(width);
    // rasterRow is done with the scratch by now: its first half is free for the weights
    return rasterNodes(px, nodes, weights, width, this.pixelNodes, this.scratch);
  }

  private nodeLuts(nodes: number, theme: 'light' | 'dark'): Uint32Array[] | null {
    if (nodes === 0) return null;
    const key = `${nodes} ${theme}`;
    if (this.nodeTables?.key !== key) this.nodeTables = { key, luts: nodeLuts(nodes, theme) };
    return this.nodeTables.luts;
  }

  private lut(id: HeatPalette): Uint32Array {
    let lut = this.luts.get(id);
    if (!lut) this.luts.set(id, (lut = words(colorLut(palette(id).sequential))));
    return lut;
  }

  private reportLegend(next: TruthLegend): void {
    const l = this.legend;
    if (l && JSON.stringify(l) === JSON.stringify(next)) return;
    this.legend = next;
    this.onLegend(next);
  }
}
