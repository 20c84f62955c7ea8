/** Reading DAMON records the way a kernel developer reads a heatmap: means over ranges, hot spots. */
import type { ParsedRecord, ParsedSnapshot } from '../../src/worker/damo-record';

/** Size-weighted mean nr_accesses of the snapshot over [s, e) (NaN if nothing is monitored there). */
export function meanOver(sn: ParsedSnapshot, s: number, e: number): number {
  let sum = 0;
  let bytes = 0;
  for (const r of sn.regions) {
    const ov = Math.min(e, r.end) - Math.max(s, r.start);
    if (ov <= 0) continue;
    sum += ov * r.nrAccesses;
    bytes += ov;
  }
  return bytes ? sum / bytes : NaN;
}

/** Mean of a per-snapshot value over the snapshots whose window ends in [t0Ns, t1Ns). */
export function meanIn(
  rec: ParsedRecord,
  t0Ns: number,
  t1Ns: number,
  f: (s: ParsedSnapshot) => number,
): number {
  const xs = rec.snapshots
    .filter((s) => s.endNs >= t0Ns && s.endNs < t1Ns)
    .map(f)
    .filter((x) => !Number.isNaN(x));
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Index of the `win`-sized window of [base, base + n*win) that DAMON reads hottest in a snapshot. */
export function hottestWindow(sn: ParsedSnapshot, base: number, win: number, n: number): number {
  let best = -1;
  let bestVal = -1;
  for (let i = 0; i < n; i++) {
    const v = meanOver(sn, base + i * win, base + (i + 1) * win);
    if (v > bestVal) {
      bestVal = v;
      best = i;
    }
  }
  return best;
}
