/**
 * Maps wall-clock time to the simulated time the run loop should reach while playing.
 * Pure (the wall clock is passed in), so the pacing rules are testable without timers.
 */

/** How far (in wall ms) the simulation may fall behind before the backlog is dropped. */
export const MAX_LAG_WALL_MS = 250;

export class PlayClock {
  private anchorWallMs = 0;
  private anchorSimUs = 0;

  /** Simulated µs per wall-clock second; 0 = as fast as possible (no target). */
  constructor(public simUsPerSec: number) {}

  /** (Re)start pacing from the current simulated time. */
  start(wallMs: number, nowUs: number): void {
    this.anchorWallMs = wallMs;
    this.anchorSimUs = nowUs;
  }

  /** Change speed without a jump: pacing continues from the current simulated time. */
  setSpeed(simUsPerSec: number, wallMs: number, nowUs: number): void {
    this.simUsPerSec = simUsPerSec;
    this.start(wallMs, nowUs);
  }

  /**
   * The integer simulated time to advance to now. When the engine cannot keep up (the target
   * runs more than MAX_LAG_WALL_MS ahead) the anchor is moved so the backlog is dropped rather
   * than chased forever. Returns Infinity at max speed.
   */
  target(wallMs: number, nowUs: number): number {
    if (this.simUsPerSec <= 0) return Infinity;
    const maxLagUs = (this.simUsPerSec * MAX_LAG_WALL_MS) / 1000;
    let target = this.anchorSimUs + ((wallMs - this.anchorWallMs) * this.simUsPerSec) / 1000;
    if (target - nowUs > maxLagUs) {
      this.anchorSimUs = nowUs + maxLagUs;
      this.anchorWallMs = wallMs;
      target = this.anchorSimUs;
    }
    return Math.floor(target);
  }
}
