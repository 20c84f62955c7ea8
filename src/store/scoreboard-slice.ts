/**
 * The policy scoreboard's state: whether its drawer is open, the duration asked for, the last
 * comparison (one row per policy with its run's progress, samples and final score) and why a
 * comparison was refused. The runs themselves live in scoreboard-actions.ts.
 */
import type { StateCreator } from 'zustand';
import type { PolicyScore } from '../engine/thp/score';
import type { PolicyId } from '../scenario/policies';
import type { ScoreSamples } from '../worker/scoreboard-protocol';
import type { AppState } from './app-state';

export type ScoreRunStatus = 'queued' | 'running' | 'done' | 'cancelled' | 'failed';

/** One policy's run in a comparison. */
export interface ScoreboardRow {
  policy: PolicyId;
  label: string;
  /** Where the policy comes from (kernel, seed 002, a paper) and its parameters, in words. */
  source: string;
  params: string;
  status: ScoreRunStatus;
  /** Simulated time the run has reached, µs. */
  doneUs: number;
  /** Why it failed (status 'failed'). */
  message: string | null;
  /** The final score (status 'done'). */
  score: PolicyScore | null;
  /** The sampled score fields so far (a few dozen samples, for the small multiples). */
  samples: ScoreSamples | null;
}

/** One comparison: every policy on one scenario for the same simulated time. */
export interface ScoreboardBatch {
  /** Counts comparisons: an answer for an older one is dropped. */
  id: number;
  /** The scenario's name and link when it started (the page may open another meanwhile). */
  scenario: string;
  scenarioHash: string;
  untilUs: number;
  sampleEveryUs: number;
  /** Workers the pool may run at once. */
  workers: number;
  /** Wall time from start to the last run's end, ms; null while runs are left. */
  wallMs: number | null;
  rows: ScoreboardRow[];
}

/** The duration the drawer offers first, simulated µs. */
export const DEFAULT_SCOREBOARD_US = 3_000_000;

export interface ScoreboardSlice {
  scoreboardOpen: boolean;
  /** The simulated time each policy runs for in the next comparison, µs. */
  scoreboardUs: number;
  scoreboard: ScoreboardBatch | null;
  /** Why the last comparison asked for did not start, naming what to change. */
  scoreboardProblem: string | null;
  setScoreboardOpen(open: boolean): void;
  setScoreboardUs(us: number): void;
  setScoreboard(batch: ScoreboardBatch | null): void;
  setScoreboardProblem(problem: string | null): void;
  /** Update row `index` of comparison `id`, if that is still the one shown. */
  patchScoreboardRow(id: number, index: number, patch: Partial<ScoreboardRow>): void;
  /** Mark comparison `id` finished after `wallMs`. */
  finishScoreboard(id: number, wallMs: number): void;
}

export const createScoreboardSlice: StateCreator<AppState, [], [], ScoreboardSlice> = (
  set,
  get,
) => ({
  scoreboardOpen: false,
  scoreboardUs: DEFAULT_SCOREBOARD_US,
  scoreboard: null,
  scoreboardProblem: null,
  setScoreboardOpen: (scoreboardOpen) => set({ scoreboardOpen }),
  setScoreboardUs: (scoreboardUs) => set({ scoreboardUs }),
  setScoreboard: (scoreboard) => set({ scoreboard }),
  setScoreboardProblem: (scoreboardProblem) => set({ scoreboardProblem }),
  patchScoreboardRow: (id, index, patch) => {
    const now = get().scoreboard;
    if (now?.id !== id) return;
    set({
      scoreboard: { ...now, rows: now.rows.map((r, i) => (i === index ? { ...r, ...patch } : r)) },
    });
  },
  finishScoreboard: (id, wallMs) => {
    const now = get().scoreboard;
    if (now?.id === id) set({ scoreboard: { ...now, wallMs } });
  },
});
