/**
 * The explored state graph of a small scenario, in layers by BFS depth: edges in the colour
 * of the thread that stepped, violation states red, end states as squares, the shortest
 * counterexample's path drawn thick, the stepper's current state ringed. Hovering a state
 * shows it in words; clicking one loads the schedule that reaches it into the stepper.
 */
import { useMemo, useState } from 'react';
import type { StateGraph } from '../../../engine/vma-lock';
import { stepTo, useAppStore } from '../../../store';
import { threadName } from './lab-model';
import { layoutGraph, nodeOf, scheduleTo, type DrawnGraph } from './state-graph-layout';
import './lab-graph.css';

const exact = (n: number) => n.toLocaleString('en-US');

export function StateGraphView({ graph, threads }: { graph: StateGraph; threads: number }) {
  if (graph.kind === 'too-large')
    return (
      <p className="lab-graph-note muted" data-testid="graph-too-large">
        The state graph is drawn only up to {exact(graph.limit)} states; this scenario has{' '}
        {exact(graph.states)}.
      </p>
    );
  return <DrawnStateGraph graph={graph} threads={threads} />;
}

function DrawnStateGraph({ graph, threads }: { graph: DrawnGraph; threads: number }) {
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const schedule = useAppStore((s) => s.labStep?.schedule);
  const current = useMemo(() => (schedule ? nodeOf(graph, schedule) : null), [graph, schedule]);
  const [hover, setHover] = useState<number | null>(null);
  const shown = hover ?? current;
  const shownNode = shown === null ? null : graph.nodes[shown];
  const load = (id: number) => stepTo(scheduleTo(graph, id));
  const cx = graph.path.length > 0;
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
      <div className="lab-graph-box">
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
          role="img"
          aria-label={`State graph of ${graph.nodes.length} states; click a state to load the schedule that reaches it`}
          onMouseLeave={() => setHover(null)}
        >
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
                  onMouseEnter={() => setHover(n.id)}
                  onFocus={() => setHover(n.id)}
                  onBlur={() => setHover(null)}
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
        </svg>
      </div>
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
