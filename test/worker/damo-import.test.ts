/** The damo record importer on the real fixtures, on every form damo writes, and on bad input. */
import { readFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import { gzipSync as fgzip, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DamoImportError, MAX_INFLATED_BYTES, parseDamoRecord } from '../../src/worker/damo-import';
import { buildDamoRecord, encodeDamoRecord } from '../../src/worker/damo-record';
import type { DamonSnapshot } from '../../src/engine/report';

const FIX = new URL('../fixtures/damo/', import.meta.url);
const fixture = (path: string) => new Uint8Array(readFileSync(new URL(path, FIX)));
const enc = (s: string) => new TextEncoder().encode(s);

function errorOf(f: () => unknown): DamoImportError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DamoImportError);
    return e as DamoImportError;
  }
  throw new Error('expected a DamoImportError');
}

const line = (
  t: string,
  id: number | string,
  n: number,
  s: number,
  e: number | string,
  acc: number,
  age?: number,
) =>
  `kdamond.0  1234 [003]  ${t}: damon:damon_aggregated: target_id=${id} nr_regions=${n} ${s}-${e}: ${acc}` +
  (age === undefined ? '' : ` ${age}`);

describe('the real recordings', () => {
  const host = {
    zlib: parseDamoRecord(fixture('host-6.18-paddr-hotwin/damon.data')),
    gzip: parseDamoRecord(fixture('host-6.18-paddr-hotwin/damon.json.gz')),
    perf: parseDamoRecord(fixture('host-6.18-paddr-hotwin/damon.perf_script.gz')),
  };

  it('reads the guest vaddr damon.data (json_compressed)', () => {
    const r = parseDamoRecord(fixture('guest-6.12-vaddr-hotwin/damon.data'));
    expect(r.format).toBe('json_compressed');
    expect(r.records).toHaveLength(1);
    const rec = r.records[0]!;
    expect(rec.target_id).toBe('0');
    expect(rec.intervals).toEqual({ sample_us: 5000, aggr_us: 100_000, ops_update_us: 1_000_000 });
    expect(rec.snapshots).toHaveLength(158);
    // research/damo.md §2.3: snapshot #100, 4 of its 15 regions
    const s = rec.snapshots[100]!;
    expect([s.start_time, s.end_time]).toEqual([155489279000, 155606717000]);
    const at = s.regions.findIndex((x) => x.start === 140070147330048);
    expect(s.regions).toHaveLength(15);
    expect(s.regions.slice(at, at + 4)).toEqual([
      { start: 140070147330048, end: 140070214221824, nr_accesses: 0, age: 1 },
      { start: 140070214221824, end: 140070270439424, nr_accesses: 18, age: 0 },
      { start: 140070270439424, end: 140070337904640, nr_accesses: 5, age: 1 },
      { start: 140070337904640, end: 140070419890176, nr_accesses: 0, age: 101 },
    ]);
    expect(r.notes).toEqual([]);
  });

  it('reads the host paddr recording in its three forms', () => {
    expect([host.zlib.format, host.gzip.format, host.perf.format]).toEqual([
      'json_compressed',
      'json_gzip',
      'perf_script_gzip',
    ]);
    for (const r of Object.values(host)) {
      expect(r.records).toHaveLength(1);
      expect(r.records[0]!.snapshots).toHaveLength(10);
      expect(r.records[0]!.target_id).toBe('0');
    }
    expect(host.zlib.records[0]!.intervals).toEqual({
      sample_us: 500_000,
      aggr_us: 5_000_000,
      ops_update_us: 60_000_000,
    });
  });

  it('gives the same snapshots in every form; perf-script has no intervals and an estimated first start', () => {
    expect(host.gzip.records).toEqual(host.zlib.records);
    const perf = host.perf.records[0]!;
    // perf-script text carries no intervals; everything else, including damo's estimate of
    // the first start_time (end - mean interval, truncated), is the same
    expect(perf.intervals).toBeNull();
    expect({ ...perf, intervals: host.zlib.records[0]!.intervals }).toEqual(host.zlib.records[0]);
    expect(perf.snapshots[0]!.start_time).toBe(1636788081777);
    expect(host.perf.notes.join('\n')).toMatch(/estimated as its end minus the mean interval/);
  });
});

describe('the project writer round-trips', () => {
  const attrs = {
    sample_interval: 5000,
    aggr_interval: 100_000,
    ops_update_interval: 1_000_000,
    min_nr_regions: 10,
    max_nr_regions: 1000,
    intervals_goal: { access_bp: 0, aggrs: 0, min_sample_us: 0, max_sample_us: 0 },
  };
  const snap = (process: number, tUs: number, base: number): DamonSnapshot => ({
    tUs,
    startUs: tUs - 100_000,
    process,
    ranges: Float64Array.from([base, base + 4096, base + 8192, base + 2 * 2 ** 20]),
    nrAccesses: Uint32Array.from([20, 3]),
    age: Uint32Array.from([7, 0]),
    sampleUs: 5000,
  });
  const snaps = [snap(1, 100_000, 2 ** 46), snap(2, 100_000, 4096), snap(1, 200_000, 2 ** 46)];
  const records = buildDamoRecord(snaps, attrs, [1, 2]);

  it.each(['json', 'json_compressed'] as const)('%s', (form) => {
    const r = parseDamoRecord(encodeDamoRecord(records, form));
    expect(r.format).toBe(form);
    expect(r.records.map((x) => x.target_id)).toEqual(['0', '1']);
    expect(r.records[0]!.intervals).toEqual({
      sample_us: 5000,
      aggr_us: 100_000,
      ops_update_us: 1_000_000,
    });
    expect(r.records[0]!.snapshots.map((s) => [s.start_time, s.end_time])).toEqual([
      [0, 100_000_000],
      [100_000_000, 200_000_000],
    ]);
    expect(r.records[1]!.snapshots[0]!.regions).toEqual([
      { start: 4096, end: 8192, nr_accesses: 20, age: 7 },
      { start: 12288, end: 4096 + 2 ** 21, nr_accesses: 3, age: 0 },
    ]);
  });
});

describe('JSON variants', () => {
  const rec = (regions: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify([
      { target_id: 0, snapshots: [{ start_time: '0', end_time: '100', regions }], ...extra },
    ]);
  const region = (start: unknown, end: unknown, samples = 1) => ({
    start,
    end,
    nr_accesses: { samples, percent: null },
    age: { usec: null, aggr_intervals: '2' },
  });

  it("reads damo report's human strings, old files and the old tracepoint's missing age", () => {
    const text = JSON.stringify({
      kdamond_idx: 0,
      context_idx: '1',
      scheme_idx: null,
      target_id: 18446623438842320123n.toString(),
      intervals: { sample_us: '5 ms', aggr_us: '100 ms', ops_update_us: '1 s' },
      snapshots: [
        {
          start_time: '2 m 21 s 108 ms 936 us 146 ns',
          end_time: '2 m 21 s 208 ms',
          regions: [
            region('4 KiB', '8,192'),
            { start: 8192, end: 12288, nr_accesses: 4, age: null },
          ],
        },
      ],
    });
    const r = parseDamoRecord(enc(text)).records[0]!;
    expect(r).toEqual({
      kdamond_idx: 0,
      context_idx: 1,
      scheme_idx: null,
      target_id: '18446623438842320123',
      intervals: { sample_us: 5000, aggr_us: 100_000, ops_update_us: 1_000_000 },
      snapshots: [
        {
          start_time: 141108936146,
          end_time: 141208000000,
          regions: [
            { start: 4096, end: 8192, nr_accesses: 1, age: 2 },
            { start: 8192, end: 12288, nr_accesses: 4, age: null },
          ],
        },
      ],
    });
  });

  it('keeps a JSON-number target id beyond 2^53 exact', () => {
    const text = '[{"target_id": 18446623438842320123, "snapshots": []}]';
    expect(parseDamoRecord(enc(text)).records[0]!.target_id).toBe('18446623438842320123');
  });

  it('notes wall-clock times beyond 2^53 ns', () => {
    const text = JSON.stringify([
      {
        target_id: null,
        snapshots: [
          { start_time: '1733300000000000000', end_time: '1733300000100000000', regions: [] },
        ],
      },
    ]);
    const r = parseDamoRecord(enc(text));
    expect(r.records[0]!.snapshots[0]!.end_time).toBe(1733300000100000000);
    expect(r.notes.join()).toMatch(/records\[0\]: times are 2\^53 ns or more/);
  });

  it.each([
    [
      rec([region('4,096', '8,192'), region('8,192', 'lots')]),
      'schema',
      /^records\[0\]\.snapshots\[0\]\.regions\[1\]\.end: expected a number like "4,194,304" or "1.5 GiB", got "lots"$/,
    ],
    [
      rec([region('8,192', '12,288'), region('4,096', '9,000')]),
      'schema',
      /^records\[0\]\.snapshots\[0\]\.regions\[1\]: starts at 4096, before regions\[0\] ends \(12288\)/,
    ],
    [rec([region('8,192', '8,192')]), 'schema', /regions\[0\]: the region is empty/],
    [rec([region('max', '8,192')]), 'schema', /regions\[0\]\.start: "max" is 2\^53 or more/],
    [
      rec([{ start: '0', end: '1', nr_accesses: { samples: 'x' } }]),
      'schema',
      /regions\[0\]\.nr_accesses\.samples: expected a whole number/,
    ],
    [
      rec([], { intervals: { sample_us: '5 ms' } }),
      'schema',
      /^records\[0\]\.intervals\.aggr_us: expected a time/,
    ],
    ['[{"target_id": 0}]', 'schema', /^records\[0\]\.snapshots: expected a list, got nothing/],
    [
      '[{"snapshots": [{"start_time": "9", "end_time": "1", "regions": []}]}]',
      'schema',
      /snapshots\[0\]\.end_time: ends \(1 ns\) before it starts/,
    ],
    ['[1]', 'schema', /^records\[0\]: expected an object, got 1/],
    ['{"a": 1}', 'schema', /expected a list of damo records/],
    [
      '[{"snapshots": [{"start_time": "1", "end_ti',
      'truncated',
      /the file ends early \(truncated\?\)/,
    ],
    ['[{"snapshots": []},', 'truncated', /the file ends early/],
    ['[{"snapshots": []}}', 'malformed', /not JSON/],
    ['['.repeat(100_000), 'malformed', /nests more than 32 levels/],
    ['', 'truncated', /empty/],
    ['  \n', 'truncated', /blank/],
  ])('refuses %#', (text, problem, message) => {
    const e = errorOf(() => parseDamoRecord(enc(text)));
    expect(e.problem).toBe(problem);
    expect(e.message).toMatch(message);
  });
});

describe('perf-script text', () => {
  it('groups lines per target into snapshots, by time, with several targets interleaved', () => {
    const text = [
      '# a comment',
      line('1.000000', 0, 2, 0, 4096, 1, 0),
      line('1.000000', 0, 2, 4096, 8192, 2, 0),
      line('1.000010', 1, 1, 4096, 8192, 3, 5),
      'kdamond.0  1234 [003]  1.5: damon:damon_monitor_intervals_tune: sample_us=5000',
      line('2.000000', 0, 1, 0, 8192, 4, 1),
      line('2.000010', 1, 1, 4096, 8192, 5, 6),
      line('3.000000', 0, 2, 0, 4096, 6, 2),
      line('3.000000', 0, 2, 4096, 8192, 7),
      '',
    ].join('\n');
    const r = parseDamoRecord(enc(text));
    expect(r.format).toBe('perf_script');
    expect(r.records.map((x) => [x.target_id, x.snapshots.length])).toEqual([
      ['0', 3],
      ['1', 2],
    ]);
    const t0 = r.records[0]!.snapshots;
    expect(t0.map((s) => [s.start_time, s.end_time])).toEqual([
      [0, 1e9],
      [1e9, 2e9],
      [2e9, 3e9],
    ]);
    expect(t0[2]!.regions[1]).toEqual({ start: 4096, end: 8192, nr_accesses: 7, age: null });
  });

  it('drops a final cut-off aggregation, as damo does, and says so', () => {
    const text = [
      line('1.0', 0, 1, 0, 4096, 1, 0),
      line('2.0', 0, 1, 0, 4096, 1, 1),
      line('3.0', 0, 3, 0, 4096, 1, 2),
    ].join('\n');
    const r = parseDamoRecord(enc(text));
    expect(r.records[0]!.snapshots).toHaveLength(2);
    expect(r.notes.join('\n')).toMatch(
      /last aggregation \(line 3\) has 1 of nr_regions=3 lines .* dropped/,
    );
  });

  it('keeps a target id beyond 2^53 exact', () => {
    const r = parseDamoRecord(enc(line('1.0', '18446623438842320123', 1, 0, 4096, 1, 0)));
    expect(r.records[0]!.target_id).toBe('18446623438842320123');
    expect(r.notes.join()).toMatch(/start_time is unknown/);
  });

  it('reads gzipped and zlib-compressed text', () => {
    const text = enc(line('1.0', 0, 1, 0, 4096, 1, 0));
    expect(parseDamoRecord(fgzip(text)).format).toBe('perf_script_gzip');
    expect(parseDamoRecord(zlibSync(text)).format).toBe('perf_script_zlib');
  });

  it.each([
    [
      [line('1.0', 0, 2, 4096, 8192, 1, 0), line('1.0', 0, 2, 0, 4096, 1, 0)],
      /^line 1: the aggregation starting here: records\[0\]\.snapshots\[0\]\.regions\[1\]: starts at 0, before regions\[0\] ends/,
    ],
    [
      [line('2.0', 0, 1, 0, 4096, 1, 0), line('1.0', 0, 1, 0, 4096, 1, 0)],
      /^line 2: the time goes back/,
    ],
    [
      [line('1.0', 0, 1, 0, 4096, 1, 0), line('1.0', 0, 1, 4096, 8192, 1, 0)],
      /^line 2: more than nr_regions=1/,
    ],
    [[line('1.0', 0, 1, 0, '99999999999999999', 1, 0)], /^line 1: expected the region end/],
    [
      ['x 1.0: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096:'],
      /^line 1: expected "target_id=/,
    ],
    [
      ['x 1.0: damon:damon_aggregated: target_id=a nr_regions=1 0-4096: 1'],
      /^line 1: expected target_id=<number>/,
    ],
    [
      ['x y: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 1'],
      /^line 1: expected the event time/,
    ],
    [['hello world'], /not a damo record/],
    [['x 1.0: damon:damos_before_apply: ctx_idx=0'], /only other damon events/],
  ])('refuses %#', (lines, message) => {
    expect(errorOf(() => parseDamoRecord(enc(lines.join('\n')))).message).toMatch(message);
  });
});

describe('caps and damaged files', () => {
  it('refuses a file over the input cap before reading it', () => {
    const e = errorOf(() => parseDamoRecord(new Uint8Array(2048), { maxInputBytes: 1024 }));
    expect(e.problem).toBe('too-large');
  });

  it('refuses a decompression bomb at the inflated-size cap, while inflating', () => {
    const bomb = new Uint8Array(
      deflateSync(Buffer.alloc(MAX_INFLATED_BYTES + 2 ** 20, 0x20), { level: 1 }),
    );
    expect(bomb.length).toBeLessThan(2 * 2 ** 20);
    const e = errorOf(() => parseDamoRecord(bomb));
    expect(e.problem).toBe('too-large');
    expect(e.message).toMatch(/the zlib data unpacks to more than 256 MiB/);
    const small = new Uint8Array(gzipSync(Buffer.alloc(4 * 2 ** 20, 0x20)));
    expect(errorOf(() => parseDamoRecord(small, { maxInflatedBytes: 2 ** 20 })).message).toMatch(
      /gzip data unpacks to more than 1 MiB/,
    );
  }, 20_000);

  it('says a cut-off damon.data is truncated', () => {
    const data = fixture('guest-6.12-vaddr-hotwin/damon.data');
    for (const n of [100, data.length / 2, data.length - 10]) {
      const e = errorOf(() => parseDamoRecord(data.subarray(0, Math.floor(n))));
      expect(e.problem).toBe('truncated');
      expect(e.message).toMatch(/the file ends early \(truncated\?\)/);
    }
  });

  it('refuses perf.data and the legacy binary format by name', () => {
    expect(errorOf(() => parseDamoRecord(enc('PERFILE2\0\0\0'))).message).toMatch(/perf script -i/);
    expect(errorOf(() => parseDamoRecord(enc('damon_recfmt_ver\x02\0\0\0'))).message).toMatch(
      /legacy binary/,
    );
  });
});
