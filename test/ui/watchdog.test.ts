/** The worker watchdog on a fake clock: silence counts only while reports are expected. */
import { describe, expect, it } from 'vitest';
import { STALL_AFTER_MS, Watchdog } from '../../src/store/watchdog';

function fakeClock() {
  const clock = { ms: 1000, now: () => clock.ms };
  return clock;
}

describe('Watchdog', () => {
  it('says nothing while the app expects no reports, however long the silence', () => {
    const clock = fakeClock();
    const dog = new Watchdog(clock.now);
    clock.ms += 60_000;
    expect(dog.stalledMs()).toBeNull();
  });

  it('reports a stall once reports are expected and none came for the threshold', () => {
    const clock = fakeClock();
    const dog = new Watchdog(clock.now);
    dog.expect(true);
    clock.ms += STALL_AFTER_MS - 1;
    expect(dog.stalledMs()).toBeNull();
    clock.ms += 1;
    expect(dog.stalledMs()).toBe(STALL_AFTER_MS);
    clock.ms += 3000;
    expect(dog.stalledMs()).toBe(STALL_AFTER_MS + 3000);
  });

  it('counts from the last report, and a report ends the stall', () => {
    const clock = fakeClock();
    const dog = new Watchdog(clock.now);
    dog.expect(true);
    for (let i = 0; i < 100; i++) {
      clock.ms += 1500;
      dog.heard();
      expect(dog.stalledMs()).toBeNull();
    }
    clock.ms += 2500;
    expect(dog.stalledMs()).toBe(2500);
    dog.heard();
    expect(dog.stalledMs()).toBeNull();
  });

  it('does not hold a long pause against the next run', () => {
    const clock = fakeClock();
    const dog = new Watchdog(clock.now);
    dog.expect(true);
    dog.heard();
    dog.expect(false); // paused: the worker falls silent, as it should
    clock.ms += 30_000;
    dog.expect(true); // play
    expect(dog.stalledMs()).toBeNull();
    clock.ms += 1999;
    expect(dog.stalledMs()).toBeNull();
    // expecting again while already expecting does not restart the count
    dog.expect(true);
    clock.ms += 1;
    expect(dog.stalledMs()).toBe(2000);
  });

  it('forgets everything on reset (a fresh worker)', () => {
    const clock = fakeClock();
    const dog = new Watchdog(clock.now, 500);
    dog.expect(true);
    clock.ms += 800;
    expect(dog.stalledMs()).toBe(800);
    dog.reset();
    expect(dog.stalledMs()).toBeNull();
    clock.ms += 10_000;
    expect(dog.stalledMs()).toBeNull();
  });
});
