/**
 * TLB reach (entries × page size) of each level and page size against the working set, on a
 * log scale (labelled, with ticks at the binary units), drawn at the width it is given so its
 * text keeps its size. Each bar names its entries; a strip along an STLB bar's bottom edge shows
 * the entries of that page size valid now.
 */
import { scaleLog } from 'd3';
import { useRef } from 'react';
import { useElementSize } from '../../canvas/use-element-size';
import { formatBytes } from '../../format';
import type { ReachBar } from './tlb-model';

const LABEL_W = 92;
const BAR_H = 15;
/** Height of the "valid now" strip along a bar's bottom edge. */
const VALID_H = 3;
const GAP = 8;
const AXIS_H = 16;
/** Width drawn before the element has been measured. */
const FALLBACK_W = 320;

const UNITS = [1024, 1024 ** 2, 1024 ** 3, 1024 ** 4];

/** A bar's entries, at its right end: `1536 × 4K · 1536 valid`, `32 × 2M · unused`. */
export function entriesText(b: ReachBar): string {
  const page = b.pageBytes >= 1024 ** 2 ? `${b.pageBytes / 1024 ** 2}M` : `${b.pageBytes / 1024}K`;
  const valid = b.validEntries === null ? '' : ` · ${b.validEntries} valid`;
  return `${b.entries} × ${page}${valid}${b.unused && b.bytes > 0 ? ' · unused' : ''}`;
}

/** A bar's tooltip, in the hardware's and the kernel's terms. */
function reachTitle(b: ReachBar): string {
  const lines = [
    `${b.title}: ${b.entries} entries × ${formatBytes(b.pageBytes)} = ${formatBytes(b.bytes)}`,
  ];
  if (b.shared) lines.push('unified STLB: 4 KiB and 2 MiB translations share these entries');
  if (b.validEntries !== null) {
    lines.push(`valid now: ${b.validEntries} entries of this size, summed over all CPUs`);
  }
  if (b.covers) lines.push('covers the working set: its translations can all stay cached');
  return lines.join('\n');
}

/** The binary units (1 KiB, 1 MiB, 1 GiB, 1 TiB) inside [lo, hi]: the log axis's ticks. */
export function reachTicks(lo: number, hi: number): number[] {
  return UNITS.filter((u) => u >= lo && u <= hi);
}

export function ReachChart({
  bars,
  workingSetBytes,
}: {
  bars: ReachBar[];
  workingSetBytes: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const W = useElementSize(box).width || FALLBACK_W;
  const values = [...bars.map((b) => b.bytes), workingSetBytes].filter((v) => v > 0);
  const hi = Math.max(4096 * 16, ...values) * 2;
  const lo = Math.min(4096 * 16, ...values) / 2;
  const x = scaleLog()
    .domain([lo, hi])
    .range([LABEL_W, W - 8])
    .clamp(true);
  const barsH = bars.length * (BAR_H + GAP);
  const height = barsH + AXIS_H + 18;
  const ws = x(Math.max(lo, workingSetBytes));
  const rowY = (i: number) => i * (BAR_H + GAP) + 4;
  return (
    <div ref={box} className="reach-box">
      <svg
        className="reach-chart"
        width={W}
        height={height}
        role="img"
        aria-label={`TLB reach per level on a log scale; working set ${formatBytes(workingSetBytes)}`}
      >
        {reachTicks(lo, hi).map((u) => (
          <g key={u} className="reach-tick">
            <line x1={x(u)} x2={x(u)} y1={0} y2={barsH} />
            <text x={x(u)} y={barsH + 11} textAnchor="middle">
              {formatBytes(u)}
            </text>
          </g>
        ))}
        <text x={LABEL_W - 6} y={barsH + 11} textAnchor="end" className="reach-scale">
          log scale
        </text>
        {bars.map((b, i) => {
          const y = rowY(i);
          const cls = b.covers ? 'reach-bar covers' : b.unused ? 'reach-bar unused' : 'reach-bar';
          return (
            <g key={b.id}>
              <rect
                x={LABEL_W}
                y={y}
                width={b.bytes > 0 ? Math.max(1, x(b.bytes) - LABEL_W) : 0}
                height={BAR_H}
                rx={2}
                className={cls}
              />
              {b.validEntries !== null && b.validEntries > 0 && (
                <rect
                  x={LABEL_W}
                  y={y + BAR_H - VALID_H}
                  width={Math.max(1, x(Math.min(b.bytes, b.validEntries * b.pageBytes)) - LABEL_W)}
                  height={VALID_H}
                  className="reach-valid"
                />
              )}
            </g>
          );
        })}
        <line x1={ws} x2={ws} y1={0} y2={barsH + 2} className="ws-line" />
        {bars.map((b, i) => {
          const y = rowY(i);
          return (
            <g key={b.id} data-testid={`reach-${b.id}`} data-covers={b.covers}>
              <title>{reachTitle(b)}</title>
              {/* the whole row shows the tooltip, not just the glyphs */}
              <rect x={0} y={y - GAP / 2} width={W} height={BAR_H + GAP} className="reach-hit" />
              <text x={0} y={y + BAR_H - 4} className="reach-label">
                {b.label}
              </text>
              <text
                x={LABEL_W + 4}
                y={y + BAR_H - 4}
                className={b.unused ? 'reach-value unused' : 'reach-value'}
              >
                {b.bytes > 0 ? formatBytes(b.bytes) : '—'}
              </text>
              <text x={W - 10} y={y + BAR_H - 4} textAnchor="end" className="reach-entries">
                {entriesText(b)}
              </text>
            </g>
          );
        })}
        <text
          x={Math.min(Math.max(ws, 60), W - 60)}
          y={height - 3}
          textAnchor="middle"
          className="ws-label"
        >
          working set {formatBytes(workingSetBytes)}
        </text>
      </svg>
    </div>
  );
}
