/**
 * What the policy scoreboard does: open and close its drawer, run every policy on the scenario
 * on screen (planPolicyRuns, then one pool run per policy), follow each run's progress into its
 * row, and cancel. The live simulation pauses while the policies run, so they have the cores,
 * and plays again afterwards if it was playing and the page still shows the same scenario.
 */
import type { ScoreboardPool, ScoreRun } from '../worker/scoreboard-client';
import { planPolicyRuns } from '../worker/scoreboard-client';
import { useAppStore } from './app-store';
import { liveSim } from './live-sim';
import type { ScoreboardBatch, ScoreboardRow } from './scoreboard-slice';
import { pause, play } from './sim-actions';

/** Makes the pool for a comparison of `runs` runs (the app entry: createScoreboardPool). */
export type ScoreboardPoolFactory = (runs: number) => ScoreboardPool;

let makePool: ScoreboardPoolFactory | null = null;
let active: { id: number; pool: ScoreboardPool; runs: ScoreRun[]; resume: boolean } | null = null;
let lastId = 0;

const store = () => useAppStore.getState();

/** Where comparisons get their workers (the app entry; tests pass in-process pools). */
export function connectScoreboard(factory: ScoreboardPoolFactory): void {
  cancelScoreboard();
  makePool = factory;
}

export function setScoreboardOpen(open: boolean): void {
  const s = store();
  if (open) {
    s.setHelpOpen(false);
    s.setEditorOpen(false);
  }
  s.setScoreboardOpen(open);
}

/** The simulated time per policy for the next comparison, µs (checked when it starts). */
export function setScoreboardDuration(us: number): void {
  store().setScoreboardUs(us);
  store().setScoreboardProblem(null);
}

/** Whether a comparison is running (queued or running runs left). */
export function scoreboardRunning(): boolean {
  return active !== null;
}

/** Run every policy on the scenario on screen for the chosen duration. */
export function runScoreboard(): void {
  const s = store();
  if (!makePool) return s.setScoreboardProblem('The scoreboard has no workers connected.');
  if (s.scenario === null || s.scenarioProblem !== null)
    return s.setScoreboardProblem('No scenario is open: open a preset or a link first.');
  cancelScoreboard();
  const planned = planPolicyRuns(s.scenario, s.scoreboardUs);
  if (!planned.ok) return s.setScoreboardProblem(planned.message);
  const { plan } = planned;
  const pool = makePool(plan.runs.length);
  const id = ++lastId;
  const batch: ScoreboardBatch = {
    id,
    scenario: plan.scenario,
    scenarioHash: s.scenarioHash,
    untilUs: plan.untilUs,
    sampleEveryUs: plan.sampleEveryUs,
    workers: pool.size,
    wallMs: null,
    rows: plan.runs.map((r): ScoreboardRow => ({
      policy: r.policy,
      label: r.label,
      source: r.source,
      params: r.params,
      status: 'queued',
      doneUs: 0,
      message: null,
      score: null,
      samples: null,
    })),
  };
  s.setScoreboardProblem(null);
  s.setScoreboard(batch);
  const resume = liveSim.playing;
  if (resume) pause();
  const startMs = performance.now();
  const patch = (i: number, p: Partial<ScoreboardRow>) => store().patchScoreboardRow(id, i, p);
  const runs = plan.runs.map((r, i) =>
    pool.run(r.spec, {
      hostBytes: r.hostBytes,
      onStart: () => patch(i, { status: 'running' }),
      onProgress: (p) => patch(i, { doneUs: p.doneUs, samples: p.samples }),
    }),
  );
  active = { id, pool, runs, resume };
  const settled = runs.map((run, i) =>
    run.outcome.then((o) => {
      if (o.kind === 'done')
        patch(i, { status: 'done', doneUs: plan.untilUs, score: o.score, samples: o.samples });
      else if (o.kind === 'cancelled') patch(i, { status: 'cancelled' });
      else patch(i, { status: 'failed', message: o.message });
    }),
  );
  void Promise.all(settled).then(() => {
    store().finishScoreboard(id, performance.now() - startMs);
    if (active?.id === id) end();
  });
}

/** Stop the comparison: queued runs never start, running ones stop after their slice. */
export function cancelScoreboard(): void {
  if (!active) return;
  for (const run of active.runs) run.cancel();
  end();
}

function end(): void {
  const a = active;
  if (!a) return;
  active = null;
  a.pool.retire(); // each worker goes once it confirmed its run's end

  const s = store();
  if (a.resume && s.status === 'paused' && s.scoreboard?.scenarioHash === s.scenarioHash) play();
}
