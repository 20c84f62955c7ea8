/**
 * Time scrubbing over the recorded history: a slider from the oldest aggregation held to now,
 * one-aggregation steps (also ← / → on the keyboard), and the way back to live. The heatmaps'
 * scrub line, the snapshot table and the DAMON tooltip all follow the position.
 */
import {
  damonHistory,
  scrubBy,
  scrubRange,
  scrubTo,
  truthHistory,
  useAppStore,
} from '../../../store';
import { formatSeconds } from '../../format';

export function ScrubBar() {
  const scrubUs = useAppStore((s) => s.scrubUs);
  const nowUs = useAppStore((s) => s.nowUs);
  useAppStore((s) => s.damonStatus); // the held range grows with every summary
  const [lo, hi] = scrubRange(damonHistory, truthHistory, nowUs);
  const value = scrubUs ?? hi;
  const r = scrubUs === null ? -1 : damonHistory.rowAt(scrubUs);
  const live = scrubUs === null;
  return (
    <div className="scrub-bar" data-testid="scrub-bar">
      <button
        type="button"
        className="quiet small"
        onClick={() => scrubBy(-1)}
        title="One aggregation earlier (←)"
        aria-label="Earlier"
      >
        ◀
      </button>
      <input
        type="range"
        className="scrub-range"
        aria-label="Scrub time"
        aria-valuetext={live ? `live, ${formatSeconds(nowUs)}` : formatSeconds(value)}
        title={live ? `live · ${formatSeconds(nowUs)}` : formatSeconds(value)}
        min={lo}
        max={Math.max(hi, lo + 1)}
        step={1000}
        value={value}
        disabled={hi <= lo}
        onChange={(e) => scrubTo(Number(e.target.value))}
      />
      <button
        type="button"
        className="quiet small"
        onClick={() => scrubBy(1)}
        disabled={live}
        title="One aggregation later (→)"
        aria-label="Later"
      >
        ▶
      </button>
      <span className={live ? 'scrub-time live' : 'scrub-time'} data-testid="scrub-time">
        {live ? (
          <>live · t = {formatSeconds(nowUs)}</>
        ) : (
          <>
            t = {formatSeconds(scrubUs)}
            {r >= 0 && (
              <span className="muted">
                {' '}
                · aggregation {r} [{formatSeconds(damonHistory.t0Us(r))},{' '}
                {formatSeconds(damonHistory.t1Us(r))})
              </span>
            )}
          </>
        )}
      </span>
      <button
        type="button"
        className="small"
        disabled={live}
        onClick={() => useAppStore.getState().setScrubUs(null)}
        title="Back to the newest data"
      >
        Live
      </button>
    </div>
  );
}
