/** Resolve the CLI's scenario argument: a preset name, or a path to a scenario JSON file. */
import { readFileSync } from 'node:fs';
import { getPreset, isPresetId, parseScenario, presetIds, type Scenario } from '../scenario';

export function loadScenario(input: string): Scenario {
  if (isPresetId(input)) return getPreset(input);
  if (!input.endsWith('.json'))
    throw new Error(`"${input}" is neither a preset (${presetIds.join(', ')}) nor a .json file`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(input, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${input}: ${(e as Error).message}`, { cause: e });
  }
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(`${input} is not a valid scenario:\n  ${r.errors.join('\n  ')}`);
  return r.scenario;
}
