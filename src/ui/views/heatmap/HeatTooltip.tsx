/** What is under the pointer: the column's address range and VMA, the row's time, the counts. */
import { useAppStore } from '../../../store';
import { formatBytes, formatCount, formatDensity, hex } from '../../format';
import { columnRange, vmaAt } from './address-columns';
import type { HeatSource } from './heat-source';

const PAGE_SIZE = 4096;

export function HeatTooltip({ source, stageWidth }: { source: HeatSource; stageWidth: number }) {
  const hover = useAppStore((s) => s.hover);
  const vmas = useAppStore((s) => s.vmas);
  const axis = source.axis();
  if (!hover || hover.panel !== source.id || !axis) return null;
  const range = columnRange(axis, hover.col);
  if (!range) return null;
  const vma = vmaAt(vmas, range.process, range.start);
  const value = source.rows.row(hover.row)?.[hover.col] ?? NaN;
  const pages = (range.end - range.start) / PAGE_SIZE;
  const t0 = (hover.row * source.rows.intervalUs) / 1e6;
  const t1 = ((hover.row + 1) * source.rows.intervalUs) / 1e6;
  const flip = hover.xPx > stageWidth * 0.6;
  return (
    <div
      className="heat-tooltip"
      role="tooltip"
      style={{
        left: hover.xPx,
        top: hover.yPx,
        transform: flip ? 'translate(calc(-100% - 14px), 14px)' : 'translate(14px, 14px)',
      }}
    >
      <div className="tt-title">
        {vma ? vma.name : 'no VMA'}
        {vma && (
          <span className="tt-muted">
            {' '}
            {vma.kind}, {vma.prot}
          </span>
        )}
      </div>
      <div className="mono">
        [{hex(range.start)}, {hex(range.end)})
      </div>
      <div className="tt-muted">
        {formatBytes(range.end - range.start)} · {pages} pages
      </div>
      <div>
        t = {t0.toFixed(3)}–{t1.toFixed(3)} s
      </div>
      {Number.isNaN(value) ? (
        <div className="tt-muted">no data</div>
      ) : (
        <div>
          <b>{formatDensity(value)}</b> {source.valueLabel} ·{' '}
          {formatCount(Math.round(value * pages))} total
        </div>
      )}
    </div>
  );
}
