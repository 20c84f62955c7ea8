/**
 * Split -> re-collapse cycles per 2 MiB range: seed 002's worry that khugepaged re-collapses
 * what DAMOS_SPLIT just split. A range is "split" when its PMD mapping is broken while it held
 * a THP; the next collapse of that range to PMD size closes one cycle. The back-off the series
 * says it is evaluating (KhugepagedConfig.split_backoff_ms, in no kernel) asks the same table
 * how long ago the range was split.
 */

const key = (process: number, vpn: number): number => process * 2 ** 19 + Math.floor(vpn / 512);

export class PingPong {
  /** Range -> time of its last split (µs), while no collapse has followed it. */
  private readonly splitAt = new Map<number, number>();
  /** Range -> cycles completed. */
  readonly cycles = new Map<number, number>();
  total = 0;

  onSplit(process: number, vpn: number, nowUs: number): void {
    this.splitAt.set(key(process, vpn), nowUs);
  }

  /** A PMD-sized collapse of the range: true when it closed a split -> collapse cycle. */
  onCollapse(process: number, vpn: number): boolean {
    const k = key(process, vpn);
    if (!this.splitAt.has(k)) return false;
    this.splitAt.delete(k);
    this.cycles.set(k, (this.cycles.get(k) ?? 0) + 1);
    this.total++;
    return true;
  }

  /** Was the range split less than `windowUs` ago (and not collapsed since)? */
  splitWithin(process: number, vpn: number, nowUs: number, windowUs: number): boolean {
    const at = this.splitAt.get(key(process, vpn));
    return at !== undefined && nowUs - at < windowUs;
  }

  /** The ranges with cycles, as [process, first byte offset in the window / 2 MiB, cycles]. */
  ranges(): { process: number; range: number; cycles: number }[] {
    return [...this.cycles].map(([k, c]) => ({
      process: Math.floor(k / 2 ** 19),
      range: k % 2 ** 19,
      cycles: c,
    }));
  }
}
