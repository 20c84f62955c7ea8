/**
 * The THP census across the worker boundary (structured clone and transfer, as with a Worker):
 * off by default, then on every frame that follows a new census, trimmed to its folios, each
 * census once; and a folio's history on request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CENSUS_CAP, CENSUS_WORDS } from '../../src/engine/thp/census';
import { getPreset, toSimConfig } from '../../src/scenario';
import { SimClient, type FrameMsg } from '../../src/worker/client';
import { createInProcessPort } from '../../src/worker/in-process-port';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';

const clients: SimClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

async function thpsparse() {
  const client = new SimClient(createInProcessPort());
  clients.push(client);
  const frames: FrameMsg[] = [];
  client.onFrame((f) => frames.push(f));
  await client.load(toSimConfig(getPreset('thpsparse')));
  return { client, frames };
}

const censuses = (frames: FrameMsg[]) => frames.flatMap((f) => (f.census ? [f.census] : []));

describe('THP census in worker frames', () => {
  it('speaks protocol 5 or later (6 added the NUMA report)', () => {
    expect(PROTOCOL_VERSION).toBeGreaterThanOrEqual(5);
  });

  it('sends nothing while off, then the newest census per frame, trimmed, each once', async () => {
    const { client, frames } = await thpsparse();
    await client.runUntil(200_000);
    expect(frames.length).toBeGreaterThan(0);
    expect(censuses(frames)).toEqual([]);

    client.setCensus(true);
    client.step(100_000); // one truth row: one census
    await client.runUntil(400_000);
    await client.runUntil(400_000); // a frame with no new row after it: no census again
    const got = censuses(frames);
    expect(got.length).toBeGreaterThan(0);
    const ends = got.map((c) => c.t1Us);
    expect(new Set(ends).size).toBe(ends.length);
    expect(ends.at(-1)).toBe(400_000);
    const c = got.at(-1)!;
    // thpsparse: 128 THPs of the 256 MiB `thp` buffer, 16 of 512 sub-pages written each
    expect([c.count, c.total, c.nrAnon[9]]).toEqual([128, 128, 128]);
    expect([c.process.length, c.addr.length, c.bits.length]).toEqual([
      128,
      128,
      128 * CENSUS_WORDS,
    ]);
    expect(c.bits.length).toBeLessThan(CENSUS_CAP * CENSUS_WORDS);
    expect(Array.from(c.touched)).toEqual(new Array(128).fill(16));
    expect(c.hist[9 * 10]).toBe(128);
  });

  it('stops when turned off, and answers a folio history with its fault', async () => {
    const { client, frames } = await thpsparse();
    client.setCensus(true);
    await client.runUntil(200_000);
    const c = censuses(frames).at(-1)!;
    const history = await client.requestThpHistory(c.process[0]!, c.addr[0]!, 2 << 20);
    expect(history.events).toEqual([
      expect.objectContaining({ kind: 'fault', actor: 'fault', order: 9, addr: c.addr[0] }),
    ]);
    expect(history.dropped).toBe(0);

    client.setCensus(false);
    const before = frames.length;
    await client.runUntil(500_000);
    expect(frames.length).toBeGreaterThan(before);
    expect(censuses(frames.slice(before))).toEqual([]);
  });

  it('refuses a history while nothing is loaded', async () => {
    const client = new SimClient(createInProcessPort());
    clients.push(client);
    await expect(client.requestThpHistory(0, 0x200000, 2 << 20)).rejects.toThrow(
      /no simulation loaded/,
    );
  });

  it('keeps the census on across a load', async () => {
    const { client, frames } = await thpsparse();
    client.setCensus(true);
    await client.load(toSimConfig(getPreset('thpsparse')));
    await client.runUntil(100_000);
    expect(censuses(frames).map((c) => c.t1Us)).toEqual([100_000]);
  });
});
