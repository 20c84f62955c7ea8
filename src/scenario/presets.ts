/**
 * Named scenarios. Besides the default, each reproduces one of the C workloads the project's
 * real DAMON recordings ran (shared fixtures: hotwin.c, thpsparse.c, tlbfit.c) with the
 * arguments of those runs, so the simulation can be set against the recording.
 */
import { thpConfig } from '../engine/thp/defaults';
import { cloneScenario, DEFAULT_SCENARIO, DEFAULT_VA_BASE, deepFreeze } from './default-scenario';
import {
  anonBuffer,
  damonAsRecorded,
  idleVmas,
  machine,
  oneThread,
  RECORDED_BUF_START,
} from './preset-parts';
import { formatExplanation } from './explanation';
import { numaDefaults } from './numa-schema';
import type { Scenario } from './schema';
import { SchemeSchema } from './damon-schema';
import { collapsebloat, pingpong, spesplit, t1reach, thpcollapse } from './thp-presets';
import {
  damonstop,
  damonstopowner,
  firsttouch,
  numaoff,
  numaoffowner,
  tieringdamos,
  tieringnuma,
} from './numa-presets';
import { KiB, MiB } from './units';
import { SCENARIO_VERSION } from './version';

export { RECORDED_RATE_PER_MS } from './preset-parts';

export type PresetId =
  | 'default'
  | 'hotwin'
  | 'thpsparse'
  | 'tlbfit'
  | 'addrpageout'
  | 'thpsplit'
  | 'thpcollapse'
  | 'pingpong'
  | 'collapsebloat'
  | 'spesplit'
  | 't1reach'
  | 'numaoff'
  | 'damonstop'
  | 'numaoffowner'
  | 'damonstopowner'
  | 'firsttouch'
  | 'tiering'
  | 'tieringdamos';

function hotwin(): Scenario {
  const { heap, stack } = idleVmas();
  return {
    v: SCENARIO_VERSION,
    kernel: '6.12',
    name: 'hotwin',
    description: formatExplanation({
      story: [
        'The DAMON recording "hotwin 512 64 3 21": a 512 MiB buffer on 4 KiB pages; one thread ' +
          'writes a 64 MiB window page by page, over and over, and moves it 64 MiB up every ' +
          "3 s. A sweep takes about 4 ms, less than DAMON's 5 ms sample interval, and its 16,384 " +
          'translations overflow the STLB: every access walks and sets the Accessed bit again.',
        'The recording stopped at 21 s, after seven windows. The simulation goes on: from 21 s ' +
          'to 24 s the window is the top 64 MiB, at 24 s it wraps to the start of the buffer, ' +
          'and the 24 s cycle repeats.',
      ],
      look:
        'DAMON following the window within one aggregation (100 ms): the regions over it read ' +
        '20 of 20, the rest of `buf` 0. Scrub back (←) over a move to watch it.',
      numbers:
        'L1 dTLB and STLB hits 0 %, about 4 M page walks/s; nr_regions 13 to 16; ' +
        "DAMON's working set is the window's 64 MiB, as in the truth.",
      try:
        'a 4 MiB window (Edit → Processes: window and step 4 MiB): its 1024 translations fit ' +
        'the STLB, the walks stop, and DAMON loses the band, as in tlbfit.',
    }),
    seed: 1,
    machine: machine(),
    thp: thpConfig('madvise'),
    numa: numaDefaults(),
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
    kernel: '6.12',
    name: 'thpsparse',
    description: formatExplanation({
      story: [
        'The DAMON recording "thpsparse 256 20": two 256 MiB buffers, `thp` (`MADV_HUGEPAGE`: ' +
          '2 MiB pages, one PMD Accessed bit each) and `nothp` (`MADV_NOHUGEPAGE`: 4 KiB ' +
          'pages). One thread writes 16 pages of every 2 MiB, one per 128 KiB, in both. A ' +
          'context switch every 4 ms without PCID flushes the TLB more often than DAMON samples ' +
          '(5 ms), so what DAMON reads here comes from the page size alone.',
      ],
      look:
        'the truth has both buffers alike, 1 page in 32 written. DAMON reads `nothp` nearly ' +
        'cold, as it is, but all of `thp` hot, 20 of 20: one Accessed bit stands for 512 pages.',
      numbers:
        "DAMON's working set 256 MiB or more against a true 16 MiB; the snapshot table's `thp` " +
        'regions at 100 %, the VMA list shows `thp` all THP.',
      try: [
        'THP off (Edit → Memory policy: `never`): both buffers read alike, nearly cold.',
        'PCID on (Edit → Scheduler): the huge translations stay in the STLB and `thp` reads ' +
          'cold too, but for four huge pages whose STLB sets `nothp` keeps evicting: T2 and T1 ' +
          'of the linux-mm thread from one switch.',
      ],
    }),
    seed: 1,
    machine: machine(),
    thp: thpConfig('madvise'),
    numa: numaDefaults(),
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
    kernel: '6.12',
    name: 'tlbfit',
    description: formatExplanation({
      story: [
        'The DAMON recording "tlbfit 256 1024 20": a 256 MiB buffer on 4 KiB pages of which ' +
          'only a 1 MiB hot set, 256 pages at +100 MiB, is written, over and over. Its ' +
          'translations fit the 1536-entry STLB and nothing flushes them. DAMON clears Accessed ' +
          'bits without a TLB flush (`ptep_test_and_clear_young()`), so no access walks the page ' +
          'table again, no bit is set, and the hottest memory of the process reads cold.',
      ],
      look:
        "the hot set, a thin line at +100 MiB in the truth, and nothing there in DAMON's map: " +
        'every region reads 0, so splitting never closes in on it.',
      numbers:
        'STLB hits about 100 % of the L1 dTLB misses, no page walks after the fault-in; ' +
        "DAMON's working set 0 B against a true 1 MiB.",
      try:
        '"flush the TLB entry on mkold" (Edit → DAMON; arm64 reclaim flushes, DAMON never does): ' +
        'within half a second a region at [+100 MiB, +101 MiB) reads 20 of 20. Raising ' +
        '`min_nr_regions` to 1000 does not help.',
    }),
    seed: 1,
    machine: machine(),
    thp: thpConfig('madvise'),
    numa: numaDefaults(),
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

/** Where addrpageout's address filter points: one 2 MiB THP, 128 MiB into `thp`. */
export const ADDRPAGEOUT_FILTER_OFFSET = 128 * MiB;

/**
 * The shape of seed 002's test on 7.1-rc5: thpsparse's memory, one DAMOS scheme that takes
 * every region (min_nr_accesses 0) and one address filter that allows a single 2 MiB-aligned
 * range of the THP buffer. The seed's scheme split the THP (DAMOS_SPLIT, not yet modelled);
 * this one pages it out, which shows in pswpout and the resident size.
 */
function addrpageout(): Scenario {
  const s = thpsparse();
  const thp = s.processes[0]!.vmas.find((v) => v.name === 'thp')!;
  const start = thp.start + ADDRPAGEOUT_FILTER_OFFSET;
  s.kernel = '7.1';
  s.name = 'addrpageout';
  s.description = formatExplanation({
    story: [
      "thpsparse's two 256 MiB buffers, with one DAMOS scheme: `pageout` for every region " +
        '(`min_nr_accesses` 0, so it does not depend on what DAMON reads) behind one `addr` ' +
        'filter that allows just [thp + 128 MiB, +2 MiB), one THP. This is the test of the ' +
        'linux-mm thread on DAMOS mTHP actions (run on 7.1-rc5), with pageout for its split.',
      'The filter splits the region that straddles the range. 7.1 walks the regions with ' +
        '`damon_for_each_region`, so the split-off piece is visited next and paged out. Up to ' +
        '7.0 the walk is `damon_for_each_region_safe`: the piece is skipped, the next merge ' +
        'joins it back, and the scheme never applies (kernel 6.18: nr_tried stays 0).',
    ],
    look:
      "DAMON's map: one 2 MiB line in `thp` reads cold while the rest of `thp` reads 20 of " +
      '20. The paged-out THP comes back as 16 separately faulted 4 KiB pages, whose own ' +
      'Accessed bits DAMON reads as they are; the truth does not change, as the thread keeps ' +
      'writing the same pages.',
    numbers:
      'pswpout 512 at the first apply, then 16 at each (the pages the thread wrote again); ' +
      'sz_applied 2 MiB per aggregation, the rest of both buffers resident. sz_tried counts ' +
      'region sizes from before the filter split them: a little more than sz_applied, never ' +
      'the whole buffer.',
    try: [
      'kernel 6.18 (Edit → Kernel): nothing is paged out.',
      'a second filter range: both THPs go, the rest stays.',
    ],
  });
  // the kernel's defaults for everything else (SchemeSchema fills them)
  s.damon.schemes = [
    SchemeSchema.parse({
      action: 'pageout',
      pattern: { min_nr_accesses: 0 },
      filters: [{ type: 'addr', allow: true, addr_start: start, addr_end: start + 2 * MiB }],
    }),
  ];
  return s;
}

/**
 * Seed 002's test itself: THP always, a DAMOS_SPLIT scheme (target_order 2, min_nr_accesses 0)
 * and one addr filter on one 2 MiB-aligned range of the 256 MiB THP buffer.
 */
function thpsplit(): Scenario {
  const s = addrpageout();
  s.name = 'thpsplit';
  s.thp = thpConfig('always');
  s.damon.schemes[0]!.action = 'split';
  s.damon.schemes[0]!.target_order = 2;
  s.description = formatExplanation({
    story: [
      'The test of the linux-mm RFC "mm/damon: add mTHP collapse and split actions" (run on ' +
        '7.1-rc5): THP always, one DAMOS_SPLIT scheme with `target_order` 2 and ' +
        '`min_nr_accesses` 0, and one `addr` filter on [thp + 128 MiB, +2 MiB). The scheme ' +
        'splits that one THP into 16 KiB folios with `split_folio_to_order()`; the rest of the ' +
        '256 MiB mapping keeps its 2 MiB pages.',
      'The split is DAMOS_SPLIT as the series proposes it (merged in no release), so only ' +
        'kernel 7.1 offers it. khugepaged runs with the kernel defaults (4096 pages every ' +
        '10 s) and reaches the split range only at its ninth wake-up, 90 s in; it collapses ' +
        'it back, and the next apply splits it again (the pingpong preset shows this sooner).',
    ],
    look:
      "DAMON's map: the split range reads what its pages really do, 16 sub-pages of 512 " +
      'written, while the rest of `thp` reads hot: one PMD Accessed bit per 2 MiB.',
    numbers:
      'sz_applied exactly 2 MiB, once (later applies find no large folio above order 2); ' +
      'AnonHugePages (the VMA list) down by exactly 2 MiB; resident memory unchanged.',
    try: [
      'target_order 0 (Edit → DAMON): 4 KiB pages instead of 16 KiB folios.',
      'kernel 6.18: the scenario is refused, the action does not exist there.',
    ],
  });
  return s;
}

/** One line per preset for the scenario menu: what it shows. */
export const PRESET_SUMMARIES: Readonly<Record<PresetId, string>> = {
  default: 'A Zipf head and a sweeping band in one buffer of 4 KiB pages.',
  hotwin: 'A 64 MiB hot window stepping across 512 MiB; DAMON follows it.',
  thpsparse: 'T2: 1 page in 32 written; DAMON reads the THP buffer as hot all over.',
  tlbfit: 'A 1 MiB hot set whose translations stay in the TLB; DAMON reads it cold.',
  addrpageout: 'An address filter pages out one 2 MiB THP, on 7.1; on 6.18 nothing.',
  thpsplit: "The DAMOS mTHP series' test: split exactly one THP into 16 KiB folios.",
  thpcollapse: 'THP never + DAMOS collapse: the hot 16 MiB grows into THPs, then reads cold.',
  pingpong: 'khugepaged re-collapses every THP DAMOS split: ping-pong once a second.',
  collapsebloat: 'DAMOS collapse of sparse memory fills every none PTE: 2 MiB in use, 64 resident.',
  spesplit: "The series' SPE pipeline picks the sparse THPs for DAMOS split; dense ones stay.",
  t1reach: "1 GiB of hot THPs inside the Kunpeng 920's 4 GiB TLB reach: DAMON reads it idle.",
  numaoff: "NUMA on -> off under the RFC's routing: DAMON handles NUMA balancing's faults.",
  damonstop: 'DAMON stops -> NUMA on under the RFC: NUMA balancing migrates on DAMON faults.',
  numaoffowner: 'The NUMA on -> off race under owner tagging: nothing is misrouted.',
  damonstopowner: 'The DAMON stop -> NUMA on race under owner tagging: nothing is misrouted.',
  firsttouch: 'NUMA balancing moves a buffer first-touched on the wrong node to its user.',
  tiering: 'Memory tiering (numa_balancing=2) promotes hot pages from a CXL-like node.',
  tieringdamos: 'DAMOS migrate_hot promotes the same hot pages from the CXL-like node.',
};

/** Preset ids in menu order. */
export const presetIds: readonly PresetId[] = [
  'default',
  'hotwin',
  'thpsparse',
  'tlbfit',
  'addrpageout',
  'thpsplit',
  'thpcollapse',
  'pingpong',
  'collapsebloat',
  'spesplit',
  't1reach',
  'numaoff',
  'damonstop',
  'numaoffowner',
  'damonstopowner',
  'firsttouch',
  'tiering',
  'tieringdamos',
];

/** The presets, frozen: use getPreset() for a copy to edit. */
export const PRESETS: Readonly<Record<PresetId, Scenario>> = deepFreeze({
  default: cloneScenario(DEFAULT_SCENARIO),
  hotwin: hotwin(),
  thpsparse: thpsparse(),
  tlbfit: tlbfit(),
  addrpageout: addrpageout(),
  thpsplit: thpsplit(),
  thpcollapse: thpcollapse(),
  pingpong: pingpong(),
  collapsebloat: collapsebloat(),
  spesplit: spesplit(),
  t1reach: t1reach(),
  numaoff: numaoff(),
  damonstop: damonstop(),
  numaoffowner: numaoffowner(),
  damonstopowner: damonstopowner(),
  firsttouch: firsttouch(),
  tiering: tieringnuma(),
  tieringdamos: tieringdamos(),
});

export function isPresetId(id: unknown): id is PresetId {
  return typeof id === 'string' && (presetIds as readonly string[]).includes(id);
}

/** A fresh, editable copy of a preset. */
export function getPreset(id: PresetId): Scenario {
  return cloneScenario(PRESETS[id]);
}
