/** Small helpers shared by the scenario tests. */
import { expect } from 'vitest';
import { getPreset } from '../../src/scenario/presets';
import { parseScenario, type Scenario } from '../../src/scenario/schema';

/** The default preset, edited by `edit` (a fresh copy each call). */
export function defaultWith(edit: (s: Scenario) => void): Scenario {
  const s = getPreset('default');
  edit(s);
  return s;
}

/** Parse `input`, require failure, return the messages. */
export function errorsOf(input: unknown): string[] {
  const result = parseScenario(input);
  expect(result.ok, 'expected the scenario to be rejected').toBe(false);
  return result.ok ? [] : result.errors;
}

/** Parse `input`, require success, return the scenario. */
export function parsed(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(`expected a valid scenario:\n${result.errors.join('\n')}`);
  return result.scenario;
}

/** The first process of a scenario (tests use single-process scenarios). */
export function proc0(s: Scenario): Scenario['processes'][number] {
  const p = s.processes[0];
  if (p === undefined) throw new Error('scenario has no process');
  return p;
}
