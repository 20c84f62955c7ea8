/**
 * The scoreboard's store against real hosts through in-process ports: a comparison fills one
 * row per policy from queued through running to done with a score and samples, on a pool sized
 * for its runs; cancel ends every run left; a duration past the limit or a broken scenario is a
 * problem in words, and nothing runs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getPreset, POLICIES } from '../../src/scenario';
import {
  cancelScoreboard,
  connectScoreboard,
  runScoreboard,
  scoreboardRunning,
  setScoreboardDuration,
  setScoreboardOpen,
  useAppStore,
} from '../../src/store';
import { createScoreboardInProcessPort } from '../../src/worker/scoreboard-in-process-port';
import { ScoreboardPool } from '../../src/worker/scoreboard-pool';

const state = () => useAppStore.getState();

async function until(ok: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let pools: { size: number; runs: number }[] = [];
beforeEach(() => {
  pools = [];
  connectScoreboard((runs) => {
    const size = Math.min(2, runs);
    pools.push({ size, runs });
    return new ScoreboardPool(createScoreboardInProcessPort, size);
  });
  state().setScenario(getPreset('default'), 's=test');
  state().setScoreboard(null);
  state().setScoreboardProblem(null);
});
afterEach(() => cancelScoreboard());

describe('the scoreboard store', () => {
  it('opens over the page, closing the editor and the help', () => {
    state().setEditorOpen(true);
    state().setHelpOpen(true);
    setScoreboardOpen(true);
    expect(state()).toMatchObject({ scoreboardOpen: true, editorOpen: false, helpOpen: false });
    setScoreboardOpen(false);
    expect(state().scoreboardOpen).toBe(false);
  });

  it('runs every policy, each row from queued to done with its score', async () => {
    setScoreboardDuration(20_000);
    runScoreboard();
    const b = state().scoreboard!;
    expect(b.rows.map((r) => r.policy)).toEqual(POLICIES.map((p) => p.id));
    expect(b.rows.map((r) => r.status)).toEqual([
      'running',
      'running',
      ...Array<string>(POLICIES.length - 2).fill('queued'),
    ]);
    expect(b).toMatchObject({ scenario: 'default', untilUs: 20_000, workers: 2, wallMs: null });
    expect(pools).toEqual([{ size: 2, runs: POLICIES.length }]);
    expect(scoreboardRunning()).toBe(true);
    await until(() => state().scoreboard?.wallMs !== null, 'the comparison to end');
    const done = state().scoreboard!;
    expect(done.rows.every((r) => r.status === 'done')).toBe(true);
    for (const r of done.rows) {
      expect(r.score?.nowUs).toBe(20_000);
      expect(r.doneUs).toBe(20_000);
      expect(r.samples?.tUs.length).toBeGreaterThan(0);
    }
    // THP always maps the heap with THPs, THP never does not
    const thp = (id: string) => done.rows.find((r) => r.policy === id)!.score!.thpBytes;
    expect(thp('thp-always')).toBeGreaterThan(0);
    expect(thp('thp-never')).toBe(0);
    expect(scoreboardRunning()).toBe(false);
  });

  it('cancels every run left', async () => {
    setScoreboardDuration(30_000_000);
    runScoreboard();
    await until(() => state().scoreboard!.rows[0]!.doneUs > 0, 'the first progress');
    cancelScoreboard();
    await until(() => state().scoreboard?.wallMs !== null, 'the comparison to end');
    const rows = state().scoreboard!.rows;
    expect(rows.every((r) => r.status === 'cancelled')).toBe(true);
    expect(rows[0]!.doneUs).toBeGreaterThan(0);
    expect(rows[0]!.doneUs).toBeLessThan(30_000_000);
    expect(scoreboardRunning()).toBe(false);
  });

  it('says why a comparison cannot start, and starts nothing', () => {
    setScoreboardDuration(75_000_000);
    runScoreboard();
    expect(state().scoreboardProblem).toMatch(/75 s is longer .*choose 60 s or less/);
    expect(state().scoreboard).toBeNull();

    const broken = getPreset('default');
    broken.machine.cpus = 0;
    state().setScenario(broken, 's=broken');
    setScoreboardDuration(1_000_000);
    runScoreboard();
    expect(state().scoreboardProblem).toMatch(/does not check out.*machine\.cpus/);
    expect(pools).toEqual([]);
  });
});
