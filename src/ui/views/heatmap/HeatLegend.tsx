/** The colour key of a heatmap: the ramp with its scale, plus the "zero" and "no data" swatches. */
import { formatDensity } from '../../format';
import type { LegendState } from './heat-renderer';
import { rampColor, rampPosition } from './heat-pipeline';
import { RampBar } from './RampBar';

const WIDTH = 180;
/** Room either side of the ramp for the end labels. */
const PAD = 16;

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
  if (!legend) return null;
  const position = rampPosition(legend.mode, legend.domain);
  const ticks = legendTicks(legend).map((v) => ({ at: position(v), label: formatDensity(v) }));
  return (
    <div className="heat-legend" aria-label={`colour scale, ${legend.mode}`}>
      <span className="swatch no-data" title="no data: nothing mapped there (yet)" />
      <span className="swatch-label">none</span>
      <span className="swatch zero" title="mapped, not accessed in that interval" />
      <span className="swatch-label">0</span>
      <RampBar color={rampColor} ticks={ticks} width={WIDTH} pad={PAD} />
      <span className="swatch-label">{valueLabel}</span>
    </div>
  );
}
