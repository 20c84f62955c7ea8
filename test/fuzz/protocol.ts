/** The messages between the fuzzer (main.ts, pool.ts) and its children (child.ts). */
import type { Phase, Report, RunOptions } from './classify';

export type Job =
  | { kind: 'scenario'; index: number }
  /** Links [from, to) of the run, in one go. */
  | { kind: 'links'; from: number; to: number }
  /** A reproducer's input, for --replay. */
  | { kind: 'text'; family: 'scenario' | 'link'; text: string };

export type ToChild = { type: 'init'; seed: number; opts: RunOptions } | { type: 'job'; job: Job };

/** One link's outcome in a batch: [index, outcome, decode ms]; escapes also come as reports. */
export type LinkTally = [number, 'refused' | 'ran' | 'escaped', number];

export type FromChild =
  | { type: 'ready' }
  | { type: 'phase'; phase: Phase }
  | { type: 'report'; report: Report }
  | { type: 'links'; tallies: LinkTally[]; escapes: { index: number; report: Report }[] }
  | { type: 'done'; rssMib: number };
