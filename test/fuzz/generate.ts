/**
 * Family (b): random scenarios that look valid, drawn from the schema's ranges
 * (src/scenario/*-schema.ts and limits.ts). Sizes, rates and counts are log-uniform so that
 * most stay small and cheap and a few reach the limits; cross-field rules (VMAs inside the
 * window and apart, workload ranges inside their VMA, min <= max) are kept, so most parse.
 */
import {
  MTHP_SIZES,
  type ProcessConfig,
  type ThpConfig,
  type VmaConfig,
  type WorkloadConfig,
} from '../../src/engine/config';
import { KHUGEPAGED_DEFAULTS, thpConfig } from '../../src/engine/thp/defaults';
import {
  archOfPreset,
  NUMA_DEFAULTS,
  SCENARIO_VERSION,
  tlbOfPreset,
  tlbPresetIds,
  type Scenario,
} from '../../src/scenario';
import { generateDamon } from './generate-damon';
import type { FuzzRng } from './rng';

const PAGE = 4096;
const MiB = 2 ** 20;
const TiB = 2 ** 40;
const USER_VA_END = 2 ** 47;

/** Page-aligned log-uniform size in [4 KiB, max]. */
function pages(rng: FuzzRng, max: number): number {
  return Math.max(PAGE, Math.floor(rng.logUniform(PAGE, Math.max(PAGE, max)) / PAGE) * PAGE);
}

function machine(rng: FuzzRng): Scenario['machine'] {
  const cpus = rng.chance(0.9) ? rng.range(1, 4) : rng.range(1, 64);
  const nNodes = rng.chance(0.8) ? 1 : rng.range(1, 8);
  const per = Math.floor(65_536 / nNodes / 2) * 2;
  const nodes = Array.from({ length: nNodes }, () => ({
    memMib: Math.max(2, Math.floor(rng.logUniform(2, per) / 2) * 2),
    cpuless: false,
  }));
  if (rng.chance(0.7)) {
    const id = rng.pick(tlbPresetIds);
    return { arch: archOfPreset(id), cpus, nodes, tlbPreset: id, tlb: tlbOfPreset(id) };
  }
  const level = () => {
    const ways = 2 ** rng.int(rng.chance(0.9) ? 5 : 17);
    const sets = 2 ** rng.int(Math.max(1, 17 - Math.log2(ways)));
    return { entries: Math.min(65_536, ways * sets), ways };
  };
  const l2 = { ...level(), holds2m: rng.chance(0.5) };
  const arch = rng.pick(['x86', 'arm64'] as const);
  return { arch, cpus, nodes, tlbPreset: 'custom', tlb: { l1_4k: level(), l1_2m: level(), l2 } };
}

function workload(rng: FuzzRng, vmas: VmaConfig[]): WorkloadConfig {
  const v = rng.pick(vmas);
  const offset = rng.chance(0.7) ? 0 : pages(rng, v.size) - PAGE;
  const rest = v.size - offset;
  const length = rng.chance(0.6) ? 0 : pages(rng, rest);
  const range = length === 0 ? rest : length;
  const base = { vma: v.name, offset, length, writeRatio: rng.pick([0, 0.3, 1, rng.float()]) };
  switch (rng.int(6)) {
    case 0:
      return { kind: 'sequential', ...base, stridePages: rng.logInt(1, 1 << 20) };
    case 1:
      return { kind: 'uniform', ...base };
    case 2: {
      const s = rng.chance(0.1) ? rng.pick([4, 1e-9, 1]) : rng.logUniform(0.01, 4);
      return { kind: 'zipf', ...base, s, scatter: rng.chance(0.5) };
    }
    case 3:
      return {
        kind: 'hotwindow',
        ...base,
        windowBytes: pages(rng, range),
        moveEveryUs: rng.logInt(1, 10_000_000),
        stepBytes: rng.chance(0.2) ? 0 : pages(rng, range),
      };
    case 4: {
      const others = Array.from({ length: rng.count(16) }, () => rng.pick(vmas).name);
      const sparseVmas = others.length > 0 ? [v.name, ...others].slice(0, 16) : [];
      return { kind: 'sparse', ...base, pagesPer2m: 2 ** rng.int(10), vmas: sparseVmas };
    }
    default:
      return { kind: 'hotset', ...base, hotBytes: pages(rng, range) };
  }
}

function processConfig(rng: FuzzRng, i: number, cpus: number, budget: number): ProcessConfig {
  const vaBase = rng.chance(0.5)
    ? 0x7f00_0000_0000
    : Math.floor(rng.int(USER_VA_END - TiB) / PAGE) * PAGE;
  const n = Math.min(budget, rng.chance(0.95) ? rng.range(1, 4) : rng.range(1, 1000));
  const vmas: VmaConfig[] = [];
  let next = vaBase;
  for (let j = 0; j < n; j++) {
    const room = vaBase + TiB - next;
    if (room < PAGE) break;
    const size = pages(rng, rng.chance(0.9) ? Math.min(room, 1 << 30) : room);
    if (size > room) break;
    vmas.push({
      name: `v${j}`,
      start: next,
      size,
      kind: rng.pick(['anon', 'file'] as const),
      prot: rng.pick(['rw', 'rw', 'r', 'none'] as const),
      thp: rng.pick(['none', 'hugepage', 'nohugepage'] as const),
      populate: rng.chance(size <= 1 << 30 ? 0.3 : 0.05),
    });
    next += size + (rng.chance(0.5) ? 0 : pages(rng, 2 * MiB));
  }
  const nThreads = vmas.length === 0 ? 0 : rng.chance(0.95) ? rng.range(0, 3) : rng.range(0, 16);
  const threads = Array.from({ length: nThreads }, (_, k) => ({
    name: `p${i}t${k}`,
    cpu: rng.int(cpus),
    ratePerMs: rng.chance(0.05) ? 1e6 : rng.logUniform(1e-3, 1e5),
    startUs: rng.chance(0.8) ? 0 : rng.int(200_000),
    workload: workload(rng, vmas),
  }));
  return { name: `proc${i}`, vaBase, vmas, threads };
}

function events(rng: FuzzRng, processes: ProcessConfig[], budget: number): Scenario['events'] {
  const n = Math.min(budget, rng.count(20, 2));
  let at = 0;
  return Array.from({ length: n }, (_, k) => {
    at += rng.chance(0.5) ? 0 : rng.logInt(1, 100_000);
    const process = rng.int(processes.length);
    const p = processes[process]!;
    const target = p.vmas.length > 0 && rng.chance(0.7) ? rng.pick(p.vmas) : undefined;
    const start = target ? target.start : p.vaBase + Math.floor(rng.int(TiB / 2) / PAGE) * PAGE;
    const size = target ? pages(rng, target.size) : pages(rng, 1 << 30);
    const e = { atUs: at, process };
    switch (rng.int(4)) {
      case 0: {
        const vma = { name: `ev${k}`, start: p.vaBase + TiB / 2 + k * 4 * MiB, size: 2 * MiB };
        return {
          ...e,
          op: 'mmap',
          vma: { ...vma, kind: 'anon', prot: 'rw', thp: 'none', populate: rng.chance(0.5) },
        };
      }
      case 1:
        return { ...e, op: 'munmap', start, size };
      case 2:
        return { ...e, op: 'mprotect', start, size, prot: rng.pick(['none', 'r', 'rw'] as const) };
      default:
        return {
          ...e,
          op: 'madvise',
          start,
          size,
          advice: rng.pick(['hugepage', 'nohugepage'] as const),
        };
    }
  });
}

export function generatedScenario(rng: FuzzRng): Scenario {
  const m = machine(rng);
  const nProc = rng.chance(0.8) ? 1 : rng.range(1, 8);
  let budget = 1000;
  const processes: ProcessConfig[] = [];
  for (let i = 0; i < nProc; i++) {
    const p = processConfig(rng, i, m.cpus, Math.max(0, budget - (nProc - i - 1)));
    budget -= p.vmas.length;
    processes.push(p);
  }
  return {
    v: SCENARIO_VERSION,
    kernel: rng.pick(['6.12', '6.18', '7.1'] as const),
    name: `generated ${rng.u32().toString(16)}`,
    description: '',
    seed: rng.u32(),
    machine: m,
    thp: thpConfig(rng.pick(['always', 'madvise', 'never'] as const), {
      hugepages: Object.fromEntries(
        MTHP_SIZES.map((sz) => [sz, rng.pick(['always', 'inherit', 'madvise', 'never'] as const)]),
      ) as ThpConfig['hugepages'],
      khugepaged: {
        ...KHUGEPAGED_DEFAULTS,
        run: rng.chance(0.7),
        pages_to_scan: rng.pick([1, 512, 4096, 1 << 24]),
        scan_sleep_millisecs: rng.pick([1, 10, 10_000]),
        max_ptes_none: rng.pick([0, 255, 511]),
        split_backoff_ms: rng.pick([0, 1000]),
      },
      policy: {
        kind: rng.pick(['none', 'none', 'ingens', 'hawkeye', 'memtis'] as const),
        interval_ms: rng.pick([1, 100, 1000]),
        threshold_pct: rng.pick([0, 10, 90, 100]),
        per_wake: rng.pick([1, 64, 1 << 16]),
      },
    }),
    numa: { ...NUMA_DEFAULTS, distance: [] },
    sched: {
      contextSwitchUs: rng.chance(0.6) ? 0 : rng.logInt(100, 10_000_000),
      pcid: rng.chance(0.5),
    },
    processes,
    events: events(rng, processes, budget),
    truth: { intervalUs: rng.logInt(1000, 10_000_000), columns: rng.logInt(64, 4096) },
    damon: generateDamon(rng, processes.length),
  };
}
