/**
 * Opening scenarios: from a URL hash (tolerant: a bad link becomes a named problem, never a
 * blank page) or directly. Opening one loads it into the worker and plays in real time.
 */
import { decodeHash, encodeScenario, getPreset, toSimConfig, type Scenario } from '../scenario';
import { useAppStore } from './app-store';
import { haltSim, loadSimConfig } from './sim-actions';

const store = () => useAppStore.getState();

/**
 * Open what a location.hash names. An empty hash opens the default preset; a hash that does not
 * decode records the problem (the app shows it) and stops the simulation.
 */
export function openHash(hash: string): void {
  const result = decodeHash(hash);
  if (result.ok) return openScenario(result.scenario);
  if (result.problem === 'empty') return openScenario(getPreset('default'));
  store().setScenarioProblem({
    problem: result.problem,
    message: result.message,
    details: result.details ?? [],
  });
  haltSim();
}

/** Load `scenario` and play it, unless that very scenario is already loaded and fine. */
export function openScenario(scenario: Scenario): void {
  const encoded = encodeScenario(scenario);
  const s = store();
  const running = s.status === 'playing' || s.status === 'paused' || s.status === 'loading';
  if (encoded === s.scenarioHash && !s.scenarioProblem && running) return;
  s.setScenario(scenario, encoded);
  s.resetHeatZoom();
  s.setHover(null);
  s.setScrubUs(null);
  s.setRegionMark(null);
  void loadSimConfig(toSimConfig(scenario), true);
}
