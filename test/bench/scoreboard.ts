/**
 * The policy scoreboard scales with workers: the same 4 policy runs (thpsparse, planned as the
 * browser plans them) on a pool of 1 worker and on a pool of 2, each worker a Node worker
 * thread running the browser's ScoreboardHost through the browser's ScoreboardPool, timed in
 * this one bench run. Target: 2 workers at least 1.7× faster than 1.
 *
 * Both pools start and warm up (their workers JIT the engine) first; then they take turns,
 * ROUNDS times, and each one's fastest batch counts: the machine is shared and noisy. Two
 * references measured the same way say what the machine allowed meanwhile: a loop that only
 * computes (the cores) and one that increments random counters in 64 MiB, about one run's
 * engine state (the shared cache and memory). Threads share one process, as a page's workers
 * do.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { getPreset, POLICIES, type PolicyId } from '../../src/scenario';
import { planPolicyRuns } from '../../src/worker/scoreboard-plan';
import { ScoreboardPool, type ScoreboardPort } from '../../src/worker/scoreboard-pool';
import type { FromScoreboard } from '../../src/worker/scoreboard-protocol';

/** Four policies whose runs cost about the same, so 2 workers can split them evenly. */
const BENCH_POLICIES: readonly PolicyId[] = ['thp-never', 'ethp', 'memtis', 'ingens'];
const SIM_US = 1_000_000;
const ROUNDS = 3;
const TARGET = 1.7;

function nodePort(): ScoreboardPort {
  const worker = new Worker(new URL('./scoreboard-worker.mjs', import.meta.url));
  return {
    postMessage: (msg, transfer = []) => worker.postMessage(msg, transfer as never),
    onMessage: (cb) => worker.on('message', (m: FromScoreboard) => cb(m)),
    onFailure: (cb) => worker.on('error', (e) => cb(e.message)),
    close: () => void worker.terminate(),
  };
}

async function batchMs(pool: ScoreboardPool, untilUs: number): Promise<number> {
  const planned = planPolicyRuns(
    getPreset('thpsparse'),
    untilUs,
    POLICIES.filter((p) => BENCH_POLICIES.includes(p.id)),
  );
  if (!planned.ok) throw new Error(planned.message);
  const t0 = performance.now();
  const outcomes = await Promise.all(planned.plan.runs.map((r) => pool.run(r.spec).outcome));
  const ms = performance.now() - t0;
  for (const o of outcomes) if (o.kind !== 'done') throw new Error(`scoreboard bench: ${o.kind}`);
  return ms;
}

/** The fastest of ROUNDS turns for each of `setups`, warmed up first. */
async function fastest(setups: readonly (() => Promise<number>)[]): Promise<number[]> {
  for (const run of setups) await run();
  const best = setups.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, run] of setups.entries()) best[i] = Math.min(best[i]!, await run());
  return best;
}

/**
 * A reference job in an eval'd worker: n random counter increments in `mib` MiB (allocated and
 * touched once per thread, before any timing), or none (compute only).
 */
const REFERENCE = `
const { parentPort } = require('node:worker_threads');
let counts = new Uint32Array(1);
parentPort.on('message', ({ mib, n }) => {
  if (counts.length !== Math.max(1, mib * 262144)) counts = new Uint32Array(Math.max(1, mib * 262144)).fill(1);
  let x = 123456789;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    if (mib > 0) counts[(x >>> 0) % counts.length]++;
  }
  parentPort.postMessage(counts[1] + x);
});`;

/** 4 reference jobs on `threads` threads, wall ms. */
async function referenceMs(threads: Worker[], mib: number, n: number): Promise<number> {
  let left = 4;
  const job = (w: Worker) =>
    new Promise((done) => {
      w.once('message', done);
      w.postMessage({ mib, n });
    });
  const t0 = performance.now();
  await Promise.all(
    threads.map(async (w) => {
      while (left-- > 0) await job(w);
    }),
  );
  return performance.now() - t0;
}

async function referenceRatio(mib: number, n: number): Promise<number> {
  const threads = [0, 1].map(() => new Worker(REFERENCE, { eval: true }));
  try {
    const [one, two] = await fastest([
      () => referenceMs(threads.slice(0, 1), mib, n),
      () => referenceMs(threads, mib, n),
    ]);
    return one! / two!;
  } finally {
    for (const w of threads) void w.terminate();
  }
}

export async function runScoreboardBench(): Promise<void> {
  console.log(
    `Policy scoreboard: ${BENCH_POLICIES.length} policy runs of ${SIM_US / 1e6} s on thpsparse, ` +
      `1 and 2 worker threads (${availableParallelism()} cores)`,
  );
  const pools = [new ScoreboardPool(nodePort, 1), new ScoreboardPool(nodePort, 2)];
  let one = 0;
  let two = 0;
  try {
    [one, two] = (await fastest(pools.map((p) => () => batchMs(p, SIM_US)))) as [number, number];
  } finally {
    for (const pool of pools) pool.dispose();
  }
  const ratio = one / two;
  console.log(
    `  fastest of ${ROUNDS}: 1 worker ${one.toFixed(0)} ms, 2 workers ${two.toFixed(0)} ms: ` +
      `${ratio.toFixed(2)}× faster`,
  );
  const cores = await referenceRatio(0, 1e8);
  const memory = await referenceRatio(64, 4e6);
  console.log(
    `  the machine, 1 → 2 threads: computing ${cores.toFixed(2)}×, random counters in 64 MiB ` +
      `${memory.toFixed(2)}×`,
  );
  console.log(
    `  target: 2 workers >= ${TARGET}× faster than 1: ${ratio >= TARGET ? 'met' : 'NOT met'}`,
  );
}
