/** The THP part of the form: sysfs paths, titles in the kernel's words, and their draft paths. */
import type { MthpEnabled } from '../../../engine/config';
import { MTHP_SIZES } from '../../../scenario';
import type { FieldPath } from './draft';

export const MTHP_OPTIONS: { value: MthpEnabled; label: string }[] = [
  { value: 'inherit', label: 'inherit' },
  { value: 'always', label: 'always' },
  { value: 'madvise', label: 'madvise' },
  { value: 'never', label: 'never' },
];

export const MTHP_TITLE =
  '/sys/kernel/mm/transparent_hugepage/hugepages-<size>kB/enabled. At a write fault the ' +
  'kernel picks the largest enabled size whose aligned block fits the VMA and has no page ' +
  'yet (alloc_anon_folio); mTHPs below 2 MiB are mapped by PTEs, so on x86 they still take ' +
  'one 4 KiB TLB entry per page (arm64 contpte is not modelled). inherit follows enabled. ' +
  'Defaults: 2048kB inherit, the rest never.';

export const hugepagesPath = (size: string): FieldPath => ['thp', 'hugepages', size];
export const khugepagedPath = (key: string): FieldPath => ['thp', 'khugepaged', key];

export const KHUGEPAGED_FIELDS: readonly { key: string; unit: string; title: string }[] = [
  {
    key: 'pages_to_scan',
    unit: 'pages',
    title:
      'khugepaged/pages_to_scan (default 4096): pages scanned per wake-up; a 2 MiB block ' +
      'costs 512 whatever it holds.',
  },
  {
    key: 'scan_sleep_millisecs',
    unit: 'ms',
    title: 'khugepaged/scan_sleep_millisecs (default 10000): the sleep between wake-ups.',
  },
  {
    key: 'alloc_sleep_millisecs',
    unit: 'ms',
    title:
      'khugepaged/alloc_sleep_millisecs (default 60000): the sleep after a huge page ' +
      'allocation failed.',
  },
  {
    key: 'max_ptes_none',
    unit: '',
    title:
      'khugepaged/max_ptes_none (default 511): most none or zero-page PTEs a block may have ' +
      'for khugepaged to collapse it, filling them with new memory. MADV_COLLAPSE ignores it.',
  },
  {
    key: 'max_ptes_swap',
    unit: '',
    title:
      'khugepaged/max_ptes_swap (default 64): most swapped-out PTEs khugepaged reads back ' +
      'to collapse a block. MADV_COLLAPSE ignores it.',
  },
  {
    key: 'max_ptes_shared',
    unit: '',
    title:
      'khugepaged/max_ptes_shared (default 256): most shared pages in a block. No page is ' +
      'shared in the model yet (no fork, no KSM), so it never refuses.',
  },
  {
    key: 'split_backoff_ms',
    unit: 'ms',
    title:
      'Not a kernel knob: the back-off seed 002 says its authors are evaluating. After a ' +
      'split, khugepaged leaves the 2 MiB range alone this long (SCAN_BACKOFF). 0 = off, as ' +
      'in every kernel.',
  },
];

export const KHUGEPAGED_RUN_TITLE =
  'Whether the khugepaged thread runs. The kernel starts it whenever the 2048kB size is ' +
  'enabled and has no off switch (a long scan_sleep_millisecs comes closest); links made ' +
  'before khugepaged was modelled open with it off.';

export function thpFormPaths(): FieldPath[] {
  return [
    ['thp'],
    ['thp', 'hugepages'],
    ...MTHP_SIZES.map(hugepagesPath),
    ['thp', 'khugepaged'],
    khugepagedPath('run'),
    ...KHUGEPAGED_FIELDS.map((f) => khugepagedPath(f.key)),
  ];
}

export const agentPath = (key: string): FieldPath => ['damon', 'agent', key];
export const policyPath = (key: string): FieldPath => ['thp', 'policy', key];

export const AGENT_TITLE =
  "Seed 002's user-space target selection, a simulated program that rewrites one scheme's " +
  'addr filters every interval_ms. spe: an SPE-like sampler (one access in sample_period, by ' +
  'physical address, past the TLB) -> hot fraction per 2 MiB -> pagemap -> the THP-backed ' +
  'ranges under sparse_pct sampled. smaps: every THP-backed 2 MiB range. The scheme applies ' +
  'nowhere until the first run.';
export const AGENT_KINDS = [
  { value: 'none', label: 'none' },
  { value: 'spe', label: 'spe (SPE pipeline)' },
  { value: 'smaps', label: 'smaps (fallback)' },
] as const;
export const AGENT_FIELDS: readonly { key: string; unit: string; title: string }[] = [
  { key: 'scheme', unit: '', title: 'Index of the scheme whose addr filters the program writes.' },
  { key: 'interval_ms', unit: 'ms', title: 'How often the program re-runs and commits.' },
  {
    key: 'sample_period',
    unit: 'accesses',
    title: 'spe: one access sampled in this many (perf SPE sampling interval).',
  },
  {
    key: 'sparse_pct',
    unit: '%',
    title: 'spe: a THP range with fewer than this share of its sub-pages sampled is a target.',
  },
];

export const POLICY_TITLE =
  'A huge-page policy from the research literature, run beside khugepaged and DAMOS. ingens ' +
  '(OSDI 2016): promote a 2 MiB range once threshold_pct of its pages are resident. hawkeye ' +
  '(ASPLOS 2019): count and clear the Accessed bits of every candidate range, promote those ' +
  'over threshold_pct young. memtis (SOSP 2023): split the most skewed THPs with under ' +
  'threshold_pct of their sub-pages hot. Each wakes every interval_ms, acting on per_wake ' +
  'ranges at most.';
export const POLICY_KINDS = [
  { value: 'none', label: 'none' },
  { value: 'ingens', label: 'ingens' },
  { value: 'hawkeye', label: 'hawkeye' },
  { value: 'memtis', label: 'memtis' },
] as const;
export const POLICY_FIELDS: readonly { key: string; unit: string; title: string }[] = [
  { key: 'interval_ms', unit: 'ms', title: 'The daemon wakes this often.' },
  {
    key: 'threshold_pct',
    unit: '%',
    title: 'ingens: utilisation; hawkeye: access coverage; memtis: hot share.',
  },
  { key: 'per_wake', unit: 'ranges', title: 'Most ranges promoted or split per wake-up.' },
];

export function agentFormPaths(): FieldPath[] {
  return [
    ['damon', 'agent'],
    agentPath('kind'),
    ...AGENT_FIELDS.map((f) => agentPath(f.key)),
    ['thp', 'policy'],
    policyPath('kind'),
    ...POLICY_FIELDS.map((f) => policyPath(f.key)),
  ];
}
