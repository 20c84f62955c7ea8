/**
 * The small charts' scales: a readable top for the y axis (in binary units for bytes) and
 * thinning of long series to about one point per pixel. Pure.
 */

/** Points drawn per series at most: about one per pixel. */
const MAX_POINTS = 340;

/** Every k-th point (and always the last), so a long series costs no more than the chart's width. */
export function thin<T>(points: readonly T[], max = MAX_POINTS): readonly T[] {
  if (points.length <= max) return points;
  const k = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % k === 0);
  if ((points.length - 1) % k !== 0) out.push(points[points.length - 1]!);
  return out;
}

const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** A round top for the y axis, a little above `max`: 1, 1.2, 1.5, 2, … 8 × a power of ten `unit`s. */
export function niceTop(max: number, unit = 1): number {
  if (!(max > 0)) return unit;
  const v = max / unit;
  const p = 10 ** Math.floor(Math.log10(v));
  const m = NICE.find((f) => f * p >= v) ?? 10;
  return m * p * unit;
}

/** niceTop in the binary unit (KiB, MiB, GiB) the value is shown in. */
export function niceBytes(max: number): number {
  const unit = [2 ** 30, 2 ** 20, 2 ** 10].find((u) => max >= u) ?? 1;
  return niceTop(max, unit);
}
