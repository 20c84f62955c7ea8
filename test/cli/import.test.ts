/** `npm run -s sim -- import <damo record>`, as users run it (the esbuild bundle). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliBundle, type CliBundle } from '../helpers/cli-bundle';

const GUEST = 'test/fixtures/damo/guest-6.12-vaddr-hotwin/damon.data';
const HOST_PERF = 'test/fixtures/damo/host-6.18-paddr-hotwin/damon.perf_script.gz';

describe('npm run sim -- import', () => {
  let cli: CliBundle;
  beforeAll(() => {
    cli = buildCliBundle('mmscope-import-');
  }, 60_000);

  it('--json prints the guest record in plain numbers', () => {
    const r = cli.run('import', GUEST, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.format).toBe('json_compressed');
    expect(out.notes).toEqual([]);
    expect(out.records).toHaveLength(1);
    const rec = out.records[0];
    expect(Object.keys(rec)).toEqual([
      'kdamond_idx',
      'context_idx',
      'scheme_idx',
      'target_id',
      'intervals',
      'snapshots',
    ]);
    expect(rec.intervals).toEqual({ sample_us: 5000, aggr_us: 100000, ops_update_us: 1000000 });
    expect(rec.snapshots).toHaveLength(158);
    expect(rec.snapshots[0].start_time).toBe(141108936146);
    expect(rec.snapshots[0].regions[0]).toEqual({
      start: 4194304,
      end: 145768448,
      nr_accesses: 0,
      age: 50,
    });
  });

  it('prints a summary with the intervals and what they mean', () => {
    const r = cli.run('import', GUEST);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/json_compressed; 1 record\(s\), 1 target\(s\), 158 snapshot\(s\)/);
    expect(r.stdout).toMatch(/intervals: sample 5 ms, aggr 100 ms, ops update 1 s/);
    expect(r.stdout).toMatch(/0\.\.20 per snapshot \(aggr \/ sample\)/);
    const p = cli.run('import', HOST_PERF);
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(/perf_script_gzip; 1 record\(s\), 1 target\(s\), 10 snapshot\(s\)/);
    expect(p.stdout).toMatch(/note: .*estimated/);
  });

  it('--help, a bad file and a bad option; the bare form and --list still work', () => {
    const h = cli.run('import', '--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/usage: npm run -s sim -- import <file> \[--json\]/);
    const bad = join(cli.dir, 'bad.json');
    writeFileSync(
      bad,
      '[{"snapshots": [{"start_time": "1", "end_time": "2", "regions": [{"start": "x"}]}]}]',
    );
    const b = cli.run('import', bad);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(
      /records\[0\]\.snapshots\[0\]\.regions\[0\]\.start: expected a number/,
    );
    expect(cli.run('import', '--frob').status).toBe(2);
    expect(cli.run('import').status).toBe(2);
    const list = cli.run('--list');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^hotwin\s/m);
    const usage = cli.run('--help');
    expect(usage.stderr).toMatch(/import <file> \[--json\]/);
  });
});
