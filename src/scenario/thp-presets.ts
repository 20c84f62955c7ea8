/**
 * The presets of seed 002's collapse side: DAMOS_COLLAPSE growing hot regions from 4 KiB
 * pages, khugepaged re-collapsing what DAMOS_SPLIT splits, and the memory a collapse fills
 * in. All run kernel 7.1, the series' base.
 */
import { KHUGEPAGED_DEFAULTS, thpConfig } from '../engine/thp/defaults';
import { SchemeSchema } from './damon-schema';
import { DEFAULT_VA_BASE } from './default-scenario';
import { formatExplanation } from './explanation';
import {
  anonBuffer,
  damonAsRecorded,
  idleVmas,
  machine,
  oneThread,
  RECORDED_BUF_START,
} from './preset-parts';
import { numaDefaults } from './numa-schema';
import type { Scenario } from './schema';
import { tlbOfPreset } from './tlb-presets';
import { MiB } from './units';
import { SCENARIO_VERSION } from './version';

function base(name: string, description: string): Scenario {
  return {
    v: SCENARIO_VERSION,
    kernel: '7.1',
    name,
    description,
    seed: 1,
    machine: machine(),
    thp: thpConfig('never'),
    numa: numaDefaults(),
    sched: { contextSwitchUs: 0, pcid: true },
    processes: [],
    events: [],
    truth: { intervalUs: 100_000, columns: 512 },
    damon: damonAsRecorded(),
  };
}

/** THP=never + DAMOS_COLLAPSE: start at 4 KiB, grow the hot region up to 2 MiB folios. */
export function thpcollapse(): Scenario {
  const { heap, stack } = idleVmas();
  const s = base(
    'thpcollapse',
    formatExplanation({
      story: [
        'Seed 002\'s first baseline, "THP=never + DAMOS_COLLAPSE: start at 4KB, grow hot ' +
          'regions up". A 256 MiB buffer on 4 KiB pages (THP `never`), of which a 16 MiB hot ' +
          'set at +64 MiB is written over and over: 4096 translations, more than the STLB ' +
          'holds, so every pass walks the page table and DAMON sees the set hot.',
        'One DAMOS `collapse` scheme for regions of at least 2 MiB read 10 of 20 or more, ' +
          'through `MADV_COLLAPSE` (`collapse_path` madvise: `madvise_collapse()` ignores the ' +
          'sysfs THP policy). It turns the hot set into eight PMD-mapped THPs.',
      ],
      look:
        "the truth's hot line at +64 MiB stays; DAMON reads it 20 of 20 until the collapse, " +
        'then cold: eight 2 MiB translations fit the TLB and nothing walks the table any more, ' +
        "the T1 blind spot of the same thread (DAMON's `mkold` flushes no TLB entry).",
      numbers:
        'AnonHugePages 16384 kB after the first apply; page walks per second drop from ' +
        'millions to about none; thp_collapse_alloc 8, no collapse bloat (every sub-page was ' +
        'resident).',
      try: [
        "`collapse_path` series: the same eight collapses through the RFC's own path.",
        '`target_order` 4 with `collapse_path` madvise_mthp: 64 KiB folios, still 4 KiB TLB ' +
          'entries on x86, so the walks stay.',
      ],
    }),
  );
  s.processes = [
    {
      name: 'hotset',
      vaBase: DEFAULT_VA_BASE,
      vmas: [
        heap,
        { name: 'buf', start: RECORDED_BUF_START, size: 256 * MiB, ...anonBuffer, thp: 'none' },
        stack,
      ],
      threads: oneThread({
        kind: 'hotset',
        vma: 'buf',
        offset: 64 * MiB,
        length: 0,
        writeRatio: 1,
        hotBytes: 16 * MiB,
      }),
    },
  ];
  s.damon.schemes = [
    SchemeSchema.parse({
      action: 'collapse',
      target_order: 9,
      collapse_path: 'madvise',
      pattern: { min_sz_region: 2 * MiB, min_nr_accesses: 10 },
    }),
  ];
  return s;
}

/** Where the sparse presets' buffer is (thpsparse's `thp`). */
const SPARSE_START = 0x7f64_a000_0000;

/**
 * A 64 MiB buffer written 16 pages in every 2 MiB, one per 128 KiB (thpsparse.c); populated
 * first (memset) or faulted in by the writes alone.
 */
function sparseProcess(thp: 'none' | 'hugepage', populate: boolean): Scenario['processes'][number] {
  const { heap, stack } = idleVmas();
  const buf = { name: 'buf', start: SPARSE_START, size: 64 * MiB, ...anonBuffer, thp, populate };
  return {
    name: 'sparse',
    vaBase: DEFAULT_VA_BASE,
    vmas: [heap, buf, stack],
    threads: oneThread({
      kind: 'sparse',
      vma: 'buf',
      vmas: [],
      offset: 0,
      length: 0,
      writeRatio: 1,
      pagesPer2m: 16,
    }),
  };
}

/** khugepaged against DAMOS_SPLIT: every split THP is collapsed again at the next scan. */
export function pingpong(): Scenario {
  const s = base(
    'pingpong',
    formatExplanation({
      story: [
        'Seed 002\'s second baseline, "THP=always + DAMOS_SPLIT", with khugepaged left on, ' +
          'as the cover letter says it usually is. A 64 MiB `MADV_HUGEPAGE` buffer of THPs of ' +
          'which one page in 32 is written; DAMOS `split` (`target_order` 2, `min_nr_accesses` ' +
          '0, an `addr` filter over the whole buffer: the smaps fallback, every THP-backed ' +
          'range a target) splits every THP into 16 KiB folios.',
        'khugepaged (here `scan_sleep_millisecs` 1000 and `pages_to_scan` 65536, so a full ' +
          'scan takes one wake-up instead of minutes) finds each split range with 512 present ' +
          'PTEs, the 16 the thread writes young, and collapses it again (`collapse_huge_page()`' +
          ': nothing in the range says it was split on purpose). The next DAMOS apply, within ' +
          '100 ms, splits it again.',
      ],
      look:
        'the VMA list and the THP panel: the buffer flips between 32 THPs and 16 KiB folios ' +
        'every second; the ping-pong counter climbs by 32 per cycle.',
      numbers:
        'ping-pong about 32 per khugepaged wake-up (one per 2 MiB range; a THP a DAMON region ' +
        'boundary cuts waits a round), pages_collapsed the same; each cycle copies 64 MiB and ' +
        'flushes every range from the TLB.',
      try: [
        '`split_backoff_ms` 30000 (Edit → THP: the back-off the series says it is evaluating, ' +
          'in no kernel): one cycle, then khugepaged leaves the split ranges alone.',
        '`khugepaged.run` false: the split sticks, as the series assumes.',
      ],
    }),
  );
  s.thp = thpConfig('always', {
    khugepaged: { ...KHUGEPAGED_DEFAULTS, scan_sleep_millisecs: 1000, pages_to_scan: 65_536 },
  });
  s.processes = [sparseProcess('hugepage', true)];
  s.damon.schemes = [
    SchemeSchema.parse({
      action: 'split',
      target_order: 2,
      pattern: { min_nr_accesses: 0 },
      filters: [
        { type: 'addr', allow: true, addr_start: SPARSE_START, addr_end: SPARSE_START + 64 * MiB },
      ],
    }),
  ];
  return s;
}

/** DAMOS_COLLAPSE through the series' own path on sparse memory: the none PTEs are filled. */
export function collapsebloat(): Scenario {
  const s = base(
    'collapsebloat',
    formatExplanation({
      story: [
        "Lorenzo Stoakes on the series' `damon_collapse_folio_range()`: \"you're overriding " +
          'THP limitations like max_ptes_none". A 64 MiB buffer on 4 KiB pages (THP `never`) ' +
          'of which 16 pages in every 2 MiB are written; one DAMOS `collapse` scheme with ' +
          "`min_nr_accesses` 0 over it, through the RFC's path (`collapse_path` series).",
        'Every 2 MiB range becomes a THP, and the 496 none PTEs of each are backed by new ' +
          'zeroed memory: what khugepaged, held to max_ptes_none, could be told to refuse. ' +
          'The model follows the kernel code here, not the review: `MADV_COLLAPSE` ignores ' +
          'max_ptes_none too (`collapse_max_ptes_none()` allows any none PTE when the caller ' +
          'is not khugepaged), so the madvise path fills them the same way.',
      ],
      look:
        "resident memory jumps from 2 MiB to 64 MiB at the first apply while the truth's " +
        'working set stays 2 MiB; the THP panel shows 32 THPs with 16 of 512 sub-pages lit.',
      numbers:
        'collapse bloat 62 MiB (32 ranges x 496 pages), thp_collapse_alloc 32; sz_applied ' +
        "grows by a region's size at every apply, as the series counts a range already " +
        'PMD-mapped (SCAN_PMD_MAPPED) as done.',
      try: [
        "`collapse_path` madvise: the same bloat (the kernel's MADV_COLLAPSE).",
        '`collapse_path` madvise_mthp with `target_order` 4: on 7.1 the same 62 MiB, since ' +
          'no rule asks a 64 KiB block for a present page once SCAN_PAGE_RO is gone (kernel.ts; ' +
          'the release that dropped it is not confirmed, the model places it after 6.18).',
        'kernel 6.12 is refused: DAMOS collapse exists only with the series (7.1).',
      ],
    }),
  );
  s.processes = [sparseProcess('none', false)];
  s.damon.schemes = [
    SchemeSchema.parse({
      action: 'collapse',
      target_order: 9,
      collapse_path: 'series',
      pattern: { min_nr_accesses: 0 },
    }),
  ];
  return s;
}

/** The series' SPE pipeline picks the sparse THPs to split and leaves the dense ones. */
export function spesplit(): Scenario {
  const s = base(
    'spesplit',
    formatExplanation({
      story: [
        "Seed 002's user-space target selection feeding DAMOS_SPLIT. Two THP buffers: `sparse` " +
          '(64 MiB, 16 pages of every 2 MiB written) and `dense` (16 MiB, every page written). ' +
          'DAMON cannot tell them apart: their 40 huge translations stay in the STLB, so it reads ' +
          'both idle (T1), and walked they would both read hot (T2). So the scheme runs with ' +
          '`min_nr_accesses` 0 and lets `addr` filters choose.',
        'The filters come from a simulated user-space program (`damon.agent`): an SPE-like ' +
          'sampler takes one access in 1024 by physical address, past the TLB and page tables, ' +
          'bins the samples per 2 MiB, maps them back to virtual addresses through the page ' +
          'tables (pagemap) and, every second, commits the THP-backed ranges under 10 % sampled ' +
          "as the scheme's addr filters.",
      ],
      look:
        'the THP sub-pages panel: the 32 sparse THPs become 4 KiB pages after the first ' +
        'second, the 8 dense ones stay; the TLB panel shows why DAMON alone could not choose.',
      numbers:
        'AnonHugePages 81920 kB, then 16384 kB; sz_applied 64 MiB; the dense buffer untouched.',
      try: [
        '`damon.agent.kind` smaps (the fallback without SPE): every THP-backed range is a ' +
          'target, so the dense buffer is split too.',
        '`sample_period` 1000000: too few samples, and dense ranges start to look sparse.',
      ],
    }),
  );
  const { heap, stack } = idleVmas();
  const dense = {
    name: 'dense',
    start: SPARSE_START - 32 * MiB,
    size: 16 * MiB,
    ...anonBuffer,
    thp: 'hugepage',
  } as const;
  const p = sparseProcess('hugepage', true);
  p.vmas = [heap, dense, { ...p.vmas[1]!, name: 'sparse' }, stack];
  p.threads = [
    { ...p.threads[0]!, name: 'sparse', workload: { ...p.threads[0]!.workload, vma: 'sparse' } },
    {
      name: 'dense',
      cpu: 1,
      ratePerMs: p.threads[0]!.ratePerMs,
      startUs: 0,
      workload: {
        kind: 'hotset',
        vma: 'dense',
        offset: 0,
        length: 0,
        writeRatio: 1,
        hotBytes: 16 * MiB,
      },
    },
  ];
  s.processes = [p];
  s.thp = thpConfig('always', { khugepaged: { ...KHUGEPAGED_DEFAULTS, run: false } });
  s.damon.schemes = [
    SchemeSchema.parse({ action: 'split', target_order: 0, pattern: { min_nr_accesses: 0 } }),
  ];
  s.damon.agent = {
    kind: 'spe',
    scheme: 0,
    interval_ms: 1000,
    sample_period: 1024,
    sparse_pct: 10,
  };
  return s;
}

/** Seed 002's T1 on its own machine: a THP working set inside the Kunpeng 920's TLB reach. */
export function t1reach(): Scenario {
  const { heap, stack } = idleVmas();
  const s = base(
    't1reach',
    formatExplanation({
      story: [
        'Seed 002\'s T1, "TLB-reach blind spot", on the machine it names: the Kunpeng 920\'s ' +
          'L2 TLB holds 2048 translations of 2 MiB, 4 GiB of reach. One thread writes a 1 GiB ' +
          'buffer of THPs (`MADV_HUGEPAGE`, THP always) page by page, over and over: 512 huge ' +
          'translations, all of them cached after the first pass.',
        "DAMON's `mkold` clears the PMD Accessed bits with `pmdp_test_and_clear_young()` and " +
          'flushes nothing (arm64 reclaim flushes, DAMON does not), so the next access hits the ' +
          'cached translation, no walk sets the bit again, and DAMON reads the hottest memory ' +
          'of the process as idle. The geometry past the 4 GiB of reach is assumed (the TLB ' +
          'preset says which parts).',
      ],
      look:
        "the truth: the whole buffer hot every interval; DAMON's map of it: 0 after the first " +
        'aggregations; the TLB panel: no page walks, STLB reach far above the working set.',
      numbers:
        "page walks per second about 0 after the warm-up; DAMON's working set 0 B against a " +
        'true 1 GiB; the THP panel: every THP touched all over, yet nr_accesses 0.',
      try: [
        '"flush the TLB entry on mkold" (Edit → DAMON): the walks come back with DAMON\'s ' +
          'samples and the buffer reads hot.',
        "a 6 GiB buffer on a larger machine (past the 4 GiB reach): the walks and DAMON's " +
          'view return without the flush.',
      ],
    }),
  );
  s.machine = {
    arch: 'arm64',
    cpus: 2,
    nodes: [{ memMib: 2048, cpuless: false }],
    tlbPreset: 'kunpeng920-seed',
    tlb: tlbOfPreset('kunpeng920-seed'),
  };
  s.thp = thpConfig('always');
  s.processes = [
    {
      name: 't1reach',
      vaBase: DEFAULT_VA_BASE,
      vmas: [
        heap,
        {
          name: 'buf',
          start: RECORDED_BUF_START,
          size: 1024 * MiB,
          ...anonBuffer,
          thp: 'hugepage',
        },
        stack,
      ],
      threads: oneThread({
        kind: 'sequential',
        vma: 'buf',
        offset: 0,
        length: 0,
        writeRatio: 1,
        stridePages: 1,
      }),
    },
  ];
  return s;
}
