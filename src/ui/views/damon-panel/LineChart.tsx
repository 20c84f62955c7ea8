/**
 * A small line chart over simulated time: a few series, each named with its value (at the scrub
 * position when scrubbed, as the snapshot table shows it, else the newest), the value at the
 * top of the y range, the time range below, and the scrub position as a vertical line. SVG
 * rendered by React at the summary rate (at most 4 times per second), at the width it is given
 * so its text keeps its size.
 */
import { line, scaleLinear } from 'd3';
import { useRef } from 'react';
import { useElementSize } from '../../canvas/use-element-size';
import { formatSeconds } from '../../format';
import { niceTop, thin } from './chart-scale';
import { valueAt } from './chart-series';

export interface Series {
  id: string;
  label: string;
  /** A CSS class for the stroke (colour, dash). */
  className: string;
  /** [tUs, value] points in time order. */
  points: readonly (readonly [number, number])[];
  /** Each point ends a window (an aggregation) rather than being an instant (see valueAt). */
  windows?: boolean;
}

/** Width drawn before the element has been measured. */
const FALLBACK_W = 340;
const H = 64;
const PAD = { left: 4, right: 4, top: 12, bottom: 14 };

export function LineChart({
  series,
  xDomain,
  format,
  top = niceTop,
  scrubUs,
  label,
  testId,
}: {
  series: readonly Series[];
  xDomain: readonly [number, number];
  format: (v: number) => string;
  /** The y axis' top for the largest value. */
  top?: (max: number) => number;
  scrubUs: number | null;
  label: string;
  testId?: string;
}) {
  const box = useRef<HTMLElement>(null);
  const W = useElementSize(box).width || FALLBACK_W;
  let max = 0;
  for (const s of series) for (const [, v] of s.points) if (v > max) max = v;
  const x = scaleLinear()
    .domain([xDomain[0], Math.max(xDomain[1], xDomain[0] + 1)])
    .range([PAD.left, W - PAD.right]);
  const yTop = top(max);
  const y = scaleLinear()
    .domain([0, yTop])
    .range([H - PAD.bottom, PAD.top]);
  const path = line<readonly [number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const shown = series.map((s) => valueAt(s.points, scrubUs, s.windows ?? false));
  return (
    <figure ref={box} className="chart" data-testid={testId}>
      <figcaption>
        <span className="chart-label">{label}</span>
        {series.map((s, i) => (
          <span key={s.id} className="chart-key">
            <span className={`key-line ${s.className}`} />
            {s.label} <b>{shown[i] === undefined ? '–' : format(shown[i])}</b>
          </span>
        ))}
      </figcaption>
      <svg width={W} height={H} role="img" aria-label={label}>
        <line className="chart-base" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
        <line className="chart-grid" x1={PAD.left} x2={W - PAD.right} y1={y(yTop)} y2={y(yTop)} />
        <text className="chart-tick" x={PAD.left} y={PAD.top - 3}>
          {format(yTop)}
        </text>
        {series.map((s) =>
          s.points.length > 0 ? (
            <path
              key={s.id}
              className={`chart-line ${s.className}`}
              d={path(thin(s.points)) ?? ''}
            />
          ) : null,
        )}
        {scrubUs !== null && (
          <line className="chart-scrub" x1={x(scrubUs)} x2={x(scrubUs)} y1={PAD.top} y2={y(0)} />
        )}
        <text className="chart-tick" x={PAD.left} y={H - 2}>
          {formatSeconds(xDomain[0])}
        </text>
        <text className="chart-tick" x={W - PAD.right} y={H - 2} textAnchor="end">
          {formatSeconds(xDomain[1])}
        </text>
      </svg>
    </figure>
  );
}
