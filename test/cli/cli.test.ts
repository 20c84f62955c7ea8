/** The headless runner: argument parsing, scenario loading, and the same output on every run. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, parseDuration } from '../../src/cli/args';

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
    });
    expect(parseArgs(['x.json', '--until=1s'])).toEqual({
      input: 'x.json',
      untilUs: 1e6,
      json: false,
    });
  });
  it('rejects unknown options and missing input', () => {
    expect(() => parseArgs(['--frobnicate', 'hotwin'])).toThrow(/unknown option/);
    expect(() => parseArgs([])).toThrow(/usage/);
  });
});

describe('npm run sim', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmscope-cli-'));
  const bundle = join(dir, 'sim.mjs');
  beforeAll(() => {
    execFileSync('npx', [
      'esbuild',
      'src/cli/main.ts',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--log-level=warning',
      `--outfile=${bundle}`,
    ]);
  }, 60_000);
  const run = (...args: string[]) => spawnSync('node', [bundle, ...args], { encoding: 'utf8' });

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
});
