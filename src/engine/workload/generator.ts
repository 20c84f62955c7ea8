/**
 * A workload fills a buffer with the next n accesses of one thread, encoded (vpn << 1) | write,
 * for a stretch of simulated time starting at t0Us with dtUs between accesses.
 * Generators are resumable: splitting a stretch into pieces yields the same accesses.
 */
export interface WorkloadGen {
  fill(buf: Int32Array, n: number, t0Us: number, dtUs: number): void;
  /** Words describing the generator's position, for the state hash. */
  state(): number[];
}

/** Resolved [startVpn, startVpn + pages) range of a workload inside its VMA. */
export interface VpnRange {
  startVpn: number;
  pages: number;
}
