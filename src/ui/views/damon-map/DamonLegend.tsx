/**
 * The DAMON panel's colour key. For nr_accesses: the ramp from 0 to the ceiling
 * (aggr_interval / sample_interval samples). For the difference: the fixed diverging ramp
 * −1 … 0 … +1, its two ends named, and in words exactly what each cell computes.
 */
import { useAppStore } from '../../../store';
import { palette } from '../../canvas/colour-maps';
import { RampBar } from '../heatmap/RampBar';
import { GroundSwatches } from '../heatmap/Swatches';
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
  const p = palette(useAppStore((s) => s.heatPalette));
  if (!legend) return null;
  const max = legend.maxNrAccesses || 20;
  if (legend.kind === 'nr_accesses') {
    return (
      <>
        <div
          className="heat-legend"
          data-testid="damon-legend"
          title="nr_accesses: in how many of the aggregation's samples the region's sampled page was found accessed (its Accessed bit set)"
        >
          <GroundSwatches
            noDataTitle="not monitored (outside DAMON's regions)"
            zeroTitle="monitored, no sample found an access"
          />
          <Ramp color={p.sequential} labels={['', String(max / 2), String(max)]} />
          <span className="swatch-label">nr_accesses / {max}</span>
        </div>
        <p
          className="heat-note"
          title="One row per aggregation, placed by its window; thin lines are region boundaries."
        >
          One row per aggregation, placed by its window; thin lines are region boundaries. Samples
          per aggregation: aggr_interval / sample_interval = {max}.
        </p>
      </>
    );
  }
  const [overName, missName] = p.divergingNames;
  return (
    <>
      <div className="heat-legend" data-testid="damon-legend">
        <GroundSwatches noDataTitle="no data on one side" />
        <span className="diff-end" style={{ color: p.diverging(-1) }}>
          DAMON over-reports
        </span>
        <Ramp color={(t) => p.diverging(2 * t - 1)} labels={['−1', '0', '+1']} />
        <span className="diff-end" style={{ color: p.diverging(1) }}>
          DAMON misses
        </span>
      </div>
      <p className="heat-note" data-testid="damon-diff-explain">
        {legend.available ? (
          <>
            Per truth cell, both as a fraction of the {max} samples: the truth&apos;s DAMON units ÷{' '}
            {max} − DAMON&apos;s nr_accesses ÷ max.{' '}
            <b style={{ color: p.diverging(1) }}>{missName}</b> (+): hot in truth, cold to DAMON;{' '}
            <b style={{ color: p.diverging(-1) }}>{overName}</b> (−): DAMON reads it hotter than it
            is.
          </>
        ) : (
          <>
            The difference needs the truth in DAMON units (nr_accesses ÷ max), which this run&apos;s
            rows do not carry yet.
          </>
        )}
      </p>
    </>
  );
}
