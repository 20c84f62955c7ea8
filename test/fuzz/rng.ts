/**
 * The fuzzer's randomness: the engine's own sfc32 streams (src/engine/rng.ts), one stream per
 * input, so input i is the same whatever else the run does and can be rebuilt on its own
 * (a child generates it, the parent rebuilds it for the reproducer).
 */
import { createRng, nextU32, type Rng } from '../../src/engine/rng';

export class FuzzRng {
  private readonly r: Rng;

  constructor(seed: number, stream: number) {
    this.r = createRng(seed >>> 0, stream >>> 0);
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    return nextU32(this.r);
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return nextU32(this.r) / 4294967296;
  }

  /** Uniform integer in [0, n) (n <= 2^53; two draws above 2^32). */
  int(n: number): number {
    if (n <= 1) return 0;
    if (n <= 4294967296) return Math.floor(this.float() * n);
    return Math.floor((this.float() + this.float() / 4294967296) * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** Log-uniform number in [lo, hi] (lo > 0): small values as likely as large ones per decade. */
  logUniform(lo: number, hi: number): number {
    return Math.exp(Math.log(lo) + this.float() * (Math.log(hi) - Math.log(lo)));
  }

  /** Log-uniform integer in [lo, hi], lo >= 1. */
  logInt(lo: number, hi: number): number {
    return Math.min(hi, Math.max(lo, Math.round(this.logUniform(lo, hi))));
  }

  /** Small counts: 0 or 1 most of the time, now and then up to `max`. */
  count(max: number, mean = 1.5): number {
    let n = 0;
    while (n < max && this.chance(mean / (mean + 1))) n++;
    return this.chance(0.03) ? this.range(0, max) : n;
  }
}

/** Stream ids: the inputs of each family live in their own range of streams. */
export const STREAM_SCENARIO = 0x1000_0000;
export const STREAM_LINK = 0x4000_0000;
