/**
 * The store fed by a real engine through the in-process port: loads reset the truth history,
 * frames fill it, the store gets small summaries, and a bad link leaves the sim idle.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeScenario, getPreset, toSimConfig } from '../../src/scenario';
import {
  connectSimClient,
  liveSim,
  loadSimConfig,
  openHash,
  runUntil,
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
    expect(truthHistory.columns).toBe(config.truth.columns);
    expect(liveSim.truthIntervalUs).toBe(10_000);

    await runUntil(50_000);
    await settle();
    expect(truthHistory.endRow).toBe(5);
    expect(useAppStore.getState().stats?.nowUs).toBe(50_000);
    expect(liveSim).toMatchObject({ nowUs: 50_000, playing: false });
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
