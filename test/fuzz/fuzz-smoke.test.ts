/**
 * SMOKE TEST, BOUNDED: `npm run fuzz` on a fixed seed with few inputs (100 scenarios at 20 ms
 * simulated, 5,000 links), through the same esbuild bundle and child processes as the full
 * run, in ~15-20 s. It asserts that nothing escapes. The full run (2,000 scenarios, 100,000
 * links) is `npm run fuzz`, deliberately not part of `npm test`.
 *
 * The decode limit is 200 ms here instead of 50, the time cap 10 s for 20 ms simulated: this
 * test shares two cores with the rest of the suite, a 1 MiB document takes 5-15 ms to decode
 * on a quiet machine and 3x that on a busy one. Hangs and quadratic decoders still show.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkInput, scenarioInput } from './inputs';

describe('fuzz inputs', () => {
  it('are the same for the same seed and index, and differ across seeds', () => {
    for (const i of [0, 3, 17]) {
      expect(scenarioInput(1, i).text).toBe(scenarioInput(1, i).text);
      expect(scenarioInput(2, i).text).not.toBe(scenarioInput(1, i).text);
    }
    for (const i of [0, 1, 999]) expect(linkInput(1, i)).toBe(linkInput(1, i));
  });
});

describe('fuzz smoke (bounded: 100 scenarios, 5,000 links)', () => {
  it('finds no escapes', { timeout: 90_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmscope-fuzz-'));
    const bundle = join(dir, 'fuzz.mjs');
    execFileSync('npx', [
      'esbuild',
      'test/fuzz/main.ts',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--log-level=warning',
      `--outfile=${bundle}`,
    ]);
    // prettier-ignore
    const args = [
      '--seed', '1', '--scenarios', '100', '--links', '5000', '--sim-ms', '20',
      '--time-cap-s', '10', '--slow-decode-ms', '200', '--out', join(dir, 'escapes'), '--json',
    ];
    const run = spawnSync('node', [bundle, ...args], { encoding: 'utf8' });
    const last = run.stdout.trim().split('\n').pop() ?? '';
    const result = JSON.parse(last) as {
      counts: { all: { tried: number; escaped: number } };
      classes: { key: string; count: number; file: string }[];
    };
    expect(result.counts.all.tried).toBe(5100);
    // On failure this lists every escape class with a reproducer file (replay it with
    // `npm run fuzz -- --replay <file>`).
    expect(result.classes).toEqual([]);
    expect(run.status).toBe(0);
  });
});
