/**
 * The scoreboard runner (ScoreboardHost) against the real engine on a small config, with a
 * wall clock that moves a fixed step per reading and a manual task queue, so slices, progress and
 * cancel are deterministic: samples land on the sample grid and end at untilUs, the final score
 * is the score of the same config run straight through, the windowed walks add up to the
 * cumulative figure, and a cancel between two slices ends the run at once.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, policyScore } from '../../src/engine';
import type { SimConfig } from '../../src/engine/config';
import type { HostEnv } from '../../src/worker/host-env';
import { RUN_SLICE_MS, ScoreboardHost } from '../../src/worker/scoreboard-host';
import {
  MAX_RUN_US,
  SCOREBOARD_PROTOCOL_VERSION,
  type FromScoreboard,
} from '../../src/worker/scoreboard-protocol';
import { smallConfig } from './small-config';

/** A clock that moves `msPerRead` per reading, and tasks run only when the test says so. */
class StepEnv implements HostEnv {
  ms = 0;
  readonly queue: (() => void)[] = [];
  constructor(private readonly msPerRead = 1) {}
  nowMs(): number {
    const now = this.ms;
    this.ms += this.msPerRead;
    return now;
  }
  schedule(fn: () => void): void {
    this.queue.push(fn);
  }
  /** Run one queued task (one slice); false when none is queued. */
  step(): boolean {
    const fn = this.queue.shift();
    fn?.();
    return fn !== undefined;
  }
  drain(limit = 100_000): void {
    for (let i = 0; i < limit && this.step(); i++);
  }
}

function setup(msPerRead = 1) {
  const env = new StepEnv(msPerRead);
  const sent: FromScoreboard[] = [];
  const host = new ScoreboardHost((msg) => sent.push(structuredClone(msg)), env);
  const of = <K extends FromScoreboard['type']>(type: K) =>
    sent.filter((m): m is Extract<FromScoreboard, { type: K }> => m.type === type);
  host.handle({ type: 'hello', protocol: SCOREBOARD_PROTOCOL_VERSION });
  return { env, host, sent, of };
}

/** Faster than real time, busy enough that a run takes many slices. */
const config = (): SimConfig => smallConfig();

describe('ScoreboardHost', () => {
  it('answers hello with its protocol, and refuses another one', () => {
    const { sent } = setup();
    expect(sent).toEqual([{ type: 'ready', protocol: SCOREBOARD_PROTOCOL_VERSION }]);
    const other: FromScoreboard[] = [];
    new ScoreboardHost((m) => other.push(m)).handle({ type: 'hello', protocol: 99 });
    expect(other[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/protocol/) });
    expect(other[0]).not.toHaveProperty('id');
  });

  it('runs to untilUs: progress, samples on the grid, the final score of a straight run', () => {
    const { env, host, of } = setup(10); // two advanceTo calls per slice, progress every few
    host.handle({ type: 'run', id: 7, config: config(), untilUs: 2e6, sampleEveryUs: 1e5 });
    env.drain();
    const done = of('done');
    expect(done).toHaveLength(1);
    expect(done[0]!.id).toBe(7);
    expect(done[0]!.doneUs).toBe(2e6);

    const progress = of('progress');
    expect(progress.length).toBeGreaterThan(1);
    const reached = progress.map((p) => p.doneUs);
    expect([...reached].sort((a, b) => a - b)).toEqual(reached);
    expect(Math.max(...reached)).toBeLessThan(2e6);

    const t = [...progress.flatMap((p) => [...p.samples.tUs]), ...done[0]!.samples.tUs];
    expect(t).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 1e5));

    const straight = createSim(config());
    straight.censusWanted = true;
    advanceTo(straight, 2e6);
    expect(done[0]!.score).toEqual(policyScore(straight));
  });

  it('samples walks per window: together, the windows give the run’s walks after set-up', () => {
    const { env, host, of } = setup();
    host.handle({ type: 'run', id: 1, config: config(), untilUs: 100_000, sampleEveryUs: 10_000 });
    env.drain();
    const windows = [...of('progress').map((p) => p.samples), of('done')[0]!.samples];
    const walks = windows.flatMap((s) => [...s.walksPer1000]);
    expect(walks).toHaveLength(10);
    const end = of('done')[0]!.score;
    const start = policyScore(createSim(config())); // populate's accesses, before t=0
    const walksOf = (s: typeof end) => (s.walksPer1000 * s.accesses) / 1000;
    // a constant access rate: every window has as many accesses, so the mean is the total
    const mean = walks.reduce((a, b) => a + b, 0) / walks.length;
    const total = ((walksOf(end) - walksOf(start)) * 1000) / (end.accesses - start.accesses);
    expect(mean).toBeCloseTo(total, 6);
    expect(walks[0]).toBeLessThan(1000); // not the set-up's one walk per access
    const resident = windows.flatMap((s) => [...s.residentBytes]);
    expect(resident[resident.length - 1]).toBe(end.residentBytes);
  });

  it('stops at once on cancel between slices, and says how far it got', () => {
    const { env, host, sent, of } = setup(10);
    host.handle({
      type: 'run',
      id: 3,
      config: config(),
      untilUs: 60_000_000,
      sampleEveryUs: 100_000,
    });
    for (let i = 0; i < 5; i++) env.step();
    host.handle({ type: 'cancel', id: 3 });
    const cancelled = of('cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.doneUs).toBeGreaterThan(0);
    expect(cancelled[0]!.doneUs).toBeLessThan(60_000_000);
    const count = sent.length;
    env.drain();
    expect(sent.length).toBe(count); // nothing after the cancel
    expect(env.queue).toHaveLength(0);
  });

  it('keeps each slice within its wall-time budget', () => {
    const { env, host } = setup();
    host.handle({ type: 'run', id: 1, config: config(), untilUs: 1_000_000, sampleEveryUs: 1e5 });
    const before = env.ms;
    env.step();
    // one reading per advanceTo step: a slice ends within the budget (plus its own readings)
    expect(env.ms - before).toBeLessThanOrEqual(RUN_SLICE_MS + 3);
  });

  it('ignores a cancel for a run that is not its own', () => {
    const { env, host, of } = setup();
    host.handle({ type: 'run', id: 1, config: config(), untilUs: 20_000, sampleEveryUs: 10_000 });
    host.handle({ type: 'cancel', id: 2 });
    env.drain();
    expect(of('cancelled')).toHaveLength(0);
    expect(of('done')).toHaveLength(1);
  });

  it('finishes a run whose end is off the engine’s 100 µs grid', () => {
    const { env, host, of } = setup();
    host.handle({ type: 'run', id: 1, config: config(), untilUs: 10_050, sampleEveryUs: 5_025 });
    env.drain();
    expect(of('done')).toHaveLength(1);
    expect([...of('done')[0]!.samples.tUs]).toEqual([5_025, 10_050]);
  });

  it('refuses what it cannot run, naming what to change', () => {
    const { env, host, of } = setup();
    host.handle({
      type: 'run',
      id: 1,
      config: config(),
      untilUs: MAX_RUN_US + 1e6,
      sampleEveryUs: 1e6,
    });
    host.handle({ type: 'run', id: 2, config: config(), untilUs: 1e6, sampleEveryUs: 10 });
    const broken = config();
    broken.machine = { ...broken.machine, cpus: 0 };
    host.handle({ type: 'run', id: 3, config: broken, untilUs: 1e6, sampleEveryUs: 1e5 });
    const errors = of('error');
    expect(errors.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(errors[0]!.message).toMatch(/limit of 60 s .*choose 60 s or less/);
    expect(errors[1]!.message).toMatch(/sample every 1000 µs or more/);
    expect(errors[2]!.message).toMatch(/does not start/);
    env.drain();
    expect(of('done')).toHaveLength(0);
  });

  it('runs one run at a time, and only after hello', () => {
    const { host, of } = setup();
    host.handle({ type: 'run', id: 1, config: config(), untilUs: 1e6, sampleEveryUs: 1e5 });
    host.handle({ type: 'run', id: 2, config: config(), untilUs: 1e6, sampleEveryUs: 1e5 });
    expect(of('error')).toEqual([
      { type: 'error', id: 2, message: 'this worker is busy with run 1' },
    ]);
    const sent: FromScoreboard[] = [];
    new ScoreboardHost((m) => sent.push(m)).handle({
      type: 'run',
      id: 5,
      config: config(),
      untilUs: 1e6,
      sampleEveryUs: 1e5,
    });
    expect(sent[0]).toMatchObject({
      type: 'error',
      id: 5,
      message: expect.stringMatching(/hello/),
    });
  });
});
