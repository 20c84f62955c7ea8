/**
 * The scoreboard's pool: runs queue in order and go to at most `size` workers, started on
 * demand (never more than the runs), each worker taking the next run when it answers its last;
 * the outcome of a run through the pool is the same score as the engine's straight run; cancel
 * works queued and running, a worker that does not confirm is terminated and replaced, a dead
 * worker fails its run only, and runs that need more memory together than allowed wait.
 * Real hosts over in-process ports, and scripted ports where a worker must misbehave.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { advanceTo, createSim, policyScore } from '../../src/engine';
import {
  createScoreboardInProcessPort,
  type ScoreboardInProcessPort,
} from '../../src/worker/scoreboard-in-process-port';
import {
  poolSize,
  ScoreboardPool,
  type RunOutcome,
  type ScoreboardPort,
} from '../../src/worker/scoreboard-pool';
import type {
  FromScoreboard,
  ScoreRunSpec,
  ToScoreboard,
} from '../../src/worker/scoreboard-protocol';
import { SCOREBOARD_PROTOCOL_VERSION } from '../../src/worker/scoreboard-protocol';
import { smallConfig } from './small-config';

const spec = (untilUs: number, seed = 42): ScoreRunSpec => ({
  config: smallConfig({ seed }),
  untilUs,
  sampleEveryUs: Math.max(untilUs / 10, 100),
});

/** A pool of real in-process hosts that remembers the ports it made. */
function inProcessPool(size: number, options?: ConstructorParameters<typeof ScoreboardPool>[2]) {
  const ports: ScoreboardInProcessPort[] = [];
  const pool = new ScoreboardPool(
    () => {
      const p = createScoreboardInProcessPort();
      ports.push(p);
      return p;
    },
    size,
    options,
  );
  pools.push(pool);
  return { pool, ports };
}

const pools: ScoreboardPool[] = [];
afterEach(() => {
  for (const p of pools.splice(0)) p.dispose();
});

/** A worker that answers hello and otherwise does what the test tells it. */
class ScriptedPort implements ScoreboardPort {
  readonly got: ToScoreboard[] = [];
  closed = false;
  private listener: ((m: FromScoreboard) => void) | null = null;
  private failure: ((message: string) => void) | null = null;
  postMessage(msg: ToScoreboard): void {
    this.got.push(msg);
    if (msg.type === 'hello') this.send({ type: 'ready', protocol: SCOREBOARD_PROTOCOL_VERSION });
  }
  onMessage(cb: (m: FromScoreboard) => void): void {
    this.listener = cb;
  }
  onFailure(cb: (message: string) => void): void {
    this.failure = cb;
  }
  close(): void {
    this.closed = true;
  }
  send(msg: FromScoreboard): void {
    setTimeout(() => this.listener?.(msg), 0);
  }
  die(message: string): void {
    this.failure?.(message);
  }
  runs(): Extract<ToScoreboard, { type: 'run' }>[] {
    return this.got.filter((m): m is Extract<ToScoreboard, { type: 'run' }> => m.type === 'run');
  }
}

function scriptedPool(size: number, cancelGraceMs = 1000) {
  const ports: ScriptedPort[] = [];
  const pool = new ScoreboardPool(
    () => {
      const p = new ScriptedPort();
      ports.push(p);
      return p;
    },
    size,
    { cancelGraceMs },
  );
  pools.push(pool);
  return { pool, ports };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('poolSize', () => {
  it('is one per core, at least 1, at most the runs', () => {
    expect(poolSize(8, 9)).toBe(8);
    expect(poolSize(16, 9)).toBe(9);
    expect(poolSize(2, 1)).toBe(1);
    expect(poolSize(undefined, 9)).toBe(1);
    expect(poolSize(0, 9)).toBe(1);
    expect(poolSize(Number.NaN, 9)).toBe(1);
    expect(poolSize(4, 0)).toBe(1);
  });
});

describe('ScoreboardPool', () => {
  it('runs queued runs on at most `size` workers, in order, with the straight run’s score', async () => {
    const { pool, ports } = inProcessPool(2);
    const started: number[] = [];
    const runs = [1, 2, 3, 4, 5].map((seed, i) =>
      pool.run(spec(20_000, seed), { onStart: () => started.push(i) }),
    );
    expect(ports).toHaveLength(2); // two started, three waiting
    expect(started).toEqual([0, 1]);
    const outcomes = await Promise.all(runs.map((r) => r.outcome));
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(ports).toHaveLength(2);
    expect(pool.started).toBe(2);
    for (const [i, o] of outcomes.entries()) {
      expect(o.kind).toBe('done');
      const sim = createSim(smallConfig({ seed: i + 1 }));
      sim.censusWanted = true;
      advanceTo(sim, 20_000);
      expect((o as Extract<RunOutcome, { kind: 'done' }>).score).toEqual(policyScore(sim));
      expect([...(o as Extract<RunOutcome, { kind: 'done' }>).samples.tUs]).toHaveLength(10);
    }
  });

  it('starts no more workers than there are runs', async () => {
    const { pool, ports } = inProcessPool(4);
    const run = pool.run(spec(10_000));
    expect(ports).toHaveLength(1);
    expect((await run.outcome).kind).toBe('done');
    const again = pool.run(spec(10_000));
    expect(ports).toHaveLength(1); // the idle worker takes it
    expect((await again.outcome).kind).toBe('done');
  });

  it('reports progress with every sample so far', async () => {
    const { pool } = inProcessPool(1);
    const seen: number[] = [];
    const run = pool.run(
      { ...spec(400_000), sampleEveryUs: 10_000 },
      { onProgress: (p) => seen.push(p.samples.tUs.length) },
    );
    const o = await run.outcome;
    expect(o.kind).toBe('done');
    expect(seen[seen.length - 1]).toBe(40);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('refuses a run past the limit without starting a worker', async () => {
    const { pool, ports } = inProcessPool(2);
    const o = await pool.run(spec(61_000_000)).outcome;
    expect(o).toMatchObject({ kind: 'refused', message: expect.stringMatching(/60 s or less/) });
    expect(ports).toHaveLength(0);
  });

  it('cancels a queued run before it starts, and a running one at once', async () => {
    const { pool, ports } = inProcessPool(1);
    const long = pool.run(spec(30_000_000));
    const queued = pool.run(spec(10_000));
    queued.cancel();
    expect(await queued.outcome).toEqual({ kind: 'cancelled', doneUs: 0 });
    await tick(30);
    long.cancel();
    const o = await long.outcome;
    expect(o.kind).toBe('cancelled');
    // the same worker takes the next run once it confirmed the cancel
    const next = await pool.run(spec(10_000)).outcome;
    expect(next.kind).toBe('done');
    expect(ports).toHaveLength(1);
    expect(ports[0]!.closed).toBe(false);
  });

  it('terminates and replaces a worker that does not confirm a cancel', async () => {
    const { pool, ports } = scriptedPool(1, 20);
    const a = pool.run(spec(1_000_000));
    const b = pool.run(spec(1_000_000));
    await tick();
    a.cancel();
    expect((await a.outcome).kind).toBe('cancelled');
    expect(ports[0]!.got.some((m) => m.type === 'cancel')).toBe(true);
    expect(ports).toHaveLength(1); // b waits for the worker
    await tick(40);
    expect(ports[0]!.closed).toBe(true);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.runs()).toHaveLength(1); // b went to the new worker
    b.cancel();
  });

  it('fails the run of a worker that died, and gives the next run a new worker', async () => {
    const { pool, ports } = scriptedPool(1);
    const a = pool.run(spec(1_000_000));
    const b = pool.run(spec(1_000_000));
    await tick();
    ports[0]!.die('out of memory');
    expect(await a.outcome).toEqual({
      kind: 'failed',
      message: 'the scoreboard worker died: out of memory',
    });
    expect(ports).toHaveLength(2);
    const id = ports[1]!.runs()[0]!.id;
    ports[1]!.send({ type: 'error', id, message: 'the run failed: BUG' });
    expect(await b.outcome).toEqual({ kind: 'failed', message: 'the run failed: BUG' });
  });

  it('fails a run whose worker speaks another protocol', async () => {
    const { pool, ports } = scriptedPool(1);
    const a = pool.run(spec(1_000_000));
    ports[0]!.send({
      type: 'error',
      message: 'the scoreboard worker speaks protocol 2, the page 1',
    });
    expect(await a.outcome).toMatchObject({ kind: 'failed', message: /protocol 2/ });
    expect(ports[0]!.closed).toBe(true);
  });

  it('runs one at a time when two would need more host memory than allowed', async () => {
    const { pool, ports } = scriptedPool(2);
    const gib = 2 ** 30;
    const a = pool.run(spec(1_000_000), { hostBytes: 1.5 * gib });
    const b = pool.run(spec(1_000_000), { hostBytes: 1.5 * gib });
    const c = pool.run(spec(1_000_000), { hostBytes: 0.25 * gib });
    expect(ports).toHaveLength(1); // b waits for memory, c waits behind b
    const id = ports[0]!.runs()[0]!.id;
    ports[0]!.send({ type: 'cancelled', id, doneUs: 0 });
    a.cancel();
    await tick(5);
    expect(ports[0]!.runs()).toHaveLength(2); // b on the freed worker
    expect(ports).toHaveLength(2); // and c beside it: 1.75 GiB
    b.cancel();
    c.cancel();
  });

  it('retires: idle workers go now, busy ones once they answered', async () => {
    const { pool, ports } = scriptedPool(2);
    const a = pool.run(spec(1_000_000));
    const b = pool.run(spec(1_000_000));
    await tick();
    ports[0]!.send({
      type: 'done',
      id: ports[0]!.runs()[0]!.id,
      doneUs: 1_000_000,
      samples: {
        tUs: new Float64Array(),
        walksPer1000: new Float64Array(),
        residentBytes: new Float64Array(),
        thpBytes: new Float64Array(),
        coldInLargeFoliosBytes: new Float64Array(),
      },
      score: {} as never,
    });
    expect((await a.outcome).kind).toBe('done');
    b.cancel();
    pool.retire();
    expect(ports[0]!.closed).toBe(true);
    expect(ports[1]!.closed).toBe(false);
    ports[1]!.send({ type: 'cancelled', id: ports[1]!.runs()[0]!.id, doneUs: 5 });
    await tick(5);
    expect(ports[1]!.closed).toBe(true);
    expect((await pool.run(spec(1000)).outcome).kind).toBe('refused');
  });

  it('dispose cancels every run and terminates every worker', async () => {
    const { pool, ports } = inProcessPool(2);
    const runs = [1, 2, 3].map(() => pool.run(spec(30_000_000)));
    await tick(20);
    pool.dispose();
    for (const r of runs) expect((await r.outcome).kind).toBe('cancelled');
    expect(ports.every((p) => p.closed)).toBe(true);
  });
});
