/**
 * The lock lab's state: which mode the page is in, the level catalogue, the open lab (its
 * scenario's listings and the state after the current schedule, both from the lab worker),
 * the explorer's run and results, and the levels solved. The stepping and exploring live in
 * lock-lab-actions.ts.
 */
import type { StateCreator } from 'zustand';
import type { ExploreResult } from '../engine/vma-lock';
import type { LabInfo, LabLevelInfo, LabScalability, LabStep } from '../worker/lab-protocol';
import type { AppState } from './app-state';

/** The memory simulation (heatmaps, DAMON, TLB) or the lock lab. */
export type AppMode = 'mm' | 'lab';

export type LabExplore =
  | { status: 'idle' }
  | { status: 'running'; por: boolean; states: number; transitions: number }
  | { status: 'done'; por: boolean; result: ExploreResult }
  | { status: 'cancelled'; por: boolean; states: number }
  | { status: 'refused'; por: boolean; message: string }
  | { status: 'failed'; message: string };

/** A lab link that did not open, and why, in words. */
export interface LabProblem {
  link: string;
  message: string;
}

export interface LockLabState {
  mode: AppMode;
  labLevels: LabLevelInfo[] | null;
  labScalability: LabScalability | null;
  lab: LabInfo | null;
  labStep: LabStep | null;
  labProblem: LabProblem | null;
  labOpening: boolean;
  labExplore: LabExplore;
  /** The open scenario's finished explorer results, with and without POR, to compare. */
  labResults: { por: ExploreResult | null; full: ExploreResult | null };
  /** Sleep-set partial-order reduction for the next explorer run. */
  labPor: boolean;
  /** Ids of the levels solved on this machine (kept by the view in localStorage). */
  labSolved: string[];
}

export interface LockLabSlice extends LockLabState {
  patchLab(patch: Partial<LockLabState>): void;
}

export const LAB_INITIAL: LockLabState = {
  mode: 'mm',
  labLevels: null,
  labScalability: null,
  lab: null,
  labStep: null,
  labProblem: null,
  labOpening: false,
  labExplore: { status: 'idle' },
  labResults: { por: null, full: null },
  labPor: true,
  labSolved: [],
};

export const createLockLabSlice: StateCreator<AppState, [], [], LockLabSlice> = (set) => ({
  ...LAB_INITIAL,
  patchLab: (patch) => set(patch),
});
