/** The colour theme (resolution, the store, what is kept) and the explanation's collapse memory. */
import { afterEach, describe, expect, it } from 'vitest';
import { getPreset } from '../../src/scenario';
import { resolveTheme, themePreferenceOf, useAppStore } from '../../src/store';
import {
  COLLAPSED_KEY,
  explanationKey,
  loadCollapsed,
  loadThemePreference,
  MAX_COLLAPSED,
  saveCollapsed,
  saveThemePreference,
  THEME_KEY,
  withCollapsed,
  type PreferenceStorage,
} from '../../src/ui/app/preferences';

function memoryStorage(
  init: Record<string, string> = {},
): PreferenceStorage & { data: Record<string, string> } {
  const data = { ...init };
  return {
    data,
    getItem: (k) => (k in data ? data[k]! : null),
    setItem: (k, v) => {
      data[k] = v;
    },
  };
}

const refusing: PreferenceStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
};

describe('theme', () => {
  const initial = useAppStore.getState();
  afterEach(() => useAppStore.setState(initial, true));

  it('resolves a preference against the system', () => {
    expect(resolveTheme('system', 'dark')).toBe('dark');
    expect(resolveTheme('system', 'light')).toBe('light');
    expect(resolveTheme('light', 'dark')).toBe('light');
    expect(resolveTheme('dark', 'light')).toBe('dark');
  });

  it('reads anything but a known preference as system', () => {
    expect(themePreferenceOf('dark')).toBe('dark');
    expect(themePreferenceOf('Dark')).toBe('system');
    expect(themePreferenceOf(null)).toBe('system');
    expect(themePreferenceOf(1)).toBe('system');
  });

  it('keeps the store’s effective theme current with the preference and the system', () => {
    const s = () => useAppStore.getState();
    expect(s().theme).toBe('light');
    s().setSystemTheme('dark');
    expect(s().theme).toBe('dark');
    s().setThemePreference('light');
    expect(s().theme).toBe('light');
    s().setSystemTheme('light');
    s().setThemePreference('dark');
    expect(s().theme).toBe('dark');
    s().setThemePreference('system');
    expect(s().theme).toBe('light');
  });

  it('is kept in storage, and a missing or refusing storage means system', () => {
    const storage = memoryStorage();
    expect(loadThemePreference(storage)).toBe('system');
    saveThemePreference(storage, 'dark');
    expect(storage.data[THEME_KEY]).toBe('dark');
    expect(loadThemePreference(storage)).toBe('dark');
    expect(loadThemePreference(memoryStorage({ [THEME_KEY]: 'sepia' }))).toBe('system');
    expect(loadThemePreference(null)).toBe('system');
    expect(loadThemePreference(refusing)).toBe('system');
    expect(() => saveThemePreference(refusing, 'dark')).not.toThrow();
  });
});

describe('collapsed explanations', () => {
  it('are remembered per scenario and description', () => {
    const hotwin = getPreset('hotwin');
    const key = explanationKey(hotwin);
    expect(key).toBe(explanationKey(getPreset('hotwin')));
    expect(key).not.toBe(explanationKey(getPreset('tlbfit')));
    expect(key).not.toBe(explanationKey({ ...hotwin, description: `${hotwin.description}!` }));
    expect(key.startsWith('hotwin#')).toBe(true);
  });

  it('are added newest last, removed when shown again, and capped', () => {
    let keys = withCollapsed([], 'a', true);
    keys = withCollapsed(keys, 'b', true);
    keys = withCollapsed(keys, 'a', true);
    expect(keys).toEqual(['b', 'a']);
    expect(withCollapsed(keys, 'b', false)).toEqual(['a']);
    for (let i = 0; i < MAX_COLLAPSED + 5; i++) keys = withCollapsed(keys, `k${i}`, true);
    expect(keys).toHaveLength(MAX_COLLAPSED);
    expect(keys.at(-1)).toBe(`k${MAX_COLLAPSED + 4}`);
  });

  it('round-trip through storage and survive damaged or refused storage', () => {
    const storage = memoryStorage();
    saveCollapsed(storage, ['x#1', 'y#2']);
    expect(loadCollapsed(storage)).toEqual(['x#1', 'y#2']);
    expect(loadCollapsed(memoryStorage({ [COLLAPSED_KEY]: '{not json' }))).toEqual([]);
    expect(loadCollapsed(memoryStorage({ [COLLAPSED_KEY]: '[1,"a",null]' }))).toEqual(['a']);
    expect(loadCollapsed(memoryStorage({ [COLLAPSED_KEY]: '"a"' }))).toEqual([]);
    expect(loadCollapsed(null)).toEqual([]);
    expect(loadCollapsed(refusing)).toEqual([]);
    expect(() => saveCollapsed(refusing, ['a'])).not.toThrow();
  });
});
