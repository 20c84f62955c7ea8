/** The scenario being shown, its share-URL form, and why a URL could not be opened. */
import type { StateCreator } from 'zustand';
import type { Scenario } from '../scenario/schema';
import type { AppState } from './app-state';

/** A URL hash that did not decode: the decoder's problem name, message and details. */
export interface ScenarioProblem {
  problem: string;
  message: string;
  details: string[];
}

export interface ScenarioSlice {
  scenario: Scenario | null;
  /** `s=<version>.<data>`: what follows '#' in a link to `scenario`. */
  scenarioHash: string;
  scenarioProblem: ScenarioProblem | null;
  setScenario(scenario: Scenario, scenarioHash: string): void;
  setScenarioProblem(problem: ScenarioProblem | null): void;
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set) => ({
  scenario: null,
  scenarioHash: '',
  scenarioProblem: null,
  setScenario: (scenario, scenarioHash) => set({ scenario, scenarioHash, scenarioProblem: null }),
  setScenarioProblem: (scenarioProblem) => set({ scenarioProblem }),
});
