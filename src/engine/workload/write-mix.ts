import { nextU32, type Rng } from '../rng';

/** Per-access write decision: all, none, or a random fraction drawn from the thread's stream. */
export function makeWriteBit(rng: Rng, writeRatio: number): () => number {
  if (writeRatio >= 1) return () => 1;
  if (writeRatio <= 0) return () => 0;
  const threshold = Math.floor(writeRatio * 4294967296);
  return () => (nextU32(rng) < threshold ? 1 : 0);
}
