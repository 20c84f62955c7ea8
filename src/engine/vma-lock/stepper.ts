/**
 * The user as the scheduler: replay a schedule (one thread index per atomic step) from the
 * initial state and report where every thread is and the first violation. Undo is replaying
 * a shorter schedule; the model is deterministic, so the same schedule gives the same state.
 */
import { RES_NAMES } from './constants';
import { decodeState, type LabStateView } from './decode';
import { enabled, isDone, runPure, step } from './exec';
import { checkState } from './invariants';
import { T_PC, T_RES } from './layout';
import type { Model } from './model';
import type { StepLabel } from './opcodes';
import { explainViolation, Inv, type Violation } from './violations';
import { waitReason, type WaitReason } from './wait-reason';

export interface ThreadView {
  index: number;
  mm: number;
  done: boolean;
  /** Can step now. */
  enabled: boolean;
  /** Not finished and cannot step: waiting on mmap_lock, for readers, or for the PTL. */
  blocked: boolean;
  /** What a blocked thread waits on and who holds it (null unless blocked). */
  wait: WaitReason | null;
  /** Index of the next step in the thread's listing (= listing length when done). */
  pc: number;
  /** The next step's label (null when done). */
  next: StepLabel | null;
  /** Result of each kernel-level op so far. */
  results: string[];
}

export interface StepperResult {
  /** How many steps of the schedule ran. */
  ran: number;
  state: Uint8Array;
  view: LabStateView;
  threads: ThreadView[];
  violation: Violation | null;
  /** Why the replay stopped early, other than a violation (e.g. a blocked thread was chosen). */
  error: string | null;
}

/** The initial state of a model with its threads moved past leading pure steps. */
export function startState(m: Model): Uint8Array {
  const s = m.init.slice();
  for (let t = 0; t < m.layout.nThreads; t++) runPure(m, s, t);
  return s;
}

export function runSchedule(m: Model, schedule: readonly number[]): StepperResult {
  const s = startState(m);
  let violation: Violation | null = null;
  let error: string | null = null;
  let ran = 0;
  const v0 = checkState(m, s);
  if (v0) violation = explainViolation(v0, m.viol[1]!, m.viol[2]!, m.viol[3]!);
  for (const t of schedule) {
    if (violation) break;
    if (!Number.isInteger(t) || t < 0 || t >= m.layout.nThreads) {
      error = `step ${ran}: there is no thread ${t}`;
      break;
    }
    if (!enabled(m, s, t)) {
      error = `step ${ran}: thread ${t} ${isDone(m, s, t) ? 'has finished' : 'is blocked'}`;
      break;
    }
    let code = step(m, s, t);
    if (!code) code = checkState(m, s);
    ran++;
    if (code) violation = explainViolation(code, m.viol[1]!, m.viol[2]!, m.viol[3]!);
  }
  const threads = threadViews(m, s);
  if (!violation && threads.every((th) => !th.enabled) && threads.some((th) => !th.done))
    violation = explainViolation(Inv.DEADLOCK, 0, 0, 0);
  return { ran, state: s, view: decodeState(m, s), threads, violation, error };
}

export function threadViews(m: Model, s: Uint8Array): ThreadView[] {
  return m.scenario.threads.map((th, t) => {
    const tb = m.layout.threadBase[t]!;
    const pc = s[tb + T_PC]!;
    const done = isDone(m, s, t);
    const en = enabled(m, s, t);
    return {
      index: t,
      mm: th.mm,
      done,
      enabled: en,
      blocked: !done && !en,
      wait: done ? null : waitReason(m, s, t, en),
      pc,
      next: done ? null : (m.labels[t]![pc] ?? null),
      results: th.ops.map((_, k) => RES_NAMES[s[tb + T_RES + k]!] ?? '?'),
    };
  });
}

/** A thread's program as a source-like listing: one line per step, indented by call depth. */
export function listing(m: Model, t: number): { pc: number; text: string; label: StepLabel }[] {
  return (m.labels[t] ?? []).map((label, pc) => ({
    pc,
    label,
    text: `${'  '.repeat(label.stack.length)}${label.fn}: ${label.line}`,
  }));
}
