/**
 * The supervisor with real engines behind in-process ports: the watchdog's banner on a fake
 * clock, Cancel, a worker death and the restart that replays to the last report with the same
 * state hash as a run that never died.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { advanceTo, createSim, stateHash } from '../../src/engine';
import { getPreset, toSimConfig } from '../../src/scenario';
import {
  cancelRun,
  liveSim,
  openScenario,
  pause,
  play,
  reloadScenario,
  requestStateHash,
  restartFromCheckpoint,
  runUntil,
  STALL_AFTER_MS,
  superviseSim,
  useAppStore,
} from '../../src/store';
import { pollStall } from '../../src/store/sim-supervisor';
import { SimClient, type WorkerFailure } from '../../src/worker/client';
import { createInProcessPort } from '../../src/worker/in-process-port';

const clock = { ms: 0 };
let clients: { client: SimClient; die(f: WorkerFailure): void }[] = [];
let stop: () => void;

/** A client over an in-process host that can be made to die as a Worker would. */
function makeClient(): SimClient {
  const port = createInProcessPort();
  let failed: ((f: WorkerFailure) => void) | undefined;
  const client = new SimClient({ ...port, onFailure: (cb) => (failed = cb) });
  clients.push({ client, die: (f) => failed?.(f) });
  return client;
}
const current = () => clients[clients.length - 1]!;
const state = () => useAppStore.getState();

beforeEach(() => {
  clients = [];
  stop = superviseSim(makeClient, { nowMs: () => clock.ms, every: () => () => undefined });
});
afterEach(() => stop());

describe('the watchdog', () => {
  it('shows a stall only while the worker should report, and a report ends it', async () => {
    openScenario(getPreset('default'));
    await vi.waitFor(() => expect(state().status).toBe('playing'));
    clock.ms += STALL_AFTER_MS + 1500;
    pollStall();
    expect(state().stallS).toBe(3);
    // the host is fine: its next frame clears the banner at once
    await vi.waitFor(() => expect(state().stallS).toBeNull());

    pause();
    await vi.waitFor(() => expect(liveSim.playing).toBe(false));
    await vi.waitFor(() => expect(state().status).toBe('paused'));
    clock.ms += 60_000; // a paused worker says nothing, and that is fine
    pollStall();
    expect(state().stallS).toBeNull();

    play();
    clock.ms += STALL_AFTER_MS - 1; // the pause does not count against the new run
    pollStall();
    expect(state().stallS).toBeNull();
  });
});

describe('Pause during a load', () => {
  it('keeps the scenario paused once it is loaded instead of playing it', async () => {
    openScenario(getPreset('default'));
    pause(); // the stall banner's Pause, while the worker is still building the simulation
    await vi.waitFor(() => expect(state().status).toBe('paused'));
    await new Promise((r) => setTimeout(r, 50));
    expect(liveSim.playing).toBe(false);
    expect(state().status).toBe('paused');
  });
});

describe('Cancel', () => {
  it('replaces the worker, says what was cancelled, and can load the scenario again', async () => {
    openScenario(getPreset('default'));
    await vi.waitFor(() => expect(state().status).toBe('playing'));
    const old = current().client;
    const hanging = runUntil(50_000_000);
    cancelRun();
    await expect(hanging).rejects.toThrow();
    expect(clients).toHaveLength(2);
    expect(current().client).not.toBe(old);
    expect(state().status).toBe('idle');
    expect(state().stallS).toBeNull();
    expect(state().workerNotice).toMatchObject({
      kind: 'cancelled',
      activity: { kind: 'runUntil', toUs: 50_000_000 },
    });
    expect(state().scenario?.name).toBe('default');

    reloadScenario();
    await vi.waitFor(() => expect(state().status).toBe('paused'));
    expect(state().workerNotice).toBeNull();
    await runUntil(100_000);
    expect(liveSim.nowUs).toBe(100_000);
  });
});

describe('a worker death', () => {
  it('shows the death with the last report, and Restart replays to it deterministically', async () => {
    const scenario = getPreset('default');
    openScenario(scenario);
    await vi.waitFor(() => expect(state().status).toBe('playing'));
    await runUntil(300_000);
    await vi.waitFor(() => expect(liveSim.nowUs).toBe(300_000));
    const pending = requestStateHash().catch((e: Error) => e.message);

    current().die({ kind: 'out-of-memory', message: 'Array buffer allocation failed' });
    expect(state().workerDeath).toEqual({
      kind: 'out-of-memory',
      message: 'Array buffer allocation failed',
      lastReportUs: 300_000,
    });
    expect(state().status).toBe('error');
    expect(await pending).toMatch(/worker died/);

    await restartFromCheckpoint();
    expect(clients).toHaveLength(2);
    expect(state().workerDeath).toBeNull();
    expect(state().workerNotice).toEqual({ kind: 'replayed', toUs: 300_000 });
    expect(state().status).toBe('paused');
    expect(liveSim).toMatchObject({ nowUs: 300_000, playing: false });

    const sim = createSim(toSimConfig(scenario));
    advanceTo(sim, 300_000);
    expect(await requestStateHash()).toBe(stateHash(sim));
  });

  it('opening another scenario after a death starts a fresh worker for it', async () => {
    openScenario(getPreset('default'));
    await vi.waitFor(() => expect(state().status).toBe('playing'));
    current().die({ kind: 'crashed', message: 'boom' });
    openScenario(getPreset('hotwin'));
    expect(clients).toHaveLength(2);
    expect(state().workerDeath).toBeNull();
    await vi.waitFor(() => expect(state().status).toBe('playing'));
  });

  it('ignores the failure of a worker that was already replaced', async () => {
    openScenario(getPreset('default'));
    await vi.waitFor(() => expect(state().status).toBe('playing'));
    const first = current();
    cancelRun();
    first.die({ kind: 'crashed', message: 'late' });
    expect(state().workerDeath).toBeNull();
  });
});
