/**
 * The heatmaps' colour maps, in one place so that both panels, their legends and the tests
 * agree on what a colour means. A palette is a sequential ramp (0 = least, 1 = most) and a
 * diverging one (−1 … 0 … +1, 0 neutral); the page theme changes only the grounds drawn
 * around and under the cells (mapped-but-idle, no data, marks), never a ramp, so a colour
 * means the same thing in the light and the dark page.
 */
import { interpolateLab, interpolateViridis, interpolateYlOrRd, lab, piecewise } from 'd3';
import type { HeatPalette } from '../../store';

export type Rgb = readonly [number, number, number];

export interface Palette {
  id: HeatPalette;
  /** The selector's label. */
  label: string;
  /** What its ramps are, for the selector's tooltip. */
  describe: string;
  /** Position 0–1 on the sequential ramp → CSS colour. */
  sequential(t: number): string;
  /**
   * −1 … +1 → CSS colour, neutral at 0. The heatmaps' difference is truth − DAMON: +1 is
   * "DAMON misses" (hot in truth, cold to DAMON), −1 "DAMON over-reports".
   */
  diverging(d: number): string;
  /** Names of the diverging ends, for the legend: [negative, positive]. */
  divergingNames: readonly [string, string];
}

/**
 * Blue–orange with equal CIELAB lightness at equal distance from 0 (L* 42 at the ends, 70
 * half-way, 96 at 0), so neither side looks more important; both hues stay apart under
 * deuteranopia, protanopia and tritanopia.
 */
/**
 * ColorBrewer's 9-class RdBu, interpolated in CIELAB through its exact neutral centre
 * (#f7f7f7), so that 0 is grey, not tinted.
 */
const redBlue = piecewise(interpolateLab, [
  '#b2182b',
  '#d6604d',
  '#f4a582',
  '#fddbc7',
  '#f7f7f7',
  '#d1e5f0',
  '#92c5de',
  '#4393c3',
  '#2166ac',
]);

const blueOrange = piecewise(interpolateLab, [
  '#a44500',
  '#ec963e',
  '#f3f3f3',
  '#74b2e7',
  '#3562ba',
]);

const clampUnit = (d: number) => (d <= -1 ? -1 : d >= 1 ? 1 : d);

export const PALETTES: Readonly<Record<HeatPalette, Palette>> = {
  classic: {
    id: 'classic',
    label: 'classic',
    describe: 'yellow–red for amounts, red–blue for the difference',
    // Starting a little into the ramp keeps its lightest colour apart from the page.
    sequential: (t) => interpolateYlOrRd(0.06 + 0.94 * t),
    diverging: (d) => redBlue((clampUnit(d) + 1) / 2),
    divergingNames: ['red', 'blue'],
  },
  cb_safe: {
    id: 'cb_safe',
    label: 'colour-blind safe',
    describe: 'viridis for amounts, orange–blue for the difference',
    // Viridis rises monotonically in lightness; its darkest tenth is skipped so that the
    // least accessed cells stay apart from "mapped, not accessed" on a dark page.
    sequential: (t) => interpolateViridis(0.1 + 0.9 * t),
    diverging: (d) => blueOrange((clampUnit(d) + 1) / 2),
    divergingNames: ['orange', 'blue'],
  },
};

export function palette(id: HeatPalette): Palette {
  return PALETTES[id];
}

/** d3 interpolators return `rgb(r, g, b)` or `#rrggbb`. */
export function parseRgb(css: string): [number, number, number] {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const hexMatch = /^#([0-9a-f]{6})$/i.exec(css);
  if (!hexMatch) throw new Error(`unexpected colour ${css}`);
  const n = parseInt(hexMatch[1]!, 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
}

/** CIELAB lightness L* (0 black … 100 white) of an sRGB colour. */
export function lightness(rgb: Rgb): number {
  return lab(`rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`).l;
}

/** RGBA lookup table of `n` entries sampled from `color` over [0, 1]. */
export function colorLut(color: (t: number) => string, n = 256): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = parseRgb(color(i / (n - 1)));
    lut.set([r, g, b, 255], i * 4);
  }
  return lut;
}

/**
 * Entries in a diverging table: odd, so that 0 falls exactly on the middle entry, the neutral
 * colour, and ±d on entries equally far from it.
 */
export const DIVERGING_STEPS = 257;

/** The diverging table over [−1, 1]: entry i is d = 2i / (n − 1) − 1. */
export function divergingLut(p: Palette): Uint8ClampedArray {
  return colorLut((t) => p.diverging(2 * t - 1), DIVERGING_STEPS);
}

/** The table entry of a difference d (clamped to [−1, 1]). */
export function divergingIndex(d: number, steps = DIVERGING_STEPS): number {
  return Math.round(((clampUnit(d) + 1) / 2) * (steps - 1));
}

export type PageTheme = 'light' | 'dark';

/** What is drawn around and under the cells, per page theme. */
export interface HeatGrounds {
  /** Mapped, not accessed (a cell value of exactly 0). */
  zero: Rgb;
  /** Nothing mapped (yet), or the row is not held: a hatch of these two. */
  noDataBg: string;
  noDataHatch: string;
  /** Scrub line, selected-row outline, narrow-range markers. */
  ink: string;
  hover: string;
  /** Region boundaries (RGBA, about 45 % opaque). */
  boundary: readonly [number, number, number, number];
  /** The snapshot table's region. */
  mark: string;
  markFill: string;
}

export const GROUNDS: Readonly<Record<PageTheme, HeatGrounds>> = {
  light: {
    zero: [236, 236, 232],
    noDataBg: '#fafaf8',
    noDataHatch: '#e6e6e1',
    ink: '#1f2430',
    hover: '#1d4ed8',
    boundary: [31, 36, 48, 115],
    mark: '#0f766e',
    markFill: 'rgba(15, 118, 110, 0.18)',
  },
  dark: {
    zero: [58, 62, 72],
    noDataBg: '#1c1f25',
    noDataHatch: '#2a2e36',
    ink: '#e8eaef',
    hover: '#8fb4ff',
    boundary: [232, 234, 239, 110],
    mark: '#5eead4',
    markFill: 'rgba(94, 234, 212, 0.16)',
  },
};
