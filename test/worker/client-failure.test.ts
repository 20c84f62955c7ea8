/**
 * A worker that dies: the client tells its listeners once, fails every pending request with the
 * reason, stops talking to the worker, and ignores whatever the dead worker still sends.
 */
import { describe, expect, it } from 'vitest';
import { classifyFailure, SimClient, type Port, type WorkerFailure } from '../../src/worker/client';
import type { FromWorker, ToWorker } from '../../src/worker/protocol';
import { smallConfig } from './small-config';

function dyingPort() {
  const posted: ToWorker[] = [];
  let deliver: (msg: FromWorker) => void = () => undefined;
  let fail: (f: WorkerFailure) => void = () => undefined;
  let closed = 0;
  const port: Port = {
    postMessage: (msg) => posted.push(msg),
    onMessage: (cb) => (deliver = cb),
    onFailure: (cb) => (fail = cb),
    close: () => closed++,
  };
  return {
    port,
    posted,
    deliver: (m: FromWorker) => deliver(m),
    fail: (f: WorkerFailure) => fail(f),
    closed: () => closed,
  };
}

describe('SimClient when the worker dies', () => {
  it('reports the failure once, rejects what is pending and terminates the worker', async () => {
    const w = dyingPort();
    const client = new SimClient(w.port);
    const failures: WorkerFailure[] = [];
    client.onFailure((f) => failures.push(f));
    const load = client.load(smallConfig());
    const run = client.runUntil(1000);
    const hash = client.requestHash();

    w.fail({ kind: 'crashed', message: 'Uncaught Error: boom' });
    w.fail({ kind: 'crashed', message: 'again' });
    expect(failures).toEqual([{ kind: 'crashed', message: 'Uncaught Error: boom' }]);
    await expect(load).rejects.toThrow(/worker died: Uncaught Error: boom/);
    await expect(run).rejects.toThrow(/worker died/);
    await expect(hash).rejects.toThrow(/worker died/);
    expect(w.closed()).toBe(1);

    const frames: unknown[] = [];
    client.onStatus((s) => frames.push(s));
    w.deliver({ type: 'status', playing: true, nowUs: 5 });
    expect(frames).toEqual([]);
    const sent = w.posted.length;
    client.play();
    expect(w.posted).toHaveLength(sent);
  });

  it('hears every message first through onReport', () => {
    const w = dyingPort();
    const client = new SimClient(w.port);
    const order: string[] = [];
    client.onReport((m) => order.push(`report ${m.type}`));
    client.onStatus(() => order.push('status'));
    w.deliver({ type: 'status', playing: false, nowUs: 0 });
    expect(order).toEqual(['report status', 'status']);
  });

  it('sends fault commands only when made to, and says so in hello', () => {
    const plain = dyingPort();
    const client = new SimClient(plain.port);
    expect(plain.posted[0]).toEqual({ type: 'hello', protocol: expect.any(Number) });
    expect(() => client.injectFault({ kind: 'throw' })).toThrow(/without fault injection/);

    const test = dyingPort();
    const faulty = new SimClient(test.port, { faults: true });
    expect(test.posted[0]).toMatchObject({ type: 'hello', faults: true });
    faulty.injectFault({ kind: 'hang', ms: 10 });
    expect(test.posted.at(-1)).toEqual({ type: 'fault', fault: { kind: 'hang', ms: 10 } });
  });

  it('tells an out-of-memory death from other crashes by the browser message', () => {
    expect(classifyFailure('Uncaught RangeError: Array buffer allocation failed')).toBe(
      'out-of-memory',
    );
    expect(classifyFailure('Out of memory')).toBe('out-of-memory');
    expect(classifyFailure('Uncaught TypeError: x is undefined')).toBe('crashed');
  });
});
