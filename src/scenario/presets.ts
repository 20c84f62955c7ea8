/**
 * Named scenarios. Besides the default, each reproduces one of the C workloads the project's
 * real DAMON recordings ran (shared fixtures: hotwin.c, thpsparse.c, tlbfit.c) with the
 * arguments of those runs, so the simulation can be set against the recording.
 */
import { PAGE_SIZE, type ThreadConfig, type VmaConfig } from '../engine/config';
import {
  cloneScenario,
  damonOn,
  DEFAULT_SCENARIO,
  DEFAULT_VA_BASE,
  deepFreeze,
} from './default-scenario';
import type { Scenario } from './schema';
import { tlbOfPreset } from './tlb-presets';
import { KiB, MiB } from './units';
import { SCENARIO_VERSION } from './version';

export type PresetId = 'default' | 'hotwin' | 'thpsparse' | 'tlbfit';

/**
 * hotwin's logged rate (workload.log of `hotwin 512 64 3 21`): 5109 sweeps of a 64 MiB window,
 * one write per 4 KiB page, in 21.017 s:
 *   5109 sweeps x 16384 pages = 83,705,856 writes; / 21,017 ms = 3982.8 -> 3983 per ms.
 * The guest ran under QEMU TCG, far slower than hardware. thpsparse and tlbfit did not log a
 * rate; they are assumed to run at the same speed.
 */
export const RECORDED_RATE_PER_MS = Math.round((5109 * ((64 * MiB) / PAGE_SIZE)) / 21_017);

/** Where the recorded hotwin's buffer was (damon.data.vmas and workload.log). */
const RECORDED_BUF_START = 0x7f64_8f60_0000;

/**
 * Small mappings that are never touched, shaped like the recorded process's [heap] (136 KiB)
 * and [stack] (132 KiB, at its recorded address). They give DAMON's vaddr operations the three
 * address groups, separated by two large gaps, that its initial regions are built from.
 */
function idleVmas(): { heap: VmaConfig; stack: VmaConfig } {
  const idle = { kind: 'anon', prot: 'rw', thp: 'none', populate: false } as const;
  return {
    heap: { name: 'heap', start: DEFAULT_VA_BASE + 0x1000_0000, size: 136 * KiB, ...idle },
    stack: { name: 'stack', start: 0x7ffe_4497_6000, size: 132 * KiB, ...idle },
  };
}

/**
 * DAMON as `damo record` started it for the recordings: the kernel's defaults except the
 * ops update interval, which damo sets to 1 s (the records say ops_update_us 1000000).
 */
function damonAsRecorded(): Scenario['damon'] {
  const d = damonOn();
  d.attrs.ops_update_interval = 1_000_000;
  return d;
}

/** The machine of the fixtures as far as the scenario needs it. */
function machine(): Scenario['machine'] {
  return { cpus: 2, nodes: [{ memMib: 2048 }], tlbPreset: 'skylake', tlb: tlbOfPreset('skylake') };
}

function oneThread(workload: ThreadConfig['workload']): ThreadConfig[] {
  return [{ name: 'main', cpu: 0, ratePerMs: RECORDED_RATE_PER_MS, startUs: 0, workload }];
}

const anonBuffer = { kind: 'anon', prot: 'rw', populate: true } as const;

function hotwin(): Scenario {
  const { heap, stack } = idleVmas();
  return {
    v: SCENARIO_VERSION,
    name: 'hotwin',
    description:
      'The workload of the DAMON recording in the fixtures, "hotwin 512 64 3 21" on a Linux ' +
      '6.12 guest. A 512 MiB anonymous buffer, 2 MiB aligned and madvised MADV_NOHUGEPAGE so ' +
      'it stays on 4 KiB pages, is faulted in page by page. Then one thread writes a 64 MiB ' +
      'window page by page, again and again, and moves the window 64 MiB up every 3 s: over ' +
      'the 21 s of the run, seven bands of the buffer become hot in turn. One sweep of the ' +
      "window (16384 pages) takes about 4 ms at the recorded rate, less than DAMON's default " +
      '5 ms sampling interval, and 16384 pages are far more than the STLB holds, so the ' +
      'Accessed bits DAMON clears are set again before the next sample and the moving band ' +
      'should show clearly. The heap and stack are small and idle.',
    seed: 1,
    machine: machine(),
    thp: { enabled: 'madvise' },
    sched: { contextSwitchUs: 0, pcid: true },
    processes: [
      {
        name: 'hotwin',
        vaBase: DEFAULT_VA_BASE,
        vmas: [
          heap,
          {
            name: 'buf',
            start: RECORDED_BUF_START,
            size: 512 * MiB,
            ...anonBuffer,
            thp: 'nohugepage',
          },
          stack,
        ],
        threads: oneThread({
          kind: 'hotwindow',
          vma: 'buf',
          offset: 0,
          length: 0,
          writeRatio: 1,
          windowBytes: 64 * MiB,
          stepBytes: 64 * MiB,
          moveEveryUs: 3_000_000,
        }),
      },
    ],
    events: [],
    truth: { intervalUs: 100_000, columns: 512 },
    damon: damonAsRecorded(),
  };
}

function thpsparse(): Scenario {
  const { heap, stack } = idleVmas();
  // map_aligned() twice under top-down mmap: the second buffer ends up below the first.
  const thpStart = 0x7f64_a000_0000;
  const nothpStart = thpStart - 256 * MiB - 2 * MiB;
  return {
    v: SCENARIO_VERSION,
    name: 'thpsparse',
    description:
      'The workload "thpsparse 256 20". Two 256 MiB anonymous buffers, 2 MiB aligned and ' +
      'faulted in: "thp" is madvised MADV_HUGEPAGE, so with THP in madvise mode every 2 MiB ' +
      'of it is one huge page mapped by a PMD; "nothp" is madvised MADV_NOHUGEPAGE and stays ' +
      'on 4 KiB PTEs. One thread writes the same sparse pattern to both, alternating: 16 of ' +
      'the 512 pages of every 2 MiB (one page per 128 KiB). In "nothp" each page has its own ' +
      'Accessed bit, so DAMON finds 1 page in 32 hot. In "thp" one PMD Accessed bit stands ' +
      'for all 2 MiB, so DAMON reports the whole buffer hot although only 1/32 of it is ' +
      'used. The CPU switches to another task every 4 ms without PCID, which flushes its TLB ' +
      'more often than DAMON samples (5 ms by default): the difference comes from the page ' +
      'size, not from translations cached in the TLB. Turn PCID on and the 128 huge ' +
      'translations stay in the STLB; the PMD Accessed bit DAMON clears is then never set ' +
      'again and the THP buffer reads cold instead: the two effects of the thread, T2 and ' +
      'T1, from one switch. The run lasted 20 s.',
    seed: 1,
    machine: machine(),
    thp: { enabled: 'madvise' },
    sched: { contextSwitchUs: 4000, pcid: false },
    processes: [
      {
        name: 'thpsparse',
        vaBase: DEFAULT_VA_BASE,
        vmas: [
          heap,
          { name: 'nothp', start: nothpStart, size: 256 * MiB, ...anonBuffer, thp: 'nohugepage' },
          { name: 'thp', start: thpStart, size: 256 * MiB, ...anonBuffer, thp: 'hugepage' },
          stack,
        ],
        threads: oneThread({
          kind: 'sparse',
          vma: 'thp',
          vmas: ['thp', 'nothp'],
          offset: 0,
          length: 0,
          writeRatio: 1,
          pagesPer2m: 16,
        }),
      },
    ],
    events: [],
    truth: { intervalUs: 100_000, columns: 512 },
    damon: damonAsRecorded(),
  };
}

function tlbfit(): Scenario {
  const { heap, stack } = idleVmas();
  return {
    v: SCENARIO_VERSION,
    name: 'tlbfit',
    description:
      'The workload "tlbfit 256 1024 20". A 256 MiB anonymous buffer on 4 KiB pages ' +
      '(MADV_NOHUGEPAGE) is faulted in once; after that only a 1 MiB hot set at offset ' +
      '100 MiB, 256 pages, is written, over and over. 256 translations fit easily in the ' +
      '1536-entry Skylake STLB, and with no context switches nothing flushes them. DAMON ' +
      'clears Accessed bits with ptep_test_and_clear_young(), which leaves the TLB alone, so ' +
      'the CPU keeps using the cached translations, never walks the page table again and ' +
      'never sets the bits: DAMON reports nr_accesses 0 for the hottest memory of the ' +
      'process. At the default attributes it is not even found: a region of ~25 MiB gets a ' +
      'sample in the hot set only once in ~25 samples, and that sample reads "not accessed" ' +
      'too, so nothing ever marks the region as hot and splitting never closes in on it. With ' +
      'min_nr_regions 1000 sampling isolates it, and it still reads nearly cold. The what-if ' +
      'switch "flush the TLB entry on mkold" (what arm64 reclaim does; DAMON never flushes) ' +
      'makes it read hot, at the price of a page walk after every sample; so do context ' +
      'switches without PCID. Then even the default attributes find it within a second or ' +
      'two: the rare hits keep the region apart and adaptive splitting narrows in on it. The ' +
      'run lasted 20 s.',
    seed: 1,
    machine: machine(),
    thp: { enabled: 'madvise' },
    sched: { contextSwitchUs: 0, pcid: true },
    processes: [
      {
        name: 'tlbfit',
        vaBase: DEFAULT_VA_BASE,
        vmas: [
          heap,
          {
            name: 'buf',
            start: RECORDED_BUF_START,
            size: 256 * MiB,
            ...anonBuffer,
            thp: 'nohugepage',
          },
          stack,
        ],
        threads: oneThread({
          kind: 'hotset',
          vma: 'buf',
          offset: 100 * MiB,
          length: 0,
          writeRatio: 1,
          hotBytes: 1024 * KiB,
        }),
      },
    ],
    events: [],
    truth: { intervalUs: 100_000, columns: 512 },
    damon: damonAsRecorded(),
  };
}

/** Preset ids in menu order. */
export const presetIds: readonly PresetId[] = ['default', 'hotwin', 'thpsparse', 'tlbfit'];

/** The presets, frozen: use getPreset() for a copy to edit. */
export const PRESETS: Readonly<Record<PresetId, Scenario>> = deepFreeze({
  default: cloneScenario(DEFAULT_SCENARIO),
  hotwin: hotwin(),
  thpsparse: thpsparse(),
  tlbfit: tlbfit(),
});

export function isPresetId(id: unknown): id is PresetId {
  return typeof id === 'string' && (presetIds as readonly string[]).includes(id);
}

/** A fresh, editable copy of a preset. */
export function getPreset(id: PresetId): Scenario {
  return cloneScenario(PRESETS[id]);
}
