/**
 * The simulation's clock and run state as of the latest worker message, updated on every frame
 * (up to ~30 times per second). Not reactive: React reads the throttled copy in the store; this
 * one is for the test hook and for canvas code that must not lag.
 */
export const liveSim = {
  nowUs: 0,
  playing: false,
  /** Length of one ground-truth row of the loaded run, µs (0 until a run is loaded). */
  truthIntervalUs: 0,
};
