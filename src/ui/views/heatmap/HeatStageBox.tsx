/**
 * The focusable box a heatmap is drawn in: its canvas, its axes and its tooltip, with the
 * keyboard help every heatmap shares (use-heat-keys.ts handles the keys).
 */
import type { ReactNode, RefObject } from 'react';

const KEYS_HELP =
  'Plus and minus zoom, arrow keys pan, Shift with an arrow moves the cursor, Enter pins the ' +
  'tooltip, Escape unpins it.';

export function HeatStageBox(props: {
  /** What the heatmap shows, for its accessible name ("Ground truth heatmap"). */
  label: string;
  testId: string;
  stageRef: RefObject<HTMLDivElement | null>;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  svgRef: RefObject<SVGSVGElement | null>;
  /** The tooltip. */
  children: ReactNode;
}) {
  return (
    <div
      className="heat-stage"
      ref={props.stageRef}
      tabIndex={0}
      role="application"
      aria-roledescription="heatmap"
      aria-label={`${props.label}. ${KEYS_HELP}`}
      data-testid={props.testId}
    >
      <canvas ref={props.canvasRef} className="heat-canvas" />
      <svg ref={props.svgRef} className="heat-axes" aria-hidden="true" />
      {props.children}
    </div>
  );
}
