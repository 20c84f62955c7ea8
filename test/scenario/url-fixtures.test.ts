/**
 * Links shared with earlier builds must open forever. Each file in test/fixtures/urls/ is a
 * link fragment as a released version wrote it; none may ever stop decoding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeHash } from '../../src/scenario/codec';
import { NUMA_DEFAULTS } from '../../src/scenario/numa-schema';
import { parseScenario } from '../../src/scenario/schema';
import { MiB } from '../../src/scenario/units';
import { SCENARIO_VERSION } from '../../src/scenario/version';
import { proc0 } from './helpers';

const dir = fileURLToPath(new URL('../fixtures/urls/', import.meta.url));
const files = readdirSync(dir).filter((f) => /^v\d+-.*\.txt$/.test(f));

function read(file: string): string {
  return readFileSync(`${dir}${file}`, 'utf8').trim();
}

describe('old links', () => {
  it('include the version 1 default link', () => {
    expect(files).toContain('v1-default.txt');
    expect(read('v1-default.txt')).toMatch(/^s=1\.[A-Za-z0-9_-]+$/);
  });

  it.each(files)('%s still decodes to a valid scenario', (file) => {
    const result = decodeHash(`#${read(file)}`);
    if (!result.ok)
      throw new Error(`${file}: ${result.message}\n${(result.details ?? []).join('\n')}`);
    expect(parseScenario(result.scenario).ok).toBe(true);
  });

  it('v1-default.txt still means what it meant when it was written', () => {
    const result = decodeHash(read('v1-default.txt'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.scenario;
    expect(s.name).toBe('default');
    expect(s.seed).toBe(1);
    expect(s.machine.cpus).toBe(2);
    expect(s.machine.nodes).toEqual([{ memMib: 2048, cpuless: false }]);
    expect(s.machine.tlb.l2).toEqual({ entries: 1536, ways: 12, holds2m: true });
    expect(proc0(s).vmas.map((v) => [v.name, v.size / MiB])).toEqual([
      ['heap', 64],
      ['buf', 256],
      ['lib', 8],
    ]);
    expect(proc0(s).threads.map((t) => [t.name, t.ratePerMs])).toEqual([
      ['zipf', 2000],
      ['sweep', 500],
    ]);
    expect(s.truth).toEqual({ intervalUs: 100_000, columns: 512 });
    // version 1 had no kernel field; its engine ran the 6.18 generation
    expect(s.kernel).toBe('6.18');
  });

  it('v2-default.txt names its kernel', () => {
    const result = decodeHash(read('v2-default.txt'));
    expect(result.ok && [result.scenario.v, result.scenario.kernel]).toEqual([
      SCENARIO_VERSION,
      '7.1',
    ]);
    // version 2 had no khugepaged: the link replays without it
    expect(result.ok && result.scenario.thp.khugepaged.run).toBe(false);
  });

  it('v3-default.txt runs khugepaged with the kernel defaults', () => {
    const result = decodeHash(read('v3-default.txt'));
    expect(result.ok && result.scenario.thp.khugepaged).toMatchObject({
      run: true,
      pages_to_scan: 4096,
      scan_sleep_millisecs: 10_000,
      max_ptes_none: 511,
    });
    // version 3 had no access-latency model: the link replays without one
    expect(result.ok && result.scenario.numa).toEqual({ ...NUMA_DEFAULTS, local_latency_ns: 0 });
    expect(result.ok && result.scenario.machine.nodes).toEqual([{ memMib: 2048, cpuless: false }]);
    expect(result.ok && result.scenario.damon.primitive).toBe('page_table');
  });

  it('v4-default.txt has the NUMA defaults, 100 ns local latency included', () => {
    const result = decodeHash(read('v4-default.txt'));
    expect(result.ok && result.scenario.v).toBe(4);
    expect(result.ok && result.scenario.numa).toEqual({
      distance: [],
      local_latency_ns: 100,
      balancing: 0,
      scan_delay_ms: 1000,
      scan_period_min_ms: 1000,
      scan_period_max_ms: 60_000,
      scan_size_mb: 256,
      hot_threshold_ms: 1000,
      promote_rate_limit_MBps: 65_536,
      routing: 'mainline',
      config_damon: true,
    });
  });
});
