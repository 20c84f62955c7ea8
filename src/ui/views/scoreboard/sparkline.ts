/**
 * The small multiples' geometry: SVG paths for one run's sampled series in a fixed viewBox,
 * on scales shared by every policy of the comparison (the same time axis, the same top per
 * figure), so the charts compare at a glance. Pure.
 */
import type { ScoreSamples } from '../../../worker/scoreboard-protocol';
import { niceBytes, niceTop } from '../damon-panel/chart-scale';

/** The viewBox every sparkline is drawn in (stretched to its box by CSS). */
export const SPARK_W = 200;
export const SPARK_H = 40;
/** Room above the line's top so its stroke is not cut. */
const INSET = 1.5;

export type SparkField = 'walksPer1000' | 'residentBytes' | 'thpBytes';

/** The scales of one comparison: its duration and a round top per figure. */
export interface SparkScales {
  untilUs: number;
  walksTop: number;
  /** Resident and THP share it: THP is part of resident. */
  bytesTop: number;
}

function maxOf(samples: readonly (ScoreSamples | null)[], field: SparkField): number {
  let max = 0;
  for (const s of samples) if (s) for (const v of s[field]) if (v > max) max = v;
  return max;
}

export function sparkScales(
  untilUs: number,
  samples: readonly (ScoreSamples | null)[],
): SparkScales {
  return {
    untilUs,
    walksTop: niceTop(maxOf(samples, 'walksPer1000')),
    bytesTop: niceBytes(Math.max(maxOf(samples, 'residentBytes'), maxOf(samples, 'thpBytes'))),
  };
}

const x = (tUs: number, untilUs: number) => (Math.min(tUs, untilUs) / untilUs) * SPARK_W;
const y = (v: number, top: number) =>
  SPARK_H - (Math.min(Math.max(v, 0), top) / top) * (SPARK_H - INSET);

/** The steps after the start (0, first value): hold each value up to its sample's time. */
function steps(samples: ScoreSamples, field: SparkField, top: number, untilUs: number): string {
  const t = samples.tUs;
  const v = samples[field];
  let d = '';
  for (let i = 0; i < t.length; i++) {
    if (i > 0) d += `V${y(v[i]!, top).toFixed(1)}`;
    d += `H${x(t[i]!, untilUs).toFixed(1)}`;
  }
  return d;
}

const drawable = (samples: ScoreSamples, top: number, untilUs: number) =>
  samples.tUs.length > 0 && top > 0 && untilUs > 0;

/**
 * A step line through the samples: a sample is the figure over (walks) or at the end of (bytes)
 * its window, held from the previous sample's time (0 for the first) to its own.
 */
export function sparkLine(
  samples: ScoreSamples,
  field: SparkField,
  top: number,
  untilUs: number,
): string {
  if (!drawable(samples, top, untilUs)) return '';
  return `M0,${y(samples[field][0]!, top).toFixed(1)}${steps(samples, field, top, untilUs)}`;
}

/** The same step line closed down to zero, to fill. */
export function sparkArea(
  samples: ScoreSamples,
  field: SparkField,
  top: number,
  untilUs: number,
): string {
  if (!drawable(samples, top, untilUs)) return '';
  const y0 = y(samples[field][0]!, top).toFixed(1);
  return `M0,${SPARK_H}V${y0}${steps(samples, field, top, untilUs)}V${SPARK_H}Z`;
}

/** The newest value of a field, or null before the first sample. */
export function lastValue(samples: ScoreSamples | null, field: SparkField): number | null {
  const v = samples?.[field];
  return v && v.length > 0 ? v[v.length - 1]! : null;
}
