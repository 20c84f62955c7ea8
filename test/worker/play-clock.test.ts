import { describe, expect, it } from 'vitest';
import { MAX_LAG_WALL_MS, PlayClock } from '../../src/worker/play-clock';

describe('PlayClock', () => {
  it('maps wall time to simulated time at the given speed', () => {
    const clock = new PlayClock(1_000_000);
    clock.start(100, 5_000);
    expect(clock.target(150, 5_000)).toBe(55_000);
    clock.setSpeed(250_000, 150, 55_000);
    expect(clock.target(250, 55_000)).toBe(80_000);
  });

  it('drops a backlog larger than the allowed lag instead of chasing it', () => {
    const clock = new PlayClock(1_000_000);
    clock.start(0, 0);
    const far = clock.target(10_000, 0);
    expect(far).toBe(MAX_LAG_WALL_MS * 1_000);
    expect(clock.target(10_010, far)).toBe(far + 10_000);
  });

  it('has no target at max speed', () => {
    expect(new PlayClock(0).target(10, 0)).toBe(Infinity);
  });
});
