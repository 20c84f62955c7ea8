/**
 * The explored state graph of a small scenario, in layers by BFS depth: edges in the colour
 * of the thread that stepped, violation states red, end states as squares, the shortest
 * counterexample's path drawn thick, the stepper's current state ringed (found by its state,
 * so also when sleep sets left out the steps that led there, which a caption then says).
 * Hovering a state shows it in words; clicking one loads the schedule that reaches it into the
 * stepper. d3-zoom zooms and pans it (wheel, drag; + − 0 and the arrows when it has focus).
 */
import {
  select,
  zoom,
  zoomIdentity,
  zoomTransform,
  type ZoomBehavior,
  type ZoomTransform,
} from 'd3';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { StateGraph } from '../../../engine/vma-lock';
import { stepTo, useAppStore } from '../../../store';
import {
  applyZoomAction,
  GRAPH_SCALE_EXTENT,
  GRAPH_ZOOM_HELP,
  ZOOM_STEP,
  zoomKeyAction,
  zoomPercent,
  type ZoomAction,
  type ZoomXf,
} from './graph-zoom';
import { threadName } from './lab-model';
import {
  currentNode,
  layoutGraph,
  scheduleTo,
  type DrawnGraph,
  type GraphLayout,
} from './state-graph-layout';
import './lab-graph.css';

const exact = (n: number) => n.toLocaleString('en-US');

/** The graph's box is at most this tall; a taller graph is drawn smaller, to zoom into. */
const MAX_HEIGHT = 540;

export function StateGraphView({
  graph,
  threads,
  por,
}: {
  graph: StateGraph;
  threads: number;
  /** The exploration used sleep sets (its graph leaves out steps). */
  por: boolean;
}) {
  if (graph.kind === 'too-large')
    return (
      <p className="lab-graph-note muted" data-testid="graph-too-large">
        The state graph is drawn only up to {exact(graph.limit)} states; this scenario has{' '}
        {exact(graph.states)}.
      </p>
    );
  return <DrawnStateGraph graph={graph} threads={threads} por={por} />;
}

function DrawnStateGraph({
  graph,
  threads,
  por,
}: {
  graph: DrawnGraph;
  threads: number;
  por: boolean;
}) {
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const step = useAppStore((s) => s.labStep);
  const at = useMemo(
    () => (step ? currentNode(graph, step.schedule, step.stateKey) : null),
    [graph, step],
  );
  const current = at?.id ?? null;
  const zoomed = useGraphZoom(layout.width, layout.height, graph);
  const [hover, setHover] = useState<number | null>(null);
  const shown = hover ?? current;
  const shownNode = shown === null ? null : graph.nodes[shown];
  const cx = graph.path.length > 0;
  // the drawing itself: not redrawn as the zoom changes (d3-zoom moves its layer)
  const drawing = useMemo(
    () => <GraphDrawing graph={graph} layout={layout} current={current} onHover={setHover} />,
    [graph, layout, current],
  );
  return (
    <figure className="lab-graph" data-testid="lab-graph">
      <figcaption className="lab-graph-legend">
        <span>
          State graph: {exact(graph.nodes.length)} states, {exact(graph.edges.length)} steps.
        </span>
        <span className="lab-graph-keys">
          {Array.from({ length: threads }, (_, t) => (
            <span key={t} className={`lab-graph-key t${t % 6}`}>
              {threadName(t)}
            </span>
          ))}
          <span className="lab-graph-key end">end</span>
          <span className="lab-graph-key violation">violation</span>
          {cx && <span className="lab-graph-key path">shortest counterexample</span>}
        </span>
      </figcaption>
      <div className="lab-graph-zoombar" role="toolbar" aria-label="Zoom the state graph">
        <button
          type="button"
          onClick={() => zoomed.act({ kind: 'scale', by: 1 / ZOOM_STEP })}
          disabled={zoomed.k <= GRAPH_SCALE_EXTENT[0]}
          title="Zoom out (−)"
          aria-label="Zoom out"
          data-testid="graph-zoom-out"
        >
          −
        </button>
        <span className="lab-graph-zoom mono" data-testid="graph-zoom">
          {zoomPercent(zoomed.k)}
        </span>
        <button
          type="button"
          onClick={() => zoomed.act({ kind: 'scale', by: ZOOM_STEP })}
          disabled={zoomed.k >= GRAPH_SCALE_EXTENT[1]}
          title="Zoom in (+)"
          aria-label="Zoom in"
          data-testid="graph-zoom-in"
        >
          +
        </button>
        <button
          type="button"
          onClick={() => zoomed.act({ kind: 'reset' })}
          title="Show the whole graph again, as it was before any zoom or pan (0)"
          data-testid="graph-zoom-reset"
        >
          Reset zoom
        </button>
        <span className="lab-graph-zoomhelp">{GRAPH_ZOOM_HELP}</span>
      </div>
      <div
        className="lab-graph-box"
        tabIndex={0}
        role="group"
        aria-label={`State graph, ${exact(graph.nodes.length)} states. ${GRAPH_ZOOM_HELP}`}
        onKeyDown={zoomed.onKeyDown}
        data-testid="graph-box"
      >
        <svg
          ref={zoomed.svgRef}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          style={{ height: Math.min(layout.height, MAX_HEIGHT) }}
          role="group"
          aria-label="States: click one to load the schedule that reaches it into the stepper"
          onMouseLeave={() => setHover(null)}
        >
          <g ref={zoomed.layerRef} data-testid="graph-zoom-layer">
            {drawing}
          </g>
        </svg>
      </div>
      {at && current === null && (
        <p className="lab-graph-note" data-testid="graph-current-note">
          The stepper&apos;s current state is not one of this graph&apos;s states.
        </p>
      )}
      {at && current !== null && !at.alongEdges && (
        <p className="lab-graph-note" data-testid="graph-current-note">
          The stepper is at state {current} (ringed), but the graph does not draw every step of the
          schedule that led there: {por ? 'sleep sets leave out ' : 'it leaves out '}steps that
          commute with ones already taken. Explore again with the reduction off to draw every step.
        </p>
      )}
      <div className="lab-graph-detail" data-testid="graph-detail">
        {shownNode ? (
          <>
            <p>
              <strong>State {shownNode.id}</strong>, after {shownNode.depth} step
              {shownNode.depth === 1 ? '' : 's'}
              {shownNode.violation ? (
                <>
                  {' '}
                  — breaks <code>{shownNode.violation}</code>
                </>
              ) : shownNode.end ? (
                ' — end state'
              ) : null}
              {shown === current && hover === null ? ' (the stepper is here)' : ''}
            </p>
            <pre className="mono">{shownNode.label}</pre>
          </>
        ) : (
          <p className="muted">
            Hover a state to see it; click one to load the schedule that reaches it.
          </p>
        )}
      </div>
    </figure>
  );
}

/** Edges under nodes, the counterexample's path on top; each node a button to load it. */
function GraphDrawing({
  graph,
  layout,
  current,
  onHover,
}: {
  graph: DrawnGraph;
  layout: GraphLayout;
  current: number | null;
  onHover: (id: number | null) => void;
}) {
  const load = (id: number) => stepTo(scheduleTo(graph, id));
  return (
    <>
      <g className="lab-gedges">
        {layout.edges
          .filter((e) => !e.onPath)
          .map((e) => (
            <path
              key={`${e.from}-${e.thread}`}
              d={e.d}
              className={`lab-gedge t${e.thread % 6}${e.back ? ' back' : ''}`}
            />
          ))}
        {layout.edges
          .filter((e) => e.onPath)
          .flatMap((e) => [
            <path key={`c${e.from}-${e.thread}`} d={e.d} className="lab-gedge casing" />,
            <path key={`${e.from}-${e.thread}`} d={e.d} className="lab-gedge on-path" />,
          ])}
      </g>
      <g className="lab-gnodes">
        {layout.nodes.map(({ node: n, x, y, onPath }) => {
          const kind = n.violation ? 'violation' : n.end ? 'end' : n.id === 0 ? 'initial' : '';
          const title =
            `state ${n.id}, after ${n.depth} step${n.depth === 1 ? '' : 's'}` +
            (n.violation ? `: breaks ${n.violation}` : n.end ? ': end state' : '') +
            `\n${n.label}`;
          const focusable = n.violation !== null || n.end || n.id === 0;
          return (
            <g
              key={n.id}
              className={`lab-gnode ${kind}${onPath ? ' on-path' : ''}${n.id === current ? ' current' : ''}`}
              transform={`translate(${x},${y})`}
              data-testid={`graph-node-${n.id}`}
              data-kind={kind || 'state'}
              aria-label={focusable ? title.split('\n')[0] : undefined}
              role={focusable ? 'button' : undefined}
              tabIndex={focusable ? 0 : undefined}
              onClick={() => load(n.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  load(n.id);
                }
              }}
              onMouseEnter={() => onHover(n.id)}
              onFocus={() => onHover(n.id)}
              onBlur={() => onHover(null)}
            >
              <title>{title}</title>
              <circle className="hit" r={8} />
              {n.id === current && <circle className="ring" r={8.5} />}
              {n.end && !n.violation ? (
                <rect x={-4.5} y={-4.5} width={9} height={9} rx={1.5} />
              ) : (
                <circle r={n.violation ? 6 : 4.5} />
              )}
            </g>
          );
        })}
      </g>
    </>
  );
}

/**
 * d3-zoom on the graph's SVG (wheel, drag, pinch; not double-click, which would fight the
 * nodes' clicks), moving one layer's transform attribute itself rather than re-rendering the
 * graph; the keys and the buttons go through applyZoomAction. A new graph starts whole.
 */
function useGraphZoom(width: number, height: number, graph: DrawnGraph) {
  const svgRef = useRef<SVGSVGElement>(null);
  const layerRef = useRef<SVGGElement>(null);
  const behavior = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [k, setK] = useState(1);
  useEffect(() => {
    const svg = svgRef.current;
    const layer = layerRef.current;
    if (!svg || !layer) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent(GRAPH_SCALE_EXTENT as [number, number])
      .extent([
        [0, 0],
        [width, height],
      ])
      .translateExtent([
        [0, 0],
        [width, height],
      ])
      .clickDistance(4)
      .on('zoom', (e: { transform: ZoomTransform }) => {
        layer.setAttribute('transform', e.transform.toString());
        setK(e.transform.k);
      });
    const sel = select(svg);
    sel.call(z).on('dblclick.zoom', null);
    z.transform(sel, zoomIdentity);
    behavior.current = z;
    return () => {
      sel.on('.zoom', null);
      behavior.current = null;
    };
  }, [width, height, graph]);
  const act = (a: ZoomAction) => {
    const svg = svgRef.current;
    const z = behavior.current;
    if (!svg || !z) return;
    const now = zoomTransform(svg);
    const next: ZoomXf = applyZoomAction({ k: now.k, x: now.x, y: now.y }, a, width, height);
    z.transform(select(svg), zoomIdentity.translate(next.x, next.y).scale(next.k));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const a = zoomKeyAction(e.key);
    if (!a) return;
    // the graph's keys win while it has focus (0 would otherwise step T0)
    e.preventDefault();
    e.stopPropagation();
    act(a);
  };
  return { svgRef, layerRef, k, act, onKeyDown };
}
