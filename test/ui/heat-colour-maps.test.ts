/** The colour maps: what each colour means must not depend on the theme, the zoom or the palette. */
import { describe, expect, it } from 'vitest';
import {
  colorLut,
  divergingIndex,
  divergingLut,
  DIVERGING_STEPS,
  GROUNDS,
  lightness,
  PALETTES,
  parseRgb,
  type Rgb,
} from '../../src/ui/canvas/colour-maps';

const entries = (lut: Uint8ClampedArray): Rgb[] =>
  Array.from({ length: lut.length / 4 }, (_, i) => [lut[4 * i]!, lut[4 * i + 1]!, lut[4 * i + 2]!]);
const chroma = ([r, g, b]: Rgb) => Math.max(r, g, b) - Math.min(r, g, b);
const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('diverging maps', () => {
  for (const p of Object.values(PALETTES)) {
    describe(p.id, () => {
      const lut = entries(divergingLut(p));

      it('is centred on 0: the middle entry is the neutral grey, and 0 lands on it', () => {
        expect(lut).toHaveLength(DIVERGING_STEPS);
        const mid = (DIVERGING_STEPS - 1) / 2;
        expect(divergingIndex(0)).toBe(mid);
        expect(chroma(lut[mid]!)).toBeLessThan(6);
        expect(lightness(lut[mid]!)).toBeGreaterThan(lightness(lut[0]!));
        expect(lightness(lut[mid]!)).toBeGreaterThan(lightness(lut[DIVERGING_STEPS - 1]!));
      });

      it('darkens away from 0 on both sides, symmetrically in lightness', () => {
        const mid = (DIVERGING_STEPS - 1) / 2;
        for (let k = 1; k <= mid; k++) {
          const lo = lightness(lut[mid - k]!);
          const hi = lightness(lut[mid + k]!);
          expect(lo).toBeLessThanOrEqual(lightness(lut[mid - k + 1]!) + 0.5);
          expect(hi).toBeLessThanOrEqual(lightness(lut[mid + k - 1]!) + 0.5);
          expect(Math.abs(lo - hi)).toBeLessThan(5);
        }
      });

      it('names its ends: +1 "DAMON misses" is blue, −1 "over-reports" the other hue', () => {
        const [plus, minus] = [parseRgb(p.diverging(1)), parseRgb(p.diverging(-1))];
        expect(plus[2]).toBeGreaterThan(plus[0] + 80);
        expect(minus[0]).toBeGreaterThan(minus[2] + 80);
        expect(p.divergingNames[1]).toBe('blue');
        expect(p.diverging(5)).toBe(p.diverging(1)); // clamped
      });
    });
  }
});

describe('sequential maps', () => {
  it('the colour-blind-safe ramp rises monotonically in lightness', () => {
    const lut = entries(colorLut(PALETTES.cb_safe.sequential));
    for (let i = 1; i < lut.length; i++) {
      expect(lightness(lut[i]!)).toBeGreaterThan(lightness(lut[i - 1]!) - 0.3);
    }
    expect(lightness(lut.at(-1)!) - lightness(lut[0]!)).toBeGreaterThan(50);
  });

  it('the classic ramp falls monotonically in lightness (light yellow to dark red)', () => {
    const lut = entries(colorLut(PALETTES.classic.sequential));
    for (let i = 1; i < lut.length; i++) {
      expect(lightness(lut[i]!)).toBeLessThan(lightness(lut[i - 1]!) + 0.3);
    }
  });

  it('keeps "mapped, not accessed" apart from every ramp colour, in both themes', () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const p of Object.values(PALETTES)) {
        const lut = entries(colorLut(p.sequential));
        const nearest = Math.min(...lut.map((c) => distance(c, GROUNDS[theme].zero)));
        expect(nearest, `${theme} ${p.id}`).toBeGreaterThan(20);
      }
    }
  });

  it('is the same in both themes: a colour means one value whatever the page', () => {
    // The ramps take no theme: only the grounds differ.
    expect(GROUNDS.light.zero).not.toEqual(GROUNDS.dark.zero);
    expect(PALETTES.classic.sequential.length).toBe(1);
  });
});
