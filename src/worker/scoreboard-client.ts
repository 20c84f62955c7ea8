/**
 * The policy scoreboard's side of the main thread, as the store sees it: the pool, its plan
 * and its limits, and the browser's pool of module Workers running scoreboard.worker.ts.
 * With worker/client.ts, the only module allowed to create a Worker (the rule in
 * eslint.config.js and test/architecture.test.ts): the pool starts its workers on demand,
 * and sizes itself from navigator.hardwareConcurrency.
 */
import type { FromScoreboard } from './scoreboard-protocol';
import { poolSize, ScoreboardPool, type ScoreboardPort } from './scoreboard-pool';

export {
  CANCEL_GRACE_MS,
  poolSize,
  ScoreboardPool,
  type RunOutcome,
  type RunProgress,
  type ScoreboardPort,
  type ScoreRun,
} from './scoreboard-pool';
export {
  MAX_RUN_WALL_MS,
  planPolicyRuns,
  sampleIntervalFor,
  type PlannedRun,
  type ScoreboardPlan,
} from './scoreboard-plan';
export { MAX_RUN_US, type ScoreSamples } from './scoreboard-protocol';

/** A port to a worker that could not be created: it fails as soon as anyone listens. */
function stillborn(why: string): ScoreboardPort {
  return {
    postMessage: () => undefined,
    onMessage: () => undefined,
    onFailure: (cb) => void setTimeout(() => cb(`it could not start: ${why}`), 0),
  };
}

function workerPort(): ScoreboardPort {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./scoreboard.worker.ts', import.meta.url), {
      type: 'module',
      name: 'mmscope-scoreboard',
    });
  } catch (e) {
    return stillborn(e instanceof Error ? e.message : String(e));
  }
  return {
    postMessage: (msg, transfer = []) => worker.postMessage(msg, transfer),
    onMessage: (cb) => {
      worker.onmessage = (ev: MessageEvent<FromScoreboard>) => cb(ev.data);
    },
    onFailure: (cb) => {
      worker.onerror = (ev) => {
        ev.preventDefault(); // the scoreboard reports it on the run's row
        cb(ev.message || 'it could not start');
      };
      worker.onmessageerror = () => cb('a message from it could not be read');
    },
    close: () => worker.terminate(),
  };
}

/** The browser's pool: one module Worker per logical core, at most `runs`. */
export function createScoreboardPool(runs: number): ScoreboardPool {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency;
  return new ScoreboardPool(workerPort, poolSize(cores, runs));
}
