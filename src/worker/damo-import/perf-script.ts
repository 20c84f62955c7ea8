/**
 * `perf script` text of damon:damon_aggregated events (`damo record --output_type
 * perf_script`), one line per region:
 *
 *   kdamond.0  1234 [003]  1642.021165: damon:damon_aggregated: target_id=0 nr_regions=1545 4294967296-4298514432: 0 3
 *
 * Grouped into snapshots as damo does: per target, the lines of one aggregation share a time
 * and there are nr_regions of them; a snapshot starts where the previous one of its target
 * ended, and the first one's start is estimated as its end minus the mean interval. A final
 * snapshot with fewer than nr_regions lines (the file was cut off) is dropped, as damo does.
 * Other lines (other events, comments, blank) are skipped. perf prints times in seconds with
 * six (or, with --ns, nine) decimals; they are read exactly.
 */
import { DamoImportError } from './errors';
import { MAX_REGIONS } from './limits';
import { parseTargetId } from './numbers';
import { Budget, checkRegions } from './records';
import type { ImportedRecord, ImportedRegion } from './types';

const EVENT = 'damon:damon_aggregated:';

interface Open {
  timeNs: number;
  nrRegions: number;
  regions: ImportedRegion[];
  line: number;
}

interface Target {
  record: ImportedRecord;
  index: number;
  open: Open | null;
  /** The end of the previous aggregation, kept or dropped; null before the first. */
  lastNs: number | null;
  dropped: number;
}

function bad(line: number, what: string): never {
  throw new DamoImportError('schema', `line ${line}: ${what}`);
}

/** "1642.021165:" -> 1642021165000 ns, exactly. */
function timeNs(token: string | undefined, line: number): number {
  const m = token === undefined ? null : /^(\d{1,9})\.(\d{1,9}):$/.exec(token);
  if (!m)
    bad(line, `expected the event time like "1642.021165:" before ${EVENT}, got "${token ?? ''}"`);
  return Number(m[1]) * 1e9 + Number(m[2]!.padEnd(9, '0'));
}

function integer(text: string | undefined, line: number, what: string): number {
  if (text === undefined || !/^\d{1,16}$/.test(text))
    bad(line, `expected ${what}, got "${text ?? ''}"`);
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    bad(line, `${what} ${text} is 2^53 or more, beyond what this importer keeps exactly`);
  return n;
}

function field(token: string | undefined, name: string, line: number): string {
  if (token === undefined || !token.startsWith(`${name}=`))
    bad(line, `expected ${name}=<number>, got "${token ?? ''}"`);
  return token.slice(name.length + 1);
}

export function readPerfScript(text: string, notes: string[]): ImportedRecord[] {
  const targets = new Map<string, Target>();
  const records: ImportedRecord[] = [];
  const budget = new Budget();
  let events = 0;
  let otherDamon = 0;

  const close = (t: Target) => {
    const open = t.open;
    if (open === null) return;
    t.open = null;
    const sp = `records[${t.index}].snapshots[${t.record.snapshots.length}]`;
    if (open.regions.length < open.nrRegions) {
      t.dropped++;
    } else {
      budget.snapshot(sp, open.regions.length);
      try {
        checkRegions(open.regions, sp);
      } catch (e) {
        if (e instanceof DamoImportError)
          bad(open.line, `the aggregation starting here: ${e.message}`);
        throw e;
      }
      t.record.snapshots.push({
        start_time: t.lastNs ?? open.timeNs,
        end_time: open.timeNs,
        regions: open.regions,
      });
    }
    t.lastNs = open.timeNs;
  };

  let lineNo = 0;
  for (let at = 0; at < text.length;) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const line = text.slice(at, nl);
    at = nl + 1;
    lineNo++;
    const ev = line.indexOf(EVENT);
    if (ev < 0) {
      if (/\sdamon:\w+:\s/.test(line)) otherDamon++;
      continue;
    }
    events++;
    const before = line.slice(0, ev).trim().split(/\s+/);
    const t = timeNs(before[before.length - 1], lineNo);
    const f = line
      .slice(ev + EVENT.length)
      .trim()
      .split(/\s+/);
    if (f.length < 4 || f.length > 5) {
      bad(lineNo, `expected "target_id=<id> nr_regions=<n> <start>-<end>: <nr_accesses> [<age>]"`);
    }
    const idText = field(f[0], 'target_id', lineNo);
    if (!/^\d{1,20}$/.test(idText)) bad(lineNo, `expected target_id=<number>, got "${f[0]}"`);
    const id = parseTargetId(idText, `line ${lineNo}: target_id`)!;
    const nrRegions = integer(field(f[1], 'nr_regions', lineNo), lineNo, 'nr_regions');
    if (nrRegions > MAX_REGIONS) {
      throw new DamoImportError(
        'too-large',
        `line ${lineNo}: nr_regions=${nrRegions} is more than the import's cap of ${MAX_REGIONS} regions`,
      );
    }
    const range = /^(\d+)-(\d+):$/.exec(f[2]!);
    if (!range) bad(lineNo, `expected the region like "4294967296-4298514432:", got "${f[2]}"`);
    const region: ImportedRegion = {
      start: integer(range[1], lineNo, 'the region start'),
      end: integer(range[2], lineNo, 'the region end'),
      nr_accesses: integer(f[3], lineNo, 'nr_accesses'),
      age: f[4] === undefined ? null : integer(f[4], lineNo, 'age'),
    };
    let target = targets.get(id);
    if (target === undefined) {
      budget.records(records.length + 1);
      const record: ImportedRecord = {
        kdamond_idx: null,
        context_idx: null,
        scheme_idx: null,
        target_id: id,
        intervals: null,
        snapshots: [],
      };
      target = { record, index: records.length, open: null, lastNs: null, dropped: 0 };
      targets.set(id, target);
      records.push(record);
    }
    const open = target.open;
    if (open !== null && open.timeNs === t) {
      if (open.nrRegions !== nrRegions) {
        bad(
          lineNo,
          `nr_regions=${nrRegions}, but the aggregation at line ${open.line} has nr_regions=${open.nrRegions}`,
        );
      }
      if (open.regions.length === nrRegions) {
        bad(
          lineNo,
          `more than nr_regions=${nrRegions} regions for target_id=${id} at ${t / 1e9} s`,
        );
      }
      open.regions.push(region);
      continue;
    }
    const last = open?.timeNs ?? target.lastNs;
    if (last !== null && t < last) {
      bad(
        lineNo,
        `the time goes back (${t / 1e9} s after ${last / 1e9} s): the trace is not time-sorted`,
      );
    }
    close(target);
    target.open = { timeNs: t, nrRegions, regions: [region], line: lineNo };
  }

  if (events === 0) {
    throw new DamoImportError(
      'malformed',
      otherDamon > 0
        ? `no ${EVENT.slice(0, -1)} events (only other damon events): not an access record`
        : `not a damo record: neither JSON, zlib or gzip data, nor perf-script lines of ${EVENT.slice(0, -1)} events`,
    );
  }
  for (const target of targets.values()) {
    const open = target.open;
    const cut = open !== null && open.regions.length < open.nrRegions ? open : null;
    close(target);
    const path = `records[${target.index}] (target_id=${target.record.target_id})`;
    if (cut !== null) {
      notes.push(
        `${path}: the last aggregation (line ${cut.line}) has ${cut.regions.length} of ` +
          `nr_regions=${cut.nrRegions} lines (the file was cut off?) and is dropped, as damo does`,
      );
    }
    const midDropped = target.dropped - (cut !== null ? 1 : 0);
    if (midDropped > 0) {
      notes.push(
        `${path}: ${midDropped} aggregation(s) with fewer than nr_regions lines (perf lost events?) are dropped`,
      );
    }
    const snaps = target.record.snapshots;
    if (snaps.length >= 2) {
      const first = snaps[0]!;
      const mean = (snaps[snaps.length - 1]!.end_time - first.end_time) / (snaps.length - 1);
      first.start_time = Math.trunc(first.end_time - mean);
      notes.push(
        `${path}: the first snapshot's start_time is estimated as its end minus the mean interval, as damo does`,
      );
    } else if (snaps.length === 1) {
      notes.push(
        `${path}: one snapshot only, so its start_time is unknown and set to its end_time`,
      );
    }
  }
  return records;
}
