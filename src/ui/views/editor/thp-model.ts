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
