/**
 * What a ground-truth colour means: the legend's measure, scale and domain. By default the
 * domain spans the whole run so far (it only ever grows, and zooming never changes it); "fit
 * to view" spans the visible cells instead, as an explicit choice. DAMON units and coverage
 * are fractions with a fixed [0, 1] domain unless fitted.
 */
import type { HeatScaleMode, LegendFit, HeatMeasure } from '../../../store';
import { niceDomain, valueRange } from './heat-pipeline';
import { MEASURES, type TruthRow } from './truth-measures';

export interface TruthLegend {
  measure: HeatMeasure;
  mode: HeatScaleMode;
  /** In the measure's values: accesses per page, or a fraction (DAMON units / max, coverage). */
  domain: [number, number];
  fit: LegendFit;
  /** The DAMON unit's ceiling of the newest row (0 when unknown). */
  maxNrAccesses: number;
  /** The rows carry the measure (a run recorded without it draws nothing). */
  available: boolean;
  /** The cells are coloured by NUMA node (hue), the value setting only their lightness. */
  byNode?: boolean;
}

/** What the run scale reads: rows by absolute index, and the axis that identifies the run. */
export interface ScaledRows {
  readonly firstRow: number;
  readonly endRow: number;
  readonly axis: unknown;
  rowAt(r: number): TruthRow | null;
}

/**
 * The largest and smallest positive accesses per page of every row seen since the run started.
 * update() reads only rows it has not seen; a new run (a different axis) starts over.
 */
export class RunScale {
  max = 0;
  minPositive = Infinity;
  private run: unknown = null;
  private next = 0;

  update(src: ScaledRows): void {
    if (src.axis !== this.run || src.endRow < this.next) {
      this.run = src.axis;
      this.next = 0;
      this.max = 0;
      this.minPositive = Infinity;
    }
    const acc = { max: this.max, minPositive: this.minPositive };
    for (let r = Math.max(this.next, src.firstRow); r < src.endRow; r++) {
      const row = src.rowAt(r);
      if (row) valueRange(row.accesses, acc);
    }
    this.next = src.endRow;
    this.max = acc.max;
    this.minPositive = acc.minPositive;
  }

  domain(mode: HeatScaleMode): [number, number] {
    return niceDomain(this.max, this.minPositive, mode);
  }
}

/** The scale a measure is drawn on: its own choice for accesses, linear for fractions. */
export function measureMode(measure: HeatMeasure, chosen: HeatScaleMode): HeatScaleMode {
  return MEASURES[measure].bounded ? 'linear' : chosen;
}

/**
 * The legend domain. `run` for accesses: the run scale; `run` for a fraction: [0, 1]; `view`:
 * the visible values (their range, passed in), on the same nice steps.
 */
export function legendDomain(
  measure: HeatMeasure,
  mode: HeatScaleMode,
  fit: LegendFit,
  run: RunScale,
  visible: { max: number; minPositive: number },
): [number, number] {
  if (fit === 'view') {
    const d = niceDomain(visible.max, visible.minPositive, mode);
    return MEASURES[measure].bounded ? [0, Math.min(1, d[1])] : d;
  }
  return MEASURES[measure].bounded ? [0, 1] : run.domain(mode);
}
