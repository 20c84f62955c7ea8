/**
 * DAMON across the worker boundary, with the real engine through the in-process port
 * (structured clone and transfer included): frames carry DAMON's rows, snapshots and status,
 * and a damoRecord request answers with a file damo can read.
 */
import { unzlibSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { getPreset, toSimConfig } from '../../src/scenario';
import { SimClient, type FrameMsg } from '../../src/worker/client';
import { createInProcessPort } from '../../src/worker/in-process-port';

const clients: SimClient[] = [];
function makeClient(): SimClient {
  const client = new SimClient(createInProcessPort());
  clients.push(client);
  return client;
}
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

interface DamoFileRecord {
  target_id: number;
  intervals: { sample_us: string; aggr_us: string };
  snapshots: { start_time: string; end_time: string; regions: { start: string; end: string }[] }[];
}

describe('DAMON in worker frames', () => {
  it('sends each aggregation once: its row (with its window), its snapshot, and the status', async () => {
    const client = makeClient();
    const frames: FrameMsg[] = [];
    client.onFrame((f) => frames.push(f));
    const config = toSimConfig(getPreset('default'));
    const loaded = await client.load(config);
    expect(loaded.damon).toMatchObject({ sample_interval: 5000, aggr_interval: 100_000 });
    await client.runUntil(650_000);

    const damon = frames.map((f) => f.damon!);
    expect(damon.every((d) => d !== null)).toBe(true);
    const rows = damon.flatMap((d) =>
      Array.from({ length: d.rows.count }, (_, i) => ({
        row: d.rows.firstRow + i,
        t0: d.rows.t0Us[i],
        t1: d.rows.t1Us[i],
        max: d.rows.maxNrAccesses[i],
      })),
    );
    expect(rows.map((r) => r.row)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows.map((r) => [r.t0, r.t1])).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => [i * 100_000, (i + 1) * 100_000]),
    );
    expect(rows.every((r) => r.max === 20)).toBe(true);
    for (const d of damon) {
      expect(d.rows.data).toBeInstanceOf(Float32Array);
      expect(d.rows.data.length).toBe(d.rows.count * d.rows.columns);
    }

    const snaps = damon.flatMap((d) => d.snapshots);
    expect(snaps.map((s) => s.tUs)).toEqual(rows.map((r) => r.t1));
    for (const s of snaps) {
      expect(s.ranges).toBeInstanceOf(Float64Array);
      expect(s.ranges.length).toBe(2 * s.nrAccesses.length);
      expect(s.nrAccesses.length).toBeGreaterThanOrEqual(config.damon.attrs.min_nr_regions);
    }
    const status = damon.at(-1)!.status;
    expect(status.nrAggregations).toBe(6);
    expect(status.nrRegions).toBeGreaterThan(0);
    expect(status.schemes).toEqual([]);
  });

  it('answers damoRecord with zlib-compressed JSON (damon.data) or plain JSON', async () => {
    const client = makeClient();
    const config = toSimConfig(getPreset('tlbfit'));
    await client.load(config);
    await client.runUntil(1_000_000);

    const zipped = await client.requestDamoRecord('json_compressed');
    expect(zipped.bytes[0]).toBe(0x78);
    const records = JSON.parse(
      new TextDecoder().decode(unzlibSync(zipped.bytes)),
    ) as DamoFileRecord[];
    expect(Array.isArray(records)).toBe(true);
    expect(records).toHaveLength(1);
    const rec = records[0]!;
    expect(rec.intervals).toMatchObject({ sample_us: '5000', aggr_us: '100000' });
    expect(rec.snapshots).toHaveLength(10);
    expect(zipped.snapshots).toBe(10);
    expect(rec.snapshots[9]).toMatchObject({ start_time: '900000000', end_time: '1000000000' });
    expect(rec.snapshots[0]!.regions.length).toBeGreaterThanOrEqual(10);

    const plain = await client.requestDamoRecord('json');
    expect(plain.bytes[0]).toBe('['.charCodeAt(0));
    expect(JSON.parse(new TextDecoder().decode(plain.bytes))).toEqual(records);
  });

  it('sends no DAMON data and refuses a record when the scenario runs without DAMON', async () => {
    const client = makeClient();
    const frames: FrameMsg[] = [];
    client.onFrame((f) => frames.push(f));
    const config = toSimConfig(getPreset('tlbfit'));
    config.damon.enabled = false;
    const loaded = await client.load(config);
    expect(loaded.damon).toBeNull();
    await client.runUntil(300_000);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((f) => f.damon === null)).toBe(true);
    await expect(client.requestDamoRecord('json')).rejects.toThrow(/without DAMON/);
  });
});
