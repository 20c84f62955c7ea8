/**
 * The store fed by a real engine through the in-process port: loads reset the truth history,
 * frames fill it, the store gets small summaries, and a bad link leaves the sim idle.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeScenario, getPreset, toSimConfig } from '../../src/scenario';
import {
  connectSimClient,
  damonHistory,
  liveSim,
  loadSimConfig,
  openHash,
  requestDamoRecord,
  runUntil,
  scrubBy,
  statusSeries,
  truthHistory,
  useAppStore,
} from '../../src/store';
import { SimClient } from '../../src/worker/client';
import { createInProcessPort } from '../../src/worker/in-process-port';

let client: SimClient;
let disconnect: () => void;
beforeAll(() => {
  client = new SimClient(createInProcessPort());
  disconnect = connectSimClient(client);
});
afterAll(() => {
  disconnect();
  client.dispose();
});

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('store bridge', () => {
  it('loads a config paused, then runs and fills the history', async () => {
    const config = toSimConfig(getPreset('tlbfit'));
    config.truth.intervalUs = 10_000;
    await loadSimConfig(config, false);
    await settle();
    expect(useAppStore.getState().status).toBe('paused');
    expect(truthHistory.columns).toBeLessThanOrEqual(config.truth.columns);
    expect(truthHistory.maxColumns).toBe(config.truth.columns);
    expect(liveSim.truthIntervalUs).toBe(10_000);

    await runUntil(50_000);
    await settle();
    expect(truthHistory.endRow).toBe(5);
    expect(useAppStore.getState().stats?.nowUs).toBe(50_000);
    expect(liveSim).toMatchObject({ nowUs: 50_000, playing: false });
  });

  it('fills the DAMON history, series and status; scrubbing walks back through it', async () => {
    await loadSimConfig(toSimConfig(getPreset('tlbfit')), false);
    await settle();
    expect(damonHistory.enabled).toBe(true);
    await runUntil(400_000);
    await settle();
    expect([damonHistory.firstRow, damonHistory.endRow]).toEqual([0, 4]);
    expect(damonHistory.snapshots(3)).toHaveLength(1);
    expect(useAppStore.getState().damonStatus?.nrAggregations).toBe(4);
    expect(statusSeries.length).toBeGreaterThan(0);

    scrubBy(-1);
    expect(useAppStore.getState().scrubUs).toBe(250_000);
    scrubBy(-1);
    expect(damonHistory.rowAt(useAppStore.getState().scrubUs!)).toBe(1);
    scrubBy(1);
    scrubBy(1);
    expect(useAppStore.getState().scrubUs).toBeNull();

    const record = await requestDamoRecord('json_compressed');
    expect(record.bytes[0]).toBe(0x78);
    expect(record.snapshots).toBe(4);
  });

  it('opens a link, or names the problem of a bad one and stops', async () => {
    openHash(`#${encodeScenario(getPreset('hotwin'))}`);
    expect(useAppStore.getState().scenario?.name).toBe('hotwin');
    await vi.waitFor(() => expect(useAppStore.getState().status).toBe('playing'), {
      timeout: 5000,
    });

    openHash('#s=99.abc');
    expect(useAppStore.getState().scenarioProblem?.problem).toBe('future-version');
    await vi.waitFor(() => expect(liveSim.playing).toBe(false));
  });
});
