/**
 * An accepted scenario in the engine, the way the worker runs it (src/worker/sim-host.ts):
 * createSim, then advanceTo in bounded calls (at most 1 s simulated or 100,000 accesses),
 * taking the truth rows, DAMON rows and snapshots and the stats after each call.
 */
import {
  advanceTo,
  createSim,
  EngineError,
  getAxis,
  getDamonStatus,
  getStats,
  getVmas,
  stateHash,
  takeDamonRows,
  takeDamonSnapshots,
  takeTruthRows,
} from '../../src/engine';
import { type Scenario, toSimConfig } from '../../src/scenario';
import { escaped, type Phase, type Report, type RunOptions, thrown } from './classify';

const WORKER_ACCESS_CHUNK = 100_000;
const WORKER_SIM_CHUNK_US = 1_000_000;

/** createSim and the run; `phaseHook` tells the parent where a hang happens. */
export function simulate(
  scenario: Scenario,
  opts: RunOptions,
  t0: number,
  phaseHook: (p: Phase) => void,
): Report {
  phaseHook('create');
  let sim;
  try {
    sim = createSim(toSimConfig(scenario));
    getAxis(sim);
    getVmas(sim);
    getStats(sim);
    getDamonStatus(sim);
  } catch (e) {
    if (!(e instanceof EngineError)) return thrown(e, 'create', t0);
    const line = e.message;
    if (line.length >= opts.limits.maxLineChars || line.includes('\n'))
      return escaped('long-message', 'create', `${line.length} characters: ${line}`, t0);
    return {
      outcome: 'refused',
      phase: 'create',
      message: line,
      engineRefused: true,
      wallMs: performance.now() - t0,
    };
  }
  phaseHook('run');
  const untilUs = Math.round(opts.simMs * 1000);
  try {
    while (sim.nowUs < untilUs) {
      const before = sim.nowUs;
      advanceTo(sim, Math.min(untilUs, sim.nowUs + WORKER_SIM_CHUNK_US), WORKER_ACCESS_CHUNK);
      takeTruthRows(sim);
      takeDamonRows(sim);
      takeDamonSnapshots(sim);
      getStats(sim);
      getDamonStatus(sim);
      if (sim.nowUs === before)
        return escaped('hang', 'run', `advanceTo made no progress at ${before} µs`, t0);
    }
    getVmas(sim);
    stateHash(sim);
  } catch (e) {
    return thrown(e, 'run', t0);
  }
  return { outcome: 'ran', wallMs: performance.now() - t0 };
}
