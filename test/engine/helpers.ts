/** Tiny builders for engine tests: a one-process machine with named VMAs and threads. */
import { thpConfig } from '../../src/engine/thp/defaults';
import { numaConfig } from '../../src/engine/numa/defaults';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';
import type {
  SimConfig,
  ThreadConfig,
  TlbConfig,
  VmaConfig,
  WorkloadConfig,
} from '../../src/engine/config';

export const BASE = 0x7f0000000000;
export const MiB = 2 ** 20;
export const SKYLAKE: TlbConfig = {
  l1_4k: { entries: 64, ways: 4 },
  l1_2m: { entries: 32, ways: 4 },
  l2: { entries: 1536, ways: 12, holds2m: true },
};

export function vma(
  name: string,
  offMib: number,
  sizeMib: number,
  extra: Partial<VmaConfig> = {},
): VmaConfig {
  return {
    name,
    start: BASE + offMib * MiB,
    size: sizeMib * MiB,
    kind: 'anon',
    prot: 'rw',
    thp: 'none',
    populate: false,
    ...extra,
  };
}

export function thread(
  name: string,
  workload: Partial<WorkloadConfig> & { kind: WorkloadConfig['kind']; vma: string },
  extra: Partial<ThreadConfig> = {},
): ThreadConfig {
  const w = {
    offset: 0,
    length: 0,
    writeRatio: 1,
    stridePages: 1,
    s: 1,
    scatter: false,
    windowBytes: 4 * MiB,
    stepBytes: 4 * MiB,
    moveEveryUs: 1_000_000,
    pagesPer2m: 16,
    vmas: [],
    hotBytes: MiB,
    ...workload,
  } as unknown as WorkloadConfig;
  return { name, cpu: 0, ratePerMs: 1000, startUs: 0, workload: w, ...extra };
}

export function config(
  vmas: VmaConfig[],
  threads: ThreadConfig[],
  extra: Partial<SimConfig> = {},
): SimConfig {
  return {
    kernel: '6.18',
    seed: 7,
    machine: { arch: 'x86', cpus: 2, nodes: [{ memMib: 1024, cpuless: false }], tlb: SKYLAKE },
    numa: numaConfig(),
    thp: thpConfig('madvise'),
    sched: { contextSwitchUs: 0, pcid: true },
    processes: [{ name: 'p', vaBase: BASE, vmas, threads }],
    events: [],
    damon: {
      enabled: false,
      targets: [0],
      attrs: DAMON_DEFAULT_ATTRS,
      flushOnMkold: false,
      primitive: 'page_table',
      schemes: [],
    },
    truth: { intervalUs: 100_000, columns: 64 },
    ...extra,
  };
}
