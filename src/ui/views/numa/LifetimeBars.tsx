/**
 * How long the misrouted PROT_NONE entries had lived when their fault came: the mean, the
 * longest, and the counts on a log2 scale of milliseconds as small bars.
 */
import { formatCount } from '../../format';
import { formatLived } from './fault-rows';
import { bucketRange, type Lifetimes } from './numa-model';

const BAR_W = 7;
const H = 22;

export function LifetimeBars({ lifetimes }: { lifetimes: Lifetimes }) {
  const { faults, meanMs, maxMs, histogram } = lifetimes;
  const max = Math.max(1, ...histogram);
  // the buckets from the first to the last with a fault (at least a few, so the scale reads)
  const lo = Math.max(
    0,
    Math.min(
      histogram.findIndex((n) => n > 0),
      histogram.length - 8,
    ),
  );
  let hiFound = histogram.length - 1;
  while (hiFound > 0 && histogram[hiFound] === 0) hiFound--;
  const hi = Math.max(hiFound, lo + 7);
  const shown = histogram.slice(lo, hi + 1);
  return (
    <div
      className="numa-lifetimes"
      data-testid="numa-lifetimes"
      title="How long each misrouted entry had been PROT_NONE when its fault came (the stale entries of the review's two races)"
    >
      <span className="numa-lifetimes-text">
        stale entries lived{' '}
        {faults > 0 ? (
          <>
            <b>{formatLived(meanMs)}</b> on average, <b>{formatLived(maxMs)}</b> at most (
            {formatCount(faults)} misrouted)
          </>
        ) : (
          <span className="muted">– (none misrouted)</span>
        )}
      </span>
      {faults > 0 && (
        <svg
          width={shown.length * (BAR_W + 1)}
          height={H}
          role="img"
          aria-label="lifetime histogram"
        >
          {shown.map((n, i) => {
            const h = n > 0 ? Math.max(1, (n / max) * (H - 2)) : 0;
            return (
              <rect
                key={i}
                x={i * (BAR_W + 1)}
                y={H - h}
                width={BAR_W}
                height={h}
                className="numa-lifetime-bar"
              >
                <title>{`${bucketRange(lo + i, histogram.length)}: ${formatCount(n)}`}</title>
              </rect>
            );
          })}
        </svg>
      )}
    </div>
  );
}
