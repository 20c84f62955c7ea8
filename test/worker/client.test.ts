/**
 * SimClient against the real engine, through the in-process port (structured clone and
 * transfer included, as with a Worker).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as engine from '../../src/engine';
import { SimClient, type FrameMsg } from '../../src/worker/client';
import { createInProcessPort } from '../../src/worker/in-process-port';
import type { FromWorker, ToWorker } from '../../src/worker/protocol';
import { smallConfig } from './small-config';

const clients: SimClient[] = [];
function makeClient(): SimClient {
  const client = new SimClient(createInProcessPort());
  clients.push(client);
  return client;
}
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

describe('SimClient handshake', () => {
  it('rejects ready when the worker speaks another protocol', async () => {
    let reply: ((m: FromWorker) => void) | undefined;
    const client = new SimClient({
      postMessage: (msg: ToWorker) => {
        if (msg.type === 'hello') {
          setTimeout(() => reply?.({ type: 'error', where: 'protocol', message: 'version 2' }));
        }
      },
      onMessage: (cb) => (reply = cb),
    });
    await expect(client.ready).rejects.toThrow(/version 2/);
  });
});

describe('SimClient with the real engine', () => {
  it('loads, runs to a time and reports the state hash there', async () => {
    const client = makeClient();
    await client.ready;
    const loaded = await client.load(smallConfig());
    expect(loaded.axis.columns).toBe(64);
    await client.runUntil(200_000);
    const { nowUs, stateHash } = await client.requestHash();
    expect(nowUs).toBe(200_000);
    expect(stateHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives the same hash as the engine run directly, however the run was sliced', async () => {
    const config = smallConfig();
    const sim = engine.createSim(config);
    engine.advanceTo(sim, 300_000);
    const direct = engine.stateHash(sim);

    const a = makeClient();
    await a.load(config);
    await a.runUntil(300_000);
    const b = makeClient();
    await b.load(config);
    b.step(12_345);
    await b.runUntil(150_000);
    b.play();
    await new Promise((r) => setTimeout(r, 30));
    await b.runUntil(300_000);
    expect((await a.requestHash()).stateHash).toBe(direct);
    expect((await b.requestHash()).stateHash).toBe(direct);
  });

  it('delivers every truth row exactly once across frames, as Float32Arrays', async () => {
    const client = makeClient();
    const frames: FrameMsg[] = [];
    const off = client.onFrame((f) => frames.push(f));
    const config = smallConfig();
    await client.load(config);
    await client.runUntil(250_000);
    off();
    const rows = frames.flatMap((f) =>
      Array.from({ length: f.rows.count }, (_, i) => f.rows.firstRow + i),
    );
    expect(rows).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const last = frames.at(-1)!;
    expect(last.rows.data).toBeInstanceOf(Float32Array);
    expect(last.stats.nowUs).toBe(250_000);
  });

  it('rejects a bad config with the engine message and reports it through onError', async () => {
    const client = makeClient();
    const errors: string[] = [];
    client.onError((e) => errors.push(`${e.where}: ${e.message}`));
    const bad = smallConfig();
    bad.processes[0]!.vmas[0]!.size = 123;
    await expect(client.load(bad)).rejects.toThrow();
    expect(errors[0]).toMatch(/^load: /);
  });

  it('rejects a runUntil that a pause interrupted', async () => {
    const client = makeClient();
    await client.load(smallConfig());
    const run = client.runUntil(1e12);
    client.pause();
    await expect(run).rejects.toThrow(/interrupted/);
  });
});
