/**
 * npm run bench — engine throughput and memory, as ratios against references measured in the
 * same run (the machine is shared and noisy; absolute times drift):
 *  - the same per-access model in C (test/bench/model.c), when a C compiler is present;
 *  - a bare JS loop doing one PRNG draw and one random typed-array increment per access.
 * Then the cost per TLB level, the engine's bytes per resident page, DAMON's cost, and the
 * cost model that refuses scenarios against real runs, the THP sub-page view's raster
 * against the frame budget, the policy scoreboard's speed-up from 1 to 2 workers, and the NUMA
 * scanner's cost against scan_size and memory size.
 */
import { advanceTo, createSim, getStats, type Sim } from '../../src/engine';
import { benchConfig } from './bench-config';
import { cModelRate } from './c-model';
import { runCostModel } from './cost-model';
import { runZoomCost } from './zoom-cost';
import { runDamonCost } from './damon-cost';
import { engineBytes } from './engine-bytes';
import { runLockLabBench } from './lock-lab';
import { runScoreboardBench } from './scoreboard';
import { runThpRasterBench } from './thp-raster';
import { runNumaScanBench } from './numa-scan';

const GIB = 2 ** 30;
const PAGES = (16 * GIB) / 4096;

function baseline(n: number): number {
  const counts = new Uint16Array(PAGES);
  let x = 123456789;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const p = (x >>> 0) % PAGES;
    counts[p] = counts[p]! + 1;
  }
  const ms = performance.now() - t0;
  if (counts[1] === 65535) console.log('');
  return n / (ms / 1000);
}

/** Accesses per second over `us` of simulated time, after a warm-up. */
function rate(sim: Sim, us: number): number {
  advanceTo(sim, sim.nowUs + 100_000);
  const a0 = getStats(sim).accesses;
  const t = performance.now();
  advanceTo(sim, sim.nowUs + us);
  return (getStats(sim).accesses - a0) / ((performance.now() - t) / 1000);
}

const mib = (x: number): string => (x / 1e6).toFixed(1).padStart(5) + ' M accesses/s';

// 1. Zipf over 16 GiB (4 Mi pages, 4 KiB mappings) at three exponents, vs C
const base = baseline(20_000_000);
let memorySim: Sim | null = null;
let skewed = 0;
console.log(
  'Zipf over a populated 16 GiB buffer, 4 KiB pages, Skylake TLB (C: the same model, same run)',
);
for (const s of [0.99, 1.2, 1.5]) {
  const cfg = benchConfig(16 * GIB, 50_000);
  (cfg.processes[0]!.threads[0]!.workload as { s: number }).s = s;
  const sim = createSim(cfg);
  const r = rate(sim, 800_000);
  const st = getStats(sim);
  const c = cModelRate(s);
  console.log(
    `  s=${s.toFixed(2)}${s === 0.99 ? ' (YCSB)' : '       '} ${mib(r)}  L1 hit ${((100 * st.tlb.l1.hits) / (st.tlb.l1.hits + st.tlb.l1.misses)).toFixed(0)}%` +
      (c
        ? `   C ${mib(c)}   engine/C ${(r / c).toFixed(2)}`
        : '   (no C compiler: no C reference)') +
      `   engine/JS-baseline ${(r / base).toFixed(2)}`,
  );
  memorySim ??= sim;
  if (s === 1.5) skewed = r;
}
console.log(`  JS baseline (random increment) ${mib(base)}`);
console.log(
  `  target: >= 20 M accesses/s at s=1.50, where the C model runs ~39 M/s: ${skewed >= 20e6 ? 'met' : 'NOT met'}`,
);

// 2. cost per TLB level (1 GiB VMA)
function shape(kind: 'hotset' | 'sequential', hotBytes: number): number {
  const c = benchConfig(GIB, 50_000);
  c.processes[0]!.threads[0]!.workload = {
    kind,
    vma: 'data',
    offset: 0,
    length: 0,
    writeRatio: 0.25,
    hotBytes,
    stridePages: 1,
  } as never;
  return rate(createSim(c), 400_000);
}
console.log('Cost per TLB level');
for (const [name, r] of [
  ['every access hits the L1 dTLB (64 KiB hot set)', shape('hotset', 64 * 1024)],
  ['every access hits the STLB (4 MiB hot set)', shape('hotset', 4 * 2 ** 20)],
  ['every access walks the page table (sweep)', shape('sequential', 0)],
] as const)
  console.log(`  ${name.padEnd(50)} ${mib(r)}   engine/JS-baseline ${(r / base).toFixed(2)}`);

// 3. memory
const bytes = engineBytes(memorySim!);
const resident = getStats(memorySim!).residentBytes / 4096;
console.log(
  `Engine state: ${(bytes / 2 ** 20).toFixed(1)} MiB for ${resident} resident pages = ${(bytes / resident).toFixed(2)} bytes/page`,
);

// 4. DAMON
runDamonCost();

// 4b. re-binning after a zoom change
runZoomCost(memorySim!);

// 5. the cost model that refuses scenarios, against real runs
runCostModel();

// 6. the lock lab's explorer
runLockLabBench();

// 7. the THP sub-page view's raster: 8192 THPs within a 16.7 ms frame
runThpRasterBench();

// 8. the policy scoreboard's runs on 1 and 2 worker threads
await runScoreboardBench();

// 9. NUMA balancing's scanner: its cost follows scan_size, not memory size
runNumaScanBench();
