/**
 * What a heat panel component does around its renderer: the refs of its stage, canvas and SVG,
 * the stage's size, a renderer made once per size and drawn at most once per animation frame
 * when something it draws changes, and the shared wheel/drag/hover and keyboard handling. React renders the
 * panel once; the canvas is redrawn without re-rendering.
 */
import { useEffect, useRef } from 'react';
import type { HeatPanelId } from '../../../store';
import { createFrameScheduler } from '../../canvas/frame-scheduler';
import { useElementSize } from '../../canvas/use-element-size';
import type { HeatLayout } from './heat-layout';
import { useHeatKeys } from './use-heat-keys';
import { useHeatPointer } from './use-heat-pointer';

export interface StageRenderer {
  /** The layout of the last draw, for pointer → cell mapping. */
  layout: HeatLayout | null;
  resize(width: number, height: number): void;
  draw(): void;
  /** Calls `redraw` whenever something draw() reads changes; returns the unsubscribe. */
  watch(redraw: () => void): () => void;
}

/** `create` must be stable (useCallback): a new one makes a new renderer. */
export function useHeatStage(
  panel: HeatPanelId,
  create: (canvas: HTMLCanvasElement, svg: SVGSVGElement) => StageRenderer,
) {
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const rendererRef = useRef<StageRenderer | null>(null);
  const size = useElementSize(stageRef);

  useEffect(() => {
    const canvas = canvasRef.current;
    const svg = svgRef.current;
    if (!canvas || !svg) return;
    const renderer = create(canvas, svg);
    rendererRef.current = renderer;
    const scheduler = createFrameScheduler(() => renderer.draw());
    const unwatch = renderer.watch(scheduler.request);
    renderer.resize(size.width, size.height);
    scheduler.request();
    return () => {
      unwatch();
      scheduler.cancel();
      rendererRef.current = null;
    };
  }, [create, size.width, size.height]);

  useHeatPointer(stageRef, rendererRef, panel);
  useHeatKeys(stageRef, rendererRef, panel);

  return { stageRef, canvasRef, svgRef, size };
}
