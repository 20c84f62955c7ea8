/**
 * The scenario the app opens on, and the source of every default in the schema: a field left
 * out of a scenario takes its value from here.
 */
import { AGENT_DEFAULTS, thpConfig } from '../engine/thp/defaults';
import type { DamonConfig } from '../engine/config';
import { DAMON_DEFAULT_ATTRS } from '../engine/damon/attrs';
import { formatExplanation } from './explanation';
import { numaDefaults } from './numa-schema';
import type { Scenario } from './schema';
import { DEFAULT_TLB_PRESET_ID, tlbOfPreset } from './tlb-presets';
import { MiB } from './units';
import { SCENARIO_VERSION } from './version';

/**
 * Where a process's address window starts unless it says otherwise: the top TiB of the 47-bit
 * user address space, where the kernel's top-down mmap places anonymous mappings and libraries.
 */
export const DEFAULT_VA_BASE = 0x7f00_0000_0000;

const description = formatExplanation({
  story: [
    'One 256 MiB anonymous buffer, `buf`, on 4 KiB pages, and two threads. "zipf" reads and ' +
      'writes it with a Zipf (s = 1) popularity: a few pages at its start take most of the ' +
      'accesses, a long tail is touched rarely. "sweep" writes a 16 MiB window page by page and ' +
      'moves it 16 MiB up every 2 s. The heap and lib are never touched; there are no context ' +
      'switches, so TLB entries are lost only to capacity.',
  ],
  look:
    "the band crossing `buf` every 2 s in both heatmaps; DAMON's regions split around it and " +
    'merge again behind it.',
  numbers:
    'the band reads about 12 of 20 `nr_accesses`, not 20: a sweep of its 4096 pages takes ' +
    '8 ms, longer than the 5 ms sample interval, so a sample finds the Accessed bit set about ' +
    '5 times in 8.',
  try:
    'the "sweep" thread at 200 accesses per ms (Edit → Processes): a sweep then takes 20 ms and ' +
    'the band reads about 5 of 20, though every page of it is still written.',
});

/** Frozen: copy it (cloneScenario) before editing. */
export const DEFAULT_SCENARIO: Scenario = deepFreeze({
  v: SCENARIO_VERSION,
  kernel: '7.1',
  name: 'default',
  description,
  seed: 1,
  machine: {
    arch: 'x86',
    cpus: 2,
    nodes: [{ memMib: 2048, cpuless: false }],
    tlbPreset: DEFAULT_TLB_PRESET_ID,
    tlb: tlbOfPreset(DEFAULT_TLB_PRESET_ID),
  },
  thp: thpConfig('madvise'),
  numa: numaDefaults(),
  sched: { contextSwitchUs: 0, pcid: true },
  processes: [
    {
      name: 'app',
      vaBase: DEFAULT_VA_BASE,
      vmas: [
        {
          name: 'heap',
          start: DEFAULT_VA_BASE + 0x1000_0000,
          size: 64 * MiB,
          kind: 'anon',
          prot: 'rw',
          thp: 'none',
          populate: false,
        },
        {
          name: 'buf',
          start: DEFAULT_VA_BASE + 0x4000_0000,
          size: 256 * MiB,
          kind: 'anon',
          prot: 'rw',
          thp: 'none',
          populate: true,
        },
        {
          name: 'lib',
          start: DEFAULT_VA_BASE + 0x8000_0000,
          size: 8 * MiB,
          kind: 'file',
          prot: 'r',
          thp: 'none',
          populate: false,
        },
      ],
      threads: [
        {
          name: 'zipf',
          cpu: 0,
          ratePerMs: 2000,
          startUs: 0,
          workload: {
            kind: 'zipf',
            vma: 'buf',
            offset: 0,
            length: 0,
            writeRatio: 0.3,
            s: 1.0,
            scatter: false,
          },
        },
        {
          name: 'sweep',
          cpu: 1,
          ratePerMs: 500,
          startUs: 0,
          workload: {
            kind: 'hotwindow',
            vma: 'buf',
            offset: 0,
            length: 0,
            // hotwin.c increments every page it visits: each access is a write
            writeRatio: 1,
            windowBytes: 16 * MiB,
            moveEveryUs: 2_000_000,
            stepBytes: 16 * MiB,
          },
        },
      ],
    },
  ],
  events: [],
  truth: { intervalUs: 100_000, columns: 512 },
  damon: damonOn(),
});

/** DAMON on, monitoring process 0 with the kernel's default attributes. */
export function damonOn(): DamonConfig {
  return {
    enabled: true,
    targets: [0],
    attrs: cloneScenario(DAMON_DEFAULT_ATTRS),
    flushOnMkold: false,
    primitive: 'page_table',
    schemes: [],
    agent: { ...AGENT_DEFAULTS },
  };
}

/** A deep copy (scenarios are plain JSON data). */
export function cloneScenario<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Freeze `value` and everything reachable from it, so shared defaults cannot be edited. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
