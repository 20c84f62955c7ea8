/**
 * The ground truth's colour key: the "no data" and "zero" swatches, the ramp with its scale in
 * the measure's unit, and whether the scale spans the whole run or fits the view.
 */
import { useAppStore } from '../../../store';
import { palette, type PageTheme } from '../../canvas/colour-maps';
import { usePageTheme } from '../../canvas/theme';
import { formatDensity } from '../../format';
import { rampPosition } from './heat-pipeline';
import type { TruthLegend } from './legend-scale';
import { RampBar } from './RampBar';
import { nodeLabels, nodeRamp } from './node-colours';
import { GroundSwatches } from './Swatches';
import { MEASURES } from './truth-measures';

const WIDTH = 150;
/** Room either side of the ramp for the end labels. */
const PAD = 14;

/** Tick values: powers of ten on a log ramp (thinned to ≤ 4), ends and middle on a linear one. */
export function legendTicks(legend: Pick<TruthLegend, 'mode' | 'domain'>): number[] {
  const [lo, hi] = legend.domain;
  if (legend.mode === 'linear') return [0, hi / 2, hi];
  const ticks: number[] = [];
  for (let e = Math.round(Math.log10(lo)); 10 ** e <= hi * 1.0001; e++) ticks.push(10 ** e);
  const every = Math.ceil(ticks.length / 4);
  return ticks.filter((_, i) => (ticks.length - 1 - i) % every === 0);
}

/** A tick's label in the measure's unit: accesses, nr_accesses (× the ceiling), or a percentage. */
export function tickLabel(legend: TruthLegend, v: number): string {
  if (legend.measure === 'coverage') return `${Number((v * 100).toPrecision(3))} %`;
  if (legend.measure === 'damonUnit') {
    const max = legend.maxNrAccesses;
    return max > 0 ? formatDensity(v * max) : formatDensity(v);
  }
  return formatDensity(v);
}

/** What the ramp's values are: `accesses / page`, `nr_accesses / 20`, `pages touched`. */
export function legendUnit(legend: TruthLegend): string {
  if (legend.measure === 'damonUnit') {
    return legend.maxNrAccesses > 0 ? `nr_accesses / ${legend.maxNrAccesses}` : 'nr_accesses';
  }
  return legend.measure === 'coverage' ? 'pages touched' : MEASURES.accesses.unit;
}

/** "By node": a key per node (its ramp, low → high, and its name). */
function NodeKeys({ theme }: { theme: PageTheme }) {
  const machine = useAppStore((s) => s.scenario?.machine);
  if (!machine) return null;
  return (
    <span className="heat-node-keys" data-testid="truth-node-legend">
      {nodeLabels(machine).map((label, nid) => {
        const ramp = nodeRamp(nid, theme);
        return (
          <span
            key={nid}
            className="heat-node-key"
            title={`${label}: cells whose resident pages are mostly on node ${nid}, paler when colder`}
          >
            <span
              className="swatch"
              style={{ background: `linear-gradient(90deg, ${ramp(0)}, ${ramp(0.5)}, ${ramp(1)})` }}
            />
            <span className="swatch-label">{label}</span>
          </span>
        );
      })}
    </span>
  );
}

export function HeatLegend({ legend }: { legend: TruthLegend | null }) {
  const paletteId = useAppStore((s) => s.heatPalette);
  const theme = usePageTheme();
  if (!legend) return null;
  if (!legend.available) {
    return (
      <div className="heat-legend" data-testid="truth-legend">
        <span className="heat-unavailable">
          This run&apos;s rows carry no “{MEASURES[legend.measure].label}” yet.
        </span>
      </div>
    );
  }
  const position = rampPosition(legend.mode, legend.domain);
  const ticks = legendTicks(legend).map((v) => ({
    at: v > 0 || legend.mode === 'linear' ? position(v) : 0,
    label: tickLabel(legend, v),
  }));
  const fit = legend.fit === 'run' ? 'whole run' : 'fit to view';
  return (
    <div
      className="heat-legend"
      data-testid="truth-legend"
      aria-label={`colour scale, ${legend.mode}, ${fit}`}
    >
      <GroundSwatches
        noDataTitle="no data: nothing mapped there (yet)"
        zeroTitle="mapped, not accessed in that interval"
      />
      <RampBar
        color={legend.byNode ? nodeRamp(-1, theme) : palette(paletteId).sequential}
        ticks={ticks}
        width={WIDTH}
        pad={PAD}
      />
      <span className="swatch-label">{legendUnit(legend)}</span>
      <span
        className="legend-fit"
        title={
          legend.fit === 'run'
            ? 'The scale of every row so far: zooming never changes what a colour means'
            : 'The scale of the visible cells: a colour means something else after a zoom'
        }
      >
        {legend.mode === 'log' ? 'log · ' : ''}
        {fit}
      </span>
      {legend.byNode && <NodeKeys theme={theme} />}
    </div>
  );
}
