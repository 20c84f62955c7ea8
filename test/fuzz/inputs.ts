/**
 * Input i of a run, rebuilt from (seed, i) alone: the children generate their inputs, and the
 * parent rebuilds the one that escaped to write its reproducer.
 *
 *   scenario i: i % 5 < 3 -> (a) a mutated preset, otherwise (b) a generated scenario
 *   link i:     a base link (a preset, or scenario input k < BASE_LINKS) with string edits
 */
import { encodeScenario, getPreset, presetIds } from '../../src/scenario';
import { generatedScenario } from './generate';
import { encodeText } from './link-payload';
import { mutateLink } from './links';
import { mutatedPreset } from './mutate';
import { FuzzRng, STREAM_LINK, STREAM_SCENARIO } from './rng';
import { toJsonText } from './values';

export type Family = 'mutated' | 'generated' | 'links';
export const FAMILIES: readonly Family[] = ['mutated', 'generated', 'links'];

export interface ScenarioInput {
  family: 'mutated' | 'generated';
  /** The JSON text a user would paste or a file would hold. */
  text: string;
}

export function scenarioFamily(index: number): ScenarioInput['family'] {
  return index % 5 < 3 ? 'mutated' : 'generated';
}

export function scenarioInput(seed: number, index: number): ScenarioInput {
  const rng = new FuzzRng(seed, STREAM_SCENARIO + index);
  const family = scenarioFamily(index);
  if (family === 'mutated') return { family, text: toJsonText(mutatedPreset(rng)) };
  return { family, text: JSON.stringify(generatedScenario(rng)) };
}

/** How many distinct base links the link family starts from. */
export const BASE_LINKS = 200;

const bases = new Map<string, string>();

/** Base link k: the presets as they are, then the scenario inputs 0, 1, 2 ... */
export function baseLink(seed: number, k: number): string {
  const key = `${seed}:${k}`;
  let link = bases.get(key);
  if (link === undefined) {
    if (k < presetIds.length) link = encodeScenario(getPreset(presetIds[k]!));
    else {
      const input = scenarioInput(seed, k - presetIds.length);
      link =
        input.family === 'generated'
          ? encodeScenario(JSON.parse(input.text) as Parameters<typeof encodeScenario>[0])
          : encodeText(input.text);
    }
    bases.set(key, link);
  }
  return link;
}

export function linkInput(seed: number, index: number): string {
  const rng = new FuzzRng(seed, STREAM_LINK + index);
  const base = baseLink(seed, rng.int(BASE_LINKS));
  const other = baseLink(seed, rng.int(BASE_LINKS));
  return rng.chance(0.03) ? base : mutateLink(rng, base, other);
}
