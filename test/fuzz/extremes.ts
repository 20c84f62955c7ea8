/**
 * Targeted recipes for family (a): each pushes one part of a preset to the edge of what the
 * schema accepts (TLBs at 65,536 entries or ways, DAMON at its extreme attributes, intervals
 * auto-tuning with tiny sample intervals, thousands of targets, every scheme and filter slot
 * used, VMAs near 1 TiB on 2 MiB of memory, populate everywhere, 64 threads at 10^6 accesses
 * per ms...). The result is meant to parse, so what it tests is the engine.
 */
import type { ThreadConfig, VmaConfig, WorkloadConfig } from '../../src/engine/config';
import type { Scenario } from '../../src/scenario';
import { DAMON_RECIPES } from './extremes-damon';
import type { FuzzRng } from './rng';

export type Recipe = (rng: FuzzRng, root: Record<string, unknown>) => void;

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const TiB = 2 ** 40;

function scen(root: Record<string, unknown>): Scenario {
  return root as unknown as Scenario;
}

function vma(name: string, start: number, size: number, populate = false): VmaConfig {
  return { name, start, size, kind: 'anon', prot: 'rw', thp: 'none', populate };
}

function thread(name: string, cpu: number, ratePerMs: number, workload: WorkloadConfig) {
  return { name, cpu, ratePerMs, startUs: 0, workload } satisfies ThreadConfig;
}

function uniform(vmaName: string): WorkloadConfig {
  return { kind: 'uniform', vma: vmaName, offset: 0, length: 0, writeRatio: 0.3 };
}

/** Replace process 0's memory with one VMA of `size` at the start of its window. */
function oneBigVma(s: Scenario, size: number, populate: boolean, w?: WorkloadConfig): void {
  const p = s.processes[0]!;
  p.vmas = [vma('big', p.vaBase, size, populate)];
  p.threads = [thread('t', 0, 1000, w ?? uniform('big'))];
  s.events = [];
}

const tlbAtLimits: Recipe = (rng, root) => {
  const t = scen(root).machine;
  t.tlbPreset = 'custom';
  const level = t.tlb[rng.pick(['l1_4k', 'l1_2m', 'l2'] as const)];
  level.entries = rng.pick([65_536, 32_768, 65_536, 1]);
  level.ways = Math.min(level.entries, rng.pick([1, 16, 4096, 65_536, 65_536]));
};

const hugeVmaTinyMemory: Recipe = (rng, root) => {
  const s = scen(root);
  s.machine.nodes = [{ memMib: rng.pick([2, 4, 64]), cpuless: false }];
  oneBigVma(s, rng.pick([TiB, TiB - 4096, TiB - 2 * MiB, 256 * GiB]), rng.chance(0.3));
  s.thp.enabled = rng.pick(['always', 'never'] as const);
};

const populateAll: Recipe = (rng, root) => {
  const s = scen(root);
  for (const p of s.processes) for (const v of p.vmas) v.populate = true;
  if (rng.chance(0.5)) oneBigVma(s, rng.pick([1 * GiB, 16 * GiB, 64 * GiB]), true);
};

const manyThreads: Recipe = (rng, root) => {
  const s = scen(root);
  const p = s.processes[0]!;
  const w = p.threads[0]?.workload ?? uniform(p.vmas[0]?.name ?? 'vma');
  s.machine.cpus = rng.pick([1, 2, 64]);
  const n = rng.pick([8, 64]);
  const rate = rng.pick([1e4, 1e5, 1e6]);
  p.threads = Array.from({ length: n }, (_, i) => thread(`t${i}`, i % s.machine.cpus, rate, w));
};

const zipfExtremes: Recipe = (rng, root) => {
  const s = scen(root);
  const size = rng.pick([64 * MiB, 1 * GiB, 16 * GiB, TiB - 4096]);
  oneBigVma(s, size, false, {
    kind: 'zipf',
    vma: 'big',
    offset: 0,
    length: 0,
    writeRatio: 0.5,
    s: rng.pick([4, 3.999, 2, 1, 0.99, 1e-9]),
    scatter: rng.chance(0.5),
  });
};

const manyVmas: Recipe = (rng, root) => {
  const s = scen(root);
  const p = s.processes[0]!;
  const n = rng.pick([100, 1000]);
  const size = rng.pick([4096, 2 * MiB]);
  p.vmas = Array.from({ length: n }, (_, i) => vma(`v${i}`, p.vaBase + i * size, size, true));
  p.threads = [thread('t', 0, 1000, uniform('v0'))];
  s.events = [];
};

const eventStorm: Recipe = (rng, root) => {
  const s = scen(root);
  const p = s.processes[0]!;
  const base = p.vaBase + 512 * GiB;
  const n = rng.pick([100, 900]);
  const at = rng.pick([0, 100, 5000]);
  s.events = Array.from({ length: n }, (_, i) => {
    const start = base + (i >> 1) * 2 * MiB;
    return i % 2 === 0
      ? { atUs: at, process: 0, op: 'mmap' as const, vma: vma(`e${i}`, start, 2 * MiB, true) }
      : { atUs: at + (i % 7), process: 0, op: 'munmap' as const, start, size: 4096 };
  });
};

const fastSwitches: Recipe = (rng, root) => {
  const s = scen(root);
  s.sched = { contextSwitchUs: rng.pick([100, 101, 1000]), pcid: rng.chance(0.3) };
  s.machine.cpus = rng.pick([2, 64]);
};

const truthExtremes: Recipe = (rng, root) => {
  scen(root).truth = { intervalUs: rng.pick([1000, 10_000_000]), columns: rng.pick([64, 4096]) };
};

const longNames: Recipe = (rng, root) => {
  const s = scen(root);
  const name = (i: number) => (rng.chance(0.5) ? '\u{1F600}'.repeat(32) : 'n'.repeat(63) + i);
  s.name = 'x'.repeat(80);
  s.description = 'd'.repeat(4000);
  s.processes.forEach((p, i) => {
    p.name = name(i);
    for (const t of p.threads) t.name = name(i);
  });
};

const hotwindowExtremes: Recipe = (rng, root) => {
  const size = rng.pick([4096, 2 * MiB, 1 * GiB]);
  oneBigVma(scen(root), size, rng.chance(0.5), {
    kind: 'hotwindow',
    vma: 'big',
    offset: 0,
    length: 0,
    writeRatio: 1,
    windowBytes: rng.pick([4096, size]),
    moveEveryUs: rng.pick([1, 100, Number.MAX_SAFE_INTEGER]),
    stepBytes: rng.pick([0, 4096, size, TiB]),
  });
};

const numaNodes: Recipe = (rng, root) => {
  const s = scen(root);
  s.machine.nodes = Array.from({ length: 8 }, () => ({
    memMib: rng.pick([2, 8192]),
    cpuless: false,
  }));
  s.machine.cpus = rng.pick([8, 64]);
};

const vaBaseAtTop: Recipe = (rng, root) => {
  const s = scen(root);
  const p = s.processes[0]!;
  p.vaBase = 2 ** 47 - TiB;
  const size = rng.pick([4096, 2 * MiB, 1 * GiB]);
  p.vmas = [vma('top', 2 ** 47 - size, size, rng.chance(0.5))];
  p.threads = [thread('t', 0, 1000, uniform('top'))];
  s.events = [];
  s.damon.enabled = true;
};

// prettier-ignore
export const RECIPES: readonly Recipe[] = [
  tlbAtLimits, hugeVmaTinyMemory, populateAll, manyThreads, zipfExtremes, manyVmas, eventStorm,
  fastSwitches, truthExtremes, longNames, hotwindowExtremes, numaNodes, vaBaseAtTop,
  ...DAMON_RECIPES,
];
