/**
 * The ground-truth heatmap: address columns across, time downwards (newest at the bottom).
 * React renders the frame once; the cells and axes are redrawn by HeatRenderer on animation
 * frames when the source gets rows or the zoom/colour/hover/scrub state changes, never by
 * re-rendering. The zoom and scale controls it shares with DAMON's panel sit above both.
 */
import { useCallback, useState } from 'react';
import { useAppStore } from '../../../store';
import { HeatLegend } from './HeatLegend';
import { HeatRenderer, type LegendState } from './heat-renderer';
import type { HeatSource } from './heat-source';
import { HeatTooltip } from './HeatTooltip';
import { useHeatStage } from './use-heat-stage';

const formatRow = (us: number) => (us >= 1e6 ? `${us / 1e6} s` : `${us / 1000} ms`);

export function HeatmapPanel({ source }: { source: HeatSource }) {
  const [legend, setLegend] = useState<LegendState | null>(null);
  const interval = useAppStore((s) => s.scenario?.truth.intervalUs ?? 0);
  const create = useCallback(
    (canvas: HTMLCanvasElement, svg: SVGSVGElement) =>
      new HeatRenderer(canvas, svg, source, setLegend),
    [source],
  );
  const { stageRef, canvasRef, svgRef, size } = useHeatStage(source.id, create);

  return (
    <section className="heat-view" data-testid={`heatmap-${source.id}`}>
      <header className="heat-view-head">
        <h2>{source.title}</h2>
        <HeatLegend legend={legend} valueLabel={source.valueLabel} />
        <p className="heat-note">
          Mean accesses per 4 KiB page per column and {formatRow(interval)} row: every access
          counts, as a perfect sampler would see it.
        </p>
      </header>
      <div className="heat-stage" ref={stageRef}>
        <canvas ref={canvasRef} className="heat-canvas" />
        <svg ref={svgRef} className="heat-axes" aria-hidden="true" />
        <HeatTooltip source={source} stageWidth={size.width} />
      </div>
    </section>
  );
}
