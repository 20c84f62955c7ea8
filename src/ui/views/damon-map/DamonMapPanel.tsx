/**
 * DAMON's regions beside the ground truth, on the same address columns, the same time axis
 * and the same zoom: one row per aggregation, placed by its window, coloured by nr_accesses,
 * with the region boundaries drawn so splits and merges can be watched. Redrawn on animation
 * frames by DamonRenderer, never by re-rendering.
 */
import { useEffect, useRef, useState } from 'react';
import { damonHistory, truthHistory, useAppStore } from '../../../store';
import { createFrameScheduler } from '../../canvas/frame-scheduler';
import { useElementSize } from '../../canvas/use-element-size';
import { useHeatPointer } from '../heatmap/use-heat-pointer';
import { DamonLegend } from './DamonLegend';
import { DamonRenderer, type DamonLegendState } from './damon-renderer';
import { DamonTooltip } from './DamonTooltip';

export function DamonMapPanel() {
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const rendererRef = useRef<DamonRenderer | null>(null);
  const size = useElementSize(stageRef);
  const [legend, setLegend] = useState<DamonLegendState | null>(null);
  const enabled = useAppStore((s) => s.scenario?.damon.enabled ?? false);

  useEffect(() => {
    const canvas = canvasRef.current;
    const svg = svgRef.current;
    if (!canvas || !svg) return;
    const renderer = new DamonRenderer(canvas, svg, setLegend);
    rendererRef.current = renderer;
    const scheduler = createFrameScheduler(() => renderer.draw());
    const offDamon = damonHistory.subscribe(scheduler.request);
    const offTruth = truthHistory.subscribe(scheduler.request);
    const offStore = useAppStore.subscribe((s, prev) => {
      if (
        s.heatZoom !== prev.heatZoom ||
        s.heatScale !== prev.heatScale ||
        s.hover !== prev.hover ||
        s.vmas !== prev.vmas ||
        s.scrubUs !== prev.scrubUs ||
        s.damonView !== prev.damonView ||
        s.showBoundaries !== prev.showBoundaries ||
        s.regionMark !== prev.regionMark
      )
        scheduler.request();
    });
    renderer.resize(size.width, size.height);
    scheduler.request();
    return () => {
      offDamon();
      offTruth();
      offStore();
      scheduler.cancel();
      rendererRef.current = null;
    };
  }, [size.width, size.height]);

  useHeatPointer(stageRef, rendererRef, 'damon');

  return (
    <section className="heat-view" data-testid="heatmap-damon">
      <header className="heat-view-head">
        <h2 title="DAMON (the kernel's Data Access MONitor, mm/damon): per region, in how many samples of the aggregation interval the sampled page's Accessed bit was set">
          DAMON regions (nr_accesses per aggregation)
        </h2>
        {enabled ? (
          <DamonLegend legend={legend} />
        ) : (
          <p className="heat-note">DAMON is off in this scenario (Edit → DAMON turns it on).</p>
        )}
      </header>
      <div className="heat-stage" ref={stageRef}>
        <canvas ref={canvasRef} className="heat-canvas" />
        <svg ref={svgRef} className="heat-axes" aria-hidden="true" />
        <DamonTooltip stageWidth={size.width} />
      </div>
    </section>
  );
}
