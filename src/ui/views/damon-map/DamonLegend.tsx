/**
 * The DAMON panel's colour key. For nr_accesses: the ramp from 0 to the ceiling
 * (aggr_interval / sample_interval samples). For the difference: the diverging ramp and, in
 * words, exactly what each cell computes.
 */
import { useId } from 'react';
import { formatDensity } from '../../format';
import { rampColor } from '../heatmap/heat-pipeline';
import { diffColor } from './damon-pipeline';
import type { DamonLegendState } from './damon-renderer';

const WIDTH = 150;
const PAD = 12;
const STOPS = Array.from({ length: 11 }, (_, i) => i / 10);

function Ramp({
  color,
  labels,
}: {
  color: (t: number) => string;
  labels: [string, string, string];
}) {
  const id = useId();
  return (
    <svg width={WIDTH + 2 * PAD} height={28} role="img">
      <defs>
        <linearGradient id={id}>
          {STOPS.map((t) => (
            <stop key={t} offset={t} stopColor={color(t)} />
          ))}
        </linearGradient>
      </defs>
      <rect x={PAD} y={2} width={WIDTH} height={10} fill={`url(#${id})`} rx={2} />
      {labels.map((label, i) => (
        <text key={i} x={PAD + (i * WIDTH) / 2} y={25} textAnchor="middle">
          {label}
        </text>
      ))}
    </svg>
  );
}

export function DamonLegend({ legend }: { legend: DamonLegendState | null }) {
  if (!legend) return null;
  if (legend.kind === 'nr_accesses') {
    const max = legend.maxNrAccesses || 20;
    return (
      <>
        <div
          className="heat-legend"
          data-testid="damon-legend"
          title="nr_accesses: in how many of the aggregation's samples the region's sampled page was found accessed (its Accessed bit set)"
        >
          <span className="swatch no-data" title="not monitored (outside DAMON's regions)" />
          <span className="swatch-label">none</span>
          <span className="swatch zero" title="monitored, no sample found an access" />
          <span className="swatch-label">0</span>
          <Ramp color={rampColor} labels={['', String(max / 2), String(max)]} />
          <span className="swatch-label">nr_accesses / {max}</span>
        </div>
        <p className="heat-note">
          One row per aggregation, placed by its window; thin lines are region boundaries. Samples
          per aggregation: aggr_interval / sample_interval = {max}.
        </p>
      </>
    );
  }
  const scale =
    legend.mode === 'log'
      ? `log, ${formatDensity(legend.domain[0])}–${formatDensity(legend.domain[1])}`
      : `linear, 0–${formatDensity(legend.domain[1])}`;
  return (
    <>
      <div className="heat-legend" data-testid="damon-legend">
        <span className="swatch no-data" title="no data on one side" />
        <span className="swatch-label">none</span>
        <Ramp color={(t) => diffColor(2 * t - 1)} labels={['−1', '0', '+1']} />
        <span className="swatch-label">truth − DAMON</span>
      </div>
      <p className="heat-note" data-testid="damon-diff-explain">
        Per truth cell: truth on its colour scale ({scale} accesses/page → 0–1) − nr_accesses ÷ max.{' '}
        <b className="diff-blue">Blue</b>: hot in truth, cold to DAMON;{' '}
        <b className="diff-red">red</b>: the reverse.
      </p>
    </>
  );
}
