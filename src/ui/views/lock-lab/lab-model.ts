/**
 * The lock lab's pure view logic: why a thread cannot step (the engine's wait reason, in a
 * sentence), how a listing groups into kernel functions, the schedule as runs of one thread,
 * the explorer's verdict in herd7's words and what the sleep sets saved. No React here, so each piece is testable on its own.
 */
import type { ExploreResult, ThreadView } from '../../../engine/vma-lock';
import type { LabLine } from '../../../worker/lab-protocol';

/** The thread letters: T0, T1, ... */
export const threadName = (t: number): string => `T${t}`;

/**
 * Why thread `th` cannot step now (null when it can): the broken invariant that stopped the
 * run, what it returned, or the engine's wait reason (what it waits on and who holds it).
 */
export function cannotStepReason(th: ThreadView, stopped: boolean): string | null {
  if (stopped) return 'the run stopped at a broken invariant';
  if (th.done) return `${threadName(th.index)} has finished: ${th.results.join(', ')}`;
  if (th.enabled) return null;
  return th.wait?.text ?? `cannot run “${th.next?.line ?? ''}” yet`;
}

/** A run of listing lines in one kernel function (with the same callers). */
export interface ListingBlock {
  fn: string;
  depth: number;
  lines: LabLine[];
}

/** Consecutive lines of the same function and call stack, with the bare jumps left out. */
export function listingBlocks(lines: readonly LabLine[]): ListingBlock[] {
  const blocks: ListingBlock[] = [];
  let key = '';
  for (const l of lines) {
    if (l.jump && l.line === 'goto') continue;
    const k = `${l.stack.join('>')}>${l.fn}`;
    if (k !== key || blocks.length === 0) {
      blocks.push({ fn: l.fn, depth: l.stack.length, lines: [] });
      key = k;
    }
    blocks[blocks.length - 1]!.lines.push(l);
  }
  return blocks;
}

/** The schedule as runs of one thread: [[0, 3], [1, 10], ...] (thread, count). */
export function scheduleRuns(schedule: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const t of schedule) {
    const last = runs[runs.length - 1];
    if (last && last[0] === t) last[1]++;
    else runs.push([t, 1]);
  }
  return runs;
}

/** herd7's summary line: "States 1474, Positive 0, Negative 4: Never". */
export function verdictLine(r: ExploreResult): string {
  return `States ${r.states}, Positive ${r.positive}, Negative ${r.negative}: ${r.verdict}`;
}

/** What the sleep sets saved, given a run with and one without them (same scenario). */
export function porSaving(
  withPor: ExploreResult | null,
  without: ExploreResult | null,
): { saved: number; of: number; fraction: number } | null {
  if (!withPor || !without || without.transitions === 0) return null;
  const saved = without.transitions - withPor.transitions;
  return { saved, of: without.transitions, fraction: saved / without.transitions };
}

/** The lines of a thread's listing it has stepped from so far (from the step trail). */
export function visitedPcs(
  trail: readonly { thread: number; pc: number }[],
  t: number,
): Set<number> {
  const set = new Set<number>();
  for (const s of trail) if (s.thread === t) set.add(s.pc);
  return set;
}
