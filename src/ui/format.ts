/**
 * Number formatting for the views. Sizes and addresses follow the kernel's habits (hex without
 * padding, binary units); counts use SI suffixes.
 */
import { formatBytes, hex } from '../scenario/units';

export { formatBytes, hex };

/** Simulated time in seconds with millisecond resolution: `12.345 s`. */
export function formatSeconds(us: number): string {
  return `${(us / 1e6).toFixed(3)} s`;
}

/** A fraction as a percentage: `97.3 %`; `–` when undefined (NaN). */
export function formatPercent(fraction: number, digits = 1): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)} %` : '–';
}

/** A count with an SI suffix: `950`, `12.3 k`, `4.56 M`, `1.2 G`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  if (abs < 1000) return Number.isInteger(n) ? String(n) : n.toPrecision(3);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) return `${Number((n / size).toPrecision(3))} ${suffix}`;
  }
  return String(n);
}

/** Accesses per page: three significant digits, plain zero. */
export function formatDensity(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  return v >= 1000 ? formatCount(v) : String(Number(v.toPrecision(3)));
}

/** A simulation speed (simulated µs per wall second) as a multiple of real time: `1×`, `0.1×`. */
export function formatSpeed(simUsPerSec: number): string {
  return simUsPerSec <= 0 ? 'max' : `${Number((simUsPerSec / 1e6).toPrecision(3))}×`;
}
