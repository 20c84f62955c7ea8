/**
 * damo's JSON record list (`damon.json`, and damon.data once unzipped): one record per
 * (kdamond, context, target[, scheme]) with its intervals and snapshots (../shared/research
 * /damo.md §2.2). Fields may be JSON numbers or damo's human strings; older files have only
 * `{target_id, snapshots}`, and regions from the old tracepoint have no age.
 */
import { scanJson } from '../../scenario/json-depth';
import { DamoImportError, show } from './errors';
import { MAX_JSON_DEPTH } from './limits';
import { parseBytes, parseCount, parseTargetId, parseTime } from './numbers';
import { Budget, checkRegions } from './records';
import type { ImportedIntervals, ImportedRecord, ImportedRegion, ImportedSnapshot } from './types';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function objectAt(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new DamoImportError('schema', `expected an object, got ${show(v)}`, path);
  return v;
}

function arrayAt(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v))
    throw new DamoImportError('schema', `expected a list, got ${show(v)}`, path);
  return v;
}

const optCount = (v: unknown, path: string): number | null =>
  v === null || v === undefined ? null : parseCount(v, path);

/** Parse a JSON record list; `bytes` are its UTF-8 bytes (scanned before parsing). */
export function readJsonRecords(bytes: Uint8Array, notes: string[]): ImportedRecord[] {
  const shape = scanJson(bytes, MAX_JSON_DEPTH);
  if (shape.depth > MAX_JSON_DEPTH) {
    throw new DamoImportError(
      'malformed',
      `the JSON nests more than ${MAX_JSON_DEPTH} levels deep; a damo record nests about 6`,
    );
  }
  if (shape.endsInside) {
    throw new DamoImportError(
      'truncated',
      'the file ends early (truncated?): the JSON stops inside a list, object or string',
    );
  }
  let text = new TextDecoder().decode(bytes);
  // Target ids beyond 2^53 (kernel pointers on old kernels) would be rounded by JSON.parse.
  text = text.replace(/("target_id"\s*:\s*)(\d{16,})/g, '$1"$2"');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DamoImportError('malformed', `not JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(data) ? data : isObj(data) && 'snapshots' in data ? [data] : null;
  if (list === null) {
    throw new DamoImportError(
      'schema',
      `expected a list of damo records (objects with "snapshots"), got ${show(data)}`,
    );
  }
  const budget = new Budget();
  budget.records(list.length);
  return list.map((raw, i) => readRecord(raw, `records[${i}]`, budget, notes));
}

function readIntervals(v: unknown, path: string): ImportedIntervals | null {
  if (v === null || v === undefined) return null;
  const o = objectAt(v, path);
  return {
    sample_us: parseTime(o.sample_us, `${path}.sample_us`, 'us'),
    aggr_us: parseTime(o.aggr_us, `${path}.aggr_us`, 'us'),
    ops_update_us: parseTime(o.ops_update_us, `${path}.ops_update_us`, 'us'),
  };
}

function readRecord(raw: unknown, path: string, budget: Budget, notes: string[]): ImportedRecord {
  const o = objectAt(raw, path);
  const snaps = arrayAt(o.snapshots, `${path}.snapshots`);
  const snapshots: ImportedSnapshot[] = [];
  let inexact = false;
  for (let j = 0; j < snaps.length; j++) {
    const sp = `${path}.snapshots[${j}]`;
    const s = objectAt(snaps[j], sp);
    const start_time = parseTime(s.start_time, `${sp}.start_time`, 'ns');
    const end_time = parseTime(s.end_time, `${sp}.end_time`, 'ns');
    if (end_time < start_time) {
      throw new DamoImportError(
        'schema',
        `ends (${end_time} ns) before it starts (${start_time} ns)`,
        `${sp}.end_time`,
      );
    }
    if (end_time > Number.MAX_SAFE_INTEGER) inexact = true;
    const rawRegions = arrayAt(s.regions, `${sp}.regions`);
    budget.snapshot(sp, rawRegions.length);
    const regions = rawRegions.map((r, k) => readRegion(r, `${sp}.regions[${k}]`));
    checkRegions(regions, sp);
    snapshots.push({ start_time, end_time, regions });
  }
  if (inexact) {
    notes.push(
      `${path}: times are 2^53 ns or more (wall-clock, a snapshot-mode record?) and are ` +
        `rounded to the nearest double (within 256 ns)`,
    );
  }
  return {
    kdamond_idx: optCount(o.kdamond_idx, `${path}.kdamond_idx`),
    context_idx: optCount(o.context_idx, `${path}.context_idx`),
    scheme_idx: optCount(o.scheme_idx, `${path}.scheme_idx`),
    target_id: parseTargetId(o.target_id, `${path}.target_id`),
    intervals: readIntervals(o.intervals, `${path}.intervals`),
    snapshots,
  };
}

function readRegion(raw: unknown, path: string): ImportedRegion {
  const r = objectAt(raw, path);
  const start = parseBytes(r.start, `${path}.start`);
  const end = parseBytes(r.end, `${path}.end`);
  const na = r.nr_accesses;
  const nr_accesses = isObj(na)
    ? parseCount(na.samples, `${path}.nr_accesses.samples`)
    : parseCount(na, `${path}.nr_accesses`);
  const ag = r.age;
  const age = isObj(ag)
    ? optCount(ag.aggr_intervals, `${path}.age.aggr_intervals`)
    : optCount(ag, `${path}.age`);
  return { start, end, nr_accesses, age };
}
