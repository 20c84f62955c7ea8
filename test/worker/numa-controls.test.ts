/**
 * The NUMA view across the worker boundary: the report is off by default and, once on, rides
 * on frames with every fault on a PROT_NONE entry once (sent or counted as missed) and the
 * control writes; a control applies at the next grid point, at once when paused, is refused
 * with validate.ts's reason, and a toggled run is the same run as a fresh one of the scenario
 * with the control's event: the same state hash at the same time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SimConfig } from '../../src/engine/config';
import { SimClient, type FrameMsg } from '../../src/worker/client';
import { createInProcessPort } from '../../src/worker/in-process-port';
import { controlTimeUs } from '../../src/worker/numa-controls';
import { insertEvent, PROTOCOL_VERSION, type NumaFrame } from '../../src/worker/protocol';
import { twoNodeConfig } from './numa-config';

const clients: SimClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

async function start(config: SimConfig) {
  const client = new SimClient(createInProcessPort());
  clients.push(client);
  const frames: FrameMsg[] = [];
  client.onFrame((f) => frames.push(f));
  await client.load(config);
  return { client, frames };
}

const reports = (frames: FrameMsg[]): NumaFrame[] =>
  frames.flatMap((f) => (f.numa ? [f.numa] : []));

describe('NUMA reports and controls in the worker', () => {
  it('speaks protocol 6', () => {
    expect(PROTOCOL_VERSION).toBe(6);
  });

  it('places a control after the events at or before its time', () => {
    const at = (atUs: number, id: string) => ({ atUs, id });
    expect(insertEvent([at(0, 'a'), at(100, 'b'), at(300, 'c')], at(100, 'new'))).toEqual([
      at(0, 'a'),
      at(100, 'b'),
      at(100, 'new'),
      at(300, 'c'),
    ]);
    expect(insertEvent([], at(5, 'x'))).toEqual([at(5, 'x')]);
    expect([controlTimeUs(0), controlTimeUs(99), controlTimeUs(100), controlTimeUs(1234)]).toEqual([
      100, 100, 200, 1300,
    ]);
  });

  it('sends no report while off; once on, every fault once and the control writes', async () => {
    const { client, frames } = await start(twoNodeConfig());
    await client.runUntil(120_000);
    expect(reports(frames)).toEqual([]);

    client.setNuma(true);
    await client.runUntil(150_000);
    const applied = await client.control({ op: 'numa_balancing', mode: 0 });
    expect(applied.atUs).toBe(150_100);
    expect(applied.event).toEqual({ atUs: 150_100, process: 0, op: 'numa_balancing', mode: 0 });
    await client.runUntil(400_000);
    const got = reports(frames);
    expect(got.length).toBeGreaterThan(1);
    const last = got.at(-1)!;
    expect(last.tUs).toBe(400_000);
    expect(last.report.numa_balancing).toBe(0);
    expect(got.flatMap((r) => r.controls)).toEqual([{ atUs: 150_100, text: 'numa_balancing=0' }]);
    // race 1 of the review: NUMA's PROT_NONE entries, left behind, go to do_damon_page
    const m = last.report.faultRouting.matrix;
    expect(m.numa.damon).toBeGreaterThan(0);
    expect(last.report.faultRouting.misrouted).toBe(m.numa.damon + m.damon.numa);
    // every fault counted since the report went on was sent or counted as missed
    const first = got[0]!.report.faultRouting.matrix;
    const count = (x: typeof m) => x.numa.numa + x.numa.damon + x.damon.numa + x.damon.damon;
    const sent = got.slice(1).reduce((n, r) => n + r.faults.length + r.faultsMissed, 0);
    expect(sent).toBe(count(m) - count(first));
    const misrouted = got.flatMap((r) => r.faults).filter((f) => f.misrouted);
    expect(misrouted.length).toBeGreaterThan(0);
    expect(misrouted.every((f) => f.installer === 'numa' && f.handler === 'damon')).toBe(true);
    expect(misrouted.every((f) => f.tUs > 150_100)).toBe(true);
  });

  it('applies a control at once when paused, and refuses what validate.ts refuses', async () => {
    const { client, frames } = await start(twoNodeConfig({ routing: 'owner' }));
    await client.runUntil(50_000);
    const applied = await client.control({ op: 'damon_state', on: true });
    expect(applied.atUs).toBe(50_100);
    expect(frames.at(-1)!.stats.nowUs).toBe(50_100);
    // DAMON here reads page faults: mainline has no MM_CP_DAMON
    await expect(client.control({ op: 'fault_routing', routing: 'mainline' })).rejects.toThrow(
      /page_fault primitive needs MM_CP_DAMON/,
    );
    expect((await client.requestHash()).nowUs).toBe(50_100);
  });

  it('refuses a control while nothing is loaded', async () => {
    const client = new SimClient(createInProcessPort());
    clients.push(client);
    await expect(client.control({ op: 'numa_balancing', mode: 1 })).rejects.toThrow(
      /no simulation loaded/,
    );
  });

  it('a toggled run and a fresh run of the scenario with its events have one state hash', async () => {
    const config = twoNodeConfig();
    const toggled = await start(config);
    toggled.client.setNuma(true);
    // one control while paused, two while running at full speed
    await toggled.client.runUntil(140_000);
    const a = await toggled.client.control({ op: 'numa_balancing', mode: 0 });
    const run = toggled.client.runUntil(700_000);
    const b = toggled.client.control({ op: 'damon_state', on: true });
    const c = toggled.client.control({ op: 'numa_balancing', mode: 1 });
    const events = (await Promise.all([b, c])).reduce(
      (list, r) => insertEvent(list, r.event),
      insertEvent(config.events, a.event),
    );
    await run;
    const h1 = await toggled.client.requestHash();

    const fresh = await start({ ...twoNodeConfig(), events });
    await fresh.client.runUntil(700_000);
    const h2 = await fresh.client.requestHash();
    expect(h2).toEqual(h1);
    expect(h1.nowUs).toBe(700_000);
    // and the toggles did something: without them the run differs
    const plain = await start(twoNodeConfig());
    await plain.client.runUntil(700_000);
    expect((await plain.client.requestHash()).stateHash).not.toBe(h1.stateHash);
  });

  it('answers a pending control with an error when a load comes first', async () => {
    const { client } = await start(twoNodeConfig());
    client.play();
    const pending = client.control({ op: 'numa_balancing', mode: 0 });
    const reload = client.load(twoNodeConfig());
    // either it applied within the run's first slice, or the load refused it
    const outcome = await pending.then(
      () => 'applied',
      (e: Error) => e.message,
    );
    await reload;
    expect(['applied', 'control: a new scenario was loaded before it applied']).toContain(outcome);
  });
});
