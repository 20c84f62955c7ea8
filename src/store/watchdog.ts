/**
 * Notices a simulation worker that has gone quiet while the app waits for it. A running worker
 * reports about 30 times per wall-clock second (SimHost posts a frame per slice budget) and a
 * load is answered as soon as the simulation is built, so silence while a load, play, step or
 * runUntil is outstanding means one computation is holding the worker (or it vanished without
 * a word). A paused worker sends nothing, so silence only counts while reports are expected,
 * and only from the moment they were: a long pause does not count against the next play.
 *
 * Pure bookkeeping on an injected clock; nothing here schedules anything (sim-supervisor.ts
 * polls it), so tests drive it with a fake clock.
 */

/** Silence, while reports are expected, after which the app says the simulation is slow. */
export const STALL_AFTER_MS = 2000;

export class Watchdog {
  private expecting = false;
  /** When the current silence began: the last report, or when reports began to be expected. */
  private quietSinceMs = 0;

  constructor(
    private readonly nowMs: () => number,
    readonly stallAfterMs = STALL_AFTER_MS,
  ) {}

  /** Whether the app now waits for the worker: a load, play, step or runUntil is outstanding. */
  expect(busy: boolean): void {
    if (busy && !this.expecting) this.quietSinceMs = this.nowMs();
    this.expecting = busy;
  }

  /** A message arrived from the worker. */
  heard(): void {
    this.quietSinceMs = this.nowMs();
  }

  /** Expect nothing, e.g. for a fresh worker. */
  reset(): void {
    this.expecting = false;
    this.quietSinceMs = this.nowMs();
  }

  /** How long the worker has been silent when it should have reported (ms), or null if it has not. */
  stalledMs(): number | null {
    if (!this.expecting) return null;
    const silentMs = this.nowMs() - this.quietSinceMs;
    return silentMs >= this.stallAfterMs ? silentMs : null;
  }
}
