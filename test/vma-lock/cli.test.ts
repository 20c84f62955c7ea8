/** `npm run -s sim -- lock-lab ...` as users run it (an esbuild bundle of src/cli/main.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { faultMunmapReuse, LEVELS } from '../../src/engine/vma-lock';
import { buildCliBundle, type CliBundle } from '../helpers/cli-bundle';

describe('npm run sim -- lock-lab', () => {
  let cli: CliBundle;
  beforeAll(() => {
    cli = buildCliBundle('mmscope-locklab-');
  }, 60_000);

  it('--list --json prints every level with its expected verdict', () => {
    const r = cli.run('lock-lab', '--list', '--json');
    expect(r.status).toBe(0);
    const levels = JSON.parse(r.stdout) as { id: string; title: string; expected: string }[];
    expect(levels.map((l) => l.id)).toEqual(LEVELS.map((l) => l.id));
    expect(levels.find((l) => l.id === 'mm-uaf-6.15')!.expected).toBe('Sometimes');
    expect(levels.every((l) => l.title.length > 0)).toBe(true);
  });

  it('a level: verdict, counts and the counterexample schedule', () => {
    const r = cli.run('lock-lab', 'no-mm-check', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'level',
      'states',
      'endStates',
      'violations',
      'verdict',
      'counterexample',
    ]);
    expect(out.level).toBe('no-mm-check');
    expect(out.verdict).toBe('Sometimes');
    expect(out.violations).toBeGreaterThan(0);
    expect(out.counterexample.invariant).toBe('read-lock-valid');
    expect(out.counterexample.steps).toHaveLength(22);
    const again = cli.run('lock-lab', 'no-mm-check', '--json', '--no-por');
    expect(JSON.parse(again.stdout).states).toBe(out.states);
  });

  it('a scenario file; the correct kernel has no counterexample', () => {
    const file = join(cli.dir, 'reuse.json');
    writeFileSync(file, JSON.stringify(faultMunmapReuse('7.0')));
    const out = JSON.parse(cli.run('lock-lab', file, '--json').stdout);
    expect(out).toMatchObject({
      level: 'reuse',
      verdict: 'Never',
      violations: 0,
      counterexample: null,
    });
    expect(out.endStates).toBeGreaterThan(0);
  });

  it('refuses past --max-states, and unknown levels, with a message', () => {
    const r = cli.run('lock-lab', 'correct', '--json', '--max-states', '100');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/lower the number of threads/);
    const u = cli.run('lock-lab', 'no-such-level');
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/--list/);
  });
});
