/**
 * damo's record format (`damo record`, v3.x): a JSON list of records, one per monitored
 * target, each with its monitoring intervals and the snapshots of every aggregation.
 * Quirks kept for compatibility, as damo itself writes them: intervals and times are decimal
 * strings, region addresses are comma-grouped strings ("4,194,304"), ages are strings.
 * `.json` files are plain JSON; anything else is zlib-compressed JSON like damon.data.
 */
import { unzlibSync, zlibSync } from 'fflate';
import type { DamonAttrs } from '../engine/config';
import type { DamonSnapshot } from '../engine/report';

export interface DamoRegion {
  start: string;
  end: string;
  nr_accesses: { samples: number; percent: number | null };
  age: { usec: string | null; aggr_intervals: string };
  probe_hits: number[];
  sz_filter_passed: string;
}

export interface DamoSnapshot {
  start_time: string;
  end_time: string;
  regions: DamoRegion[];
  total_bytes: string;
  damos_stats: null;
  sample_interval_us: string | null;
}

export interface DamoRecord {
  kdamond_idx: number | null;
  context_idx: number | null;
  intervals: {
    sample_us: string;
    aggr_us: string;
    ops_update_us: string;
    intervals_goal: {
      access_bp: string;
      aggrs: string;
      min_sample_us: string;
      max_sample_us: string;
    };
  };
  scheme_idx: null;
  target_id: number;
  scheme_filters: [];
  snapshots: DamoSnapshot[];
  data_source: 'unknown';
}

/** 4194304 -> "4,194,304" (damo's format_sz with raw numbers), without locale data. */
export function commaGroup(n: number): string {
  const s = Math.floor(n).toString();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return out;
}

/**
 * One record per target. Snapshot times are simulated time in nanoseconds from the start
 * of the run; sample_interval_us is set when auto-tuning changed the interval.
 */
export function buildDamoRecord(
  snapshots: DamonSnapshot[],
  attrs: DamonAttrs,
  targets: number[],
): DamoRecord[] {
  return targets.map((process, targetId) => ({
    kdamond_idx: null,
    context_idx: null,
    intervals: {
      sample_us: String(attrs.sample_interval),
      aggr_us: String(attrs.aggr_interval),
      ops_update_us: String(attrs.ops_update_interval),
      intervals_goal: {
        access_bp: attrs.intervals_goal.access_bp.toFixed(6),
        aggrs: String(attrs.intervals_goal.aggrs),
        min_sample_us: String(attrs.intervals_goal.min_sample_us),
        max_sample_us: String(attrs.intervals_goal.max_sample_us),
      },
    },
    scheme_idx: null,
    target_id: targetId,
    scheme_filters: [],
    snapshots: snapshots
      .filter((s) => s.process === process)
      .map((s) => {
        const regions: DamoRegion[] = [];
        let total = 0;
        for (let i = 0; i < s.nrAccesses.length; i++) {
          const start = s.ranges[2 * i]!;
          const end = s.ranges[2 * i + 1]!;
          total += end - start;
          regions.push({
            start: commaGroup(start),
            end: commaGroup(end),
            nr_accesses: { samples: s.nrAccesses[i]!, percent: null },
            age: { usec: null, aggr_intervals: String(s.age[i]!) },
            probe_hits: [],
            sz_filter_passed: '0 B',
          });
        }
        return {
          start_time: String(s.startUs * 1000),
          end_time: String(s.tUs * 1000),
          regions,
          total_bytes: String(total),
          damos_stats: null,
          sample_interval_us: s.sampleUs === attrs.sample_interval ? null : String(s.sampleUs),
        };
      }),
    data_source: 'unknown',
  }));
}

/** The file's bytes: plain JSON, or zlib-compressed JSON (damo's default json_compressed). */
export function encodeDamoRecord(
  records: DamoRecord[],
  format: 'json' | 'json_compressed',
): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(records));
  return format === 'json' ? text : zlibSync(text, { level: 6 });
}

/** A region as numbers, whatever damo version wrote it. */
export interface ParsedRegion {
  start: number;
  end: number;
  nrAccesses: number;
  age: number;
}
export interface ParsedSnapshot {
  startNs: number;
  endNs: number;
  regions: ParsedRegion[];
}
export interface ParsedRecord {
  targetId: number;
  sampleUs: number;
  aggrUs: number;
  snapshots: ParsedSnapshot[];
}

const num = (x: unknown): number =>
  typeof x === 'number' ? x : Number(String(x).replace(/,/g, ''));

/**
 * Read a damo record (bytes of a .json or zlib-compressed file) following damo's own rules:
 * numbers or strings, commas stripped; a trailing truncated snapshot is dropped. Throws an
 * Error naming the problem for anything else.
 */
export function readDamoRecord(bytes: Uint8Array): ParsedRecord[] {
  let text: string;
  if (bytes[0] === 0x78) {
    try {
      text = new TextDecoder().decode(unzlibSync(bytes));
    } catch {
      throw new Error('not a damo record: zlib data that does not decompress');
    }
  } else text = new TextDecoder().decode(bytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('not a damo record: not JSON');
  }
  if (!Array.isArray(data)) throw new Error('not a damo record: expected a JSON list of records');
  return data.map((rec: Record<string, unknown>, i) => {
    const iv = (rec.intervals ?? {}) as Record<string, unknown>;
    const snaps = Array.isArray(rec.snapshots) ? rec.snapshots : [];
    const snapshots: ParsedSnapshot[] = [];
    for (const s of snaps as Record<string, unknown>[]) {
      if (!Array.isArray(s.regions)) continue;
      const regions = (s.regions as Record<string, Record<string, unknown> | string>[]).map(
        (r) => ({
          start: num(r.start),
          end: num(r.end),
          nrAccesses: num((r.nr_accesses as Record<string, unknown>)?.samples ?? r.nr_accesses),
          age: num((r.age as Record<string, unknown>)?.aggr_intervals ?? r.age),
        }),
      );
      if (
        regions.some((r) => !(r.end > r.start)) ||
        regions.some((r, k) => k > 0 && r.start < regions[k - 1]!.end)
      )
        throw new Error(`record ${i}: a snapshot's regions are not sorted and disjoint`);
      snapshots.push({ startNs: num(s.start_time), endNs: num(s.end_time), regions });
    }
    return {
      targetId: num(rec.target_id ?? i),
      sampleUs: num(iv.sample_us ?? 5000),
      aggrUs: num(iv.aggr_us ?? 100000),
      snapshots,
    };
  });
}
