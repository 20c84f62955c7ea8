/**
 * The heatmap as a pure pipeline, each step testable in Node:
 *
 *   rows → heat-raster (each row's columns resampled onto the window's pixels)
 *     → legend domain (legend-scale: the whole run, or fit to the view)
 *     → colorizeValues / colorizeDiverging (values → RGBA words via a lookup table)
 *     → ImageData (in the renderer)
 *
 * NaN means "no data" (nothing mapped there yet, or the row is not held): drawn transparent,
 * over the panel's hatching. Zero means "mapped, not accessed": drawn in a neutral ground
 * colour distinct from every ramp.
 */
import type { HeatScaleMode } from '../../../store';
import { divergingIndex, type Rgb } from '../../canvas/colour-maps';

/** Powers of ten the log domain snaps to, so the legend does not flicker frame to frame. */
const floorPow10 = (v: number) => 10 ** Math.floor(Math.log10(v));
const ceilPow10 = (v: number) => 10 ** Math.ceil(Math.log10(v));
/** The log ramp spans at most this many decades below its top. */
export const MAX_DECADES = 5;

/** The smallest of 1, 2, 5 × 10^k at or above v (v > 0). */
export function niceCeil(v: number): number {
  const p = floorPow10(v);
  for (const m of [1, 2, 5, 10]) if (m * p >= v * (1 - 1e-9)) return m * p;
  return 10 * p;
}

/**
 * The value range a ramp covers for values up to `max` whose smallest positive is
 * `minPositive`: [lo, hi] with hi > lo > 0 for 'log' (powers of ten, at most MAX_DECADES),
 * [0, hi] for 'linear' (hi on the 1-2-5 series). Nothing positive gives a unit default.
 */
export function niceDomain(
  max: number,
  minPositive: number,
  mode: HeatScaleMode,
): [number, number] {
  if (!(max > 0)) return mode === 'log' ? [0.01, 1] : [0, 1];
  if (mode === 'linear') return [0, niceCeil(max)];
  const hi = ceilPow10(max);
  const lo = Math.min(hi / 10, Math.max(hi / 10 ** MAX_DECADES, floorPow10(minPositive)));
  return [lo, hi];
}

/** The largest and the smallest positive value, NaN ignored. */
export function valueRange(
  values: ArrayLike<number>,
  acc = { max: 0, minPositive: Infinity },
): { max: number; minPositive: number } {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v > acc.max) acc.max = v;
    if (v > 0 && v < acc.minPositive) acc.minPositive = v;
  }
  return acc;
}

/** niceDomain of the values themselves. */
export function heatDomain(values: ArrayLike<number>, mode: HeatScaleMode): [number, number] {
  const { max, minPositive } = valueRange(values);
  return niceDomain(max, minPositive, mode);
}

/**
 * value → position on the colour ramp in [0, 1] (clamped); only called for values > 0. Plain
 * arithmetic rather than a d3 scale: it runs once per pixel of every new row.
 */
export function rampPosition(mode: HeatScaleMode, domain: [number, number]): (v: number) => number {
  const clamp = (t: number) => (t <= 0 ? 0 : t >= 1 ? 1 : t);
  const [lo, hi] = domain;
  if (mode === 'linear') {
    const span = hi - lo || 1;
    return (v) => clamp((v - lo) / span);
  }
  const l0 = Math.log(lo);
  const span = Math.log(hi) - l0 || 1;
  return (v) => clamp((Math.log(v) - l0) / span);
}

/** 32-bit views of RGBA bytes: one write per pixel, in the platform's byte order. */
export function words(bytes: Uint8ClampedArray): Uint32Array {
  if (bytes.byteOffset % 4 !== 0) throw new Error('RGBA buffers must be 4-byte aligned');
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
}

/** One opaque colour as an RGBA word. */
export function rgbWord(rgb: Rgb): number {
  return words(Uint8ClampedArray.of(rgb[0], rgb[1], rgb[2], 255))[0]!;
}

/**
 * Values → RGBA words along a sequential lookup table: NaN transparent, ≤ 0 the `zero` word,
 * positives by `position`.
 */
export function colorizeValues(
  values: ArrayLike<number>,
  position: (v: number) => number,
  lut: Uint32Array,
  zero: number,
  out: Uint32Array,
): Uint32Array {
  const steps = lut.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) out[i] = 0;
    else if (v <= 0) out[i] = zero;
    else out[i] = lut[Math.round(position(v) * steps)]!;
  }
  return out;
}

/** Differences in [−1, 1] → RGBA words along a diverging table (0 its middle); NaN transparent. */
export function colorizeDiverging(
  values: ArrayLike<number>,
  lut: Uint32Array,
  out: Uint32Array,
): Uint32Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = Number.isNaN(v) ? 0 : lut[divergingIndex(v, lut.length)]!;
  }
  return out;
}
