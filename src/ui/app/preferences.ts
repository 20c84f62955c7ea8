/**
 * What the page remembers between visits, in localStorage: the colour theme picked in the
 * toolbar, and the scenarios whose explanation was collapsed. A scenario's explanation opens
 * unless it was collapsed for that scenario (its name and description), so a preset seen for
 * the first time always opens with it. Storage may be missing or refuse access (private modes,
 * quota): reading then gives the defaults and writing does nothing.
 */
import { themePreferenceOf, type ThemePreference } from '../../store';

export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const THEME_KEY = 'mmscope.theme';
export const COLLAPSED_KEY = 'mmscope.explanation-collapsed.v1';
/** Scenarios remembered as collapsed; the oldest are forgotten first. */
export const MAX_COLLAPSED = 32;

/** The page's localStorage, or null where even looking at it throws. */
export function preferenceStorage(): PreferenceStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function read(storage: PreferenceStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: PreferenceStorage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // not kept: the page works the same, it only forgets
  }
}

export function loadThemePreference(storage: PreferenceStorage | null): ThemePreference {
  return themePreferenceOf(read(storage, THEME_KEY));
}

export function saveThemePreference(
  storage: PreferenceStorage | null,
  preference: ThemePreference,
): void {
  write(storage, THEME_KEY, preference);
}

/** FNV-1a of a string, as 8 hex digits: a short, stable fingerprint of a description. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Which explanation a collapse is remembered for: a new or rewritten description opens again. */
export function explanationKey(scenario: { name: string; description: string }): string {
  return `${scenario.name.slice(0, 64)}#${fingerprint(scenario.description)}`;
}

export function loadCollapsed(storage: PreferenceStorage | null): string[] {
  try {
    const value = JSON.parse(read(storage, COLLAPSED_KEY) ?? '[]') as unknown;
    return Array.isArray(value)
      ? value.filter((k): k is string => typeof k === 'string').slice(-MAX_COLLAPSED)
      : [];
  } catch {
    return [];
  }
}

/** `keys` with `key` remembered as collapsed (newest last) or forgotten. */
export function withCollapsed(keys: readonly string[], key: string, collapsed: boolean): string[] {
  const rest = keys.filter((k) => k !== key);
  return collapsed ? [...rest, key].slice(-MAX_COLLAPSED) : rest;
}

export function saveCollapsed(storage: PreferenceStorage | null, keys: readonly string[]): void {
  write(storage, COLLAPSED_KEY, JSON.stringify(keys));
}
