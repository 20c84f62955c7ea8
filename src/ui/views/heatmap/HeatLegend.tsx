/** The colour key of a heatmap: the ramp with its scale, plus the "zero" and "no data" swatches. */
import { useId } from 'react';
import { formatDensity } from '../../format';
import type { LegendState } from './heat-renderer';
import { rampColor, rampPosition } from './heat-pipeline';

const WIDTH = 180;
/** Room either side of the ramp for the end labels. */
const PAD = 16;
const STOPS = Array.from({ length: 11 }, (_, i) => i / 10);

/** Tick values: powers of ten on a log ramp (thinned to ≤ 4), nice numbers on a linear one. */
export function legendTicks(legend: LegendState): number[] {
  const [lo, hi] = legend.domain;
  if (legend.mode === 'linear') return [0, hi / 2, hi];
  const ticks: number[] = [];
  for (let e = Math.round(Math.log10(lo)); 10 ** e <= hi * 1.0001; e++) ticks.push(10 ** e);
  const every = Math.ceil(ticks.length / 4);
  return ticks.filter((_, i) => (ticks.length - 1 - i) % every === 0);
}

export function HeatLegend({
  legend,
  valueLabel,
}: {
  legend: LegendState | null;
  valueLabel: string;
}) {
  const gradientId = useId();
  if (!legend) return null;
  const position = rampPosition(legend.mode, legend.domain);
  return (
    <div className="heat-legend" aria-label={`colour scale, ${legend.mode}`}>
      <span className="swatch no-data" title="no data: nothing mapped there (yet)" />
      <span className="swatch-label">none</span>
      <span className="swatch zero" title="mapped, not accessed in that interval" />
      <span className="swatch-label">0</span>
      <svg width={WIDTH + 2 * PAD} height={28} role="img">
        <defs>
          <linearGradient id={gradientId}>
            {STOPS.map((t) => (
              <stop key={t} offset={t} stopColor={rampColor(t)} />
            ))}
          </linearGradient>
        </defs>
        <rect x={PAD} y={2} width={WIDTH} height={10} fill={`url(#${gradientId})`} rx={2} />
        {legendTicks(legend).map((v) => (
          <text key={v} x={PAD + position(v) * WIDTH} y={25} textAnchor="middle">
            {formatDensity(v)}
          </text>
        ))}
      </svg>
      <span className="swatch-label">{valueLabel}</span>
    </div>
  );
}
