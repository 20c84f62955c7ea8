/**
 * `npm run -s sim -- import <damo record> [--json]`: read a damo record in any form damo
 * writes (src/worker/damo-import) and print it as plain numbers, or a short summary.
 */
import { readFileSync, statSync } from 'node:fs';
import {
  DamoImportError,
  MAX_INPUT_BYTES,
  parseDamoRecord,
  type DamoImport,
  type ImportedRecord,
} from '../worker/damo-import';

export const IMPORT_USAGE = `usage: npm run -s sim -- import <file> [--json]
  Reads a damo record in any form damo writes: damon.data (zlib-compressed JSON,
  "json_compressed"), plain or gzipped JSON, or \`perf script\` text of
  damon:damon_aggregated events (plain or gzipped); the form is told from the content.
  (none)  a short summary: records, targets, snapshots, time span and intervals
  --json  print { format, notes, records: [{ kdamond_idx, context_idx, scheme_idx, target_id,
          intervals: { sample_us, aggr_us, ops_update_us } | null, snapshots: [{ start_time,
          end_time (ns), regions: [{ start, end, nr_accesses, age }] }] }] } in plain numbers`;

function us(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6} s`;
  if (n >= 1e3 && n % 1e2 === 0) return `${n / 1e3} ms`;
  return `${n} us`;
}

function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

function describeRecord(r: ImportedRecord, i: number): string[] {
  const where = [
    r.kdamond_idx === null ? null : `kdamond ${r.kdamond_idx}`,
    r.context_idx === null ? null : `context ${r.context_idx}`,
    r.scheme_idx === null ? null : `scheme ${r.scheme_idx}`,
  ].filter((x) => x !== null);
  const lines = [
    `record ${i}: target_id ${r.target_id ?? 'none'}${where.length ? ` (${where.join(', ')})` : ''}, ` +
      `${r.snapshots.length} snapshot${r.snapshots.length === 1 ? '' : 's'}`,
  ];
  const s = r.snapshots;
  if (s.length > 0) {
    const t0 = s[0]!.start_time;
    const t1 = s[s.length - 1]!.end_time;
    let minR = Infinity;
    let maxR = 0;
    let maxAcc = 0;
    let lo = Infinity;
    let hi = 0;
    for (const snap of s) {
      minR = Math.min(minR, snap.regions.length);
      maxR = Math.max(maxR, snap.regions.length);
      for (const reg of snap.regions) maxAcc = Math.max(maxAcc, reg.nr_accesses);
      if (snap.regions.length > 0) {
        lo = Math.min(lo, snap.regions[0]!.start);
        hi = Math.max(hi, snap.regions[snap.regions.length - 1]!.end);
      }
    }
    lines.push(
      `  time: ${(t0 / 1e9).toFixed(3)} s .. ${(t1 / 1e9).toFixed(3)} s (${((t1 - t0) / 1e9).toFixed(3)} s)`,
      `  regions: ${minR === maxR ? minR : `${minR}..${maxR}`} per snapshot` +
        (hi > lo
          ? `, addresses 0x${lo.toString(16)}-0x${hi.toString(16)} (${bytes(hi - lo)})`
          : ''),
      `  highest nr_accesses seen: ${maxAcc}`,
    );
  }
  const iv = r.intervals;
  if (iv === null) {
    lines.push('  intervals: not in the file (perf-script and old records do not carry them)');
  } else {
    const max = iv.sample_us > 0 ? Math.floor(iv.aggr_us / iv.sample_us) : NaN;
    lines.push(
      `  intervals: sample ${us(iv.sample_us)}, aggr ${us(iv.aggr_us)}, ops update ${us(iv.ops_update_us)}`,
      `    nr_accesses counts the samples (one per ${us(iv.sample_us)}) that found a region accessed in` +
        ` one aggregation: 0..${max} per snapshot (aggr / sample); age counts aggregations (${us(iv.aggr_us)} each)`,
    );
  }
  return lines;
}

export function formatImport(result: DamoImport, file: string): string {
  const targets = new Set(result.records.map((r) => r.target_id));
  const snaps = result.records.reduce((n, r) => n + r.snapshots.length, 0);
  const lines = [
    `${file}: damo record, ${result.format}; ${result.records.length} record(s), ` +
      `${targets.size} target(s), ${snaps} snapshot(s)`,
    ...result.records.flatMap(describeRecord),
    ...result.notes.map((n) => `note: ${n}`),
  ];
  return lines.join('\n');
}

export function importMain(argv: string[]): number {
  let file: string | undefined;
  let json = false;
  for (const a of argv) {
    if (a === '--json') json = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(IMPORT_USAGE + '\n');
      return 0;
    } else if (a.startsWith('-')) {
      process.stderr.write(`unknown option ${a}\n${IMPORT_USAGE}\n`);
      return 2;
    } else if (file === undefined) file = a;
    else {
      process.stderr.write(`unexpected argument ${a}\n${IMPORT_USAGE}\n`);
      return 2;
    }
  }
  if (file === undefined) {
    process.stderr.write(IMPORT_USAGE + '\n');
    return 2;
  }
  try {
    // refuse an oversized file before reading it
    const size = statSync(file).size;
    if (size > MAX_INPUT_BYTES) {
      throw new DamoImportError(
        'too-large',
        `the file is ${(size / 2 ** 20).toFixed(1)} MiB, more than the import's cap of ${MAX_INPUT_BYTES / 2 ** 20} MiB`,
      );
    }
    const result = parseDamoRecord(readFileSync(file));
    process.stdout.write(
      json
        ? JSON.stringify({ format: result.format, notes: result.notes, records: result.records }) +
            '\n'
        : formatImport(result, file) + '\n',
    );
    return 0;
  } catch (e) {
    process.stderr.write(`mmscope: ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
