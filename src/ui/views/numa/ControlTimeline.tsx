/**
 * The control writes on a time axis from 0 to now (sim.log's entries as markers, labelled in
 * lanes so they do not overlap), over the misrouted faults of the run so far as a line.
 */
import { line, scaleLinear } from 'd3';
import { useRef } from 'react';
import type { NumaSample } from '../../../store';
import type { ControlLogEntry } from '../../../worker/protocol';
import { useElementSize } from '../../canvas/use-element-size';
import { formatCount, formatSeconds } from '../../format';
import { thin } from '../damon-panel/chart-scale';
import { placeMarkers } from './timeline-model';

const FALLBACK_W = 320;
const LANE_H = 11;
const LANES = 2;
const PLOT_H = 30;
const AXIS_H = 12;
const PAD_X = 4;

export function ControlTimeline(props: {
  controls: readonly ControlLogEntry[];
  series: readonly NumaSample[];
  nowUs: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const W = useElementSize(box).width || FALLBACK_W;
  const end = Math.max(props.nowUs, props.controls.at(-1)?.atUs ?? 0, 1);
  const x = scaleLinear()
    .domain([0, end])
    .range([PAD_X, W - PAD_X]);
  const top = LANES * LANE_H + 2;
  const base = top + PLOT_H;
  const maxMis = Math.max(1, ...props.series.map((s) => s.misrouted));
  const y = scaleLinear()
    .domain([0, maxMis])
    .range([base, top + 2]);
  const path = line<NumaSample>()
    .x((s) => x(s.tUs))
    .y((s) => y(s.misrouted));
  const markers = placeMarkers(props.controls, (t) => x(t), 5.6, LANES);
  const misrouted = props.series.at(-1)?.misrouted ?? 0;
  return (
    <div ref={box} className="numa-timeline-box">
      <svg
        className="numa-timeline"
        width={W}
        height={base + AXIS_H}
        role="img"
        aria-label={`Control writes over time: ${markers.map((m) => `${m.text} at ${formatSeconds(m.tUs)}`).join(', ') || 'none'}; ${formatCount(misrouted)} misrouted faults so far`}
        data-testid="numa-timeline"
      >
        <line className="chart-base" x1={PAD_X} x2={W - PAD_X} y1={base} y2={base} />
        {props.series.length > 1 && (
          <path className="numa-misrouted-line" d={path(thin(props.series)) ?? ''} />
        )}
        {markers.map((m, i) => (
          <g
            key={`${m.tUs}-${i}`}
            className={`numa-marker ${m.kind}`}
            data-testid="numa-marker"
            data-text={m.text}
          >
            <title>{`${formatSeconds(m.tUs)}: ${m.text}\n${m.title}`}</title>
            <line x1={m.x} x2={m.x} y1={m.lane * LANE_H + 2} y2={base} />
            <text x={m.x + 3} y={m.lane * LANE_H + 9}>
              {m.short}
            </text>
          </g>
        ))}
        <text className="chart-tick" x={PAD_X} y={base + AXIS_H - 2}>
          0 s
        </text>
        <text
          className="chart-tick numa-mis-tick"
          x={W / 2}
          y={base + AXIS_H - 2}
          textAnchor="middle"
        >
          misrouted {formatCount(misrouted)}
        </text>
        <text className="chart-tick" x={W - PAD_X} y={base + AXIS_H - 2} textAnchor="end">
          {formatSeconds(end)}
        </text>
      </svg>
    </div>
  );
}
