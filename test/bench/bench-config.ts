import { thpConfig } from '../../src/engine/thp/defaults';
import { numaConfig } from '../../src/engine/numa/defaults';
import type { SimConfig } from '../../src/engine/config';
import { SKYLAKE } from '../engine/helpers';
import { DAMON_DEFAULT_ATTRS } from '../../src/engine/damon/attrs';

/** A machine with one process whose single populated VMA of `bytes` is read by one zipf thread. */
export function benchConfig(bytes: number, ratePerMs: number): SimConfig {
  const base = 0x7f0000000000;
  return {
    kernel: '6.18',
    seed: 42,
    machine: {
      arch: 'x86',
      cpus: 1,
      nodes: [{ memMib: bytes / 2 ** 20 + 64, cpuless: false }],
      tlb: SKYLAKE,
    },
    thp: thpConfig('never'),
    numa: numaConfig(),
    sched: { contextSwitchUs: 0, pcid: true },
    processes: [
      {
        name: 'bench',
        vaBase: base,
        vmas: [
          {
            name: 'data',
            start: base + 2 ** 30,
            size: bytes,
            kind: 'anon',
            prot: 'rw',
            thp: 'none',
            populate: true,
          },
        ],
        threads: [
          {
            name: 'zipf',
            cpu: 0,
            ratePerMs,
            startUs: 0,
            workload: {
              kind: 'zipf',
              vma: 'data',
              offset: 0,
              length: 0,
              writeRatio: 1, // every access writes, as the C model (and hotwin.c's ++) does
              s: 0.99,
              scatter: false,
            },
          },
        ],
      },
    ],
    events: [],
    truth: { intervalUs: 100_000, columns: 1024 },
    damon: {
      enabled: false,
      targets: [0],
      attrs: DAMON_DEFAULT_ATTRS,
      flushOnMkold: false,
      primitive: 'page_table',
      schemes: [],
    },
  };
}
