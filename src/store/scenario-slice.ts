/**
 * The scenario being shown, its share-URL form, why a URL could not be opened, and whether a
 * long link is still being decoded.
 */
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
  /** A long link is being decoded off the main thread (the app shows "Opening the link…"). */
  openingLink: boolean;
  setScenario(scenario: Scenario, scenarioHash: string): void;
  setScenarioProblem(problem: ScenarioProblem | null): void;
  setOpeningLink(opening: boolean): void;
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set) => ({
  scenario: null,
  scenarioHash: '',
  scenarioProblem: null,
  openingLink: false,
  setScenario: (scenario, scenarioHash) => set({ scenario, scenarioHash, scenarioProblem: null }),
  setScenarioProblem: (scenarioProblem) => set({ scenarioProblem, openingLink: false }),
  setOpeningLink: (openingLink) => set({ openingLink }),
});
