/**
 * The NUMA view's store side with a real engine behind the in-process port: opening the panel
 * turns the worker's report on and fills the history and the summary; a control write goes to
 * the worker, comes back with the time it applied at and lands in the scenario as that event
 * without a reload, so a fresh run of the scenario reaches the same state hash; what the
 * engine would refuse is refused before anything is sent, with what to change.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeScenario, toSimConfig, type Scenario } from '../../src/scenario';
import {
  applyControl,
  connectSimClient,
  controlStateAt,
  loadSimConfig,
  numaHistory,
  requestStateHash,
  runUntil,
  setNumaOpen,
  useAppStore,
} from '../../src/store';
import { SimClient } from '../../src/worker/client';
import { createInProcessPort } from '../../src/worker/in-process-port';
import type { SimControl } from '../../src/worker/protocol';
import { twoNodeScenario } from './numa-scenario';

let client: SimClient;
let disconnect: () => void;
const numaSent: boolean[] = [];
const controlsSent: SimControl[] = [];
let loads = 0;
beforeAll(() => {
  client = new SimClient(createInProcessPort());
  const setNuma = client.setNuma.bind(client);
  client.setNuma = (on) => {
    numaSent.push(on);
    setNuma(on);
  };
  const control = client.control.bind(client);
  client.control = (c) => {
    controlsSent.push(c);
    return control(c);
  };
  const load = client.load.bind(client);
  client.load = (config) => {
    loads++;
    return load(config);
  };
  disconnect = connectSimClient(client, { nowMs: () => Date.now() });
});
afterAll(() => {
  disconnect();
  client.dispose();
});
beforeEach(() => {
  controlsSent.length = 0;
});

const settle = () => new Promise((r) => setTimeout(r, 20));
const state = () => useAppStore.getState();

/** What openScenario does, without playing. */
async function open(s: Scenario): Promise<void> {
  state().setScenario(s, encodeScenario(s));
  await loadSimConfig(toSimConfig(s), false);
}

describe('NUMA view store', () => {
  it('sends no report while closed, then fills the history and the summary', async () => {
    await open(twoNodeScenario());
    await runUntil(100_000);
    await settle();
    expect(numaSent).toEqual([]);
    expect(numaHistory.series).toEqual([]);

    setNumaOpen(true);
    expect(numaSent).toEqual([true]);
    await runUntil(200_000);
    await settle();
    const last = numaHistory.series.at(-1)!;
    expect(last.tUs).toBe(200_000);
    expect(last.totalBytes).toEqual([256 << 20, 256 << 20]);
    expect(last.routes[0]).toBeGreaterThan(0); // NUMA hinting faults handled by do_numa_page
    const summary = state().numaSummary!;
    expect(summary.tUs).toBe(200_000);
    expect(summary.report.numa_balancing).toBe(1);
    expect(numaHistory.faults.length).toBeGreaterThan(0);
  });

  it('applies a control without a reload, as the event a fresh run replays', async () => {
    const scenario = twoNodeScenario();
    await open(scenario);
    const loadsBefore = loads;
    await runUntil(150_000);
    const out = await applyControl({ op: 'numa_balancing', mode: 0 });
    expect(out).toEqual({ ok: true, atUs: 150_100, hash: state().scenarioHash });
    expect(loads).toBe(loadsBefore); // no restart
    expect(state().numaControl).toEqual({
      status: 'applied',
      control: { op: 'numa_balancing', mode: 0 },
      atUs: 150_100,
    });
    const s = state().scenario!;
    expect(s.events).toEqual([{ atUs: 150_100, process: 0, op: 'numa_balancing', mode: 0 }]);
    expect(controlStateAt(s, 150_000).numaBalancing).toBe(1);
    expect(controlStateAt(s, 150_100).numaBalancing).toBe(0);
    // a second write while it runs
    const running = runUntil(400_000);
    const second = await applyControl({ op: 'damon_primitive', primitive: 'page_fault' });
    await running;
    expect(second.ok).toBe(true);
    expect(state().scenario!.events.map((e) => e.op)).toEqual([
      'numa_balancing',
      'damon_primitive',
    ]);
    await settle();
    expect(numaHistory.controls.map((c) => c.text)).toEqual([
      'numa_balancing=0',
      'damon primitive page_fault',
    ]);
    expect(numaHistory.series.at(-1)!.misrouted).toBeGreaterThan(0);
    const toggled = await requestStateHash();

    // the link's scenario, run afresh to the same time
    const link = state().scenarioHash;
    await open(state().scenario!);
    expect(state().scenarioHash).toBe(link);
    await runUntil(400_000);
    expect(await requestStateHash()).toBe(toggled);
  });

  it('refuses what the engine would refuse, before sending, saying what to change', async () => {
    await open(twoNodeScenario({ config_damon: false }, (s) => (s.damon.enabled = false)));
    await runUntil(50_000);
    const off = await applyControl({ op: 'damon_state', on: true });
    expect(off).toEqual({ ok: false, message: expect.stringMatching(/config_damon on/) });
    expect(state().numaControl).toMatchObject({ status: 'refused' });

    await open(twoNodeScenario({ routing: 'mainline' }));
    await runUntil(50_000);
    const mainline = await applyControl({ op: 'damon_primitive', primitive: 'page_fault' });
    expect(mainline.ok || mainline.message).toMatch(/numa\.routing to rfc-v2 or owner/);

    await open(twoNodeScenario({ routing: 'owner' }, (s) => (s.damon.primitive = 'page_fault')));
    await runUntil(50_000);
    const back = await applyControl({ op: 'fault_routing', routing: 'mainline' });
    expect(back.ok || back.message).toMatch(/page_fault primitive is used in this run/);
    expect(controlsSent).toEqual([]);
    expect(state().scenario!.events).toEqual([]);
  });

  it('forgets the history on a new load and when closed', async () => {
    await open(twoNodeScenario());
    await settle();
    expect(numaHistory.series).toEqual([]);
    expect(state().numaControl).toBeNull();
    setNumaOpen(false);
    expect(numaSent).toEqual([true, false]);
    await runUntil(200_000);
    await settle();
    expect(numaHistory.series).toEqual([]);
    expect(state().numaSummary).toBeNull();
  });
});
