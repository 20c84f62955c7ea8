/**
 * DAMON's regions beside the ground truth, on the same address columns, the same time axis
 * and the same zoom: one row per aggregation, placed by its window, coloured by nr_accesses,
 * with the region boundaries drawn so splits and merges can be watched. Redrawn on animation
 * frames by DamonRenderer, never by re-rendering.
 */
import { useCallback, useState } from 'react';
import { useAppStore } from '../../../store';
import { HeatStageBox } from '../heatmap/HeatStageBox';
import { useHeatStage } from '../heatmap/use-heat-stage';
import { DamonLegend } from './DamonLegend';
import { DamonRenderer, type DamonLegendState } from './damon-renderer';
import { DamonTooltip } from './DamonTooltip';
import { damonRuns } from '../../../scenario';

export function DamonMapPanel() {
  const [legend, setLegend] = useState<DamonLegendState | null>(null);
  const enabled = useAppStore((s) => (s.scenario ? damonRuns(s.scenario) : false));
  const create = useCallback(
    (canvas: HTMLCanvasElement, svg: SVGSVGElement) => new DamonRenderer(canvas, svg, setLegend),
    [],
  );
  const { size, ...refs } = useHeatStage('damon', create);

  return (
    <section className="heat-view" data-testid="heatmap-damon">
      <header className="heat-view-head">
        <div className="heat-title-row">
          <h2 title="DAMON (the kernel's Data Access MONitor, mm/damon): per region, in how many samples of the aggregation interval the sampled page's Accessed bit was set">
            DAMON regions (nr_accesses per aggregation)
          </h2>
        </div>
        {enabled ? (
          <DamonLegend legend={legend} />
        ) : (
          <p className="heat-note">DAMON is off in this scenario (Edit → DAMON turns it on).</p>
        )}
      </header>
      <HeatStageBox label="DAMON regions heatmap" testId="damon-stage" {...refs}>
        <DamonTooltip stageWidth={size.width} />
      </HeatStageBox>
    </section>
  );
}
