/**
 * The ground-truth heatmap: address columns across, time downwards (newest at the bottom),
 * in one of three measures (accesses per page, DAMON's own unit, pages touched; the selector
 * is MeasureSelector, among the pair's shared controls). React renders
 * the frame once; the cells and axes are redrawn by HeatRenderer on animation frames when the
 * source gets rows or the zoom/colour/hover/scrub state changes, never by re-rendering. The
 * zoom and scale controls it shares with DAMON's panel sit above both.
 */
import { useCallback, useState } from 'react';
import { useAppStore } from '../../../store';
import { HeatLegend } from './HeatLegend';
import { HeatRenderer } from './heat-renderer';
import { HeatStageBox } from './HeatStageBox';
import type { HeatSource } from './heat-source';
import { HeatTooltip } from './HeatTooltip';
import type { TruthLegend } from './legend-scale';
import { MEASURES } from './truth-measures';
import { useHeatStage } from './use-heat-stage';
import './heatmap.css';

const formatRow = (us: number) => (us >= 1e6 ? `${us / 1e6} s` : `${us / 1000} ms`);

export function HeatmapPanel({ source }: { source: HeatSource }) {
  const [legend, setLegend] = useState<TruthLegend | null>(null);
  const interval = useAppStore((s) => s.scenario?.truth.intervalUs ?? 0);
  const measure = useAppStore((s) => s.truthMeasure);
  const create = useCallback(
    (canvas: HTMLCanvasElement, svg: SVGSVGElement) =>
      new HeatRenderer(canvas, svg, source, setLegend),
    [source],
  );
  const { size, ...refs } = useHeatStage(source.id, create);

  return (
    <section className="heat-view" data-testid={`heatmap-${source.id}`}>
      <header className="heat-view-head">
        <div className="heat-title-row">
          <h2>{source.title}</h2>
        </div>
        <HeatLegend legend={legend} />
        <p className="heat-note" title={MEASURES[measure].explain}>
          {MEASURES[measure].explain} Rows of {formatRow(interval)}.
        </p>
      </header>
      <HeatStageBox label="Ground truth heatmap" testId="truth-stage" {...refs}>
        <HeatTooltip source={source} stageWidth={size.width} />
      </HeatStageBox>
    </section>
  );
}
