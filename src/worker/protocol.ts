/**
 * The only vocabulary spoken across the worker boundary. Both sides switch exhaustively over
 * these unions (assertNever), so a new message cannot be forgotten on one side.
 */
import type { SimConfig } from '../engine/config';
import type { AddressAxis, SimStats, TruthRows, VmaInfo } from '../engine/report';

export const PROTOCOL_VERSION = 1;

export type ToWorker =
  | { type: 'hello'; protocol: number }
  | { type: 'load'; config: SimConfig }
  | { type: 'play' }
  | { type: 'pause' }
  /** Advance by exactly `us` simulated microseconds, then pause. */
  | { type: 'step'; us: number }
  /** Simulated microseconds per wall-clock second while playing (0 = as fast as possible). */
  | { type: 'speed'; simUsPerSec: number }
  /**
   * Run (as fast as possible) until the simulated clock reaches `us`, then pause. Answered by
   * one 'ranUntil' with the same `id` (reached: false when a later command interrupted it).
   */
  | { type: 'runUntil'; us: number; id: number }
  /** Answered by one 'hash' with the same `id`, or an 'error' carrying that `id`. */
  | { type: 'hash'; id: number };

export type FromWorker =
  | { type: 'ready'; protocol: number }
  | { type: 'loaded'; axis: AddressAxis; vmas: VmaInfo[]; stats: SimStats }
  /** Sent at most ~30 times per wall-clock second; `rows.data` is transferred, not copied. */
  | { type: 'frame'; stats: SimStats; vmas: VmaInfo[]; rows: TruthRows; playing: boolean }
  | { type: 'status'; playing: boolean; nowUs: number }
  | { type: 'ranUntil'; id: number; nowUs: number; reached: boolean }
  | { type: 'hash'; id: number; nowUs: number; stateHash: string }
  /** `id` is set when the error answers one request (a 'hash' without a loaded simulation). */
  | { type: 'error'; where: 'load' | 'run' | 'protocol'; message: string; id?: number };

export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}
