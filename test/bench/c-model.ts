/**
 * The C version of the per-access model (model.c), compiled on the fly when a C compiler is
 * present: the benchmark's reference, measured in the same run as the engine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let binary: string | null | undefined;

function compile(): string | null {
  if (binary !== undefined) return binary;
  try {
    const out = join(mkdtempSync(join(tmpdir(), 'mmscope-bench-')), 'model');
    execFileSync('gcc', ['-O2', '-o', out, join(process.cwd(), 'test/bench/model.c'), '-lm'], {
      stdio: 'ignore',
    });
    binary = out;
  } catch {
    binary = null;
  }
  return binary;
}

/** Accesses per second of the C model for Zipf(s) over 16 GiB, or null without a compiler. */
export function cModelRate(s: number, accesses = 30_000_000): number | null {
  const bin = compile();
  if (!bin) return null;
  const out = execFileSync(bin, [String(s), String(accesses)], { encoding: 'utf8' });
  return Number(out.split(' ')[0]);
}
