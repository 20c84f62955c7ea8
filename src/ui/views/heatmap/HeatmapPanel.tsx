/**
 * One heatmap panel: address columns across, time downwards (newest at the bottom). React
 * renders the frame once; the cells and axes are redrawn by HeatRenderer on animation frames
 * when the source gets rows or the zoom/colour/hover state changes, never by re-rendering.
 */
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../../store';
import { createFrameScheduler } from '../../canvas/frame-scheduler';
import { useElementSize } from '../../canvas/use-element-size';
import { HeatLegend } from './HeatLegend';
import { HeatRenderer, type LegendState } from './heat-renderer';
import type { HeatSource } from './heat-source';
import { HeatTooltip } from './HeatTooltip';
import { isZoomed } from './heat-zoom';
import { useHeatPointer } from './use-heat-pointer';

export function HeatmapPanel({ source }: { source: HeatSource }) {
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const rendererRef = useRef<HeatRenderer | null>(null);
  const size = useElementSize(stageRef);
  const [legend, setLegend] = useState<LegendState | null>(null);
  const zoomed = useAppStore((s) => isZoomed(s.heatZoom));
  const scaleMode = useAppStore((s) => s.heatScale);

  useEffect(() => {
    const canvas = canvasRef.current;
    const svg = svgRef.current;
    if (!canvas || !svg) return;
    const renderer = new HeatRenderer(canvas, svg, source, setLegend);
    rendererRef.current = renderer;
    const scheduler = createFrameScheduler(() => renderer.draw());
    const offRows = source.rows.subscribe(scheduler.request);
    const offStore = useAppStore.subscribe((s, prev) => {
      if (s.heatZoom !== prev.heatZoom || s.heatScale !== prev.heatScale) scheduler.request();
      else if (s.hover !== prev.hover || s.vmas !== prev.vmas) scheduler.request();
    });
    renderer.resize(size.width, size.height);
    scheduler.request();
    return () => {
      offRows();
      offStore();
      scheduler.cancel();
      rendererRef.current = null;
    };
  }, [source, size.width, size.height]);

  useHeatPointer(stageRef, rendererRef, source);

  const store = useAppStore.getState;
  return (
    <section className="panel heat-panel" data-testid={`heatmap-${source.id}`}>
      <header className="panel-head">
        <h2>{source.title}</h2>
        <div className="panel-tools">
          <HeatLegend legend={legend} valueLabel={source.valueLabel} />
          <button
            type="button"
            className="quiet"
            title="Colour scale for accesses per page"
            onClick={() => store().setHeatScale(scaleMode === 'log' ? 'linear' : 'log')}
          >
            {scaleMode === 'log' ? 'log' : 'linear'}
          </button>
          <button
            type="button"
            className="quiet"
            disabled={!zoomed}
            title="Show all addresses and follow the newest rows (double-click the map)"
            onClick={() => store().resetHeatZoom()}
          >
            Reset zoom
          </button>
        </div>
      </header>
      <div className="heat-stage" ref={stageRef}>
        <canvas ref={canvasRef} className="heat-canvas" />
        <svg ref={svgRef} className="heat-axes" aria-hidden="true" />
        <HeatTooltip source={source} stageWidth={size.width} />
      </div>
    </section>
  );
}
