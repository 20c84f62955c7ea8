/** TLB reach (entries × page size) of each level and page size against the working set. */
import { scaleLog } from 'd3';
import { formatBytes } from '../../format';
import type { ReachBar } from './tlb-model';

const W = 300;
const LABEL_W = 92;
const BAR_H = 14;
const GAP = 8;

export function ReachChart({
  bars,
  workingSetBytes,
}: {
  bars: ReachBar[];
  workingSetBytes: number;
}) {
  const values = [...bars.map((b) => b.bytes), workingSetBytes].filter((v) => v > 0);
  const hi = Math.max(4096 * 16, ...values) * 2;
  const lo = Math.min(4096 * 16, ...values) / 2;
  const x = scaleLog()
    .domain([lo, hi])
    .range([LABEL_W, W - 8])
    .clamp(true);
  const height = bars.length * (BAR_H + GAP) + 22;
  const ws = x(Math.max(lo, workingSetBytes));
  return (
    <svg className="reach-chart" width="100%" viewBox={`0 0 ${W} ${height}`} role="img">
      {bars.map((b, i) => {
        const y = i * (BAR_H + GAP) + 4;
        const covers = b.bytes >= workingSetBytes && workingSetBytes > 0;
        return (
          <g key={b.id} data-testid={`reach-${b.id}`}>
            <title>{`${b.title}: ${formatBytes(b.bytes)}`}</title>
            <text x={0} y={y + BAR_H - 3} className="reach-label">
              {b.label}
            </text>
            <rect
              x={LABEL_W}
              y={y}
              width={b.bytes > 0 ? Math.max(1, x(b.bytes) - LABEL_W) : 0}
              height={BAR_H}
              rx={2}
              className={covers ? 'reach-bar covers' : 'reach-bar'}
            />
            <text x={LABEL_W + 4} y={y + BAR_H - 3} className="reach-value">
              {b.bytes > 0 ? formatBytes(b.bytes) : '—'}
            </text>
          </g>
        );
      })}
      <line x1={ws} x2={ws} y1={0} y2={height - 18} className="ws-line" />
      <text x={ws} y={height - 4} textAnchor="middle" className="ws-label">
        working set {formatBytes(workingSetBytes)}
      </text>
    </svg>
  );
}
