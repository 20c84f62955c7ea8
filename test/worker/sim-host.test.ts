/**
 * SimHost's run loop and protocol against a fake engine and a fake clock, so every slice and
 * message is deterministic. (client.test.ts covers the same paths with the real engine.)
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TruthRows } from '../../src/engine/report';
import type { FromWorker } from '../../src/worker/protocol';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';
import { FRAME_INTERVAL_MS, SimHost, SLICE_BUDGET_MS } from '../../src/worker/sim-host';
import { fakeWall, faults } from './fake-engine';
import { FakeEnv } from './fake-env';
import { smallConfig } from './small-config';

vi.mock('../../src/engine', () => import('./fake-engine'));

interface Sent {
  msg: FromWorker;
  transfer: Transferable[];
}

function setup() {
  const env = new FakeEnv();
  const sent: Sent[] = [];
  const host = new SimHost((msg, transfer) => sent.push({ msg, transfer }), env);
  const of = <K extends FromWorker['type']>(type: K) =>
    sent.map((s) => s.msg).filter((m): m is Extract<FromWorker, { type: K }> => m.type === type);
  const last = () => sent[sent.length - 1]!.msg;
  return { env, host, sent, of, last };
}

beforeEach(() => {
  fakeWall.ms = 0;
  faults.advance = false;
});

/** Every per-cell buffer of a truth row block, in the order the host transfers them. */
const truthBuffers = (rows: TruthRows): ArrayBufferLike[] =>
  [rows.data, rows.touchedPages, rows.mappedPages, rows.damonUnit, rows.colRanges].map(
    (a) => a.buffer,
  );

describe('SimHost handshake and load', () => {
  it('answers hello with ready, or a protocol error on a version mismatch', () => {
    const { host, of } = setup();
    host.handle({ type: 'hello', protocol: PROTOCOL_VERSION });
    host.handle({ type: 'hello', protocol: PROTOCOL_VERSION + 1 });
    expect(of('ready')).toEqual([{ type: 'ready', protocol: PROTOCOL_VERSION }]);
    expect(of('error')[0]).toMatchObject({ where: 'protocol' });
  });

  it('reports a rejected config as where: load and keeps running nothing', () => {
    const { host, of, env } = setup();
    const bad = smallConfig();
    bad.machine.cpus = 0;
    host.handle({ type: 'load', config: bad });
    expect(of('error')[0]).toMatchObject({
      where: 'load',
      message: expect.stringMatching(/EINVAL/),
    });
    host.handle({ type: 'play' });
    expect(env.pending).toBe(0);
  });

  it('sends loaded with the axis, VMAs and stats', () => {
    const { host, of } = setup();
    host.handle({ type: 'load', config: smallConfig() });
    expect(of('loaded')[0]?.axis.columns).toBe(64);
  });
});

describe('SimHost run loop', () => {
  it('steps exactly the requested time, then pauses with a final frame', () => {
    const { host, env, of, last } = setup();
    host.handle({ type: 'load', config: smallConfig() });
    host.handle({ type: 'step', us: 25_500 });
    env.drain();
    expect(last()).toEqual({ type: 'status', playing: false, nowUs: 25_500 });
    const frames = of('frame');
    expect(frames.at(-1)?.stats.nowUs).toBe(25_500);
    expect(frames.reduce((n, f) => n + f.rows.count, 0)).toBe(2);
  });

  it('keeps each slice within the wall-time budget and yields between slices', () => {
    const { host, env } = setup();
    host.handle({ type: 'load', config: smallConfig() });
    host.handle({ type: 'runUntil', us: 1_000_000, id: 1 });
    let slices = 0;
    while (env.pending > 0) {
      const before = fakeWall.ms;
      env.drain(1);
      expect(fakeWall.ms - before).toBeLessThanOrEqual(SLICE_BUDGET_MS + 1);
      slices++;
    }
    expect(slices).toBeGreaterThan(10);
  });

  it('posts at most ~30 frames per second and transfers the row buffers', () => {
    const { host, env, sent } = setup();
    host.handle({ type: 'load', config: smallConfig() });
    host.handle({ type: 'speed', simUsPerSec: 0 });
    host.handle({ type: 'play' });
    env.runFor(1000);
    const frames = sent.filter((s) => s.msg.type === 'frame');
    expect(frames.length).toBeLessThanOrEqual(Math.ceil(1000 / FRAME_INTERVAL_MS) + 1);
    expect(frames.length).toBeGreaterThan(20);
    for (const f of frames) {
      if (f.msg.type === 'frame') expect(f.transfer).toEqual(truthBuffers(f.msg.rows));
      if (f.msg.type === 'frame') expect(f.msg.damon).toBeNull();
    }
  });

  it('adds DAMON to frames when it runs, transferring its row buffers too', () => {
    const { host, env, sent } = setup();
    const config = smallConfig();
    config.damon.enabled = true;
    host.handle({ type: 'load', config });
    host.handle({ type: 'step', us: 30_000 });
    env.drain();
    const frames = sent.filter((s) => s.msg.type === 'frame');
    expect(frames.length).toBeGreaterThan(0);
    for (const f of frames) {
      if (f.msg.type !== 'frame') continue;
      const d = f.msg.damon!;
      expect(d.status).toMatchObject({ sample_interval: 5000, aggr_interval: 100_000 });
      expect(f.transfer).toEqual([
        ...truthBuffers(f.msg.rows),
        d.rows.colRanges.buffer,
        d.rows.data.buffer,
        d.rows.t0Us.buffer,
        d.rows.t1Us.buffer,
        d.rows.maxNrAccesses.buffer,
      ]);
    }
  });

  it('answers damoRecord with an error carrying its id when nothing runs DAMON', () => {
    const { host, of } = setup();
    host.handle({ type: 'damoRecord', id: 5, format: 'json' });
    host.handle({ type: 'load', config: smallConfig() });
    host.handle({ type: 'damoRecord', id: 6, format: 'json' });
    expect(of('error').map((e) => [e.id, e.where])).toEqual([
      [5, 'protocol'],
      [6, 'protocol'],
    ]);
    expect(of('error')[1]?.message).toMatch(/without DAMON/);
  });

  it('plays in real time by default', () => {
    const { host, env, of } = setup();
    host.handle({ type: 'load', config: smallConfig() });
    host.handle({ type: 'play' });
    env.runFor(500);
    const nowUs = of('frame').at(-1)!.stats.nowUs;
    expect(nowUs).toBeGreaterThan(400_000);
    expect(nowUs).toBeLessThanOrEqual(510_000);
  });

  it('stops on pause and answers an interrupted runUntil as not reached', () => {
    const { host, env, of } = setup();
    host.handle({ type: 'load', config: smallConfig() });
    host.handle({ type: 'runUntil', us: 10_000_000, id: 7 });
    env.drain(3);
    host.handle({ type: 'pause' });
    expect(of('ranUntil')).toEqual([
      { type: 'ranUntil', id: 7, nowUs: expect.any(Number), reached: false },
    ]);
    expect(env.drain()).toBeLessThanOrEqual(1); // at most the slice already queued, which exits
    expect(of('status').at(-1)?.playing).toBe(false);
  });

  it('answers runUntil when reached, and a past target at once', () => {
    const { host, env, of } = setup();
    host.handle({ type: 'load', config: smallConfig() });
    host.handle({ type: 'runUntil', us: 50_000, id: 1 });
    env.drain();
    host.handle({ type: 'runUntil', us: 10, id: 2 });
    env.drain();
    expect(of('ranUntil')).toEqual([
      { type: 'ranUntil', id: 1, nowUs: 50_000, reached: true },
      { type: 'ranUntil', id: 2, nowUs: 50_000, reached: true },
    ]);
  });

  it('answers a runUntil between two grid points at the last grid point before it', () => {
    const { host, env, of } = setup();
    host.handle({ type: 'load', config: smallConfig() });
    host.handle({ type: 'runUntil', us: 50_050, id: 1 });
    expect(env.drain()).toBeLessThan(1000); // it ends: no slice rescheduled for ever
    expect(of('ranUntil')).toEqual([{ type: 'ranUntil', id: 1, nowUs: 50_000, reached: true }]);
  });

  it('turns an engine exception into where: run and pauses', () => {
    const { host, env, of, last } = setup();
    host.handle({ type: 'load', config: smallConfig() });
    host.handle({ type: 'play' });
    env.runFor(100);
    faults.advance = true;
    env.runFor(100);
    expect(of('error')[0]).toMatchObject({ where: 'run', message: expect.stringMatching(/fault/) });
    expect(last()).toMatchObject({ type: 'status', playing: false });
    expect(env.pending).toBe(0);
  });
});

describe('SimHost hash', () => {
  it('answers with the request id, or an error with that id when nothing is loaded', () => {
    const { host, of } = setup();
    host.handle({ type: 'hash', id: 3 });
    expect(of('error')[0]).toMatchObject({ id: 3, where: 'protocol' });
    host.handle({ type: 'load', config: smallConfig() });
    host.handle({ type: 'hash', id: 4 });
    expect(of('hash')[0]).toMatchObject({ id: 4, nowUs: 0, stateHash: expect.any(String) });
  });
});
