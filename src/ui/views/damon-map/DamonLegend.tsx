/**
 * The DAMON panel's colour key. For nr_accesses: the ramp from 0 to the ceiling
 * (aggr_interval / sample_interval samples). For the difference: the diverging ramp and, in
 * words, exactly what each cell computes.
 */
import { formatDensity } from '../../format';
import { rampColor } from '../heatmap/heat-pipeline';
import { RampBar } from '../heatmap/RampBar';
import { diffColor } from './damon-pipeline';
import type { DamonLegendState } from './damon-renderer';

const WIDTH = 150;
const PAD = 12;

/** A ramp labelled at its ends and middle. */
function Ramp({
  color,
  labels,
}: {
  color: (t: number) => string;
  labels: [string, string, string];
}) {
  const ticks = labels.map((label, i) => ({ at: i / 2, label }));
  return <RampBar color={color} ticks={ticks} width={WIDTH} pad={PAD} />;
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
