/**
 * NUMA balancing's scanner: host time of task_numa_work() per simulated second, for a 16 GiB
 * and a 256 GiB mapping with the same 4 GiB resident, at scan_size_mb 256 and 1024. The
 * kernel bounds a scan by scan_size (pages made PROT_NONE) and 8 × scan_size (address space
 * walked), so the cost must follow scan_size, not the size of memory. Between two scans the
 * entries are made accessible again (what the hinting faults would do), untimed.
 */
import { createSim, type Sim } from '../../src/engine';
import type { SimConfig } from '../../src/engine/config';
import { numaConfig } from '../../src/engine/numa/defaults';
import { taskNumaWork } from '../../src/engine/numa/scan';
import { taskScanMin } from '../../src/engine/numa/task';
import { rssPagesOf } from '../../src/engine/numa/task-fault';
import { pteIdx } from '../../src/engine/paging/page-table';
import { PTE_PROTNONE } from '../../src/engine/paging/pte';
import { benchConfig } from './bench-config';

const GIB = 2 ** 30;

function scanSim(vmaGib: number, scanMb: number): Sim {
  const base: SimConfig = benchConfig(4 * GIB, 1);
  const hot = base.processes[0]!.vmas[0]!;
  base.machine.nodes = [{ memMib: 5 * 1024, cpuless: false }];
  base.numa = numaConfig({ balancing: 1, scan_size_mb: scanMb });
  base.processes[0]!.vmas.push({
    ...hot,
    name: 'rest',
    start: hot.start + hot.size,
    size: (vmaGib - 4) * GIB,
    populate: false,
  });
  // two threads: a single-threaded task's local folios are skipped (prot_numa_skip)
  const th = base.processes[0]!.threads[0]!;
  base.processes[0]!.threads.push({ ...th, name: 'second' });
  return createSim(base);
}

/** What the hinting faults would have done: entries accessible, the task's pid bit set. */
function unprotect(sim: Sim): void {
  const mm = sim.machine.mms[0]!;
  const pt = mm.pt;
  for (let i = 0; i < pt.ptTables * 512; i++) pt.pte[pteIdx(i)]! &= ~PTE_PROTNONE;
  for (const v of mm.vmas) v.numab?.pidsActive.fill(0xffffffff);
}

/**
 * Host ns per scan over two full passes of the mapping (after one untimed), one scan every
 * `periodMs` of simulated time as task_numa_work runs.
 */
function nsPerScan(sim: Sim, periodMs: number): { mean: number; max: number; scans: number } {
  const m = sim.machine;
  const task = m.numa.tasks[0]!;
  const nm = m.numa.mms[0]!;
  let t = 10_000_000;
  let total = 0;
  let max = 0;
  let scans = 0;
  while (nm.numaScanSeq < 3) {
    nm.numaNextScanUs = t;
    const timed = nm.numaScanSeq >= 1;
    const t0 = performance.now();
    taskNumaWork(m, task, t);
    const ns = (performance.now() - t0) * 1e6;
    if (timed) {
      total += ns;
      max = Math.max(max, ns);
      scans++;
    }
    unprotect(sim);
    t += periodMs * 1000;
  }
  return { mean: total / scans, max, scans };
}

export function runNumaScanBench(): void {
  console.log('NUMA balancing scanner (task_numa_work), 4 GiB resident');
  const rows: number[] = [];
  for (const scanMb of [256, 1024])
    for (const gib of [16, 256]) {
      const sim = scanSim(gib, scanMb);
      // one scan per period, at the shortest period task_scan_min allows
      const periodMs = taskScanMin(sim.machine.numa.cfg, rssPagesOf(sim.machine, 0));
      const r = nsPerScan(sim, periodMs);
      const perS = (1000 / periodMs) * r.mean;
      rows.push(perS);
      console.log(
        `  scan_size_mb ${String(scanMb).padStart(4)}, ${String(gib).padStart(3)} GiB mapped: ` +
          `${r.scans} scans a pass, ${(r.mean / 1e6).toFixed(2)} ms mean (${(r.max / 1e6).toFixed(2)} worst), ` +
          `one per ${periodMs} ms = ${(perS / 1e6).toFixed(2)} ms host per simulated s`,
      );
    }
  console.log(
    `  per simulated s, 256 / 16 GiB mapped: ${(rows[1]! / rows[0]!).toFixed(2)}x at scan_size_mb 256, ` +
      `${(rows[3]! / rows[2]!).toFixed(2)}x at 1024 (target <= ~1: not with memory size); ` +
      `1024 / 256 MB: ${(rows[2]! / rows[0]!).toFixed(2)}x at 16 GiB (with scan_size / period)`,
  );
}
