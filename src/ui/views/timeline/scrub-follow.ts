/**
 * Keyboard scrubbing: one aggregation earlier or later, and a hover that was on a heatmap
 * moves with it to the scrubbed row, so its tooltip walks back through the region's history
 * at the same address.
 */
import { isScrubbed, scrubBy, truthHistory, useAppStore } from '../../../store';
import { panelLayouts } from '../heatmap/heat-marks';

export function scrubAndFollow(dir: -1 | 1): void {
  scrubBy(dir);
  const s = useAppStore.getState();
  const hover = s.hover;
  const layout = hover ? panelLayouts[hover.panel] : undefined;
  if (!hover || !layout || s.scrubUs === null) return;
  const I = truthHistory.intervalUs;
  const yPx = layout.y(s.scrubUs / I);
  if (yPx < layout.plot.y || yPx > layout.plot.y + layout.plot.h) return;
  s.setHover({ ...hover, tUs: s.scrubUs, row: Math.floor(s.scrubUs / I), yPx });
}

/** → : a step of the simulation when live, one aggregation later when scrubbed back. */
export function stepOrScrubForward(step: () => void): void {
  if (isScrubbed()) scrubAndFollow(1);
  else step();
}
