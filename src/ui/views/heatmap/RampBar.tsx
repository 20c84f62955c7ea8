/**
 * A colour ramp as an SVG gradient bar with labels under it: the middle of both heat panels'
 * legends (the truth's density ramp, DAMON's nr_accesses and difference ramps).
 */
import { useId } from 'react';

/** Gradient stops: enough that a non-linear ramp still looks like itself. */
const STOPS = Array.from({ length: 11 }, (_, i) => i / 10);

export interface RampTick {
  /** Where along the ramp, 0–1. */
  at: number;
  label: string;
}

export function RampBar({
  color,
  ticks,
  width,
  pad,
}: {
  /** The colour at a ramp position 0–1. */
  color: (t: number) => string;
  ticks: readonly RampTick[];
  /** The bar's length (cssPx). */
  width: number;
  /** Room either side of the bar for the end labels (cssPx). */
  pad: number;
}) {
  const id = useId();
  return (
    <svg width={width + 2 * pad} height={28} role="img">
      <defs>
        <linearGradient id={id}>
          {STOPS.map((t) => (
            <stop key={t} offset={t} stopColor={color(t)} />
          ))}
        </linearGradient>
      </defs>
      <rect x={pad} y={2} width={width} height={10} fill={`url(#${id})`} rx={2} />
      {ticks.map((tick, i) => (
        <text key={i} x={pad + tick.at * width} y={25} textAnchor="middle">
          {tick.label}
        </text>
      ))}
    </svg>
  );
}
