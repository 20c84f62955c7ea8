/**
 * Zoom and pan of the state graph from the keyboard, as pure transforms (StateGraphView hands
 * them to d3-zoom, which also does the wheel and the drag): + and − zoom about the middle of
 * the view, arrow keys pan by a fifth of it, 0 goes back to the whole graph. The view is the
 * graph's own box (its SVG viewBox), so the identity transform shows all of it.
 */

/** d3-zoom's transform: scale k, then translate by (x, y), in viewBox units. */
export interface ZoomXf {
  k: number;
  x: number;
  y: number;
}

export const IDENTITY: ZoomXf = { k: 1, x: 0, y: 0 };

/** From the whole graph (1) to 12 times closer. */
export const GRAPH_SCALE_EXTENT: readonly [number, number] = [1, 12];
/** One + or − press. */
export const ZOOM_STEP = 1.5;
/** One arrow press, as a share of the view. */
export const PAN_SHARE = 0.2;

/** The keys, for the help text and the buttons' tooltips. */
export const GRAPH_ZOOM_HELP =
  'Wheel or + and − zoom, drag or the arrow keys pan, 0 shows the whole graph again.';

export type ZoomAction =
  | { kind: 'scale'; by: number }
  /** Shares of the view to move the content by (positive: right / down). */
  | { kind: 'pan'; dx: number; dy: number }
  | { kind: 'reset' };

/** What a key does to the graph's zoom (null: nothing, let it through). */
export function zoomKeyAction(key: string): ZoomAction | null {
  switch (key) {
    case '+':
    case '=':
      return { kind: 'scale', by: ZOOM_STEP };
    case '-':
    case '_':
    case '−':
      return { kind: 'scale', by: 1 / ZOOM_STEP };
    case '0':
      return { kind: 'reset' };
    case 'ArrowLeft':
      return { kind: 'pan', dx: PAN_SHARE, dy: 0 };
    case 'ArrowRight':
      return { kind: 'pan', dx: -PAN_SHARE, dy: 0 };
    case 'ArrowUp':
      return { kind: 'pan', dx: 0, dy: PAN_SHARE };
    case 'ArrowDown':
      return { kind: 'pan', dx: 0, dy: -PAN_SHARE };
  }
  return null;
}

/**
 * The transform after `action` on a view of `width` × `height` showing content of the same
 * size: the scale kept in GRAPH_SCALE_EXTENT, zooming about the view's middle, and the content
 * kept covering the view (as d3-zoom's translateExtent of the whole box does).
 */
export function applyZoomAction(
  t: ZoomXf,
  action: ZoomAction,
  width: number,
  height: number,
): ZoomXf {
  if (action.kind === 'reset') return IDENTITY;
  let { k, x, y } = t;
  if (action.kind === 'scale') {
    const next = Math.min(GRAPH_SCALE_EXTENT[1], Math.max(GRAPH_SCALE_EXTENT[0], k * action.by));
    const cx = width / 2;
    const cy = height / 2;
    x = cx - ((cx - x) * next) / k;
    y = cy - ((cy - y) * next) / k;
    k = next;
  } else {
    x += action.dx * width;
    y += action.dy * height;
  }
  return constrain({ k, x, y }, width, height);
}

/** Keep content [0, w] × [0, h], scaled by k ≥ 1, over the whole view [0, w] × [0, h]. */
export function constrain(t: ZoomXf, width: number, height: number): ZoomXf {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  // + 0: no −0 out of the clamp
  return {
    k: t.k,
    x: clamp(t.x, width - width * t.k, 0) + 0,
    y: clamp(t.y, height - height * t.k, 0) + 0,
  };
}

/** "150%": the zoom as the buttons' caption says it. */
export function zoomPercent(k: number): string {
  return `${Math.round(k * 100)}%`;
}
