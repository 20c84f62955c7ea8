/** `npm run sim -- export`: each format from the bundled CLI, and its argument errors. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseExportArgs } from '../../src/cli/export';
import { buildCliBundle, type CliBundle } from '../helpers/cli-bundle';

describe('parseExportArgs', () => {
  it('reads the format, --until, --what and -o', () => {
    expect(
      parseExportArgs([
        'hotwin',
        '--format',
        'csv',
        '--what',
        'regions',
        '--until',
        '2s',
        '-o',
        'x.csv',
      ]),
    ).toEqual({
      input: 'hotwin',
      format: 'csv',
      untilUs: 2e6,
      what: 'regions',
      out: 'x.csv',
    });
    expect(() => parseExportArgs(['hotwin'])).toThrow(/usage/);
    expect(() => parseExportArgs(['hotwin', '--format', 'png'])).toThrow(/one of damo, sysfs/);
    expect(() => parseExportArgs(['hotwin', '--format', 'damo', '--what', 'regions'])).toThrow(
      /csv only/,
    );
  });
});

describe('npm run sim -- export', () => {
  let cli: CliBundle;
  beforeAll(() => {
    cli = buildCliBundle('mmscope-export-');
  }, 60_000);

  it('writes each format', () => {
    const damo = cli.run('export', 'addrpageout', '--format', 'damo');
    expect(damo.status).toBe(0);
    expect(damo.stdout).toMatch(/^damo start \\$/m);
    const sysfs = cli.run('export', 'thpsplit', '--format', 'sysfs');
    expect(sysfs.status).toBe(0);
    execFileSync('sh', ['-n'], { input: sysfs.stdout });
    const file = join(cli.dir, 't.json');
    const pf = cli.run(
      'export',
      'addrpageout',
      '--format',
      'perfetto',
      '--until',
      '300ms',
      '-o',
      file,
    );
    expect(pf.status).toBe(0);
    expect(pf.stdout).toBe('');
    const trace = JSON.parse(readFileSync(file, 'utf8'));
    expect(trace.traceEvents.some((e: { ph: string }) => e.ph === 'C')).toBe(true);
    const csv = cli.run('export', 'addrpageout', '--format', 'csv', '--until', '300ms');
    expect(csv.stdout.trimEnd().split('\n')).toHaveLength(4);
    const regions = cli.run(
      'export',
      'addrpageout',
      '--format',
      'csv',
      '--what',
      'regions',
      '--until',
      '300ms',
    );
    expect(regions.stdout.split('\n')[0]).toBe('time_us,target,process,start,end,nr_accesses,age');
  });

  it('prints --help to stdout, refuses bad arguments, keeps the bare form and --list', () => {
    const help = cli.run('export', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--format damo/);
    expect(cli.run('export', 'addrpageout', '--format', 'x').status).toBe(2);
    expect(cli.run('export', 'nosuch', '--format', 'damo').status).toBe(1);
    expect(cli.run('--list').stdout).toMatch(/^addrpageout/m);
    expect(cli.run('hotwin', '--until', '100ms').status).toBe(0);
    expect(cli.run('--help').stderr).toMatch(/export <preset-name/);
  });
});
