/** A small, fully specified SimConfig for worker tests (no dependence on src/scenario). */
import { thpConfig } from '../../src/engine/thp/defaults';
import { numaConfig } from '../../src/engine/numa/defaults';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';
import type { SimConfig } from '../../src/engine/config';
import { SKYLAKE } from '../engine/helpers';

const MiB = 1 << 20;

export function smallConfig(overrides: Partial<SimConfig> = {}): SimConfig {
  return {
    kernel: '6.18',
    seed: 42,
    machine: {
      arch: 'x86',
      cpus: 1,
      nodes: [{ memMib: 64, cpuless: false }],
      tlb: SKYLAKE,
    },
    thp: thpConfig('madvise'),
    numa: numaConfig(),
    sched: { contextSwitchUs: 0, pcid: true },
    processes: [
      {
        name: 'app',
        vaBase: 0x7f00_0000_0000,
        vmas: [
          {
            name: 'heap',
            start: 0x7f00_0000_0000,
            size: 8 * MiB,
            kind: 'anon',
            prot: 'rw',
            thp: 'none',
            populate: true,
          },
        ],
        threads: [
          {
            name: 'worker',
            cpu: 0,
            ratePerMs: 200,
            startUs: 0,
            workload: { kind: 'uniform', vma: 'heap', offset: 0, length: 0, writeRatio: 0.25 },
          },
        ],
      },
    ],
    events: [],
    damon: {
      enabled: false,
      targets: [0],
      attrs: DAMON_DEFAULT_ATTRS,
      flushOnMkold: false,
      primitive: 'page_table',
      schemes: [],
    },
    truth: { intervalUs: 10_000, columns: 64 },
    ...overrides,
  };
}
