/**
 * Which levels were solved, kept in localStorage so the level list remembers them. Storage may
 * be missing or refuse access: then nothing is remembered and the lab works the same.
 */
import { preferenceStorage, type PreferenceStorage } from '../../app/preferences';

export const SOLVED_KEY = 'mmscope.lab-solved.v1';

export function loadSolved(storage: PreferenceStorage | null = preferenceStorage()): string[] {
  try {
    const v = JSON.parse(storage?.getItem(SOLVED_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 64) : [];
  } catch {
    return [];
  }
}

export function saveSolved(
  ids: readonly string[],
  storage: PreferenceStorage | null = preferenceStorage(),
): void {
  try {
    storage?.setItem(SOLVED_KEY, JSON.stringify(ids));
  } catch {
    // not kept
  }
}
