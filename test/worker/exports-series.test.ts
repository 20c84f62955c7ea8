/** The counter series of a run, as a Perfetto (Chrome Trace Event) trace and as CSV. */
import { describe, expect, it } from 'vitest';
import { getPreset } from '../../src/scenario';
import { BASE_COLUMNS, sampleCounters } from '../../src/worker/exports/counter-series';
import { regionsCsv, REGION_COLUMNS, seriesCsv } from '../../src/worker/exports/csv';
import { COUNTER_TRACKS, perfettoTrace } from '../../src/worker/exports/perfetto-trace';

const scenario = getPreset('addrpageout');
const series = sampleCounters(scenario, 1e6);

describe('counter series', () => {
  it('samples once per truth interval, and fewer, evenly, past the cap', () => {
    expect(series.stepUs).toBe(scenario.truth.intervalUs);
    expect(series.rows).toHaveLength(1e6 / scenario.truth.intervalUs);
    expect(series.columns.slice(0, BASE_COLUMNS.length)).toEqual([...BASE_COLUMNS]);
    expect(series.columns.slice(BASE_COLUMNS.length)).toEqual([
      'damos0_nr_applied',
      'damos0_sz_applied',
    ]);
    const capped = sampleCounters(scenario, 1e6, 4);
    expect(capped.rows).toHaveLength(4);
    expect(capped.stepUs).toBe(3 * scenario.truth.intervalUs);
    expect(capped.rows.at(-1)![0]).toBe(1e6);
  });

  it('sees the address filter page out one THP and DAMOS apply in intervals', () => {
    const col = (c: string) => series.rows.map((r) => r[series.columns.indexOf(c)]!);
    expect(col('pswpout')[0]).toBe(512);
    expect(col('damos0_sz_applied').every((v) => v === 2 << 20)).toBe(true);
    expect(series.damos.length).toBe(series.rows.length);
    expect(col('nr_regions').every((v) => v >= 10)).toBe(true);
  });
});

describe('perfetto trace', () => {
  const trace = JSON.parse(
    JSON.stringify(
      perfettoTrace(
        series,
        scenario.damon.schemes.map((s) => s.action),
      ),
    ),
  );
  it('has process and thread names, counter tracks with monotonic ts, DAMOS slices', () => {
    const ev = trace.traceEvents as {
      name: string;
      ph: string;
      ts?: number;
      dur?: number;
      args?: Record<string, unknown>;
    }[];
    expect(ev.filter((e) => e.ph === 'M').map((e) => e.args!.name)).toEqual([
      'mmscope: addrpageout',
      'counters',
      'DAMOS scheme 0 (pageout)',
    ]);
    for (const track of COUNTER_TRACKS) {
      const c = ev.filter((e) => e.ph === 'C' && e.name === track.name);
      expect(c).toHaveLength(series.rows.length);
      expect(Object.keys(c[0]!.args!)).toEqual(track.columns);
      for (let i = 1; i < c.length; i++) expect(c[i]!.ts!).toBeGreaterThan(c[i - 1]!.ts!);
    }
    expect(ev.filter((e) => e.ph === 'C').map((e) => e.name)).toContain('DAMON nr_regions');
    const x = ev.filter((e) => e.ph === 'X');
    expect(x.length).toBe(series.damos.length);
    expect(x[0]).toMatchObject({ name: 'damos pageout', ts: 0, dur: scenario.truth.intervalUs });
    expect(trace.metadata.samples).toBe(series.rows.length);
  });
});

describe('csv', () => {
  it('has a header and one line per sample', () => {
    const lines = seriesCsv(series).trimEnd().split('\n');
    expect(lines[0]).toBe(series.columns.join(','));
    expect(lines).toHaveLength(series.rows.length + 1);
    expect(lines[1]!.split(',')).toHaveLength(series.columns.length);
  });
  it('lists the newest aggregation regions, sorted and in the target', () => {
    const lines = regionsCsv(series.lastSnapshots, scenario.damon.targets).trimEnd().split('\n');
    expect(lines[0]).toBe(REGION_COLUMNS.join(','));
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    // the snapshot is the aggregation's; nr_regions is read after the schemes' filter splits
    expect(rows.length).toBeGreaterThanOrEqual(scenario.damon.attrs.min_nr_regions);
    for (const r of rows) expect(r[4]!).toBeGreaterThan(r[3]!);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]![3]!).toBeGreaterThanOrEqual(rows[i - 1]![4]!);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([series.lastSnapshots[0]!.tUs]));
  });
});
