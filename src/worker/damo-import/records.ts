/**
 * Checks shared by both readers: the caps on records, snapshots and regions, and a
 * snapshot's regions sorted by address and non-overlapping (damo's importer rule).
 */
import { DamoImportError } from './errors';
import { MAX_RECORDS, MAX_REGIONS, MAX_SNAPSHOTS } from './limits';
import type { ImportedRegion } from './types';

export class Budget {
  private snapshots = 0;
  private regions = 0;
  records(n: number): void {
    if (n > MAX_RECORDS)
      throw new DamoImportError(
        'too-large',
        `${n} records, more than the import's cap of ${MAX_RECORDS}`,
      );
  }
  snapshot(path: string, regions: number): void {
    this.snapshots += 1;
    this.regions += regions;
    if (this.snapshots > MAX_SNAPSHOTS)
      throw new DamoImportError(
        'too-large',
        `more than ${MAX_SNAPSHOTS.toLocaleString('en-US')} snapshots in all (the import's cap)`,
        path,
      );
    if (this.regions > MAX_REGIONS)
      throw new DamoImportError(
        'too-large',
        `more than ${MAX_REGIONS.toLocaleString('en-US')} regions in all (the import's cap)`,
        path,
      );
  }
}

/** Regions non-empty, sorted by address and disjoint; the error names the first that is not. */
export function checkRegions(regions: ImportedRegion[], path: string): void {
  for (let k = 0; k < regions.length; k++) {
    const r = regions[k]!;
    if (!(r.end > r.start)) {
      throw new DamoImportError(
        'schema',
        `the region is empty or reversed (start ${r.start}, end ${r.end})`,
        `${path}.regions[${k}]`,
      );
    }
    if (k > 0 && r.start < regions[k - 1]!.end) {
      throw new DamoImportError(
        'schema',
        `starts at ${r.start}, before regions[${k - 1}] ends (${regions[k - 1]!.end}): ` +
          `a snapshot's regions must be sorted by address and must not overlap`,
        `${path}.regions[${k}]`,
      );
    }
  }
}
