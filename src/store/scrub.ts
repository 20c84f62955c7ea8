/**
 * Scrubbing back over the recorded history. The scrub position is a simulated time (null =
 * live); a step moves it by one DAMON aggregation (by one truth row when DAMON is off), and
 * lands in the middle of that window so the snapshot it names is never ambiguous. Live shows
 * the newest window, so one step back from live is the one before it, and stepping forward
 * onto the newest is going live again.
 */
import { useAppStore } from './app-store';
import { damonHistory, type DamonHistory } from './damon-history';
import { liveSim } from './live-sim';
import { truthHistory, type TruthHistory } from './truth-history';

type Rows = Pick<DamonHistory, 'firstRow' | 'endRow' | 't0Us' | 't1Us' | 'rowAt'>;
type Truth = Pick<TruthHistory, 'firstRow' | 'endRow' | 'intervalUs'>;

/** [oldest, newest] simulated time the views can be scrubbed to, µs. */
export function scrubRange(damon: Rows, truth: Truth, nowUs: number): [number, number] {
  const truthStart = truth.firstRow * truth.intervalUs;
  const damonStart = damon.endRow > damon.firstRow ? damon.t0Us(damon.firstRow) : Infinity;
  const lo = Math.min(nowUs, Math.max(truthStart, Number.isFinite(damonStart) ? damonStart : 0));
  return [lo, nowUs];
}

/**
 * The scrub position one step before (dir -1) or after (dir 1) `scrubUs` (null = live).
 * Stepping past the newest window returns null (live again).
 */
export function stepScrub(
  damon: Rows,
  truth: Truth,
  scrubUs: number | null,
  dir: -1 | 1,
): number | null {
  if (damon.endRow > damon.firstRow) {
    const newest = damon.endRow - 1;
    const at = scrubUs === null ? newest : damon.rowAt(scrubUs);
    const next = Math.max(damon.firstRow, at + dir);
    // Live shows the newest aggregation, so stepping onto it is going live.
    if (dir > 0 && (scrubUs === null || next >= newest)) return null;
    return (damon.t0Us(next) + damon.t1Us(next)) / 2;
  }
  if (truth.endRow <= truth.firstRow) return null;
  const I = truth.intervalUs;
  const newest = truth.endRow - 1;
  const at = scrubUs === null ? newest : Math.floor(scrubUs / I);
  const next = Math.max(truth.firstRow, at + dir);
  if (dir > 0 && (scrubUs === null || next >= newest)) return null;
  return (next + 0.5) * I;
}

const store = () => useAppStore.getState();

/** Scrub one aggregation earlier (dir -1) or later (dir 1). */
export function scrubBy(dir: -1 | 1): void {
  store().setScrubUs(stepScrub(damonHistory, truthHistory, store().scrubUs, dir));
}

/** Scrub to a time (clamped to what is held); the newest time means live. */
export function scrubTo(us: number): void {
  const [lo, hi] = scrubRange(damonHistory, truthHistory, liveSim.nowUs);
  store().setScrubUs(us >= hi ? null : Math.max(lo, us));
}

export function isScrubbed(): boolean {
  return store().scrubUs !== null;
}
