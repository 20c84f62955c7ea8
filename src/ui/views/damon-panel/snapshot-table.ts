/**
 * The snapshot table's rows, like `damo report access`: one line per region with its address
 * range, size, access rate (% of samples and Hz) and age, sortable as damo's
 * --sort_regions_by (address order by default). Pure.
 */
import type { DamonSnapshot } from '../../../engine/report';
import { formatBytes, hex } from '../../format';
import { accessRate, regionText, type RegionText } from '../damon-map/region-format';

export type RegionSortKey = 'address' | 'access_rate' | 'age' | 'size';

export interface RegionSort {
  key: RegionSortKey;
  /** Largest first (the useful default for access rate, age and size). */
  descending: boolean;
}

export const DEFAULT_SORT: RegionSort = { key: 'address', descending: false };

export interface RegionRow {
  /** `0x7f0000000000-0x7f0000200000`, as damo prints a region's address range. */
  range: string;
  /** Stable across re-sorts: target and start address. */
  key: string;
  /** Index of the region in its target's list (address order), as damo numbers them. */
  index: number;
  process: number;
  start: number;
  end: number;
  nrAccesses: number;
  age: number;
  /** nr_accesses / max, 0..1. */
  rate: number;
  text: RegionText;
}

export interface SnapshotTable {
  rows: RegionRow[];
  nrRegions: number;
  totalBytes: string;
  /** Bytes of regions with nr_accesses >= 1. */
  wssBytes: string;
  targets: number;
}

/** The regions of every target's snapshot, as table rows in the requested order. */
export function snapshotTable(
  snapshots: readonly DamonSnapshot[],
  maxNrAccesses: number,
  sort: RegionSort,
): SnapshotTable {
  const rows: RegionRow[] = [];
  let total = 0;
  let wss = 0;
  for (const s of snapshots) {
    const iv = { sampleUs: s.sampleUs, maxNrAccesses };
    for (let i = 0; i < s.nrAccesses.length; i++) {
      const start = s.ranges[2 * i]!;
      const end = s.ranges[2 * i + 1]!;
      const nrAccesses = s.nrAccesses[i]!;
      const age = s.age[i]!;
      total += end - start;
      if (nrAccesses >= 1) wss += end - start;
      rows.push({
        range: `${hex(start)}-${hex(end)}`,
        key: `${s.process}:${start}`,
        index: i,
        process: s.process,
        start,
        end,
        nrAccesses,
        age,
        rate: accessRate(nrAccesses, maxNrAccesses),
        text: regionText({ start, end, nrAccesses, age }, iv),
      });
    }
  }
  return {
    rows: sortRegions(rows, sort),
    nrRegions: rows.length,
    totalBytes: formatBytes(total),
    wssBytes: formatBytes(wss),
    targets: snapshots.length,
  };
}

const KEY_OF: Record<RegionSortKey, (r: RegionRow) => number> = {
  address: (r) => r.start,
  access_rate: (r) => r.rate,
  age: (r) => r.age,
  size: (r) => r.end - r.start,
};

/** A sorted copy; ties keep target and address order. */
export function sortRegions(rows: readonly RegionRow[], sort: RegionSort): RegionRow[] {
  const key = KEY_OF[sort.key];
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort(
    (a, b) => sign * (key(a) - key(b)) || a.process - b.process || a.start - b.start,
  );
}

/** Clicking a column: the same column flips the order, another starts largest-first. */
export function nextSort(current: RegionSort, key: RegionSortKey): RegionSort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key !== 'address' };
}
