/**
 * The NUMA view's store-side pure parts: the toggles' state at a time from the scenario's
 * settings and control events, the refusals (the engine's rules, with what to change), a
 * control's event placed among the scenario's events, and the history of reports.
 */
import { describe, expect, it } from 'vitest';
import type { NumaReport } from '../../src/engine/numa/numa-report';
import { NumaHistory, FAULT_ROWS } from '../../src/store/numa-history';
import {
  controlStateAt,
  refuseControl,
  unheldControl,
  withControlEvent,
} from '../../src/store/numa-controls';
import type { NumaFrame } from '../../src/worker/protocol';
import { twoNodeScenario } from './numa-scenario';

describe('control state and refusals', () => {
  it('follows the scenario’s control events in time', () => {
    let s = twoNodeScenario();
    s = withControlEvent(s, { atUs: 500, process: 0, op: 'numa_balancing', mode: 0 });
    s = withControlEvent(s, { atUs: 200, process: 0, op: 'damon_state', on: false });
    s = withControlEvent(s, { atUs: 500, process: 0, op: 'fault_routing', routing: 'owner' });
    expect(s.events.map((e) => [e.atUs, e.op])).toEqual([
      [200, 'damon_state'],
      [500, 'numa_balancing'],
      [500, 'fault_routing'],
    ]);
    expect(controlStateAt(s, 100)).toEqual({
      numaBalancing: 1,
      damonOn: true,
      primitive: 'page_table',
      routing: 'rfc-v2',
    });
    expect(controlStateAt(s, 500)).toEqual({
      numaBalancing: 0,
      damonOn: false,
      primitive: 'page_table',
      routing: 'owner',
    });
  });

  it('refuses what validate.ts refuses, naming the field to change', () => {
    const off = twoNodeScenario({ config_damon: false }, (s) => (s.damon.enabled = false));
    expect(refuseControl(off, { op: 'damon_state', on: true })).toMatch(/config_damon on/);
    expect(refuseControl(off, { op: 'damon_state', on: false })).toBeNull();
    const mainline = twoNodeScenario({ routing: 'mainline' });
    expect(refuseControl(mainline, { op: 'damon_primitive', primitive: 'page_fault' })).toMatch(
      /numa\.routing to rfc-v2 or owner/,
    );
    const owner = twoNodeScenario({ routing: 'owner' }, (s) => (s.damon.primitive = 'page_fault'));
    expect(refuseControl(owner, { op: 'fault_routing', routing: 'mainline' })).toMatch(
      /page_fault primitive is used in this run/,
    );
    expect(refuseControl(owner, { op: 'fault_routing', routing: 'rfc-v2' })).toBeNull();
    const back = withControlEvent(twoNodeScenario(), {
      atUs: 100,
      process: 0,
      op: 'fault_routing',
      routing: 'mainline',
    });
    expect(refuseControl(back, { op: 'damon_primitive', primitive: 'page_fault' })).toMatch(
      /switches the fault routing to mainline/,
    );
    expect(refuseControl(twoNodeScenario(), { op: 'numa_balancing', mode: 3 })).toBeNull();
  });

  it('a scenario can hold every control as an event', () => {
    const s = twoNodeScenario();
    for (const c of [
      { op: 'numa_balancing', mode: 2 },
      { op: 'damon_state', on: false },
      { op: 'damon_primitive', primitive: 'page_fault' },
      { op: 'fault_routing', routing: 'owner' },
    ] as const)
      expect(unheldControl(s, c, 100)).toBeNull();
  });
});

const frame = (tUs: number, faults = 0, controls: NumaFrame['controls'] = []): NumaFrame => ({
  tUs,
  report: {
    nodes: [{ MemTotal: 1024, MemFree: 256 }],
    vmstat: { numa_pages_migrated: 3, pgpromote_success: 0, damos_migrated: 0 },
    faultRouting: {
      matrix: { numa: { numa: tUs, damon: 1 }, damon: { numa: 0, damon: 0 } },
      misrouted: 1,
      spuriousMigrations: 0,
    },
  } as unknown as NumaReport,
  faults: Array.from({ length: faults }, (_, i) => ({
    tUs: tUs - i,
    process: 0,
    addr: 0,
    cpu: 0,
    installer: 'numa',
    handler: 'numa',
    outcome: 'kept',
    livedMs: 0,
    misrouted: false,
  })),
  faultsMissed: 0,
  controls,
});

describe('NUMA history', () => {
  it('samples each report, keeps the newest fault rows and every control', () => {
    const h = new NumaHistory(4);
    h.push(frame(100, 2, [{ atUs: 50, text: 'numa_balancing=0' }]));
    h.push(frame(100, 0)); // the same time again replaces the sample
    h.push(frame(200, FAULT_ROWS));
    expect(h.series.map((s) => s.tUs)).toEqual([100, 200]);
    expect(h.series[1]).toMatchObject({
      usedBytes: [768 * 1024],
      totalBytes: [1024 * 1024],
      routes: [200, 1, 0, 0],
      numaMigrated: 3,
    });
    expect(h.faults).toHaveLength(FAULT_ROWS);
    expect(h.faults.at(-1)!.tUs).toBe(200 - FAULT_ROWS + 1);
    expect(h.controls).toEqual([{ atUs: 50, text: 'numa_balancing=0' }]);
    h.push(frame(50)); // older: ignored
    for (let t = 300; t <= 700; t += 100) h.push(frame(t));
    expect(h.series.length).toBeLessThanOrEqual(4);
    expect(h.series.at(-1)!.tUs).toBe(700);
    const v = h.version;
    h.reset();
    expect([h.series, h.faults, h.controls]).toEqual([[], [], []]);
    expect(h.version).toBe(v + 1);
  });
});
