import { nextU32, type Rng } from '../rng';

/**
 * Per-access write decision, as a threshold on a 32-bit draw: 0 = never write,
 * 2^32 = always (no draw), anything between = a random fraction from the thread's stream.
 */
export function writeThreshold(writeRatio: number): number {
  if (writeRatio >= 1) return 4294967296;
  if (writeRatio <= 0) return 0;
  return Math.floor(writeRatio * 4294967296);
}

/** 1 for a write, 0 for a read; draws from the stream only for a mixed ratio. */
export function writeBit(rng: Rng, threshold: number): number {
  if (threshold === 4294967296) return 1;
  if (threshold === 0) return 0;
  return nextU32(rng) < threshold ? 1 : 0;
}
