/**
 * Two-node machines for the NUMA tests: 1 GiB per node, CPU 0 on node 0 and CPU 1 on node 1.
 * A process's first thread ("init", on CPU 1) populates the 256 MiB buffer, so its pages land
 * on node 1 (first touch), and never runs again; the worker on CPU 0 reads and writes the
 * buffer uniformly: every access is remote until NUMA balancing moves the pages.
 */
import type { MmEventConfig, NumaConfig, SimConfig } from '../../src/engine/config';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';
import { numaConfig } from '../../src/engine/numa/defaults';
import { config, thread, vma } from './helpers';

export const NEVER = 1e12;

export function badFirstTouch(
  numa: Partial<NumaConfig> = {},
  extra: Partial<SimConfig> = {},
  workerRate = 1000,
): SimConfig {
  const cfg = config(
    // low and high make DAMON's three regions (a gap on each side of buf)
    [
      vma('low', 0, 1),
      vma('buf', 16, 256, { populate: true, thp: 'nohugepage' }),
      vma('high', 512, 1),
    ],
    [
      thread('init', { kind: 'uniform', vma: 'buf' }, { cpu: 1, startUs: NEVER }),
      thread(
        'worker',
        { kind: 'uniform', vma: 'buf', writeRatio: 0.3 },
        { cpu: 0, ratePerMs: workerRate },
      ),
    ],
    { numa: numaConfig(numa), ...extra },
  );
  cfg.machine.nodes = [
    { memMib: 1024, cpuless: false },
    { memMib: 1024, cpuless: false },
  ];
  return cfg;
}

/** DAMON on the process, reading page faults (the RFC's primitive), off at t=0 unless `on`. */
export function faultDamon(on: boolean): SimConfig['damon'] {
  return {
    enabled: on,
    targets: [0],
    attrs: DAMON_DEFAULT_ATTRS,
    flushOnMkold: false,
    primitive: 'page_fault',
    schemes: [],
  };
}

type Control = MmEventConfig extends infer E
  ? E extends unknown
    ? Omit<E, 'atUs' | 'process'>
    : never
  : never;
export const at = (atUs: number, e: Control): MmEventConfig =>
  ({ atUs, process: 0, ...e }) as MmEventConfig;

/**
 * Race 1 of the review: NUMA balancing scans at ~1 s, then at 1.1 s numa_balancing is
 * written 0 and DAMON starts with the page_fault primitive; NUMA's PROT_NONE entries remain.
 */
export function numaOffRace(routing: NumaConfig['routing']): SimConfig {
  return badFirstTouch(
    { balancing: 1, routing },
    {
      damon: faultDamon(false),
      events: [
        at(1_100_000, { op: 'numa_balancing', mode: 0 }),
        at(1_100_000, { op: 'damon_state', on: true }),
      ],
    },
  );
}

/**
 * Race 2: DAMON runs with the page_fault primitive from t=0 while NUMA balancing is off; at
 * 2 s DAMON stops and numa_balancing is written 1; DAMON's PROT_NONE entries remain.
 */
export function damonStopRace(routing: NumaConfig['routing']): SimConfig {
  return badFirstTouch(
    { balancing: 0, routing },
    {
      damon: faultDamon(true),
      events: [
        at(2_000_000, { op: 'damon_state', on: false }),
        at(2_000_000, { op: 'numa_balancing', mode: 1 }),
      ],
    },
  );
}

/**
 * Tiering: node 0 is 512 MiB of DRAM with the CPUs, node 1 a CPU-less 2 GiB CXL-like node
 * (distance 25). A 500 MiB "spike" process fills the DRAM first, so the 1 GiB buffer of the
 * process that stays lands mostly on node 1; at 0.5 s the spike unmaps. The worker then reads
 * 32 MiB of its buffer hot: stranded on the slow node, unless something promotes it.
 */
export function strandedOnCxl(
  numa: Partial<NumaConfig>,
  damon: SimConfig['damon'] | null = null,
): SimConfig {
  const MiB = 2 ** 20;
  const cfg = config([vma('spike', 0, 500, { populate: true, thp: 'nohugepage' })], [], {
    numa: numaConfig({
      distance: [
        [10, 25],
        [25, 10],
      ],
      ...numa,
    }),
  });
  cfg.machine.nodes = [
    { memMib: 512, cpuless: false },
    { memMib: 2048, cpuless: true },
  ];
  cfg.processes.push({
    name: 'app',
    vaBase: cfg.processes[0]!.vaBase + 2 ** 40,
    vmas: [
      vma('low', 0, 1, {}),
      vma('buf', 16, 1024, { populate: true, thp: 'nohugepage' }),
      vma('high', 2048, 1, {}),
    ].map((v) => ({ ...v, start: v.start + 2 ** 40 })),
    threads: [
      thread(
        'worker',
        { kind: 'hotset', vma: 'buf', offset: 512 * MiB, hotBytes: 32 * MiB },
        { ratePerMs: 2000 },
      ),
    ],
  });
  cfg.events = [
    {
      atUs: 500_000,
      process: 0,
      op: 'munmap',
      start: cfg.processes[0]!.vmas[0]!.start,
      size: 500 * MiB,
    },
  ];
  if (damon) cfg.damon = damon;
  return cfg;
}
