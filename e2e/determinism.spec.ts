/**
 * The engine in Chromium's worker and the engine in Node (this test process) must reach the
 * same state for the same scenario and time.
 */
import { advanceTo, createSim, stateHash as engineHash } from '../src/engine';
import { encodeScenario, getPreset, toSimConfig } from '../src/scenario';
import { expect, openScenario, stateHash, test } from './fixtures';
import { pauseSim, runUntil, waitPlaying } from './hook';

test('a preset reaches the same state hash in the browser worker as in Node', async ({ page }) => {
  const scenario = getPreset('thpsparse');
  await openScenario(page, encodeScenario(scenario));
  await waitPlaying(page);
  const stopped = await pauseSim(page);
  const t = Math.ceil(stopped / 1_000_000) * 1_000_000 + 1_000_000;
  await runUntil(page, t);
  const browser = await stateHash(page);

  const sim = createSim(toSimConfig(scenario));
  advanceTo(sim, t);
  expect(sim.nowUs).toBe(t);
  expect(browser).toBe(engineHash(sim));
});
