/**
 * The page's colour theme: the preference kept in localStorage is read before the first paint,
 * the system's `prefers-color-scheme` is watched, and the effective theme (the store's `theme`)
 * is written to `<html data-theme>`, which switches app.css's palette.
 */
import { useLayoutEffect } from 'react';
import { useAppStore, type Theme } from '../../store';
import { loadThemePreference, preferenceStorage, saveThemePreference } from './preferences';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function useTheme(): void {
  useLayoutEffect(() => {
    const storage = preferenceStorage();
    const store = useAppStore.getState();
    const query = typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : null;
    store.setSystemTheme(query?.matches ? 'dark' : 'light');
    store.setThemePreference(loadThemePreference(storage));
    applyTheme(useAppStore.getState().theme);

    const onSystemChange = (e: MediaQueryListEvent) =>
      useAppStore.getState().setSystemTheme(e.matches ? 'dark' : 'light');
    query?.addEventListener('change', onSystemChange);
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      if (s.theme !== prev.theme) applyTheme(s.theme);
      if (s.themePreference !== prev.themePreference)
        saveThemePreference(storage, s.themePreference);
    });
    return () => {
      query?.removeEventListener('change', onSystemChange);
      unsubscribe();
    };
  }, []);
}
