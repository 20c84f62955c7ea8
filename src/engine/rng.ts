/**
 * The engine's only randomness: sfc32 (Chris Doty-Humphrey's small fast counting generator)
 * on 32-bit integer arithmetic, so every JS engine produces the same stream. Each consumer
 * (a thread's workload, DAMON's sampler, ...) gets its own stream derived from the one
 * scenario seed and a stream id, so adding a consumer never perturbs the others.
 */
export interface Rng {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** Advance the generator and return a uniform 32-bit unsigned integer. */
export function nextU32(r: Rng): number {
  const t = (((r.a + r.b) | 0) + r.d) | 0;
  r.d = (r.d + 1) | 0;
  r.a = r.b ^ (r.b >>> 9);
  r.b = (r.c + (r.c << 3)) | 0;
  r.c = (r.c << 21) | (r.c >>> 11);
  r.c = (r.c + t) | 0;
  return t >>> 0;
}

/** splitmix32-style scrambler used to expand a seed into generator state. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A generator for (seed, stream): independent, reproducible streams from one seed. */
export function createRng(seed: number, stream: number): Rng {
  const s0 = mix32(seed >>> 0);
  const s1 = mix32(s0 ^ Math.imul(stream + 1, 0x27d4eb2f));
  const r: Rng = { a: s0 | 0, b: s1 | 0, c: mix32(s1) | 0, d: 1 };
  for (let i = 0; i < 12; i++) nextU32(r);
  return r;
}

/** Uniform integer in [lo, hi) — damon_rand(l, r). Requires hi > lo, hi - lo < 2^32. */
export function randRange(r: Rng, lo: number, hi: number): number {
  return lo + Math.floor((nextU32(r) / 4294967296) * (hi - lo));
}

/** Stream ids, one per consumer kind; thread i uses STREAM_THREAD + i. */
export const STREAM_THREAD = 0x100;
export const STREAM_DAMON = 0x200;
export const STREAM_AGENT = 0x300;
