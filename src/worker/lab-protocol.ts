/**
 * The lock lab's vocabulary across the worker boundary (lock-lab.worker.ts), apart from the
 * simulation's protocol.ts: the lab has its own worker, so neither side needs the other's
 * messages. Every request carries the whole lab link (encodeLab's form), so a fresh worker (the
 * explorer gets one per run, terminated to cancel it) needs no earlier state.
 */
import type {
  ExploreOutcome,
  KernelGen,
  LabStateView,
  ScalabilityPoint,
  ThreadView,
  Verdict,
  Violation,
} from '../engine/vma-lock';

/**
 * 1: levels, open, step, explore (with progress).
 * 2: explore answers carry the state graph (up to STATE_GRAPH_LIMIT states); threads their
 *    wait reason.
 * 3: steps carry their state's key, graph nodes theirs (the stepper's state in the graph).
 */
export const LAB_PROTOCOL_VERSION = 3;

/** A level as the picker shows it (engine/vma-lock/levels.ts without the scenario). */
export interface LabLevelInfo {
  id: string;
  /** Its lab link with an empty schedule (encodeLab), e.g. "1~l~correct~". */
  link: string;
  title: string;
  goal: string;
  explanation: string;
  /** The verdict the explorer must reach: Never (correct) or Sometimes (broken). */
  expected: Verdict;
  counterexampleLength: number | null;
  kernel: KernelGen;
  threads: number;
}

/** One line of a thread's listing (one atomic step of its program). */
export interface LabLine {
  pc: number;
  fn: string;
  line: string;
  stack: string[];
  opIndex: number;
  /** A pure step (a jump): run with the step before it, the thread never stops here. */
  jump: boolean;
}

export interface LabThreadInfo {
  index: number;
  mm: number;
  /** Its kernel-level operations, e.g. "fault @0", "munmap @0". */
  ops: string[];
  listing: LabLine[];
}

/** The scenario of an open lab link. */
export interface LabInfo {
  /** The link without its schedule (ends with "~"): append the digits to make a link. */
  prefix: string;
  /** The level, when the link names one. */
  level: LabLevelInfo | null;
  kernel: KernelGen;
  /** The variant flags that are on (the checks this scenario removes). */
  variant: string[];
  pages: number;
  threads: LabThreadInfo[];
}

/** One step of the schedule, as run: the thread and the pc it stepped from. */
export interface LabTrailStep {
  thread: number;
  pc: number;
}

/** runSchedule's result, as it crosses the boundary (without the raw state bytes). */
export interface LabStep {
  /** The schedule that ran (shorter than asked when it stopped at `error`). */
  schedule: number[];
  view: LabStateView;
  threads: ThreadView[];
  violation: Violation | null;
  /** Why the replay stopped before the end of the asked schedule, e.g. a blocked thread. */
  error: string | null;
  trail: LabTrailStep[];
  /** The state reached (stateKey): the state graph's node with this key is where the stepper is. */
  stateKey: string;
}

export interface LabScalability {
  model: ScalabilityPoint[];
  seed: { threads: number; before: number; after: number }[];
}

export type ToLab =
  | { type: 'hello'; protocol: number }
  | { type: 'open'; id: number; link: string }
  /** `finishOp`: then step that thread on until its kernel-level operation ends or it stops. */
  | { type: 'step'; id: number; link: string; finishOp?: number }
  | { type: 'explore'; id: number; link: string; por: boolean; progressEvery: number };

export type FromLab =
  | { type: 'ready'; protocol: number; levels: LabLevelInfo[]; scalability: LabScalability }
  | { type: 'opened'; id: number; lab: LabInfo; step: LabStep }
  | { type: 'stepped'; id: number; step: LabStep }
  | { type: 'progress'; id: number; states: number; transitions: number; queued: number }
  | { type: 'explored'; id: number; outcome: ExploreOutcome }
  /** `id` is set when the error answers one request (a link that does not open). */
  | { type: 'error'; id?: number; message: string };
