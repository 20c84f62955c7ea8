/**
 * npm run bench — engine throughput and memory, reported as ratios against baselines
 * measured in the same run (the machine is shared and noisy; absolute times drift).
 *
 *  1. access throughput: zipf over a 16 GiB populated VMA (4 Mi pages, 4 KiB mappings)
 *     through the full TLB + page-table model, vs a baseline loop that does one PRNG draw
 *     and one random typed-array increment per access over the same number of pages.
 *  2. memory: engine typed-array bytes per resident 4 KiB page.
 */
import { advanceTo, createSim, getStats } from '../../src/engine';
import { benchConfig } from './bench-config';
import { runDamonCost } from './damon-cost';
import { engineBytes } from './engine-bytes';

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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const cfg = benchConfig(16 * GIB, 50_000);
const t0 = performance.now();
const sim = createSim(cfg);
const setupMs = performance.now() - t0;
advanceTo(sim, 100_000); // warm up the JIT and the TLBs
const engineRates: number[] = [];
const baseRates: number[] = [];
for (let rep = 0; rep < 5; rep++) {
  const a0 = getStats(sim).accesses;
  const s = performance.now();
  advanceTo(sim, sim.nowUs + 400_000);
  const ms = performance.now() - s;
  engineRates.push((getStats(sim).accesses - a0) / (ms / 1000));
  baseRates.push(baseline(20_000_000));
}
/** Throughput of one workload shape on a 1 GiB VMA (characterises the cost per TLB level). */
function shape(kind: 'hotset' | 'sequential', hotBytes: number): number {
  const c = benchConfig(2 ** 30, 50_000);
  c.processes[0]!.threads[0]!.workload = {
    kind,
    vma: 'data',
    offset: 0,
    length: 0,
    writeRatio: 0.25,
    hotBytes,
    stridePages: 1,
  } as never;
  const s2 = createSim(c);
  advanceTo(s2, 50_000);
  const a0 = getStats(s2).accesses;
  const t = performance.now();
  advanceTo(s2, 450_000);
  return (getStats(s2).accesses - a0) / ((performance.now() - t) / 1000);
}
const shapes = [
  ['all L1 hits (hot set 64 KiB)', shape('hotset', 64 * 1024)],
  ['all L2 hits (hot set 4 MiB)', shape('hotset', 4 * 2 ** 20)],
  ['every access walks (sweep)', shape('sequential', 0)],
] as const;

const st = getStats(sim);
const eng = median(engineRates);
const base = median(baseRates);
const bytes = engineBytes(sim);
const resident = st.residentBytes / 4096;
const l1 = st.tlb.l1.hits / (st.tlb.l1.hits + st.tlb.l1.misses);
console.log(`setup (16 GiB populate)       ${(setupMs / 1000).toFixed(2)} s`);
console.log(
  `engine, zipf 16 GiB, 4 KiB    ${(eng / 1e6).toFixed(1)} M accesses/s  (L1 hit ${(l1 * 100).toFixed(1)}%, walks ${st.tlb.walks})`,
);
console.log(`baseline random-increment     ${(base / 1e6).toFixed(1)} M accesses/s`);
console.log(`ratio engine / baseline       ${(eng / base).toFixed(3)}`);
for (const [name, r] of shapes)
  console.log(
    `  ${name.padEnd(30)}${(r / 1e6).toFixed(1)} M accesses/s  (ratio ${(r / base).toFixed(3)})`,
  );
console.log(
  `engine state                  ${(bytes / 2 ** 20).toFixed(1)} MiB for ${resident} resident pages = ${(bytes / resident).toFixed(2)} bytes/page`,
);

runDamonCost();
