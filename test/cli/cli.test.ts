/** The headless runner: argument parsing, scenario loading, and the same output on every run. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, parseDuration } from '../../src/cli/args';
import { readDamoRecord } from '../../src/worker/damo-record';
import { buildCliBundle, type CliBundle } from '../helpers/cli-bundle';

describe('parseDuration', () => {
  it.each([
    ['20s', 20e6],
    ['500ms', 500e3],
    ['1.5s', 1.5e6],
    ['2m', 120e6],
    ['250us', 250],
    ['3', 3e6],
  ])('%s -> %d us', (text, us) => expect(parseDuration(text)).toBe(us));
  it.each(['', 'abc', '-1s', '5h', '0s'])('rejects %j', (text) =>
    expect(() => parseDuration(text)).toThrow(),
  );
});

describe('parseArgs', () => {
  it('reads the input, --until and --json', () => {
    expect(parseArgs(['hotwin', '--until', '20s', '--json'])).toEqual({
      input: 'hotwin',
      untilUs: 20e6,
      json: true,
      record: null,
    });
    expect(parseArgs(['x.json', '--until=1s', '--record', 'r.data'])).toEqual({
      input: 'x.json',
      untilUs: 1e6,
      json: false,
      record: 'r.data',
    });
  });
  it('rejects unknown options and missing input', () => {
    expect(() => parseArgs(['--frobnicate', 'hotwin'])).toThrow(/unknown option/);
    expect(() => parseArgs([])).toThrow(/usage/);
  });
});

describe('npm run sim', () => {
  let cli: CliBundle;
  let dir = '';
  beforeAll(() => {
    cli = buildCliBundle('mmscope-cli-');
    dir = cli.dir;
  }, 60_000);
  const run = (...args: string[]) => cli.run(...args);

  it('prints one JSON object with the scenario, stateHash, VMAs by name and metrics, the same every run', () => {
    const a = run('tlbfit', '--until', '300ms', '--json');
    const b = run('tlbfit', '--until', '300ms', '--json');
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout);
    expect(out.scenario.name).toBe('tlbfit');
    expect(out.stateHash).toMatch(/^[0-9a-f]{16}$/);
    expect(out.vmas.map((v: { name: string }) => v.name)).toContain('buf');
    expect(out.metrics.accesses).toBeGreaterThan(1_000_000);
    expect(out.metrics.tlb.l1.hits + out.metrics.tlb.l1.misses).toBeGreaterThan(0);
    expect(out.metrics.residentBytes).toBeGreaterThanOrEqual(256 * 2 ** 20);
  });

  it('--record writes damo records: zlib like damon.data, or plain .json', () => {
    const data = join(dir, 'damon.data');
    const json = join(dir, 'damon.json');
    expect(run('tlbfit', '--until', '1s', '--record', data).status).toBe(0);
    expect(run('tlbfit', '--until', '1s', '--record', json).status).toBe(0);
    const z = readFileSync(data);
    expect(z[0]).toBe(0x78); // zlib header, what `file` calls "zlib compressed data"
    const a = readDamoRecord(z);
    const b = readDamoRecord(readFileSync(json));
    expect(JSON.parse(readFileSync(json, 'utf8'))[0].intervals.sample_us).toBe('5000');
    expect(a).toEqual(b);
    expect(a[0]!.snapshots.length).toBe(10); // one per 100 ms aggregation
    expect(a[0]!.snapshots[0]!.regions.length).toBeGreaterThanOrEqual(10); // min_nr_regions
    expect(run('tlbfit', '--record').status).toBe(2);
  });

  it('runs a scenario file and reports invalid ones clearly', () => {
    const ok = join(dir, 'ok.json');
    writeFileSync(ok, JSON.stringify({ name: 'from-file', seed: 3 }));
    const r = run(ok, '--until', '100ms', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).scenario.name).toBe('from-file');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ machine: { cpus: 0 } }));
    const e = run(bad);
    expect(e.status).toBe(1);
    expect(e.stderr).toMatch(/machine\.cpus/);
    const unknown = run('no-such-preset');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/neither a preset/);
    expect(run('hotwin', '--until', 'soon').status).toBe(2);
  });

  it('--json carries faultRouting (installer -> handler counts) and the NUMA report', () => {
    const r = run('numaoff', '--until', '1200ms', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const fr = out.faultRouting;
    expect(fr.policy).toBe('rfc-v2');
    expect(Object.keys(fr.matrix)).toEqual(['numa', 'damon']);
    expect(fr.matrix.numa.damon).toBeGreaterThan(0);
    expect(fr.misrouted).toBe(fr.matrix.numa.damon + fr.matrix.damon.numa);
    expect(typeof fr.spuriousMigrations).toBe('number');
    expect(out.numa.nodes).toHaveLength(2);
    expect(out.numa.vmstat.numa_pte_updates).toBeGreaterThan(0);
  });

  it('--list prints every preset name, and each name runs', () => {
    const r = run('--list');
    expect(r.status).toBe(0);
    const names = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/)[0]);
    expect(names).toContain('default');
    expect(names).toContain('tieringdamos');
    expect(names.length).toBe(18);
    expect(run(names[names.length - 1]!, '--until', '10ms').status).toBe(0);
  });
});
