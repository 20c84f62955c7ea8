/**
 * The CLI as users run it (`npm run sim` runs an esbuild bundle): build it once into a fresh
 * temporary folder and run it with arguments.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliBundle {
  /** Folder for the test's own files. */
  dir: string;
  run(...args: string[]): SpawnSyncReturns<string>;
}

export function buildCliBundle(prefix: string): CliBundle {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const bundle = join(dir, 'sim.mjs');
  execFileSync('npx', [
    'esbuild',
    'src/cli/main.ts',
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--log-level=warning',
    `--outfile=${bundle}`,
  ]);
  return { dir, run: (...args) => spawnSync('node', [bundle, ...args], { encoding: 'utf8' }) };
}
