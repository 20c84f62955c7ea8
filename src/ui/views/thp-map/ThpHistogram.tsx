/**
 * "Fraction of sub-pages accessed per THP" in ten buckets of 10 %, PMD-order THPs and mTHPs
 * stacked, drawn at the width it is given; above it, the share under 10 % written out (seed
 * 002: 94.6 % of the THPs of Oracle on Kunpeng 920).
 */
import { useRef } from 'react';
import type { ThpCensusSummary } from '../../../store';
import { useElementSize } from '../../canvas/use-element-size';
import { formatCount, formatPercent } from '../../format';
import { histBars, underTenShare } from './thp-model';

const H = 64;
const AXIS_H = 14;
const FALLBACK_W = 320;

export function ThpHistogram({ summary }: { summary: ThpCensusSummary }) {
  const box = useRef<HTMLDivElement>(null);
  const W = useElementSize(box).width || FALLBACK_W;
  const bars = histBars(summary);
  const max = Math.max(1, ...bars.map((b) => b.thp + b.mthp));
  const slot = W / bars.length;
  /** Bar tops leave room above the tallest for its count. */
  const y = (n: number) => H - (n / max) * (H - 13);
  const thps = summary.thpHist.reduce((a, b) => a + b, 0);
  const mthps = summary.mthpHist.reduce((a, b) => a + b, 0);
  const thpShare = underTenShare(summary.thpHist);
  const allShare = underTenShare(summary.thpHist.map((n, b) => n + (summary.mthpHist[b] ?? 0)));
  return (
    <div className="thp-hist" data-testid="thp-histogram">
      <p className="thp-headline" data-testid="thp-under-10">
        {thps > 0 ? (
          <>
            <b>{formatPercent(thpShare)}</b> of {formatCount(thps)} THPs had under 10 % of their
            sub-pages accessed
          </>
        ) : (
          <>No PMD-sized THPs mapped</>
        )}
        {mthps > 0 && (
          <span className="muted">
            {' '}
            · {formatPercent(allShare)} of all {formatCount(thps + mthps)} large folios
          </span>
        )}
      </p>
      <div ref={box} className="thp-hist-box">
        <svg
          width={W}
          height={H + AXIS_H}
          role="img"
          aria-label={`Large folios per fraction of sub-pages accessed, 10 % buckets: ${bars
            .map((b) => b.thp + b.mthp)
            .join(', ')}`}
        >
          {bars.map((b, i) => {
            const x = i * slot + 1;
            const w = Math.max(1, slot - 2);
            const total = b.thp + b.mthp;
            const pct = `${Math.round(b.lo * 100)}–${Math.round(b.hi * 100)} %`;
            return (
              <g key={i} data-bucket={i} data-count={total}>
                <title>{`${pct} of sub-pages accessed: ${b.thp} THPs, ${b.mthp} mTHPs`}</title>
                <rect x={x} y={0} width={w} height={H} className="thp-hist-slot" />
                {b.thp > 0 && (
                  <rect
                    x={x}
                    y={y(b.thp)}
                    width={w}
                    height={H - y(b.thp)}
                    className="thp-hist-thp"
                  />
                )}
                {b.mthp > 0 && (
                  <rect
                    x={x}
                    y={y(total)}
                    width={w}
                    height={y(b.thp) - y(total)}
                    className="thp-hist-mthp"
                  />
                )}
                {total > 0 && (
                  <text x={x + w / 2} y={y(total) - 3} textAnchor="middle">
                    {formatCount(total)}
                  </text>
                )}
              </g>
            );
          })}
          {[0, 50, 100].map((p) => (
            <text
              key={p}
              x={Math.min(W - 1, Math.max(1, (p / 100) * W))}
              y={H + AXIS_H - 2}
              textAnchor={p === 0 ? 'start' : p === 100 ? 'end' : 'middle'}
              className="thp-hist-axis"
            >
              {p} %
            </text>
          ))}
        </svg>
      </div>
      <p className="thp-hist-key muted">
        sub-pages accessed per folio in the interval
        {mthps > 0 && (
          <>
            {' · '}
            <span className="thp-key-thp" aria-hidden="true" /> THP{' '}
            <span className="thp-key-mthp" aria-hidden="true" /> mTHP
          </>
        )}
      </p>
    </div>
  );
}
