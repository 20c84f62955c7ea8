/**
 * A stand-in for src/engine with the same surface, for SimHost tests that are about the run
 * loop and the protocol rather than the model: time advances by at most `US_PER_CALL` per
 * advanceTo call, one truth row completes every `truth.intervalUs`, and each call moves the
 * shared fake wall clock by `WALL_MS_PER_CALL`.
 */
import type { SimConfig } from '../../src/engine/config';
import type {
  AddressAxis,
  DamonRows,
  DamonSnapshot,
  DamonStatus,
  SimStats,
  TruthRows,
  VmaInfo,
} from '../../src/engine/report';

export const US_PER_CALL = 1_000;
export const WALL_MS_PER_CALL = 0.5;
export const fakeWall = { ms: 0 };
/** Make the next advanceTo call throw (to test where: 'run'). */
export const faults = { advance: false };

export class EngineError extends Error {}

export interface Sim {
  readonly config: SimConfig;
  nowUs: number;
  rowsTaken: number;
}

export function createSim(config: SimConfig): Sim {
  if (config.machine.cpus < 1) throw new EngineError('EINVAL: cpus must be >= 1');
  return { config, nowUs: 0, rowsTaken: 0 };
}

export function advanceTo(sim: Sim, untilUs: number, maxAccesses = Infinity): void {
  void maxAccesses;
  fakeWall.ms += WALL_MS_PER_CALL;
  if (faults.advance) throw new Error('BUG: fake engine fault');
  // like the engine, the clock stops only on its 100 µs grid, never past untilUs
  const to = Math.min(untilUs, sim.nowUs + US_PER_CALL);
  sim.nowUs = Math.max(sim.nowUs, Math.floor(to / GRID_US) * GRID_US);
}

const GRID_US = 100;

export function nextGridUs(sim: Sim): number {
  return (Math.floor(sim.nowUs / GRID_US) + 1) * GRID_US;
}

export function takeTruthRows(sim: Sim): TruthRows {
  const { columns, intervalUs } = sim.config.truth;
  const done = Math.floor(sim.nowUs / intervalUs);
  const count = done - sim.rowsTaken;
  const data = new Float32Array(count * columns).fill(1);
  const cells = () => new Float32Array(count * columns);
  const rows: TruthRows = {
    firstRow: sim.rowsTaken,
    count,
    columns,
    intervalUs,
    colRanges: new Float64Array(columns * 3),
    data,
    touchedPages: cells(),
    mappedPages: cells(),
    damonUnit: cells(),
    maxNrAccesses: 20,
    sampleUs: 5000,
    node: null,
  };
  sim.rowsTaken = done;
  return rows;
}

export function getStats(sim: Sim): SimStats {
  return { nowUs: sim.nowUs, rows: sim.rowsTaken } as SimStats;
}

export function getVmas(_sim: Sim): VmaInfo[] {
  return [];
}

export function getAxis(sim: Sim): AddressAxis {
  const columns = sim.config.truth.columns;
  return { columns, segments: [], colRanges: new Float64Array(columns * 3) };
}

export function stateHash(sim: Sim): string {
  return sim.nowUs.toString(16).padStart(16, '0');
}

/** DAMON in the fake: off unless the config enables it, then one empty status, no rows. */
export function getDamonStatus(sim: Sim): DamonStatus | null {
  if (!sim.config.damon.enabled) return null;
  return {
    nrRegions: 0,
    sample_interval: sim.config.damon.attrs.sample_interval,
    aggr_interval: sim.config.damon.attrs.aggr_interval,
    nrAggregations: 0,
    waiting: false,
    schemes: [],
  };
}

export function takeDamonRows(sim: Sim): DamonRows {
  const columns = sim.config.truth.columns;
  return {
    firstRow: 0,
    count: 0,
    colRanges: new Float64Array(columns * 3),
    columns,
    t0Us: new Float64Array(0),
    t1Us: new Float64Array(0),
    maxNrAccesses: new Uint32Array(0),
    data: new Float32Array(0),
  };
}

export function takeDamonSnapshots(_sim: Sim): DamonSnapshot[] {
  return [];
}

export function maxRowColumns(sim: Sim): number {
  return sim.config.truth.columns;
}

export function setTruthView(_sim: Sim, _view: { col0: number; col1: number } | null): void {}
