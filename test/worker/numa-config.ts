/**
 * A two-node machine for the NUMA panel's worker and store tests, small enough to run seconds
 * of simulated time quickly: 64 MiB per node, CPU 0 on node 0 and CPU 1 on node 1; "init" (on
 * CPU 1, never running) populates the 16 MiB heap, so first touch puts it on node 1, and
 * "worker" on CPU 0 reads and writes it uniformly. NUMA balancing scans from 100 ms on.
 */
import type { NumaConfig, SimConfig } from '../../src/engine/config';
import { numaConfig } from '../../src/engine/numa/defaults';
import { smallConfig } from './small-config';

const MiB = 1 << 20;
const NEVER = 1e12;

export function twoNodeConfig(numa: Partial<NumaConfig> = {}): SimConfig {
  const base = smallConfig({ truth: { intervalUs: 10_000, columns: 64 } });
  const proc = base.processes[0]!;
  const heap = { ...proc.vmas[0]!, size: 16 * MiB };
  const worker = proc.threads[0]!;
  return {
    ...base,
    machine: {
      ...base.machine,
      cpus: 2,
      nodes: [
        { memMib: 64, cpuless: false },
        { memMib: 64, cpuless: false },
      ],
    },
    numa: numaConfig({
      balancing: 1,
      routing: 'rfc-v2',
      scan_delay_ms: 100,
      scan_period_min_ms: 100,
      scan_period_max_ms: 1000,
      ...numa,
    }),
    processes: [
      {
        ...proc,
        vmas: [heap],
        threads: [
          { ...worker, name: 'init', cpu: 1, startUs: NEVER },
          { ...worker, ratePerMs: 20, workload: { ...worker.workload, writeRatio: 0.3 } },
        ],
      },
    ],
    damon: { ...base.damon, primitive: 'page_fault' },
  };
}
