import { describe, expect, it } from 'vitest';
import { colorLut, parseRgb } from '../../src/ui/canvas/colour-maps';
import {
  colorizeDiverging,
  colorizeValues,
  heatDomain,
  niceCeil,
  niceDomain,
  rampPosition,
  rgbWord,
  words,
} from '../../src/ui/views/heatmap/heat-pipeline';

describe('heatDomain', () => {
  it('snaps the log domain to powers of ten, at most MAX_DECADES deep', () => {
    expect(heatDomain(Float32Array.of(0, 0.03, 2, 740), 'log')).toEqual([0.01, 1000]);
    expect(heatDomain(Float32Array.of(1e-9, 5), 'log')).toEqual([1e-4, 10]);
    expect(heatDomain(Float32Array.of(5, 5), 'log')).toEqual([1, 10]);
  });

  it('starts linear domains at zero, on the 1-2-5 series, and ignores NaN', () => {
    expect(heatDomain(Float32Array.of(NaN, 0, 42), 'linear')).toEqual([0, 50]);
    expect(niceCeil(0.031)).toBeCloseTo(0.05);
    expect(niceCeil(1)).toBe(1);
    expect(niceCeil(1.5)).toBe(2);
  });

  it('gives a unit default when nothing was accessed', () => {
    expect(heatDomain(Float32Array.of(NaN, 0), 'log')).toEqual([0.01, 1]);
    expect(niceDomain(0, Infinity, 'linear')).toEqual([0, 1]);
  });
});

describe('colorize', () => {
  const lut = words(colorLut((t) => `rgb(${Math.round(t * 255)}, 0, 0)`, 256));
  const zero = rgbWord([9, 9, 9]);
  const bytes = (w: Uint32Array) => Array.from(new Uint8Array(w.buffer));

  it('draws NaN transparent, zero in the zero ground, and positives along the ramp', () => {
    const out = colorizeValues(
      Float32Array.of(NaN, 0, 1, 100),
      rampPosition('log', [1, 100]),
      lut,
      zero,
      new Uint32Array(4),
    );
    expect(bytes(out)).toEqual([0, 0, 0, 0, 9, 9, 9, 255, 0, 0, 0, 255, 255, 0, 0, 255]);
  });

  it('clamps values outside the domain to the ramp ends', () => {
    const out = colorizeValues(
      Float32Array.of(1e-9, 1e9),
      rampPosition('log', [1, 100]),
      lut,
      zero,
      new Uint32Array(2),
    );
    expect([bytes(out)[0], bytes(out)[4]]).toEqual([0, 255]);
  });

  it('puts 10 in the middle of a [1, 100] log ramp', () => {
    expect(rampPosition('log', [1, 100])(10)).toBeCloseTo(0.5);
    expect(rampPosition('linear', [0, 100])(10)).toBeCloseTo(0.1);
  });

  it('puts a difference of 0 on the middle entry of a diverging table', () => {
    const table = words(
      colorLut((t) => `rgb(${Math.round(t * 256) === 128 ? 200 : 0}, 0, 0)`, 257),
    );
    const out = colorizeDiverging(Float32Array.of(0, NaN, 5), table, new Uint32Array(3));
    expect(bytes(out).slice(0, 8)).toEqual([200, 0, 0, 255, 0, 0, 0, 0]);
    expect(out[2]).toBe(table[256]); // clamped to +1
  });
});

describe('parseRgb', () => {
  it('reads both forms d3 produces', () => {
    expect(parseRgb('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseRgb('#0a0b0c')).toEqual([10, 11, 12]);
  });
});
